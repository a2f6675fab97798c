"""Batch steps from a work queue: the rows a worker ticked, each taken through the same
operation as its own form, and a report of what happened to each row."""

from __future__ import annotations

from starlette.requests import Request
from starlette.responses import HTMLResponse, Response
from starlette.routing import Route

from resolvers import batch_steps
from resolvers.batch_steps import BatchOutcome
from resolvers.reads import get_petition
from web.session import clock, render, staff
from workflow.actors import Actor
from workflow.enums import Action
from workflow.errors import WorkflowError
from workflow.queues import queue_by_key


def _ids(values: list[str]) -> list[int]:
    return [int(v) for v in values if v.isdigit()][: batch_steps.MAX_BATCH + 1]


async def _codes(actor: Actor, outcomes: list[BatchOutcome]) -> dict[int, str]:
    """Tracking codes of the rows the worker may see (a refused row may not be visible)."""
    codes = {}
    for o in outcomes:
        try:
            codes[o.petition_id] = (await get_petition(actor, o.petition_id)).tracking_code
        except WorkflowError:
            codes[o.petition_id] = f"#{o.petition_id}"
    return codes


async def batch(request: Request) -> Response:
    actor = await staff(request)
    form = await request.form()
    queue = queue_by_key(actor, str(form.get("tab") or ""))
    action = queue.batch
    if action is None or request.path_params["action"] != action.value.lower():
        return HTMLResponse("该队列不能批量处理", status_code=404)
    ids = _ids([str(v) for v in form.getlist("ids")])
    now = clock(request)
    try:
        if action is Action.ACCEPT:
            outcomes = await batch_steps.accept_many(actor, ids, now)
        elif action is Action.REVIEW_REPLY:
            outcomes = await batch_steps.review_many(actor, ids, now, approve=True)
        else:
            lead = str(form.get("lead_unit_id") or "")
            outcomes = await batch_steps.dispatch_many(
                actor, ids, now, lead_unit_id=int(lead) if lead.isdigit() else 0
            )
    except WorkflowError as exc:
        return render(
            request,
            "batch_result.html",
            {"queue": queue, "action": action, "error": exc.message, "rows": []},
            status_code=422,
        )
    codes = await _codes(actor, outcomes)
    rows = [(o, codes[o.petition_id]) for o in outcomes]
    return render(
        request,
        "batch_result.html",
        {
            "queue": queue,
            "action": action,
            "rows": rows,
            "succeeded": sum(1 for o in outcomes if o.ok),
        },
    )


routes = [Route("/batch/{action:str}", batch, methods=["POST"])]
