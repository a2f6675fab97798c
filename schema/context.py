"""The per-request GraphQL context: who is asking, the request's clock, and DataLoaders."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from starlette.requests import Request
from starlette.responses import Response
from strawberry.dataloader import DataLoader

from models import Assignment, Event, Petition, Reply, Topic, Unit
from resolvers.views import views_for
from workflow.actors import Actor
from workflow.transitions import PetitionView


async def _units(ids: list[int]) -> list[Unit | None]:
    rows = {u.id: u for u in await Unit.filter(id__in=ids)}
    return [rows.get(i) for i in ids]


async def _topics(ids: list[int]) -> list[Topic | None]:
    rows = {t.id: t for t in await Topic.filter(id__in=ids)}
    return [rows.get(i) for i in ids]


def _grouped(model: Any, order: str) -> Callable[[list[int]], Any]:
    async def load(ids: list[int]) -> list[list[Any]]:
        groups: dict[int, list[Any]] = defaultdict(list)
        for row in await model.filter(petition_id__in=ids).order_by(order):
            groups[row.petition_id].append(row)
        return [groups[i] for i in ids]

    return load


@dataclass
class Loaders:
    unit: DataLoader[int, Unit | None] = field(default_factory=lambda: DataLoader(_units))
    topic: DataLoader[int, Topic | None] = field(default_factory=lambda: DataLoader(_topics))
    assignments: DataLoader[int, list[Assignment]] = field(
        default_factory=lambda: DataLoader(_grouped(Assignment, "id"))
    )
    replies: DataLoader[int, list[Reply]] = field(
        default_factory=lambda: DataLoader(_grouped(Reply, "id"))
    )
    events: DataLoader[int, list[Event]] = field(
        default_factory=lambda: DataLoader(_grouped(Event, "id"))
    )
    view: DataLoader[Petition, PetitionView] = field(
        default_factory=lambda: DataLoader(_views, cache_key_fn=lambda p: p.id)
    )


async def _views(petitions: list[Petition]) -> list[PetitionView]:
    built = await views_for(list(petitions))
    return [built[p.id][0] for p in petitions]


@dataclass
class Context:
    request: Request | None
    response: Response | None
    actor: Actor | None
    now: datetime
    session_token: str | None = None
    loaders: Loaders = field(default_factory=Loaders)
