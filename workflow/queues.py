"""Each role's work queues (the home page of the staff screens), as data.

A queue names what is waiting for the actor's unit: a dispatcher's inbox, the replies its
platform must review, the extensions and assessments it must decide; a handler's new and
running assignments; a reviewer's or head's sign-offs. `everything` lists all the actor may see.
"""

from __future__ import annotations

from dataclasses import dataclass

from workflow.actors import Actor
from workflow.enums import Action, ReviewStage, Role, State, UnitKind
from workflow.referrals import referral_role


@dataclass(frozen=True)
class QueueSpec:
    key: str
    label: str
    states: tuple[State, ...] = ()
    at_my_platform: bool = False
    handled_by_me: bool = False
    cooperating: bool = False
    review_stages: tuple[ReviewStage, ...] = ()
    in_my_district: bool = False
    pending_extension: bool | None = None
    by_deadline: bool = True
    # Triage has no deadline yet: whoever has waited longest in the inbox comes first.
    waiting_first: bool = False
    # The routine step that may be taken on several rows at once from this queue.
    batch: Action | None = None
    # A queue of something other than petitions has its own page (referrals).
    href: str | None = None


EVERYTHING = QueueSpec("all", "全部诉求", by_deadline=False)
REFERRALS = QueueSpec("referrals", "问责移交", href="/referrals")


def _dispatcher(actor: Actor) -> list[QueueSpec]:
    city = actor.unit.kind is UnitKind.CITY_PLATFORM
    review = ReviewStage.CITY_PLATFORM if city else ReviewStage.DISTRICT_PLATFORM
    queues = [
        QueueSpec(
            "triage",
            "待研判派单",
            (State.TRIAGE,),
            at_my_platform=True,
            by_deadline=False,
            waiting_first=True,
            batch=Action.DISPATCH,
        ),
        QueueSpec(
            "platform-review",
            "待平台审核",
            (State.PLATFORM_REVIEW,),
            review_stages=(review,),
            in_my_district=not city,
            at_my_platform=city,
            batch=Action.REVIEW_REPLY,
        ),
        QueueSpec(
            "extensions",
            "待审批延期",
            (State.HANDLING,),
            at_my_platform=True,
            pending_extension=True,
        ),
        QueueSpec("assessment", "待履职评估", (State.PENDING_ASSESSMENT,), at_my_platform=True),
    ]
    if not city:
        queues.append(
            QueueSpec("callback", "待回访评价", (State.AWAITING_EVALUATION,), in_my_district=True)
        )
    return queues


def _handler(actor: Actor) -> list[QueueSpec]:
    queues = [
        QueueSpec(
            "assigned", "待签收", (State.ASSIGNED,), handled_by_me=True, batch=Action.ACCEPT
        ),
        QueueSpec("handling", "办理中", (State.HANDLING,), handled_by_me=True),
    ]
    if actor.unit.kind in (UnitKind.CITY_DEPARTMENT, UnitKind.DISTRICT_DEPARTMENT):
        queues.append(QueueSpec("cooperating", "协办", (State.HANDLING,), cooperating=True))
    return queues


def queues_for(actor: Actor) -> list[QueueSpec]:
    """The actor's queues, the first being their home page: an inspector of a unit that
    receives referrals lands on them; city supervisors find them beside their own queues."""
    queues: list[QueueSpec] = []
    role = referral_role(actor)
    if role is Role.INSPECTOR:
        queues.append(REFERRALS)
    if actor.has(Role.DISPATCHER):
        queues += _dispatcher(actor)
    if actor.has(Role.HANDLER):
        queues += _handler(actor)
    if actor.has(Role.REVIEWER):
        queues.append(
            QueueSpec(
                "unit-review",
                "待科室审核",
                (State.UNIT_REVIEW,),
                handled_by_me=True,
                review_stages=(ReviewStage.UNIT_REVIEWER,),
                batch=Action.REVIEW_REPLY,
            )
        )
    if actor.has(Role.HEAD):
        queues.append(
            QueueSpec(
                "head-review",
                "待负责人签发",
                (State.UNIT_REVIEW,),
                handled_by_me=True,
                review_stages=(ReviewStage.UNIT_HEAD,),
                batch=Action.REVIEW_REPLY,
            )
        )
    if actor.has(Role.SUPERVISOR):
        queues.append(
            QueueSpec("overdue", "超期未办结", (State.ASSIGNED, State.HANDLING, State.UNIT_REVIEW))
        )
    if role is Role.SUPERVISOR:
        queues.append(REFERRALS)
    queues.append(EVERYTHING)
    return queues


def queue_by_key(actor: Actor, key: str | None) -> QueueSpec:
    queues = queues_for(actor)
    return next((q for q in queues if q.key == key), queues[0])
