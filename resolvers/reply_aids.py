"""A unit's stock phrases (常用语) and an author's reply drafts.

Both serve the one who may write the petition's reply now: a draft is saved only where the
rules would let the same person submit the reply, and a unit's phrases are kept by its head.
"""

from __future__ import annotations

from datetime import datetime

from models import ReplyDraft, ReplyTemplate
from resolvers.reads import get_petition
from resolvers.text import optional_text, required_text
from resolvers.views import views_for
from workflow.actors import Actor
from workflow.enums import Action, Role
from workflow.errors import invalid, not_allowed
from workflow.transitions import refusal

DRAFT_FIELDS: dict[str, tuple[str, str, int]] = {
    # column: (API field, label, max length)
    "petitioner_situation": ("petitionerSituation", "诉求人基本情况", 2000),
    "policy_basis": ("policyBasis", "政策依据", 2000),
    "handling_result": ("handlingResult", "办理结果", 2000),
    "responsible_person": ("responsiblePerson", "责任人", 64),
    "contact_phone": ("contactPhone", "联系电话", 32),
}


async def _may_write_reply(actor: Actor, petition_id: int) -> None:
    petition = await get_petition(actor, petition_id)
    view = (await views_for([petition]))[petition.id][0]
    refused = refusal(Action.SUBMIT_REPLY, view, actor)
    if refused is not None or actor.user_id is None:
        raise not_allowed(refused.message if refused else "只有承办单位的经办人可以保存草稿")


async def save_draft(
    actor: Actor, petition_id: int, values: dict[str, str], now: datetime
) -> ReplyDraft:
    """Half-written is fine here: nothing is required, only lengths are checked."""
    await _may_write_reply(actor, petition_id)
    clean = {
        column: optional_text(values.get(column), field, label, limit)
        for column, (field, label, limit) in DRAFT_FIELDS.items()
    }
    assert actor.user_id is not None
    draft, _ = await ReplyDraft.update_or_create(
        petition_id=petition_id,
        author_id=actor.user_id,
        defaults={**clean, "updated_at": now},
    )
    return draft


async def my_draft(actor: Actor, petition_id: int) -> ReplyDraft | None:
    if actor.user_id is None:
        return None
    await get_petition(actor, petition_id)
    return await ReplyDraft.get_or_none(petition_id=petition_id, author_id=actor.user_id)


def _may_keep_phrases(actor: Actor) -> bool:
    return actor.has(Role.HEAD) and not actor.is_machine


async def unit_templates(actor: Actor) -> list[ReplyTemplate]:
    """The stock phrases of the actor's own unit, for its reply forms."""
    return await ReplyTemplate.filter(unit_id=actor.unit.id, retired_at=None).order_by("title")


async def create_template(
    actor: Actor, title: str, policy_basis: str, handling_result: str, now: datetime
) -> ReplyTemplate:
    if not _may_keep_phrases(actor):
        raise not_allowed("只有本单位负责人可以维护常用语")
    name = required_text(title, "title", "名称", 64)
    basis = optional_text(policy_basis, "policyBasis", "政策依据", 2000)
    result = optional_text(handling_result, "handlingResult", "办理结果", 2000)
    if not basis and not result:
        raise invalid("policyBasis", "请至少填写政策依据或办理结果之一")
    return await ReplyTemplate.create(
        unit_id=actor.unit.id,
        title=name,
        policy_basis=basis,
        handling_result=result,
        created_by_id=actor.user_id,
        created_at=now,
    )


async def retire_template(actor: Actor, template_id: int, now: datetime) -> None:
    if not _may_keep_phrases(actor):
        raise not_allowed("只有本单位负责人可以维护常用语")
    done = await ReplyTemplate.filter(
        id=template_id, unit_id=actor.unit.id, retired_at=None
    ).update(retired_at=now)
    if not done:
        raise invalid("id", "常用语不存在")
