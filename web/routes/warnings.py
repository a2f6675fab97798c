"""监测预警: today's warnings, each linking to its petitions where it has a list, and each
acknowledgeable by the platform."""

from __future__ import annotations

from urllib.parse import urlencode

from starlette.requests import Request
from starlette.responses import RedirectResponse, Response
from starlette.routing import Route

from resolvers.warnings import acknowledge, warnings
from web.command_views import WARNING_TITLES, warnings_chart, warnings_sheet
from web.session import clock, render, staff
from web.xlsx import xlsx_response
from workflow.deadlines import TZ
from workflow.errors import WorkflowError


async def warnings_page(request: Request) -> Response:
    actor = await staff(request)
    try:
        found = await warnings(actor, clock(request))
    except WorkflowError as exc:
        return render(request, "command_forbidden.html", {"message": exc.message}, 403)
    rows = [
        (w, "/?" + urlencode({"tab": "all", **w.petitions}) if w.petitions else None) for w in found
    ]
    context = {"rows": rows, "chart": warnings_chart(found), "titles": WARNING_TITLES}
    return render(request, "warnings.html", context)


async def warnings_xlsx(request: Request) -> Response:
    actor = await staff(request)
    try:
        found = await warnings(actor, clock(request))
    except WorkflowError as exc:
        return render(request, "command_forbidden.html", {"message": exc.message}, 403)
    at = clock(request).astimezone(TZ)
    return await xlsx_response(
        f"监测预警-{at:%Y%m%d}.xlsx", warnings_sheet(found, f"{at:%Y-%m-%d %H:%M} 的预警")
    )


async def ack(request: Request) -> Response:
    actor = await staff(request)
    form = await request.form()
    try:
        await acknowledge(
            actor, str(form.get("kind", "")), str(form.get("key", "")), clock(request)
        )
    except WorkflowError as exc:
        return render(request, "command_forbidden.html", {"message": exc.message}, 403)
    return RedirectResponse("/warnings", status_code=303)


routes = [
    Route("/warnings", warnings_page, methods=["GET"]),
    Route("/warnings.xlsx", warnings_xlsx, methods=["GET"]),
    Route("/warnings/ack", ack, methods=["POST"]),
]
