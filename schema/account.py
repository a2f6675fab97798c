"""The signed-in staff user's own account: changing the password.

After an admin resets a password this is the only mutation the user's session may run
(schema/guard.py refuses the rest before anything executes)."""

from __future__ import annotations

import strawberry

from resolvers import auth
from schema.errors import result
from schema.me import Me, me_of
from schema.types import Ctx


@strawberry.input
class ChangePasswordInput:
    current_password: str
    new_password: str


@strawberry.type
class ChangePasswordSuccess:
    me: Me


@strawberry.type
class AccountMutation:
    @strawberry.mutation(
        description="Sets the signed-in staff user's password; their other sessions end."
    )
    async def change_password(self, info: Ctx, input: ChangePasswordInput) -> result(
        "ChangePasswordResult", ChangePasswordSuccess
    ):
        ctx = info.context
        actor = await auth.change_password(
            ctx.actor, input.current_password, input.new_password, ctx.session_token, ctx.now
        )
        ctx.actor = actor
        return ChangePasswordSuccess(me=await me_of(actor))
