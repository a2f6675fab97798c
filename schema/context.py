"""The per-request GraphQL context: who is asking, the request's clock, and DataLoaders."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from functools import cached_property
from typing import Any

from starlette.requests import Request
from starlette.responses import Response
from strawberry.dataloader import DataLoader

from models import (
    Assessment,
    Assignment,
    Event,
    Material,
    Petition,
    ReferralEvent,
    Reply,
    Topic,
    Unit,
)
from resolvers.batch import (
    assessments_by_id,
    referral_events_by_referral,
    rows_by_petition,
    topics_by_id,
    units_by_id,
)
from resolvers.catalog import Catalog
from resolvers.duplicates import merged_into
from resolvers.ratelimit import LoginThrottle
from resolvers.reads import visible_petitions
from resolvers.views import views_for
from workflow.actors import Actor
from workflow.transitions import PetitionView


def _of(model: Any) -> Callable[[list[int]], Any]:
    async def load(ids: list[int]) -> list[list[Any]]:
        return await rows_by_petition(model, ids)

    return load


class Loaders:
    """A request's DataLoaders, each made when a field first needs it (most requests use
    one or two of them)."""

    def __init__(self) -> None:
        # Petitions by id as the asker may see them; made on first use, with the asker.
        self.visible_petition: DataLoader[int, Petition | None] | None = None
        # Petitions merged into each petition, as the asker may see them.
        self.merged: DataLoader[int, list[Petition]] | None = None

    @cached_property
    def unit(self) -> DataLoader[int, Unit | None]:
        return DataLoader(units_by_id)

    @cached_property
    def topic(self) -> DataLoader[int, Topic | None]:
        return DataLoader(topics_by_id)

    @cached_property
    def assignments(self) -> DataLoader[int, list[Assignment]]:
        return DataLoader(_of(Assignment))

    @cached_property
    def replies(self) -> DataLoader[int, list[Reply]]:
        return DataLoader(_of(Reply))

    @cached_property
    def events(self) -> DataLoader[int, list[Event]]:
        return DataLoader(_of(Event))

    @cached_property
    def materials(self) -> DataLoader[int, list[Material]]:
        return DataLoader(_of(Material))

    @cached_property
    def view(self) -> DataLoader[Petition, PetitionView]:
        return DataLoader(self._views, cache_key_fn=lambda p: p.id)

    @cached_property
    def assessments(self) -> DataLoader[int, list[Assessment]]:
        return DataLoader(_of(Assessment))

    @cached_property
    def assessment(self) -> DataLoader[int, Assessment | None]:
        return DataLoader(assessments_by_id)

    @cached_property
    def referral_events(self) -> DataLoader[int, list[ReferralEvent]]:
        return DataLoader(referral_events_by_referral)

    def merged_for(self, actor: Actor) -> DataLoader[int, list[Petition]]:
        if self.merged is None:

            async def load(ids: list[int]) -> list[list[Petition]]:
                return await merged_into(actor, ids)

            self.merged = DataLoader(load)
        return self.merged

    def petition_for(self, actor: Actor) -> DataLoader[int, Petition | None]:
        if self.visible_petition is None:

            async def load(ids: list[int]) -> list[Petition | None]:
                return await visible_petitions(actor, ids)

            self.visible_petition = DataLoader(load)
        return self.visible_petition

    async def _views(self, petitions: list[Petition]) -> list[PetitionView]:
        """Built from the assignments and replies the page loads anyway (one read each)."""
        ids = [p.id for p in petitions]
        assignments = await self.assignments.load_many(ids)
        replies = await self.replies.load_many(ids)
        built = await views_for(list(petitions), None, list(assignments), list(replies))
        return [built[p.id][0] for p in petitions]


@dataclass
class Context:
    request: Request | None
    response: Response | None
    actor: Actor | None
    now: datetime
    session_token: str | None = None
    login_throttle: LoginThrottle | None = None
    loaders: Loaders = field(default_factory=Loaders)
    # Petitions whose petitioner identity this request has shown (and logged) already.
    revealed: set[int] = field(default_factory=set)
    # The process's units and topics as of this request (schema.types.unit_now), and the API
    # objects made from them, one per unit a request names.
    catalog: Catalog | None = None
    made_units: dict[int, Any] = field(default_factory=dict)

    def after_write(self) -> None:
        """A mutation changed rows the loaders may have cached: later fields of this request
        (a second mutation's availableActions, say) must read them afresh."""
        self.loaders = Loaders()
        self.catalog, self.made_units = None, {}  # a step may have changed a unit

    @property
    def client_address(self) -> str:
        client = self.request.client if self.request is not None else None
        return client.host if client else "unknown"
