"""What the petition page's forms offer: the dispatch targets and the deadline they would give,
the city departments an escalation may name, the duty items a return may cite."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from models import Petition
from resolvers.calendar import load_calendar
from resolvers.details import duty_items_with_units, escalation_suggestion
from resolvers.dispatch_suggestions import dispatch_suggestions
from resolvers.reply_aids import DRAFT_FIELDS, my_draft, unit_templates
from resolvers.units import city_platform, dispatch_targets, unit_ref
from web.templating import cn_deadline
from workflow.actors import Actor
from workflow.deadlines import compute_deadline, time_limit
from workflow.dispatch_ranking import suggested_cooperating
from workflow.enums import Action, Category, Complexity, Kind, State, UnitKind
from workflow.errors import WorkflowError
from workflow.routing import allows_cooperation, may_cite_in_return, normalise_complexity
from workflow.transitions import PetitionView

_DISPATCH_KINDS = (
    UnitKind.DISTRICT_DEPARTMENT,
    UnitKind.STREET,
    UnitKind.COMMUNITY,
    UnitKind.CITY_DEPARTMENT,
)


async def _dispatch_options(
    p: Petition, view: PetitionView, now: datetime, values: dict[str, Any]
) -> dict[str, Any]:
    """What the dispatch form offers, and the deadline the submitted values would give."""
    category = Category(p.category)
    kind = Kind(p.kind) if p.kind else None
    targets = await dispatch_targets(view.platform)
    groups = [(k, [u for u in targets if u.kind == k]) for k in _DISPATCH_KINDS]
    if category is Category.LIVELIHOOD:
        levels = [Complexity.SIMPLE, Complexity.COMPLEX] if kind is Kind.COMPLAINT else []
    else:
        levels = [Complexity.NORMAL, Complexity.COMPLEX]
    return {
        "unit_groups": [(k, us) for k, us in groups if us],
        "cooperation": allows_cooperation(category),
        "cooperating_units": targets,
        "levels": levels,
        "level": normalise_complexity(category, kind, Complexity(p.complexity)),
        "chooses_days": category is not Category.LIVELIHOOD,
        "preview": await preview_deadline(
            p, values.get("complexity"), values.get("time_limit_days"), now
        ),
    }


async def _suggestions(actor: Actor, p: Petition, now: datetime) -> list[dict[str, Any]]:
    """Units whose duty lists fit, each with what one click puts into the form."""
    try:
        ranked = await dispatch_suggestions(actor, p.id, now)
    except WorkflowError:
        return []
    scores = [s for s, _, _ in ranked]
    joint = allows_cooperation(Category(p.category))
    return [
        {
            "unit": unit,
            "score": s.score,
            "duty_items": items,
            "terms": s.terms,
            "reason": s.reason,
            "cooperating": suggested_cooperating(scores, unit.id) if joint else [],
        }
        for s, unit, items in ranked
    ]


async def _duty_items(actor: Actor) -> list[tuple[str, list[tuple[int, str]]]]:
    """A return cites the duty item of the unit whose job it is: never the returner's own."""
    others = [
        (i.id, f"{unit} · {i.title}")
        for i, unit in await duty_items_with_units()
        if may_cite_in_return(actor.unit.id, i.unit_id)
    ]
    return [("应承办单位的职责事项", others)] if others else []


async def preview_deadline(
    p: Petition, complexity: str | None, days: str | None, now: datetime
) -> dict[str, Any]:
    category = Category(p.category)
    kind = Kind(p.kind) if p.kind else None
    chosen = Complexity(complexity) if complexity and complexity in Complexity.__members__ else None
    level = normalise_complexity(category, kind, chosen or Complexity(p.complexity))
    requested: int | None
    try:
        requested = int(days) if days and days.strip() else None
    except ValueError:
        requested = -1
    try:
        n = time_limit(category, kind, level, requested)
    except WorkflowError as exc:
        return {"error": exc.message}
    deadline = compute_deadline(await load_calendar(), now, n)
    return {"days": n, "due": cn_deadline(deadline.due_at), "estimated": deadline.estimated}


async def action_options(
    actor: Actor,
    p: Petition,
    view: PetitionView,
    actions: list[Action],
    now: datetime,
    forms: dict[str, dict[str, Any]] | None,
) -> dict[str, Any]:
    """The choices each offered form needs, read only for the forms on the page."""
    options: dict[str, Any] = {}
    if Action.DISPATCH in actions:
        values = (forms or {}).get("dispatch", {}).get("values", {})
        options.update(await _dispatch_options(p, view, now, values))
        options["suggestions"] = await _suggestions(actor, p, now)
        if view.platform.kind is UnitKind.CITY_PLATFORM:
            options["suggested"] = await escalation_suggestion(p.id)
    if Action.RETURN in actions:
        options["duty_groups"] = await _duty_items(actor)
    if Action.SUBMIT_REPLY in actions:
        options["templates"] = await unit_templates(actor)
        draft = await my_draft(actor, p.id)
        options["draft"] = draft
        if draft is not None and forms is not None and "submit-reply" not in forms:
            # The form opens with the author's saved draft (filled into the caller's forms).
            forms["submit-reply"] = {
                "values": {c: getattr(draft, c) for c in DRAFT_FIELDS},
                "errors": {},
            }
    if Action.ESCALATE in actions and p.state == State.TRIAGE:
        options["city_departments"] = await dispatch_targets(unit_ref(await city_platform()))
    return options
