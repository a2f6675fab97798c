"""指挥中心: the city's ten districts side by side, and each district's streets and units,
refreshed in place by htmx; every number links to the petitions behind it."""

from __future__ import annotations

from starlette.requests import Request
from starlette.responses import RedirectResponse, Response
from starlette.routing import Route

from resolvers.command import city_centre, district_centre, home_district
from web.session import clock, render, staff
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
    return render(request, name, {"rows": rows})


async def district(request: Request) -> Response:
    actor = await staff(request)
    try:
        view = await district_centre(actor, int(request.path_params["id"]), clock(request))
    except WorkflowError as exc:
        return render(request, "command_forbidden.html", {"message": exc.message}, 403)
    name = "_command_district.html" if _fragment(request) else "command_district.html"
    return render(request, name, {"view": view, "city": home_district(actor) is None})


routes = [
    Route("/command", centre, methods=["GET"]),
    Route("/command/districts/{id:int}", district, methods=["GET"]),
]
