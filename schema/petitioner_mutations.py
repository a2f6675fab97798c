"""The petitioner's mutations (one-time-code login, 新增材料) and how every step a petitioner
may take names its petition and answers: with the petitioner's view, never the staff record."""

from __future__ import annotations

from typing import Any

import strawberry

from resolvers import petitioner, petitioner_auth
from resolvers.reads import require_actor
from schema.errors import result
from schema.ids import row_id
from schema.inputs import (
    AddPetitionerMaterialInput,
    RequestPetitionerCodeInput,
    VerifyPetitionerCodeInput,
)
from schema.petitioner import (
    PetitionerCodeSent,
    PetitionerSession,
    PetitionerViewSuccess,
    petitioner_view,
)
from schema.types import Ctx, Petition, wrap_petition
from workflow.actors import Actor
from workflow.privacy import petitioner_view_only


@strawberry.type(description="A staff step succeeded; `petition` is the record now.")
class PetitionSuccess:
    petition: Petition


async def target(info: Ctx, pid: object | None, code: str | None) -> tuple[int, Actor]:
    """Staff name a petition by id; a petitioner by tracking code, within their own phone's
    petitions (their token is the proof)."""
    actor = require_actor(info.context.actor)
    petition_id = row_id(pid, "id") if pid is not None else None
    return await petitioner.petition_ref(actor, petition_id, code), actor


async def answer(info: Ctx, actor: Actor, row: Any) -> PetitionSuccess | PetitionerViewSuccess:
    """A petitioner gets their view back, never the staff record."""
    info.context.after_write()
    if not petitioner_view_only(actor):
        return PetitionSuccess(petition=wrap_petition(row))
    read = (await petitioner.read_views(actor, [row], info.context.now))[0]
    return PetitionerViewSuccess(view=petitioner_view(read))


def _address(info: Ctx) -> str | None:
    request = info.context.request
    return request.client.host if request is not None and request.client else None


@strawberry.type
class PetitionerMutation:
    @strawberry.mutation(
        description="新增材料: the petitioner (token, `trackingCode`) adds a text note; the "
        "district platform may record one from a call (`id`)."
    )
    async def add_petitioner_material(self, info: Ctx, input: AddPetitionerMaterialInput) -> result(
        "AddPetitionerMaterialResult", PetitionSuccess, PetitionerViewSuccess
    ):
        pid, actor = await target(info, input.id, input.tracking_code)
        row = await petitioner.add_material(
            actor, pid, info.context.now, text=input.text, expected_version=input.expected_version
        )
        return await answer(info, actor, row)

    @strawberry.mutation(
        description="A district app asks for a one-time code to be sent to the petitioner's "
        "phone; the answer is the same whether or not the phone has petitions."
    )
    async def request_petitioner_code(self, info: Ctx, input: RequestPetitionerCodeInput) -> result(
        "RequestPetitionerCodeResult", PetitionerCodeSent
    ):
        sent = await petitioner_auth.request_code(
            info.context.actor, input.phone, info.context.now, _address(info)
        )
        return PetitionerCodeSent(
            sent=True, expires_at=sent.expires_at, retry_after_seconds=sent.retry_after_seconds
        )

    @strawberry.mutation(
        description="The code the petitioner received buys a token scoped to their phone's "
        "petitions; a few wrong codes burn it."
    )
    async def verify_petitioner_code(self, info: Ctx, input: VerifyPetitionerCodeInput) -> result(
        "VerifyPetitionerCodeResult", PetitionerSession
    ):
        login = await petitioner_auth.verify_code(
            info.context.actor, input.phone, input.code, info.context.now, _address(info)
        )
        return PetitionerSession(token=login.token, expires_at=login.expires_at)
