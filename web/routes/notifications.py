"""通知: the list with mark-as-read, and the navbar's unread badge (loaded by htmx)."""

from __future__ import annotations

from starlette.requests import Request
from starlette.responses import HTMLResponse, RedirectResponse, Response
from starlette.routing import Route

from resolvers.notifications import list_notifications, mark_read, unread_count
from web.session import clock, render, staff


async def notifications_page(request: Request) -> Response:
    actor = await staff(request)
    unread_only = request.query_params.get("unread") == "1"
    rows = await list_notifications(actor, unread_only, 100)
    return render(request, "notifications.html", {"rows": rows, "unread_only": unread_only})


async def badge(request: Request) -> Response:
    """A fragment: the number in the navbar, empty when nothing is unread."""
    actor = await staff(request)
    n = await unread_count(actor)
    body = f'<span class="badge text-bg-warning" data-testid="unread">{n}</span>' if n else ""
    return HTMLResponse(body, headers={"Cache-Control": "no-store"})


async def read(request: Request) -> Response:
    actor = await staff(request)
    form = await request.form()
    raw = str(form.get("id") or "")
    ids = [int(raw)] if raw.isdigit() else None
    await mark_read(actor, ids, clock(request))
    return RedirectResponse("/notifications", status_code=303)


routes = [
    Route("/notifications", notifications_page, methods=["GET"]),
    Route("/notifications/count", badge, methods=["GET"]),
    Route("/notifications/read", read, methods=["POST"]),
]
