"""Keeping the duty lists through the API: edit, propose and decide, import and export, history.

Thin: each field parses its input and calls one resolver in resolvers/duty_lists.py or
resolvers/duty_files.py; refusals become typed results through the schema's error handler.
Files travel as base64 text.
"""

from __future__ import annotations

import base64
import binascii
from datetime import datetime
from typing import Any

import strawberry

from models import DutyItemChange as ChangeRow
from models import DutyItemProposal as ProposalRow
from resolvers import duty_files, duty_lists
from resolvers.reads import require_actor
from schema.errors import FieldError, result
from schema.ids import optional_row_id, row_id
from schema.types import Ctx, DutyItem, from_row
from workflow.actors import Actor
from workflow.duty_lists import DutyChangeKind, ProposalStatus
from workflow.enums import Category
from workflow.errors import invalid

strawberry.enum(DutyChangeKind, description="What a duty-list change does.")
strawberry.enum(ProposalStatus, description="Where a unit head's proposed change stands.")
DutyFileFormat = strawberry.enum(duty_files.FileFormat, name="DutyFileFormat")


@strawberry.input(description="An item's content; keywords as a list of words.")
class DutyFieldsInput:
    title: str
    description: str
    legal_basis: str
    keywords: list[str]
    category: Category
    topic_code: str | None = None

    def raw(self) -> dict[str, Any]:
        return {
            "title": self.title,
            "description": self.description,
            "legal_basis": self.legal_basis,
            "keywords": list(self.keywords),
            "topic_code": self.topic_code,
            "category": self.category.value,
        }


@strawberry.input
class CreateDutyItemInput:
    unit_id: strawberry.ID
    fields: DutyFieldsInput


@strawberry.input
class UpdateDutyItemInput:
    item_id: strawberry.ID
    fields: DutyFieldsInput


@strawberry.input
class RetireDutyItemInput:
    item_id: strawberry.ID


@strawberry.input
class ProposeDutyChangeInput:
    unit_id: strawberry.ID
    kind: DutyChangeKind
    item_id: strawberry.ID | None = None
    fields: DutyFieldsInput | None = None
    reason: str = ""


@strawberry.input
class DecideDutyProposalInput:
    proposal_id: strawberry.ID
    approve: bool
    note: str = ""


@strawberry.input
class ImportDutyListInput:
    unit_id: strawberry.ID = strawberry.field(
        description="A unit (its own list) or a platform (every list it keeps)."
    )
    format: DutyFileFormat
    content: str = strawberry.field(description="The file, base64-encoded.")
    dry_run: bool = strawberry.field(default=True, description="Report only; write nothing.")


@strawberry.type(description="One change of a duty item: who, when, before and after.")
class DutyItemChange:
    row: strawberry.Private[ChangeRow]
    id: strawberry.ID
    kind: DutyChangeKind
    by_name: str
    at: datetime

    @strawberry.field(description="The fields before, as JSON text (empty for a creation).")
    def before(self) -> strawberry.scalars.JSON:
        return dict(self.row.before)  # type: ignore[return-value]

    @strawberry.field(description="The fields after, as JSON.")
    def after(self) -> strawberry.scalars.JSON:
        return dict(self.row.after)  # type: ignore[return-value]

    @strawberry.field
    def by_unit_id(self) -> strawberry.ID | None:
        uid = self.row.by_unit_id  # type: ignore[attr-defined]
        return strawberry.ID(str(uid)) if uid else None


@strawberry.type
class DutyProposal:
    row: strawberry.Private[ProposalRow]
    id: strawberry.ID
    kind: DutyChangeKind
    status: ProposalStatus
    reason: str
    proposed_at: datetime
    decision_note: str

    @strawberry.field
    def unit_id(self) -> strawberry.ID:
        return strawberry.ID(str(self.row.unit_id))

    @strawberry.field
    def item_id(self) -> strawberry.ID | None:
        return strawberry.ID(str(self.row.item_id)) if self.row.item_id else None

    @strawberry.field
    def proposed(self) -> strawberry.scalars.JSON:
        return dict(self.row.proposed)  # type: ignore[return-value]


@strawberry.type
class DutyImportRow:
    row: int = strawberry.field(description="Row number in the file (the header is row 1).")
    unit_code: str
    title: str
    change: DutyChangeKind | None = strawberry.field(description="Null: no change.")
    errors: list[FieldError]


@strawberry.type
class DutyImportReport:
    applied: bool = strawberry.field(
        description="True only when every row was good and no dry run."
    )
    bad_row_count: int
    rows: list[DutyImportRow]


@strawberry.type
class DutyItemSuccess:
    item: DutyItem


@strawberry.type
class DutyProposalSuccess:
    proposal: DutyProposal


@strawberry.type
class DutyListFile:
    filename: str
    content: str = strawberry.field(description="The file, base64-encoded.")


def _actor(info: Ctx) -> Actor:
    return require_actor(info.context.actor)


def _item(info: Ctx, row: Any) -> DutyItemSuccess:
    info.context.after_write()
    return DutyItemSuccess(item=from_row(DutyItem, row))


