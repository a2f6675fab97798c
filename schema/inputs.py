"""Mutation inputs. Field names here are the names errors cite in `InvalidField.field`."""

from __future__ import annotations

import dataclasses

import strawberry

from resolvers.intake import PetitionDraft
from schema.enums import (
    ApiClientKind,
    AssessmentResult,
    Category,
    Channel,
    Complexity,
    ContactMethod,
    Kind,
    Light,
    PetitionerType,
    Resolution,
    Satisfaction,
    State,
)
from schema.ids import optional_row_id


@strawberry.input
class SubmitPetitionInput:
    title: str
    content: str
    category: Category
    petitioner_type: PetitionerType
    petitioner_name: str
    petitioner_phone: str
    kind: Kind | None = None
    complexity: Complexity = Complexity.SIMPLE
    topic_code: str | None = None
    channel: Channel | None = None
    external_id: str | None = None
    anonymous: bool = False
    district_code: str | None = None
    street_id: strawberry.ID | None = None
    community_id: strawberry.ID | None = None
    address: str = ""
    lat: float | None = None
    lng: float | None = None

    def to_draft(self) -> PetitionDraft:
        """The resolver's draft has the same fields; only the opaque ids need parsing."""
        values = {f.name: getattr(self, f.name) for f in dataclasses.fields(PetitionDraft)}
        values["street_id"] = optional_row_id(self.street_id, "streetId")
        values["community_id"] = optional_row_id(self.community_id, "communityId")
        return PetitionDraft(**values)


@strawberry.input
class DispatchPetitionInput:
    id: strawberry.ID
    lead_unit_id: strawberry.ID
    cooperating_unit_ids: list[strawberry.ID] = strawberry.field(default_factory=list)
    complexity: Complexity | None = None
    time_limit_days: int | None = None
    note: str = ""
    expected_version: int | None = None


@strawberry.input
class ReasonInput:
    id: strawberry.ID
    reason: str
    expected_version: int | None = None


@strawberry.input(description="Escalating from a district's triage names a city department.")
class EscalatePetitionInput:
    id: strawberry.ID
    reason: str
    suggested_unit_id: strawberry.ID | None = strawberry.field(
        default=None,
        description="Required when a district platform escalates to the city platform.",
    )
    expected_version: int | None = None


@strawberry.input
class TakeBackReplyInput:
    id: strawberry.ID
    reason: str = ""
    expected_version: int | None = None


@strawberry.input(description="先行联系: when (ISO datetime; default now) and how.")
class FirstContactInput:
    id: strawberry.ID
    method: ContactMethod
    contacted_at: str | None = None
    note: str = ""
    expected_version: int | None = None


@strawberry.input
class ReturnPetitionInput:
    id: strawberry.ID
    reason: str
    duty_item_id: strawberry.ID
    expected_version: int | None = None


@strawberry.input
class MergePetitionInput:
    id: strawberry.ID
    duplicate_of_id: strawberry.ID
    note: str = ""
    expected_version: int | None = None


@strawberry.input
class PetitionRefInput:
    id: strawberry.ID
    expected_version: int | None = None


@strawberry.input
class RequestExtensionInput:
    id: strawberry.ID
    days: int
    reason: str
    expected_version: int | None = None


@strawberry.input
class DecisionInput:
    id: strawberry.ID
    approve: bool
    note: str = ""
    expected_version: int | None = None


@strawberry.input
class CooperationOpinionInput:
    id: strawberry.ID
    text: str
    expected_version: int | None = None


@strawberry.input
class SubmitReplyInput:
    id: strawberry.ID
    petitioner_situation: str
    policy_basis: str
    handling_result: str
    responsible_person: str
    contact_phone: str
    expected_version: int | None = None


_WHICH = (
    "Staff give `id`; a petitioner gives `trackingCode` with their token as bearer "
    "(a phone number is no proof)."
)


@strawberry.input(description=_WHICH)
class EvaluatePetitionInput:
    satisfaction: Satisfaction
    resolution: Resolution
    comment: str = ""
    id: strawberry.ID | None = None
    tracking_code: str | None = None
    expected_version: int | None = None


@strawberry.input(description=_WHICH)
class WithdrawPetitionInput:
    reason: str = ""
    id: strawberry.ID | None = None
    tracking_code: str | None = None
    expected_version: int | None = None


@strawberry.input(description=_WHICH)
class AddPetitionerMaterialInput:
    text: str
    id: strawberry.ID | None = None
    tracking_code: str | None = None
    expected_version: int | None = None


@strawberry.input
class RequestPetitionerCodeInput:
    phone: str


@strawberry.input
class VerifyPetitionerCodeInput:
    phone: str
    code: str


@strawberry.input
class AssessPetitionInput:
    id: strawberry.ID
    result: AssessmentResult
    note: str
    expected_version: int | None = None


@strawberry.input
class NoteInput:
    id: strawberry.ID
    note: str
    expected_version: int | None = None


@strawberry.input
class LoginInput:
    username: str
    password: str
    unit_id: strawberry.ID | None = None


@strawberry.input
class CreateApiKeyInput:
    name: str
    unit_id: strawberry.ID
    client_kind: ApiClientKind


@strawberry.input
class PetitionFilterInput:
    states: list[State] | None = None
    district_id: strawberry.ID | None = None
    unit_id: strawberry.ID | None = None
    category: Category | None = None
    kind: Kind | None = None
    topic_id: strawberry.ID | None = None
    light: Light | None = None
    overdue: bool | None = None
    round: int | None = None
    text: str | None = strawberry.field(
        default=None,
        description="A tracking code or its start or tail, title, content and address words; "
        "also the petitioner's exact phone or name for staff who may see it (such a search is "
        "recorded in the audit record)",
    )
    created_from: str | None = strawberry.field(default=None, description="ISO date or datetime")
    created_to: str | None = strawberry.field(default=None, description="ISO date or datetime")
    deadline_from: str | None = strawberry.field(
        default=None, description="ISO date or datetime: the deadline at or after it"
    )
    deadline_to: str | None = strawberry.field(
        default=None, description="ISO date or datetime: the deadline before it"
    )
    street_id: strawberry.ID | None = None
    community_id: strawberry.ID | None = None
    channel: Channel | None = None
    urged: bool | None = strawberry.field(
        default=None, description="True: urged (督办) at least once; false: never urged"
    )
    overdue_days: int | None = strawberry.field(
        default=None,
        description="Overdue by at least this many working days (1–366), as the light's "
        "remaining time counts them",
    )
