"""Keeping the duty lists: create, edit, retire, propose and decide, search, history.

Every change writes the item, its history row (who, as which unit, when, before, after) and
moves the lists' version in one transaction, so dispatch suggestions in every process see it.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from tortoise.backends.base.client import BaseDBAsyncClient
from tortoise.expressions import Q
from tortoise.transactions import in_transaction

from models import DutyItem, DutyItemChange, DutyItemProposal, Topic, Unit
from resolvers.dispatch_suggestions import duty_lists_changed
from resolvers.text import optional_text
from resolvers.units import unit_ref
from workflow.actors import Actor
from workflow.duty_lists import (
    DutyChangeKind,
    DutyFields,
    ProposalStatus,
    clean_fields,
    keeping_platform,
    may_edit_list,
    may_propose,
    may_see_list,
)
from workflow.errors import invalid, not_allowed, not_found, wrong_state

SEARCH_LIMIT = 200


async def topic_maps(
    conn: BaseDBAsyncClient | None = None,
) -> tuple[dict[str, int], dict[int, str]]:
    """Second-level topics only: an item names a precise topic."""
    rows = await Topic.filter(parent_id__isnull=False).using_db(conn).values_list("id", "code")
    return {code: tid for tid, code in rows}, {tid: code for tid, code in rows}


def fields_of(item: DutyItem, code_of: dict[int, str]) -> DutyFields:
    return DutyFields(
        title=item.title,
        description=item.description,
        legal_basis=item.legal_basis,
        keywords=tuple(item.keywords or ()),
        topic_code=code_of.get(item.topic_id) if item.topic_id else None,
        category=item.category,  # type: ignore[arg-type]
    )


async def validated(raw: dict[str, Any], conn: BaseDBAsyncClient | None = None) -> DutyFields:
    """The fields, or a refusal naming the first bad field."""
    ids, _ = await topic_maps(conn)
    clean, errors = clean_fields(raw, frozenset(ids))
    if clean is None:
        field, message = next(iter(errors.items()))
        raise invalid(field, message)
    return clean


async def _unit(unit_id: int, conn: BaseDBAsyncClient | None = None) -> Unit:
    unit = await Unit.get_or_none(id=unit_id, active=True, using_db=conn)
    if unit is None:
        raise invalid("unitId", f"单位 {unit_id} 不存在")
    return unit


async def _item(item_id: int, conn: BaseDBAsyncClient | None = None) -> DutyItem:
    item = await DutyItem.get_or_none(id=item_id, using_db=conn)
    if item is None:
        raise not_found("职责事项")
    return item


async def apply_change(
    conn: BaseDBAsyncClient,
    actor: Actor,
    unit: Unit,
    kind: DutyChangeKind,
    item: DutyItem | None,
    new: DutyFields | None,
    now: datetime,
    proposal_id: int | None = None,
) -> DutyItem:
    """Write one change and its history row. Callers have authorised and validated."""
    ids, code_of = await topic_maps(conn)
    before = fields_of(item, code_of).as_record() if item is not None else {}
    values: dict[str, Any] = {}
    if new is not None:
        values = dict(
            title=new.title,
            description=new.description,
            legal_basis=new.legal_basis,
            keywords=list(new.keywords),
            topic_id=ids.get(new.topic_code) if new.topic_code else None,
            category=new.category,
        )
    if kind is DutyChangeKind.CREATE:
        item = await DutyItem.create(unit_id=unit.id, using_db=conn, **values)
    elif item is not None and not item.active:
        raise wrong_state("该职责事项已停用")
    elif kind is DutyChangeKind.UPDATE and item is not None:
        await DutyItem.filter(id=item.id).using_db(conn).update(**values)
    elif kind is DutyChangeKind.RETIRE and item is not None:
        await DutyItem.filter(id=item.id).using_db(conn).update(active=False, retired_at=now)
    assert item is not None
    item = await DutyItem.get(id=item.id, using_db=conn)
    after = fields_of(item, code_of).as_record()
    after["active"] = item.active
    await DutyItemChange.create(
        item_id=item.id,
        kind=kind,
        by_user_id=actor.user_id,
        by_unit_id=actor.unit.id or None,
        by_name=actor.name[:64],
        at=now,
        before=before,
        after=after,
        proposal_id=proposal_id,
        using_db=conn,
    )
    await duty_lists_changed(conn)
    return item


def _may_edit(actor: Actor, unit: Unit) -> None:
    if not may_edit_list(actor, unit_ref(unit)):
        raise not_allowed("只有该单位所属平台的管理员可以直接修改职责清单")


async def create_duty_item(
    actor: Actor, unit_id: int, raw: dict[str, Any], now: datetime
) -> DutyItem:
    async with in_transaction() as conn:
        unit = await _unit(unit_id, conn)
        _may_edit(actor, unit)
        new = await validated(raw, conn)
        return await apply_change(conn, actor, unit, DutyChangeKind.CREATE, None, new, now)


async def update_duty_item(
    actor: Actor, item_id: int, raw: dict[str, Any], now: datetime
) -> DutyItem:
    async with in_transaction() as conn:
        item = await _item(item_id, conn)
        unit = await _unit(item.unit_id, conn)
        _may_edit(actor, unit)
        new = await validated(raw, conn)
        return await apply_change(conn, actor, unit, DutyChangeKind.UPDATE, item, new, now)


async def retire_duty_item(actor: Actor, item_id: int, now: datetime) -> DutyItem:
    async with in_transaction() as conn:
        item = await _item(item_id, conn)
        unit = await _unit(item.unit_id, conn)
        _may_edit(actor, unit)
        return await apply_change(conn, actor, unit, DutyChangeKind.RETIRE, item, None, now)


async def propose_duty_change(
    actor: Actor,
    unit_id: int,
    kind: DutyChangeKind,
    now: datetime,
    *,
    item_id: int | None = None,
    raw: dict[str, Any] | None = None,
    reason: str = "",
) -> DutyItemProposal:
    """A unit head asks the platform to change their list; validated now, applied on approval."""
    unit = await _unit(unit_id)
    if not may_propose(actor, unit_ref(unit)):
        raise not_allowed("只有本单位负责人可以提出职责清单变更")
    if kind is not DutyChangeKind.CREATE:
        if item_id is None:
            raise invalid("itemId", "请指明要变更的职责事项")
        item = await _item(item_id)
        if item.unit_id != unit.id:
            raise invalid("itemId", "只能对本单位的职责事项提出变更")
        if not item.active:
            raise wrong_state("该职责事项已停用")
    proposed: dict[str, Any] = {}
    if kind is not DutyChangeKind.RETIRE:
        proposed = (await validated(raw or {})).as_record()
    return await DutyItemProposal.create(
        unit_id=unit.id,
        item_id=item_id if kind is not DutyChangeKind.CREATE else None,
        kind=kind,
        proposed=proposed,
        reason=optional_text(reason, "reason", "变更理由"),
        proposed_by_id=actor.user_id,
        proposed_at=now,
    )


async def decide_duty_proposal(
    actor: Actor, proposal_id: int, approve: bool, now: datetime, note: str = ""
) -> DutyItemProposal:
    async with in_transaction() as conn:
        proposal = await DutyItemProposal.get_or_none(id=proposal_id, using_db=conn)
        if proposal is None:
            raise not_found("变更申请")
        unit = await _unit(proposal.unit_id, conn)
        _may_edit(actor, unit)
        if proposal.status != ProposalStatus.PENDING:
            raise wrong_state("该变更申请已处理")
        updated = (
            await DutyItemProposal.filter(id=proposal.id, status=ProposalStatus.PENDING)
            .using_db(conn)
            .update(
                status=ProposalStatus.APPROVED if approve else ProposalStatus.REJECTED,
                decided_by_id=actor.user_id,
                decided_at=now,
                decision_note=optional_text(note, "note", "审批意见"),
            )
        )
        if updated != 1:
            raise wrong_state("该变更申请已处理")
        if approve:
            kind = DutyChangeKind(proposal.kind)
            item = await _item(proposal.item_id, conn) if proposal.item_id else None
            new = await validated(proposal.proposed, conn) if proposal.proposed else None
            made = await apply_change(conn, actor, unit, kind, item, new, now, proposal.id)
            if item is None:
                await DutyItemProposal.filter(id=proposal.id).using_db(conn).update(item_id=made.id)
        return await DutyItemProposal.get(id=proposal.id, using_db=conn)


@dataclass(frozen=True)
class DutySearch:
    unit_id: int | None = None
    platform_id: int | None = None  # every unit whose list the platform keeps
    text: str | None = None
    include_retired: bool = False


async def search_duty_items(search: DutySearch) -> list[DutyItem]:
    """Duty lists are public within the platform: any signed-in staff may read them."""
    qs = DutyItem.all()
    if not search.include_retired:
        qs = qs.filter(active=True)
    if search.unit_id is not None:
        qs = qs.filter(unit_id=search.unit_id)
    if search.platform_id is not None:
        qs = qs.filter(unit_id__in=await kept_unit_ids(search.platform_id))
    words = (search.text or "").split()
    for word in words:
        qs = qs.filter(
            Q(title__icontains=word)
            | Q(description__icontains=word)
            | Q(legal_basis__icontains=word)
        )
    return list(await qs.order_by("unit_id", "id").limit(SEARCH_LIMIT))


async def kept_unit_ids(platform_id: int) -> list[int]:
    """The units whose lists a platform keeps (workflow.duty_lists decides)."""
    return [
        u.id for u in await Unit.filter(active=True) if keeping_platform(unit_ref(u)) == platform_id
    ]


async def duty_item_history(item_id: int) -> list[DutyItemChange]:
    await _item(item_id)
    return list(await DutyItemChange.filter(item_id=item_id).order_by("id"))


async def pending_proposals(actor: Actor) -> list[DutyItemProposal]:
    """What the actor may decide (platform admin) or has proposed (unit head)."""
    rows = await DutyItemProposal.filter(status=ProposalStatus.PENDING).order_by("id")
    units = {u.id: u for u in await Unit.filter(id__in=list({p.unit_id for p in rows}))}
    return [
        p
        for p in rows
        if may_edit_list(actor, unit_ref(units[p.unit_id]))
        or may_propose(actor, unit_ref(units[p.unit_id]))
    ]


async def list_keeping_units(actor: Actor) -> list[Unit]:
    """The units whose lists the actor edits (platform admin) or proposes for (unit head)."""
    units = await Unit.filter(active=True).order_by("id")
    return [u for u in units if may_see_list(actor, unit_ref(u))]


async def duty_item_with_unit(item_id: int) -> tuple[DutyItem, Unit, str | None]:
    item = await _item(item_id)
    unit = await Unit.get(id=item.unit_id)
    _, code_of = await topic_maps()
    return item, unit, code_of.get(item.topic_id) if item.topic_id else None


async def proposals_for_unit(unit_id: int) -> list[DutyItemProposal]:
    return list(await DutyItemProposal.filter(unit_id=unit_id).order_by("-id").limit(50))
