"""The petition page: every fact the staff member may see, and one form per allowed action.

Forms post to the same resolver functions the GraphQL mutations call; this module only parses
form fields and turns the resolvers' WorkflowErrors into HTTP: 422 with the message beside the
field, 409 when someone acted first, 403 when the rules refuse, 404 when the petition is not
visible (whether or not it exists).
"""

from __future__ import annotations

from datetime import datetime
from typing import Any
from urllib.parse import urlencode

from starlette.datastructures import FormData
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import HTMLResponse, RedirectResponse, Response
from starlette.routing import Route

from models import (
    Petition,
)
from resolvers.calendar import load_calendar
from resolvers.details import SAME_PLACE_DAYS, petition_record, related_petitions
from resolvers.duplicates import likely_duplicates_of
from resolvers.queues import next_in_queue
from resolvers.reads import (
    get_petition,
    identity_visible,
    record_personal_data_view,
)
from resolvers.text import is_row_id
from resolvers.views import views_for
from web.labels import label
from web.routes.attachments import attachments_context
from web.routes.petition_forms import FORM_INPUTS, HANDLERS, input_name, opt_int
from web.routes.petition_options import action_options, preview_deadline
from web.session import clock, render, staff
from web.templating import env
from workflow.actors import Actor
from workflow.deadlines import (
    remaining_in_words,
    waited_in_words,
)
from workflow.enums import (
    Action,
    Decision,
    EvaluationSource,
    ExtensionStatus,
    ReplyStatus,
    State,
)
from workflow.errors import ErrorCode, WorkflowError
from workflow.lights import light_of
from workflow.privacy import displayed_identity
from workflow.queues import queues_for
from workflow.transitions import allowed_actions

# An htmx request targeting #petition gets the page's content without the surrounding layout.
_BARE = env.from_string("{% block content %}{% endblock %}")
SLUGS = {a.value.lower().replace("_", "-"): a for a in Action}
STATE_CONFLICT = "该诉求已被他人处理，当前状态："


def slug(action: Action) -> str:
    return action.value.lower().replace("_", "-")


# Statuses the shared labels do not name; shown only on this page.
WORDS = {
    "reply": {
        ReplyStatus.IN_REVIEW: "审核中",
        ReplyStatus.SENT: "已发送",
        ReplyStatus.REJECTED: "已退回修改",
        ReplyStatus.TAKEN_BACK: "已由撰写人收回",
    },
    "extension": {
        ExtensionStatus.PENDING: "待审批",
        ExtensionStatus.APPROVED: "已同意",
        ExtensionStatus.REJECTED: "未同意",
        ExtensionStatus.LAPSED: "已失效（承办单位已变更）",
        ExtensionStatus.WITHDRAWN: "已撤回：已提交答复",
    },
    "decision": {Decision.APPROVED: "同意", Decision.REJECTED: "退回修改"},
    "source": {
        EvaluationSource.PETITIONER: "诉求人评价",
        EvaluationSource.STAFF_CALLBACK: "平台回访",
    },
}
HELPERS = {"slug": slug, "words": WORDS}


# ---- what the page shows ------------------------------------------------------------------


def _identity(actor: Actor, p: Petition, reveal: bool = False) -> dict[str, Any]:
    """Masked by default; those allowed reveal it with a click, and each reveal is logged."""
    allowed = identity_visible(actor, p)
    shown = allowed and reveal
    name, phone = displayed_identity(p.petitioner_name, p.petitioner_phone, p.anonymous, shown)
    return {"name": name, "phone": phone, "revealed": shown, "can_reveal": allowed and not shown}


def _queue_key(actor: Actor, key: object) -> str:
    """The work queue the worker came from, if it is one of theirs (for 下一件)."""
    text = str(key or "")
    return text if any(q.key == text for q in queues_for(actor)) else ""


