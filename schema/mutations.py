"""Mutations: thin. Each parses its input and calls one resolver; a refusal the resolver raises
becomes a typed result through `schema.errors.WorkflowErrorHandler`, registered on the schema."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any

import strawberry

import settings
from resolvers import auth, closing, handling, intake, petitioner, triage
from resolvers.ratelimit import throttled_login
from resolvers.reads import require_actor
from schema.errors import result
from schema.ids import optional_row_id, parse_instant, row_id
from schema.inputs import (
    AssessPetitionInput,
    CooperationOpinionInput,
    CreateApiKeyInput,
    DecisionInput,
    DispatchPetitionInput,
    EscalatePetitionInput,
    EvaluatePetitionInput,
    FirstContactInput,
    LoginInput,
    MergePetitionInput,
    NoteInput,
    PetitionRefInput,
    ReasonInput,
    RequestExtensionInput,
    ReturnPetitionInput,
    SubmitPetitionInput,
    SubmitReplyInput,
    TakeBackReplyInput,
    WithdrawPetitionInput,
)
from schema.me import Me, me_of
from schema.petitioner import PetitionerViewSuccess, PetitionReceipt, petitioner_view
from schema.petitioner_mutations import PetitionSuccess, answer, target
from schema.types import Ctx, Petition, wrap_petition
from workflow.actors import Actor
from workflow.privacy import petitioner_view_only


@strawberry.type
class SubmitPetitionSuccess:
    petition: Petition
    created: bool = strawberry.field(
        description="False when this was a resend of an earlier intake."
    )


@strawberry.type
class LoginSuccess:
    token: str = strawberry.field(description="Send as `Authorization: Bearer …` (clients).")
    me: Me


@strawberry.type
class LogoutSuccess:
    ok: bool


@strawberry.type
class ApiKeyInfo:
    id: strawberry.ID
    name: str
    prefix: str
    unit_id: strawberry.ID
    scopes: list[str]
    revoked: bool


@strawberry.type
class CreateApiKeySuccess:
    api_key: ApiKeyInfo
    secret: str = strawberry.field(description="Shown once; only a hash is stored.")


def _done(info: Ctx, row: Any) -> PetitionSuccess:
    info.context.after_write()
    return PetitionSuccess(petition=wrap_petition(row))


def _actor(info: Ctx) -> Actor:
    return require_actor(info.context.actor)


async def _reasoned(info: Ctx, step: Callable[..., Awaitable[Any]], input: ReasonInput) -> Any:
    """The steps whose only input is a reason (escalate, send back, reject)."""
    return await step(
        _actor(info),
        row_id(input.id, "id"),
        info.context.now,
        reason=input.reason,
        expected_version=input.expected_version,
    )


async def _decided(info: Ctx, step: Callable[..., Awaitable[Any]], input: DecisionInput) -> Any:
    """The approve/reject steps with a note (extension decisions, reviews)."""
    return await step(
        _actor(info),
        row_id(input.id, "id"),
        info.context.now,
        approve=input.approve,
        note=input.note,
        expected_version=input.expected_version,
    )


def _key_info(key: Any) -> ApiKeyInfo:
    return ApiKeyInfo(
        id=strawberry.ID(str(key.id)),
        name=key.name,
        prefix=key.prefix,
        unit_id=strawberry.ID(str(key.unit_id)),
        scopes=list(key.scopes),
        revoked=key.revoked_at is not None,
    )


@strawberry.type
class Mutation:
    @strawberry.mutation
    async def submit_petition(self, info: Ctx, input: SubmitPetitionInput) -> result(
        "SubmitPetitionResult", SubmitPetitionSuccess, PetitionReceipt
    ):
        actor = _actor(info)
        done = await intake.submit_petition(actor, input.to_draft(), info.context.now)
        info.context.after_write()
        if petitioner_view_only(actor):  # a district app or the hotline: a receipt
            read = await petitioner.receipt_view(actor, done.petition, info.context.now)
            return PetitionReceipt(
                tracking_code=done.petition.tracking_code,
                created=done.created,
                view=petitioner_view(read) if read else None,
            )
        return SubmitPetitionSuccess(petition=wrap_petition(done.petition), created=done.created)

    @strawberry.mutation
    async def dispatch_petition(self, info: Ctx, input: DispatchPetitionInput) -> result(
        "DispatchPetitionResult", PetitionSuccess
    ):
        row = await triage.dispatch_petition(
            _actor(info),
            row_id(input.id, "id"),
            info.context.now,
            lead_unit_id=row_id(input.lead_unit_id, "leadUnitId"),
            cooperating_unit_ids=[
                row_id(u, "cooperatingUnitIds") for u in input.cooperating_unit_ids
            ],
            complexity=input.complexity,
            time_limit_days=input.time_limit_days,
            note=input.note,
            expected_version=input.expected_version,
        )
        return _done(info, row)

    @strawberry.mutation
    async def escalate_petition(self, info: Ctx, input: EscalatePetitionInput) -> result(
        "EscalatePetitionResult", PetitionSuccess
    ):
        row = await triage.escalate_petition(
            _actor(info),
            row_id(input.id, "id"),
            info.context.now,
            reason=input.reason,
            suggested_unit_id=optional_row_id(input.suggested_unit_id, "suggestedUnitId"),
            expected_version=input.expected_version,
        )
        return _done(info, row)

    @strawberry.mutation
    async def send_back_petition(self, info: Ctx, input: ReasonInput) -> result(
        "SendBackPetitionResult", PetitionSuccess
    ):
        return _done(info, await _reasoned(info, triage.send_back_petition, input))

    @strawberry.mutation
    async def return_petition(self, info: Ctx, input: ReturnPetitionInput) -> result(
        "ReturnPetitionResult", PetitionSuccess
    ):
        row = await triage.return_petition(
            _actor(info),
            row_id(input.id, "id"),
            info.context.now,
            reason=input.reason,
            duty_item_id=row_id(input.duty_item_id, "dutyItemId"),
            expected_version=input.expected_version,
        )
        return _done(info, row)

    @strawberry.mutation
    async def reject_petition(self, info: Ctx, input: ReasonInput) -> result(
        "RejectPetitionResult", PetitionSuccess
    ):
        return _done(info, await _reasoned(info, triage.reject_petition, input))

    @strawberry.mutation(description="收回/改派: take back a dispatch the unit has not accepted.")
    async def recall_petition(self, info: Ctx, input: ReasonInput) -> result(
        "RecallPetitionResult", PetitionSuccess
    ):
        return _done(info, await _reasoned(info, triage.recall_petition, input))

    @strawberry.mutation
    async def merge_petition(self, info: Ctx, input: MergePetitionInput) -> result(
        "MergePetitionResult", PetitionSuccess
    ):
        row = await triage.merge_petition(
            _actor(info),
            row_id(input.id, "id"),
            info.context.now,
            duplicate_of_id=row_id(input.duplicate_of_id, "duplicateOfId"),
            note=input.note,
            expected_version=input.expected_version,
        )
        return _done(info, row)

    @strawberry.mutation
    async def accept_petition(self, info: Ctx, input: PetitionRefInput) -> result(
        "AcceptPetitionResult", PetitionSuccess
    ):
        row = await handling.accept_petition(
            _actor(info),
            row_id(input.id, "id"),
            info.context.now,
            expected_version=input.expected_version,
        )
        return _done(info, row)

    @strawberry.mutation
    async def request_extension(self, info: Ctx, input: RequestExtensionInput) -> result(
        "RequestExtensionResult", PetitionSuccess
    ):
        row = await handling.request_extension(
            _actor(info),
            row_id(input.id, "id"),
            info.context.now,
            days=input.days,
            reason=input.reason,
            expected_version=input.expected_version,
        )
        return _done(info, row)

    @strawberry.mutation
    async def decide_extension(self, info: Ctx, input: DecisionInput) -> result(
        "DecideExtensionResult", PetitionSuccess
    ):
        return _done(info, await _decided(info, handling.decide_extension, input))

    @strawberry.mutation
    async def add_cooperation_opinion(self, info: Ctx, input: CooperationOpinionInput) -> result(
        "AddCooperationOpinionResult", PetitionSuccess
    ):
        row = await handling.add_cooperation_opinion(
            _actor(info),
            row_id(input.id, "id"),
            info.context.now,
            text=input.text,
            expected_version=input.expected_version,
        )
        return _done(info, row)

    @strawberry.mutation
    async def submit_reply(self, info: Ctx, input: SubmitReplyInput) -> result(
        "SubmitReplyResult", PetitionSuccess
    ):
        row = await handling.submit_reply(
            _actor(info),
            row_id(input.id, "id"),
            info.context.now,
            petitioner_situation=input.petitioner_situation,
            policy_basis=input.policy_basis,
            handling_result=input.handling_result,
            responsible_person=input.responsible_person,
            contact_phone=input.contact_phone,
            expected_version=input.expected_version,
        )
        return _done(info, row)

    @strawberry.mutation(description="The author takes a reply back before anyone reviewed it.")
    async def take_back_reply(self, info: Ctx, input: TakeBackReplyInput) -> result(
        "TakeBackReplyResult", PetitionSuccess
    ):
        row = await handling.take_back_reply(
            _actor(info),
            row_id(input.id, "id"),
            info.context.now,
            reason=input.reason,
            expected_version=input.expected_version,
        )
        return _done(info, row)

    @strawberry.mutation(description="先行联系: record when and how the petitioner was reached.")
    async def record_first_contact(self, info: Ctx, input: FirstContactInput) -> result(
        "RecordFirstContactResult", PetitionSuccess
    ):
        row = await handling.record_first_contact(
            _actor(info),
            row_id(input.id, "id"),
            info.context.now,
            contacted_at=parse_instant(input.contacted_at, "contactedAt"),
            method=input.method,
            note=input.note,
            expected_version=input.expected_version,
        )
        return _done(info, row)

    @strawberry.mutation
    async def review_reply(self, info: Ctx, input: DecisionInput) -> result(
        "ReviewReplyResult", PetitionSuccess
    ):
        return _done(info, await _decided(info, handling.review_reply, input))

    @strawberry.mutation
    async def evaluate_petition(self, info: Ctx, input: EvaluatePetitionInput) -> result(
        "EvaluatePetitionResult", PetitionSuccess, PetitionerViewSuccess
    ):
        pid, actor = await target(info, input.id, input.tracking_code)
        row = await closing.evaluate_petition(
            actor,
            pid,
            info.context.now,
            satisfaction=input.satisfaction,
            resolution=input.resolution,
            comment=input.comment,
            expected_version=input.expected_version,
        )
        return await answer(info, actor, row)

    @strawberry.mutation
    async def assess_petition(self, info: Ctx, input: AssessPetitionInput) -> result(
        "AssessPetitionResult", PetitionSuccess
    ):
        row = await closing.assess_petition(
            _actor(info),
            row_id(input.id, "id"),
            info.context.now,
            result=input.result,
            note=input.note,
            expected_version=input.expected_version,
        )
        return _done(info, row)

    @strawberry.mutation
    async def urge_petition(self, info: Ctx, input: NoteInput) -> result(
        "UrgePetitionResult", PetitionSuccess
    ):
        row = await closing.urge_petition(
            _actor(info),
            row_id(input.id, "id"),
            info.context.now,
            note=input.note,
            expected_version=input.expected_version,
        )
        return _done(info, row)

    @strawberry.mutation
    async def withdraw_petition(self, info: Ctx, input: WithdrawPetitionInput) -> result(
        "WithdrawPetitionResult", PetitionSuccess, PetitionerViewSuccess
    ):
        pid, actor = await target(info, input.id, input.tracking_code)
        row = await closing.withdraw_petition(
            actor,
            pid,
            info.context.now,
            reason=input.reason,
            expected_version=input.expected_version,
        )
        return await answer(info, actor, row)

    @strawberry.mutation
    async def login(self, info: Ctx, input: LoginInput) -> result("LoginResult", LoginSuccess):
        ctx = info.context
        assert ctx.login_throttle is not None
        done = await throttled_login(
            ctx.login_throttle,
            input.username,
            input.password,
            ctx.client_address,
            ctx.now,
            optional_row_id(input.unit_id, "unitId"),
        )
        info.context.actor = done.actor
        response, request = info.context.response, info.context.request
        if response is not None:
            response.set_cookie(
                settings.SESSION_COOKIE,
                done.token,
                httponly=True,
                samesite="lax",
                secure=request is not None and request.url.scheme == "https",
                max_age=settings.SESSION_TTL_HOURS * 3600,
            )
        return LoginSuccess(token=done.token, me=await me_of(done.actor))

    @strawberry.mutation
    async def logout(self, info: Ctx) -> result("LogoutResult", LogoutSuccess):
        if info.context.actor is None:  # a user who must change the password may sign out
            _actor(info)
        token = info.context.session_token
        ok = await auth.logout(token, info.context.now) if token else False
        if info.context.response is not None:
            info.context.response.delete_cookie(settings.SESSION_COOKIE)
        return LogoutSuccess(ok=ok)

    @strawberry.mutation
    async def create_api_key(self, info: Ctx, input: CreateApiKeyInput) -> result(
        "CreateApiKeyResult", CreateApiKeySuccess
    ):
        made = await auth.create_api_key(
            _actor(info),
            input.name,
            row_id(input.unit_id, "unitId"),
            input.client_kind,
            info.context.now,
        )
        return CreateApiKeySuccess(api_key=_key_info(made.key), secret=made.secret)

    @strawberry.mutation
    async def revoke_api_key(self, info: Ctx, id: strawberry.ID) -> result(
        "RevokeApiKeyResult", ApiKeyInfo
    ):
        key = await auth.revoke_api_key(_actor(info), row_id(id, "id"), info.context.now)
        return _key_info(key)
