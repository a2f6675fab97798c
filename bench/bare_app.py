"""The baseline for the list benchmark: a bare Starlette endpoint that reads the same 50
petitions with the same nested units and assignments through Tortoise and returns JSON,
with no GraphQL, no authentication and no authorisation."""

from __future__ import annotations

import contextlib
from collections.abc import AsyncIterator

from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse
from starlette.routing import Route
from tortoise.contrib.starlette import RegisterTortoise

import settings
from models import Assignment, Petition, Unit


async def rows(request: Request) -> JSONResponse:
    petitions = await Petition.all().order_by("-id").limit(50)
    unit_ids = (
        {p.district_id for p in petitions}
        | {p.platform_id for p in petitions}
        | {p.handling_unit_id for p in petitions if p.handling_unit_id}
    )
    assignments = await Assignment.filter(petition_id__in=[p.id for p in petitions])
    unit_ids |= {a.unit_id for a in assignments}
    units = {u.id: u.name for u in await Unit.filter(id__in=list(unit_ids))}
    by_petition: dict[int, list[dict[str, object]]] = {}
    for a in assignments:
        by_petition.setdefault(a.petition_id, []).append(
            {"role": a.role, "unit": {"name": units[a.unit_id]}}
        )
    return JSONResponse(
        [
            {
                "id": str(p.id),
                "trackingCode": p.tracking_code,
                "title": p.title,
                "state": p.state,
                "deadline": p.deadline.isoformat() if p.deadline else None,
                "district": {"name": units[p.district_id]},
                "platform": {"name": units[p.platform_id]},
                "handlingUnit": {"name": units[p.handling_unit_id]} if p.handling_unit_id else None,
                "assignments": by_petition.get(p.id, []),
            }
            for p in petitions
        ]
    )


async def healthz(request: Request) -> JSONResponse:
    return JSONResponse({"ok": True})


def app_factory() -> Starlette:
    @contextlib.asynccontextmanager
    async def lifespan(app: Starlette) -> AsyncIterator[None]:
        async with RegisterTortoise(
            app, config=settings.tortoise_config(), _enable_global_fallback=True
        ):
            yield

    return Starlette(routes=[Route("/rows", rows), Route("/healthz", healthz)], lifespan=lifespan)