def _report(report: duty_files.ImportReport) -> DutyImportReport:
    return DutyImportReport(
        applied=report.applied,
        bad_row_count=len(report.bad_rows),
        rows=[
            DutyImportRow(
                row=r.row,
                unit_code=r.unit_code,
                title=r.title,
                change=r.change,
                errors=[FieldError(field=f, message=m) for f, m in r.errors.items()],
            )
            for r in report.rows
        ],
    )


@strawberry.type
class DutyListQuery:
    @strawberry.field(description="Duty items by unit, platform and words (active unless asked).")
    async def search_duty_items(
        self,
        info: Ctx,
        unit_id: strawberry.ID | None = None,
        platform_id: strawberry.ID | None = None,
        text: str | None = None,
        include_retired: bool = False,
    ) -> list[DutyItem]:
        _actor(info)
        rows = await duty_lists.search_duty_items(
            duty_lists.DutySearch(
                unit_id=optional_row_id(unit_id, "unitId"),
                platform_id=optional_row_id(platform_id, "platformId"),
                text=text,
                include_retired=include_retired,
            )
        )
        return [from_row(DutyItem, r) for r in rows]

    @strawberry.field(description="Every change of a duty item, oldest first.")
    async def duty_item_history(self, info: Ctx, item_id: strawberry.ID) -> list[DutyItemChange]:
        _actor(info)
        rows = await duty_lists.duty_item_history(row_id(item_id, "itemId"))
        return [from_row(DutyItemChange, r) for r in rows]

    @strawberry.field(description="Pending proposals the asker may decide or has made.")
    async def duty_proposals(self, info: Ctx) -> list[DutyProposal]:
        rows = await duty_lists.pending_proposals(_actor(info))
        return [from_row(DutyProposal, r) for r in rows]

    @strawberry.field(description="A unit's (or a platform's) active duty list as a file.")
    async def export_duty_list(
        self,
        info: Ctx,
        unit_id: strawberry.ID,
        format: DutyFileFormat,
    ) -> DutyListFile:
        name, data = await duty_files.export_duty_list(
            _actor(info), row_id(unit_id, "unitId"), duty_files.FileFormat(format)
        )
        return DutyListFile(filename=name, content=base64.b64encode(data).decode("ascii"))


@strawberry.type
class DutyListMutation:
    @strawberry.mutation
    async def create_duty_item(self, info: Ctx, input: CreateDutyItemInput) -> result(
        "DutyItemResult", DutyItemSuccess
    ):
        row = await duty_lists.create_duty_item(
            _actor(info), row_id(input.unit_id, "unitId"), input.fields.raw(), info.context.now
        )
        return _item(info, row)

    @strawberry.mutation
    async def update_duty_item(self, info: Ctx, input: UpdateDutyItemInput) -> result(
        "UpdateDutyItemResult", DutyItemSuccess
    ):
        row = await duty_lists.update_duty_item(
            _actor(info), row_id(input.item_id, "itemId"), input.fields.raw(), info.context.now
        )
        return _item(info, row)

    @strawberry.mutation
    async def retire_duty_item(self, info: Ctx, input: RetireDutyItemInput) -> result(
        "RetireDutyItemResult", DutyItemSuccess
    ):
        row = await duty_lists.retire_duty_item(
            _actor(info), row_id(input.item_id, "itemId"), info.context.now
        )
        return _item(info, row)

    @strawberry.mutation
    async def propose_duty_change(self, info: Ctx, input: ProposeDutyChangeInput) -> result(
        "ProposeDutyChangeResult", DutyProposalSuccess
    ):
        row = await duty_lists.propose_duty_change(
            _actor(info),
            row_id(input.unit_id, "unitId"),
            input.kind,
            info.context.now,
            item_id=optional_row_id(input.item_id, "itemId"),
            raw=input.fields.raw() if input.fields else None,
            reason=input.reason,
        )
        info.context.after_write()
        return DutyProposalSuccess(proposal=from_row(DutyProposal, row))

    @strawberry.mutation
    async def decide_duty_proposal(self, info: Ctx, input: DecideDutyProposalInput) -> result(
        "DecideDutyProposalResult", DutyProposalSuccess
    ):
        row = await duty_lists.decide_duty_proposal(
            _actor(info),
            row_id(input.proposal_id, "proposalId"),
            input.approve,
            info.context.now,
            input.note,
        )
        info.context.after_write()
        return DutyProposalSuccess(proposal=from_row(DutyProposal, row))

    @strawberry.mutation(
        description="Import a list file: every bad row reported and nothing written when any "
        "row is bad; `dryRun` (the default) reports what would change."
    )
    async def import_duty_list(self, info: Ctx, input: ImportDutyListInput) -> result(
        "ImportDutyListResult", DutyImportReport
    ):
        try:
            data = base64.b64decode(input.content, validate=True)
        except (binascii.Error, ValueError):
            raise invalid("content", "文件内容须为 base64 编码") from None
        report = await duty_files.import_duty_list(
            _actor(info),
            row_id(input.unit_id, "unitId"),
            data,
            duty_files.FileFormat(input.format),
            info.context.now,
            input.dry_run,
        )
        info.context.after_write()
        return _report(report)
