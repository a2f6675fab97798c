"""The petitioner's side of the API: the petitioner's view (一个门出), their one-time-code
login, and the success types of the steps they take. Every type here is built from
`workflow.petitioner.PetitionerView`; none wraps a model row."""

from __future__ import annotations

from datetime import datetime

import strawberry

from resolvers.petitioner import PetitionerRead
from schema.enums import Action, EvaluationSource, Resolution, Satisfaction
from workflow.petitioner import MaterialFacts, MilestoneKind, PetitionerFile, PetitionerStatus

strawberry.enum(
    PetitionerStatus,
    description="The state in plain words: 已受理, 办理中, 已答复, 已办结 (see `statusText`).",
)
strawberry.enum(MilestoneKind, name="PetitionerMilestoneKind")


@strawberry.type(description="A reply the platform approved and sent to the petitioner.")
class PetitionerReply:
    round: int
    unit_name: str
    sent_at: datetime
    petitioner_situation: str
    policy_basis: str
    handling_result: str
    responsible_person: str
    contact_phone: str


@strawberry.type(description="A public step: 受理, 已派单 (to which unit), 已答复, 评价, 办结.")
class PetitionerMilestone:
    kind: MilestoneKind
    at: datetime
    text: str
    unit_name: str | None


@strawberry.type(description="The petitioner's own evaluation (or one staff recorded by phone).")
class PetitionerEvaluation:
    round: int
    satisfaction: Satisfaction
    resolution: Resolution
    comment: str
    source: EvaluationSource
    created_at: datetime


@strawberry.type(description="Material the petitioner added (新增材料).")
class PetitionerMaterial:
    id: strawberry.ID
    text: str
    created_at: datetime
    by_petitioner: bool = strawberry.field(
        description="False when the district platform recorded it from a call."
    )


def material(m: MaterialFacts) -> PetitionerMaterial:
    return PetitionerMaterial(
        id=strawberry.ID(str(m.id)),
        text=m.text,
        created_at=m.created_at,
        by_petitioner=m.by_petitioner,
    )


@strawberry.type(
    description="A photo or document the petitioner may see: their own (or one their channel "
    "added for them), or one the platform sent with a reply."
)
class PetitionerAttachment:
    id: strawberry.ID
    filename: str
    content_type: str = strawberry.field(
        description="image/jpeg, image/png, image/webp or application/pdf (judged by content)."
    )
    size: int = strawberry.field(description="In bytes.")
    from_reply: bool = strawberry.field(
        description="True when it came with a reply the platform sent; false when it is the "
        "petitioner's own."
    )
    reply_round: int | None = strawberry.field(description="The round of that reply.")
    created_at: datetime
    url: str = strawberry.field(
        description="GET it with the same credentials (the petitioner's token or the key)."
    )
    thumbnail_url: str | None = strawberry.field(description="For photos: a small JPEG.")


def attachment(f: PetitionerFile) -> PetitionerAttachment:
    return PetitionerAttachment(
        id=strawberry.ID(str(f.id)),
        filename=f.filename,
        content_type=f.content_type,
        size=f.size,
        from_reply=f.from_reply,
        reply_round=f.reply_round,
        created_at=f.created_at,
        url=f"/attachments/{f.id}",
        thumbnail_url=f"/attachments/{f.id}/thumbnail" if f.has_thumbnail else None,
    )


@strawberry.type(
    description="What a petitioner sees of their petition (一个门出): never replies under "
    "review or rejected, review notes, assessments, referrals, urges, internal notes, staff "
    "names or anyone else's personal data."
)
class PetitionerView:
    tracking_code: str
    title: str
    content: str
    submitted_at: datetime
    status: PetitionerStatus
    status_text: str
    closure_text: str | None = strawberry.field(description="How it ended, once 已办结.")
    closed_at: datetime | None
    handling_unit_name: str | None = strawberry.field(description="The unit handling it now.")
    deadline: datetime | None = strawberry.field(description="When the answer is due.")
    evaluation_due_at: datetime | None = strawberry.field(description="Evaluate before this.")
    replies: list[PetitionerReply]
    milestones: list[PetitionerMilestone]
    evaluations: list[PetitionerEvaluation]
    materials: list[PetitionerMaterial]
    attachments: list[PetitionerAttachment] = strawberry.field(
        description="Their own photos and the files of the replies the platform sent; never "
        "files of replies under review, rejected or taken back, of reviews, or staff's photos."
    )
    available_actions: list[Action] = strawberry.field(
        description="EVALUATE, WITHDRAW, ADD_MATERIAL as they apply now (petitioner token only)."
    )


def petitioner_view(read: PetitionerRead) -> PetitionerView:
    v = read.view
    return PetitionerView(
        tracking_code=v.tracking_code,
        title=v.title,
        content=v.content,
        submitted_at=v.submitted_at,
        status=v.status,
        status_text=v.status_text,
        closure_text=v.closure_text,
        closed_at=v.closed_at,
        handling_unit_name=v.handling_unit_name,
        deadline=v.deadline,
        evaluation_due_at=v.evaluation_due_at,
        replies=[PetitionerReply(**r.__dict__) for r in v.replies],
        milestones=[PetitionerMilestone(**m.__dict__) for m in v.milestones],
        evaluations=[PetitionerEvaluation(**e.__dict__) for e in v.evaluations],
        materials=[material(m) for m in v.materials],
        attachments=[attachment(f) for f in v.attachments],
        available_actions=read.actions,
    )


@strawberry.type(description="A petitioner's step succeeded; `view` is their petition now.")
class PetitionerViewSuccess:
    view: PetitionerView


@strawberry.type(description="A one-time code was sent to the phone.")
class PetitionerCodeSent:
    sent: bool
    expires_at: datetime
    retry_after_seconds: int = strawberry.field(
        description="Seconds before another code may be requested for this phone."
    )


@strawberry.type(description="Send `token` as `Authorization: Bearer …` to act as the petitioner.")
class PetitionerSession:
    token: str
    expires_at: datetime


@strawberry.type(
    description="What a petitioner channel (district app, hotline) gets back from an intake: "
    "the tracking code, and the petitioner's view where the channel may read it."
)
class PetitionReceipt:
    tracking_code: str
    created: bool = strawberry.field(description="False when this was a resend.")
    view: PetitionerView | None = strawberry.field(
        description="The petitioner's view, for a channel that may read it (the hotline)."
    )
