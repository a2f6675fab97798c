"""Referrals (问责移交) on the staff screens: the queue of the discipline inspection unit and
the organisation department (city supervisors read it too), and a page per referral with
its two steps. Who may see or act is asked of workflow/referrals.py; the forms call the same
resolvers as the API's mutations."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

from starlette.requests import Request
from starlette.responses import RedirectResponse, Response
from starlette.routing import Route

from models import Referral
from resolvers import referrals
from resolvers.queues import queue_counts
from web.session import clock, render, staff
from workflow.actors import Actor
from workflow.enums import ReferralState, ReferralStep
from workflow.errors import ErrorCode, WorkflowError
from workflow.queues import REFERRALS, queues_for
from workflow.referrals import allowed_referral_steps, sees_referrals

PAGE_SIZE = 25
STATE_TABS: tuple[tuple[str, str], ...] = (
    ("", "全部"),
    (ReferralState.OPEN.value, "待签收"),
    (ReferralState.ACKNOWLEDGED.value, "已签收"),
    (ReferralState.CONCLUDED.value, "已办结"),
)
_STATUS = {
    ErrorCode.STALE_VERSION: 409,
    ErrorCode.WRONG_STATE: 409,
    ErrorCode.NOT_ALLOWED: 403,
    ErrorCode.NOT_FOUND: 404,
}


def _state(raw: str | None) -> ReferralState | None:
    try:
        return ReferralState(raw) if raw else None
    except ValueError:
        return None


async def queue(request: Request) -> Response:
    actor = await staff(request)
    if not sees_referrals(actor):  # no such queue for them: their own home page instead
        return RedirectResponse("/", status_code=303)
    params = request.query_params
    state = _state(params.get("state"))
    try:
        page = await referrals.list_referrals(actor, state, PAGE_SIZE, params.get("after") or None)
    except WorkflowError:
        return RedirectResponse("/referrals", status_code=303)
    records = await referrals.referral_records(actor, page.items)
    filters = {"state": state.value} if state else {}
    return render(
        request,
        "referrals.html",
        {
            "queues": queues_for(actor),
            "counts": await queue_counts(actor, clock(request)),
            "current": REFERRALS,
            "records": records,
            "page": page,
            "state": state.value if state else "",
            "state_tabs": STATE_TABS,
            "next_query": urlencode({**filters, "after": page.end_cursor or ""}),
        },
    )


async def _page(
    request: Request,
    actor: Actor,
    referral: Referral,
    forms: dict[str, dict[str, Any]] | None = None,
    notice: str = "",
    status_code: int = 200,
) -> Response:
    record = await referrals.referral_record(actor, referral)
    return render(
        request,
        "referral.html",
        {
            "rec": record,
            "r": referral,
            "steps": allowed_referral_steps(ReferralState(referral.state), actor),
            "forms": forms or {},
            "notice": notice,
        },
        status_code=status_code,
    )


def _missing(request: Request) -> Response:
    return render(request, "referral.html", {"missing": True}, status_code=404)


async def page(request: Request) -> Response:
    actor = await staff(request)
    try:
        referral = await referrals.get_referral(actor, int(request.path_params["id"]))
    except WorkflowError:
        return _missing(request)
    return await _page(request, actor, referral)


async def act(request: Request) -> Response:
    actor = await staff(request)
    rid = int(request.path_params["id"])
    step = {"acknowledge": ReferralStep.ACKNOWLEDGE, "conclude": ReferralStep.CONCLUDE}.get(
        request.path_params["step"]
    )
    if step is None:
        return _missing(request)
    form = await request.form()
    text = str(form.get("text") or "")
    version_raw = str(form.get("expected_version") or "").strip()
    version = int(version_raw) if version_raw.isdigit() else None
    now = clock(request)
    try:
        if step is ReferralStep.ACKNOWLEDGE:
            await referrals.acknowledge_referral(
                actor, rid, now, note=text, expected_version=version
            )
        else:
            await referrals.conclude_referral(
                actor, rid, now, result=text, expected_version=version
            )
    except WorkflowError as exc:
        try:
            referral = await referrals.get_referral(actor, rid)
        except WorkflowError:
            return _missing(request)
        status = _STATUS.get(exc.code, 422)
        if status == 404:
            return _missing(request)
        if status == 422:  # the message beside the field, the text kept
            forms = {step.value: {"text": text, "error": exc.message}}
            return await _page(request, actor, referral, forms=forms, status_code=422)
        notice = "该问责移交已被他人处理，请查看当前状态。" if status == 409 else exc.message
        return await _page(request, actor, referral, notice=notice, status_code=status)
    return RedirectResponse(f"/referrals/{rid}", status_code=303)


routes = [
    Route("/referrals", queue, methods=["GET"]),
    Route("/referrals/{id:int}", page, methods=["GET"]),
    Route("/referrals/{id:int}/{step:str}", act, methods=["POST"]),
]
