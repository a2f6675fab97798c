"""A staff list exported as rows (the xlsx of web/routes/queue.py): the same filter, order and
scope as the screen, read page by page by keyset so a large list never sits in memory.

Names and phones are masked unless the exporter asked for them and may see that petitioner
(workflow.privacy, row by row: a platform sees its district's, a handling unit its own current,
non-anonymous ones). An export that showed any real name or phone is recorded in the audit
record with its filters and row counts, like a search by phone.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from models import Petition
from resolvers.identity_search import IdentityMatch, record_identity_search, record_unmasked_export
from resolvers.paging import newest_first, soonest_first
from resolvers.reads import Order, PetitionFilter, filtered_petitions, identity_visible
from workflow.actors import Actor
from workflow.privacy import displayed_identity, identity_reach

EXPORT_CAP = 50_000  # rows; the sheet says when the list had more
_BATCH = 500


@dataclass(frozen=True)
class ExportRow:
    petition: Petition
    name: str
    phone: str
    unmasked: bool


@dataclass
class Export:
    actor: Actor
    flt: PetitionFilter
    order: Order
    now: datetime
    unmasked: bool  # asked for real names and phones (and allowed to ask)
    filters: dict[str, Any]  # as the screen named them, for the audit record
    written: int = 0
    shown: int = 0  # rows with a real name and phone
    capped: bool = False
    _searched: list[IdentityMatch] = field(default_factory=list)
    _qs: Any = None

    async def prepare(self) -> None:
        """Check the filter (refusals raise here, before any row is written) and record a
        search by phone or name."""
        self._qs = await filtered_petitions(self.actor, self.flt, self.now, self._searched)
        for match in self._searched:
            await record_identity_search(self.actor, match, self.now)

    async def rows(self) -> AsyncIterator[ExportRow]:
        if self._qs is None:
            await self.prepare()
        qs = self._qs
        after: str | None = None
        while self.written < EXPORT_CAP:
            size = min(_BATCH, EXPORT_CAP - self.written)
            if self.order is Order.NEWEST:
                page = await newest_first(qs, size, after)
            else:
                column = "inbox_since" if self.order is Order.WAITING else "deadline"
                page = await soonest_first(qs, column, size, after)
            for p in page.items:
                real = self.unmasked and identity_visible(self.actor, p)
                name, phone = displayed_identity(
                    p.petitioner_name, p.petitioner_phone, p.anonymous, real
                )
                self.written += 1
                self.shown += int(real)
                yield ExportRow(p, name, phone, real)
            if not page.has_next:
                return
            after = page.end_cursor
        self.capped = True

    async def finish(self) -> None:
        """After the rows are written: record an export that showed personal data."""
        if self.shown:
            await record_unmasked_export(
                self.actor, self.filters, self.written, self.shown, self.now
            )


def start_export(
    actor: Actor,
    flt: PetitionFilter,
    order: Order,
    now: datetime,
    unmasked: bool,
    filters: dict[str, Any],
) -> Export:
    """An export of the list; `unmasked` is honoured only for staff who may see identities."""
    allowed = unmasked and identity_reach(actor) is not None
    return Export(actor, flt, order, now, allowed, filters)
