"""Work queues: each role's home page, filtered and paged in place with htmx."""

from __future__ import annotations

from urllib.parse import urlencode

from starlette.requests import Request
from starlette.responses import RedirectResponse, Response
from starlette.routing import Route

from resolvers.calendar import load_calendar
from resolvers.details import topic_names
from resolvers.queues import default_order, queue_counts, queue_filter
from resolvers.reads import Order, PetitionFilter, list_petitions
from resolvers.units import dispatch_targets, unit_names
from web.session import clock, render, staff
from workflow.deadlines import remaining_in_words, waited_in_words
from workflow.enums import OPEN_STATES, Action, Category, Light, State
from workflow.errors import WorkflowError
from workflow.lights import light_of
from workflow.queues import queue_by_key, queues_for

PAGE_SIZE = 25
_ORDERS = {"deadline": Order.DEADLINE, "new": Order.NEWEST, "waiting": Order.WAITING}


def _choice(enum: type, value: str | None):  # type: ignore[no-untyped-def]
    try:
        return enum(value) if value else None
    except ValueError:
        return None


def _number(value: str | None) -> int | None:
    return int(value) if value and value.isdigit() else None


async def queue(request: Request) -> Response:
    actor = await staff(request)
    now = clock(request)
    params = request.query_params
    current = queue_by_key(actor, params.get("tab"))
    if current.href:  # not a petition queue: it has its own page
        return RedirectResponse(current.href, status_code=303)
    text = (params.get("q") or "").strip()[:50]
    category = _choice(Category, params.get("category"))
    light = _choice(Light, params.get("light"))
    order = _ORDERS.get(params.get("sort") or "", default_order(current))
    # From the command centre: a district, a handling unit, overdue only.
    district = _number(params.get("district"))
    unit = _number(params.get("unit"))
    overdue = True if params.get("overdue") == "1" else None
    only_open = params.get("open") == "1"
    base = PetitionFilter(
        states=sorted(OPEN_STATES) if only_open else None,
        text=text or None,
        category=category,
        light=light,
        district_id=district,
        unit_id=unit,
        topic_id=_number(params.get("topic")),
        overdue=overdue,
    )
    try:
        page = await list_petitions(
            actor,
            queue_filter(actor, current, base),
            now,
            PAGE_SIZE,
            params.get("after") or None,
            order,
            count=True,
        )
    except WorkflowError:
        return RedirectResponse(f"/?tab={current.key}", status_code=303)
    unit_ids = {p.handling_unit_id for p in page.items if p.handling_unit_id} | {
        p.district_id for p in page.items
    }
    units = await unit_names(unit_ids)
    topics = await topic_names()
    cal = await load_calendar()
    rows = []
    for p in page.items:
        lit = light_of(p.state, p.deadline, p.yellow_at, now)
        rows.append(
            {
                "p": p,
                "light": lit,
                "remaining": remaining_in_words(cal, p.deadline, now) if lit and p.deadline else "",
                "waited": waited_in_words(p.inbox_since, now)
                if p.state == State.TRIAGE and p.inbox_since
                else "",
                "unit": units.get(p.handling_unit_id or 0, ""),
                "district": units.get(p.district_id, ""),
                "topic": topics.get(p.topic_id or 0, ""),
                "age_days": max(0, (now - p.created_at).days),
            }
        )
    state = {
        "tab": current.key,
        "q": text,
        "category": category or "",
        "light": light or "",
        "sort": next(k for k, v in _ORDERS.items() if v is order),
        "district": district or "",
        "unit": unit or "",
        "overdue": "1" if overdue else "",
        "open": "1" if only_open else "",
        "topic": params.get("topic") if _number(params.get("topic")) else "",
    }
    filters = {k: v for k, v in state.items() if v}
    after = params.get("after") or ""
    targets = []
    if current.batch is Action.DISPATCH and page.items:
        targets = await dispatch_targets(actor.unit)
    context = {
        "batch_targets": targets,
        "queues": queues_for(actor),
        "counts": await queue_counts(actor, now),
        "current": current,
        "rows": rows,
        "page": page,
        "state": state,
        # The refresh re-reads exactly what is on screen: filters, order and page.
        "query": urlencode({**filters, **({"after": after} if after else {})}),
        "next_query": urlencode({**filters, "after": page.end_cursor or ""}),
    }
    if request.headers.get("hx-request") and request.headers.get("hx-target") == "queue-rows":
        return render(request, "_queue_rows.html", {**context, "refresh_tabs": True})
    return render(request, "queue.html", context)


routes = [Route("/", queue, methods=["GET"])]