async def _context(
    actor: Actor,
    p: Petition,
    now: datetime,
    forms: dict[str, dict[str, Any]] | None = None,
    notice: dict[str, Any] | None = None,
    queue_key: str = "",
    done: Action | None = None,
) -> dict[str, Any]:
    identity = _identity(actor, p)
    view, active, in_review, _ = (await views_for([p]))[p.id]
    actions = [a for a in allowed_actions(view, actor) if a in HANDLERS]
    rec = await petition_record(actor, p)
    forms = forms if forms is not None else {}
    options = await action_options(actor, p, view, actions, now, forms)
    lit = light_of(State(p.state), p.deadline, p.yellow_at, now)
    cal = await load_calendar() if lit and p.deadline else None
    return {
        **HELPERS,
        "p": p,
        "fragment": False,
        "identity": identity,
        "light": lit,
        "remaining": remaining_in_words(cal, p.deadline, now) if cal and p.deadline else "",
        "waited": waited_in_words(p.inbox_since, now)
        if p.state == State.TRIAGE and p.inbox_since
        else "",
        "actions": actions,
        "units": rec.units,
        "users": rec.users,
        "topic": rec.topic_path,
        "assignments": rec.assignments,
        "active_ids": {a.id for a in active},
        "replies": rec.replies,
        "reviews": rec.reviews,
        "extensions": rec.extensions,
        "evaluations": rec.evaluations,
        "assessments": rec.assessments,
        "opinions": rec.opinions,
        "materials": rec.materials,
        "events": rec.events,
        "duplicate_of": rec.duplicate_of,
        "duplicates": rec.duplicates,
        "in_review": in_review,
        "pending_extension": rec.pending_extension,
        "sent_reply": rec.sent_reply,
        "opt": options,
        "forms": forms,
        "notice": notice,
        "queue_key": queue_key,
        "done": done,
        # Triage weighs the petition against the same petitioner's and the same place's.
        "related": await related_petitions(actor, p) if p.state == State.TRIAGE else None,
        "related_days": SAME_PLACE_DAYS,
        "similar": await likely_duplicates_of(actor, p) if p.state == State.TRIAGE else [],
        "can_merge": Action.MERGE in actions,
        "next_petition": await next_in_queue(actor, queue_key, p.id, now)
        if done and queue_key
        else None,
        **(await attachments_context(actor, p)),
    }


# ---- routes ---------------------------------------------------------------------------------


def _pid(request: Request) -> int:
    """The petition id of the URL; one no row can have is a missing page, not an overflow."""
    pid: int = request.path_params["id"]
    if not is_row_id(pid):
        raise HTTPException(404)
    return pid


def _htmx(request: Request) -> bool:
    return bool(request.headers.get("hx-request"))


def _missing(request: Request) -> Response:
    return render(request, "petition.html", {"missing": True, "p": None}, status_code=404)


async def petition_page(request: Request) -> Response:
    actor = await staff(request)
    try:
        p = await get_petition(actor, _pid(request))
    except WorkflowError:
        return _missing(request)
    q = request.query_params
    ctx = await _context(
        actor,
        p,
        clock(request),
        queue_key=_queue_key(actor, q.get("queue")),
        done=SLUGS.get(q.get("done") or ""),
    )
    if _htmx(request) and request.headers.get("hx-target") == "petition":
        ctx.update(layout=_BARE, fragment=True)
    return render(request, "petition.html", ctx)


async def reveal_identity(request: Request) -> Response:
    """The petitioner's name and phone for those allowed, recorded on the timeline."""
    actor = await staff(request)
    try:
        p = await get_petition(actor, _pid(request))
    except WorkflowError:
        return _missing(request)
    identity = _identity(actor, p, reveal=True)
    if identity["revealed"]:
        await record_personal_data_view(actor, p, clock(request))
    return render(request, "_identity.html", {"p": p, "identity": identity})


async def deadline_preview(request: Request) -> Response:
    actor = await staff(request)
    try:
        p = await get_petition(actor, _pid(request))
    except WorkflowError:
        return HTMLResponse("诉求不存在或无权查看", status_code=404)
    q = request.query_params
    preview = await preview_deadline(
        p, q.get("complexity"), q.get("time_limit_days"), clock(request)
    )
    return render(request, "_action_preview.html", {"preview": preview})


