"""指挥中心: the city's ten districts side by side, and each district's streets and units,
refreshed in place by htmx; every number links to the petitions behind it."""

from __future__ import annotations

from starlette.requests import Request
from starlette.responses import RedirectResponse, Response
from starlette.routing import Route

from resolvers.command import city_centre, district_centre, home_district
from web.command_views import city_charts, city_sheets, district_charts, district_sheets
from web.session import clock, render, staff
from web.xlsx import xlsx_response
from workflow.deadlines import TZ
from workflow.errors import WorkflowError


def _fragment(request: Request) -> bool:
    return bool(request.headers.get("hx-request"))


async def centre(request: Request) -> Response:
    actor = await staff(request)
    try:
        home = home_district(actor)
        if home is not None:
            return RedirectResponse(f"/command/districts/{home}", status_code=303)
        rows = await city_centre(actor, clock(request))
    except WorkflowError as exc:
        return render(request, "command_forbidden.html", {"message": exc.message}, 403)
    name = "_command_city.html" if _fragment(request) else "command.html"
    return render(request, name, {"rows": rows, "charts": city_charts(rows)})


async def district(request: Request) -> Response:
    actor = await staff(request)
    try:
        view = await district_centre(actor, int(request.path_params["id"]), clock(request))
    except WorkflowError as exc:
        return render(request, "command_forbidden.html", {"message": exc.message}, 403)
    name = "_command_district.html" if _fragment(request) else "command_district.html"
    context = {"view": view, "city": home_district(actor) is None, "charts": district_charts(view)}
    return render(request, name, context)


def _note(request: Request, scope: str) -> str:
    at = clock(request).astimezone(TZ)
    return f"{scope} · {at:%Y-%m-%d %H:%M} · 比率为本月累计"


async def centre_xlsx(request: Request) -> Response:
    actor = await staff(request)
    try:
        if home_district(actor) is not None:
            own = f"/command/districts/{home_district(actor)}.xlsx"
            return RedirectResponse(own, status_code=303)
        rows = await city_centre(actor, clock(request))
    except WorkflowError as exc:
        return render(request, "command_forbidden.html", {"message": exc.message}, 403)
    at = clock(request).astimezone(TZ)
    return await xlsx_response(
        f"指挥中心-全市-{at:%Y%m%d%H%M}.xlsx", city_sheets(rows, _note(request, "全市"))
    )


async def district_xlsx(request: Request) -> Response:
    actor = await staff(request)
    try:
        view = await district_centre(actor, int(request.path_params["id"]), clock(request))
    except WorkflowError as exc:
        return render(request, "command_forbidden.html", {"message": exc.message}, 403)
    at = clock(request).astimezone(TZ)
    name = view.totals.name
    return await xlsx_response(
        f"指挥中心-{name}-{at:%Y%m%d%H%M}.xlsx", district_sheets(view, _note(request, name))
    )


routes = [
    Route("/command", centre, methods=["GET"]),
    Route("/command.xlsx", centre_xlsx, methods=["GET"]),
    Route("/command/districts/{id:int}", district, methods=["GET"]),
    Route("/command/districts/{id:int}.xlsx", district_xlsx, methods=["GET"]),
]
