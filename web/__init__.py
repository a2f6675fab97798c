"""Staff screens (htmx + Jinja) on the same resolvers as the API."""

from __future__ import annotations

from pathlib import Path

from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import FileResponse, Response
from starlette.routing import BaseRoute, Mount, Route
from starlette.staticfiles import StaticFiles

from web.routes import (
    admin,
    admin_users,
    analysis,
    attachments,
    auth,
    batch,
    campaign_staff,
    campaigns,
    command,
    duty,
    explorer,
    intake,
    notifications,
    petition,
    queue,
    ranking,
    referrals,
    reply_aids,
    units,
    warnings,
)

ROOT = Path(__file__).resolve().parent.parent
# Front-end libraries come from npm (package.json, installed by `make install`), never a CDN.
VENDOR = {
    "htmx.min.js": ROOT / "node_modules" / "htmx.org" / "dist" / "htmx.min.js",
    "bootstrap.min.css": ROOT / "node_modules" / "bootstrap" / "dist" / "css" / "bootstrap.min.css",
    "echarts.min.js": ROOT / "node_modules" / "echarts" / "dist" / "echarts.min.js",
}


async def vendor(request: Request) -> Response:
    path = VENDOR.get(request.path_params["name"])
    if path is None or not path.exists():
        raise HTTPException(404, "not installed: run `make install` (npm ci)")
    return FileResponse(path, headers={"Cache-Control": "public, max-age=86400"})


def routes() -> list[BaseRoute]:
    return [
        *auth.routes,
        *queue.routes,
        *batch.routes,
        *intake.routes,
        *admin.routes,
        *admin_users.routes,
        *duty.routes,
        *explorer.routes,
        *reply_aids.routes,  # before the petition page's catch-all action route
        *attachments.routes,  # before the petition page's catch-all action route too
        *analysis.routes,
        *campaign_staff.routes,
        *campaigns.routes,
        *petition.routes,
        *referrals.routes,
        *notifications.routes,
        *command.routes,
        *ranking.routes,
        *units.routes,
        *warnings.routes,
        Route("/static/vendor/{name}", vendor),
        Mount("/static", StaticFiles(directory=Path(__file__).parent / "static"), name="static"),
    ]
