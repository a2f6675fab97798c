"""Per-unit returns (退回) and the platform's disputes of them, in the API."""

from __future__ import annotations

from datetime import date, datetime
from typing import Annotated

import strawberry

from resolvers.reads import require_actor
from resolvers.returns import UnitReturn as UnitReturnRow
from resolvers.returns import unit_returns
from schema.errors import result
from schema.ids import row_id
from schema.types import Ctx, Petition, Unit, from_row, unit_of, wrap_petition


@strawberry.type(description="One return (退回) a unit made, and whether the platform disputed it.")
class UnitReturn:
    row: strawberry.Private[UnitReturnRow]
    petition: Petition
    returned_at: datetime
    reason: str
    cited_item_id: strawberry.ID | None = strawberry.field(
        description="The duty item the return cited (as it was titled then)."
    )
    cited_item_title: str
    disputed: bool = strawberry.field(
        description="The platform rejected the return — the cited item does not fit — and "
        "dispatched the petition back to this unit."
    )
    disputed_at: datetime | None
    dispute_note: str = strawberry.field(description="The platform's note on that dispatch.")

    @strawberry.field(description="The unit whose duty item was cited.")
    async def cited_unit(self, info: Ctx) -> Unit | None:
        return await unit_of(info, self.row.fact.item_unit_id)

    @classmethod
    def of(cls, r: UnitReturnRow) -> UnitReturn:
        f = r.fact
        return cls(
            row=r,
            petition=wrap_petition(r.petition),
            returned_at=f.returned_at,
            reason=f.reason,
            cited_item_id=strawberry.ID(str(f.item_id)) if f.item_id else None,
            cited_item_title=f.item_title,
            disputed=f.disputed,
            disputed_at=f.disputed_at,
            dispute_note=f.dispute_note,
        )


@strawberry.type(description="A unit's returns over [from, to], for the platform.")
class UnitReturns:
    unit: Unit
    from_: date = strawberry.field(name="from")
    to: date
    return_count: int
    dispute_count: int
    returns: list[UnitReturn] = strawberry.field(description="Newest first, at most 500.")
    disputes: list[UnitReturn]


@strawberry.type
class ReturnsQuery:
    @strawberry.field(
        description="A unit's returns and the platform's disputes of them over [from, to] "
        "(whole days in Asia/Shanghai): for the platform that dispatches to it, and the city."
    )
    async def unit_returns(
        self,
        info: Ctx,
        unit_id: strawberry.ID,
        from_: Annotated[date, strawberry.argument(name="from")],
        to: date,
    ) -> result("UnitReturnsResult", UnitReturns):
        found = await unit_returns(
            require_actor(info.context.actor), row_id(unit_id, "unitId"), from_, to
        )
        items = [UnitReturn.of(r) for r in found.returns]
        return UnitReturns(
            unit=from_row(Unit, found.unit),
            from_=found.start,
            to=found.end,
            return_count=found.return_count,
            dispute_count=found.dispute_count,
            returns=items,
            disputes=[r for r in items if r.disputed],
        )
