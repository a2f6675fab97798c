"""Stock phrases (常用语) kept by a unit's head, and an author's reply drafts."""

from __future__ import annotations

from models import ReplyDraft, ReplyTemplate
from resolvers import handling, reply_aids
from tests.factories import T0, build_city, submit
from tests.resolvers.helpers import REPLY, dispatched, refused
from workflow.enums import Role
from workflow.errors import ErrorCode as E


async def test_only_the_handler_who_may_reply_saves_a_draft_and_submitting_drops_it(db) -> None:
    city = await build_city()
    p = await submit(city)
    await dispatched(city, p.id, "SN-CG")
    handler = city.actor("SN-CG", Role.HANDLER)
    await refused(reply_aids.save_draft(handler, p.id, {}, T0), E.NOT_ALLOWED)  # not accepted
    await handling.accept_petition(handler, p.id, T0)
    draft = await reply_aids.save_draft(handler, p.id, {"policy_basis": "《条例》"}, T0)
    again = await reply_aids.save_draft(handler, p.id, {"policy_basis": "《条例》第五条"}, T0)
    assert again.id == draft.id and (await reply_aids.my_draft(handler, p.id)) is not None
    assert (await ReplyDraft.get(id=draft.id)).policy_basis == "《条例》第五条"
    other = city.actor("SN-SCJG", Role.HANDLER)
    await refused(reply_aids.save_draft(other, p.id, {}, T0), E.NOT_FOUND)
    too_long = {"responsible_person": "李" * 65}
    await refused(
        reply_aids.save_draft(handler, p.id, too_long, T0), E.INVALID_FIELD, "responsiblePerson"
    )
    await handling.submit_reply(handler, p.id, T0, **REPLY)
    assert not await ReplyDraft.exists()


async def test_a_units_head_keeps_its_stock_phrases_for_its_own_unit(db) -> None:
    city = await build_city()
    head = city.actor("SN-CG", Role.HEAD)
    await refused(
        reply_aids.create_template(city.actor("SN-CG", Role.HANDLER), "x", "依据", "", T0),
        E.NOT_ALLOWED,
    )
    await refused(
        reply_aids.create_template(head, "空", "", "", T0), E.INVALID_FIELD, "policyBasis"
    )
    made = await reply_aids.create_template(
        head, "垃圾清运", "《城市市容和环境卫生管理条例》", "已清运", T0
    )
    assert [t.id for t in await reply_aids.unit_templates(city.actor("SN-CG", Role.HANDLER))] == [
        made.id
    ]
    assert await reply_aids.unit_templates(city.actor("SN-SCJG", Role.HANDLER)) == []
    await refused(
        reply_aids.retire_template(city.actor("SN-SCJG", Role.HEAD), made.id, T0),
        E.INVALID_FIELD,
        "id",
    )
    await reply_aids.retire_template(head, made.id, T0)
    assert await reply_aids.unit_templates(head) == []
    assert (await ReplyTemplate.get(id=made.id)).retired_at == T0