async def act(request: Request) -> Response:
    actor = await staff(request)
    pid = _pid(request)
    action = SLUGS.get(request.path_params["action"])
    handler = HANDLERS.get(action) if action else None
    if action is None or handler is None:
        return HTMLResponse("没有这个操作", status_code=404)
    form = await request.form()
    raw_version = opt_int(form, "expected_version")
    try:
        await handler(actor, pid, clock(request), form, raw_version)
    except WorkflowError as exc:
        return await _refused(request, actor, pid, action, form, exc)
    queue_key = _queue_key(actor, form.get("queue"))
    query = urlencode({**({"queue": queue_key} if queue_key else {}), "done": slug(action)})
    return RedirectResponse(f"/petitions/{pid}?{query}", status_code=303)


_STATUS = {
    ErrorCode.STALE_VERSION: 409,
    ErrorCode.WRONG_STATE: 409,
    ErrorCode.NOT_ALLOWED: 403,
    ErrorCode.UNAUTHENTICATED: 403,
}


async def _refused(
    request: Request, actor: Actor, pid: int, action: Action, form: FormData, exc: WorkflowError
) -> Response:
    """The form again with the message beside its field (422), or a notice that the page is
    out of date (409) or the step not allowed (403). A petition the actor cannot see is 404
    whatever the error, so its existence never leaks."""
    try:
        p = await get_petition(actor, pid)
    except WorkflowError:
        return _missing(request)
    if exc.code is ErrorCode.NOT_FOUND:
        return _missing(request)
    now = clock(request)
    queue_key = _queue_key(actor, form.get("queue"))
    status = _STATUS.get(exc.code, 422)
    target = {"HX-Retarget": f"#action-{slug(action)}", "HX-Reswap": "outerHTML"}
    if status != 422:
        message = f"{STATE_CONFLICT}{label(p.state)}。" if status == 409 else exc.message
        notice = {"status": status, "message": message, "action": action, "detail": exc.message}
        if _htmx(request):
            response = render(
                request, "_action_notice.html", {**HELPERS, "p": p, "notice": notice}, status
            )
            response.headers.update(target)
            return response
        return render(
            request,
            "petition.html",
            await _context(actor, p, now, notice=notice, queue_key=queue_key),
            status,
        )
    inputs = FORM_INPUTS.get(action, ())
    errors: dict[str, str] = {}
    for api_field, message in exc.fields or [(exc.field or "", exc.message)]:
        field = input_name(api_field)
        errors.setdefault(field if field in inputs else "_form", message)
    values: dict[str, Any] = {k: str(v) for k, v in form.items() if k != "csrf_token"}
    values["cooperating_unit_ids"] = form.getlist("cooperating_unit_ids")
    state = {slug(action): {"values": values, "errors": errors}}
    ctx = (
        await _context(actor, p, now, forms=state, queue_key=queue_key)
        if not _htmx(request)
        else None
    )
    if ctx is None:
        # Only this form is re-rendered: no identity on it, so no reveal is recorded.
        ctx = await _form_context(actor, p, action, now, forms=state)
        ctx.update(action=action, queue_key=queue_key)
        response = render(request, "_action_form.html", ctx, status_code=422)
        response.headers.update(target)
        return response
    return render(request, "petition.html", ctx, status_code=422)


async def _form_context(
    actor: Actor, p: Petition, action: Action, now: datetime, forms: dict[str, dict[str, Any]]
) -> dict[str, Any]:
    """Just what one form needs to be drawn again."""
    view, _, in_review, _ = (await views_for([p]))[p.id]
    options = await action_options(actor, p, view, [action], now, forms)
    rec = await petition_record(actor, p, full=False)
    return {
        **HELPERS,
        "p": p,
        "opt": options,
        "forms": forms,
        "in_review": in_review,
        "pending_extension": rec.pending_extension,
        "sent_reply": rec.sent_reply,
        "units": rec.units,
    }


routes = [
    Route("/petitions/{id:int}", petition_page, methods=["GET"]),
    Route("/petitions/{id:int}/deadline-preview", deadline_preview, methods=["GET"]),
    Route("/petitions/{id:int}/identity", reveal_identity, methods=["POST"]),
    Route("/petitions/{id:int}/{action:str}", act, methods=["POST"]),
]
