"""The rows of one petition's plain life, as demo/history.py writes them: built as bare
column values (building Tortoise models cost most of the loader's time), with the same
deadlines, lights, versions, payloads and actors the operations would have recorded."""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import Any

import settings
from demo.history_plan import PlannedPetition, Quality
from demo.texts import (
    ENTERPRISE_NAMES,
    REPLY_TEMPLATES,
    ROADS,
    fake_name,
    fake_office_phone,
    fake_phone,
)
from models import ApiKey, Unit
from workflow.calendar import WorkingCalendar
from workflow.deadlines import TZ, compute_deadline, time_limit
from workflow.enums import (
    Action,
    ApiClientKind,
    AssessmentResult,
    AssignmentEnd,
    AssignmentRole,
    Category,
    Channel,
    Closure,
    ContactMethod,
    Decision,
    EvaluationSource,
    PetitionerType,
    ReplyStatus,
    Resolution,
    ReviewStage,
    Role,
    Satisfaction,
    State,
)
from workflow.lights import yellow_instant
from workflow.measures import accepted_in_time

Staff = dict[tuple[str, Role], tuple[int, str]]
PREFIX = "hist-"


@dataclass(frozen=True)
class Who:
    """An actor as an event records it."""

    unit_id: int | None
    role: Role
    name: str
    user_id: int | None = None
    api_key_id: int | None = None
    client_kind: ApiClientKind | None = None


SYSTEM = Who(None, Role.SYSTEM, "系统")


class Row:
    """One row as column values: building models would take most of the loader's time.
    Attributes are the table's columns; one never set is written as its default."""

    def __setattr__(self, name: str, value: Any) -> None:
        self.__dict__[name] = value

    def __init__(self, **values: Any) -> None:
        self.__dict__.update(values)

    def __getattr__(self, name: str) -> Any:  # a column never set is NULL (or its default)
        return None


@dataclass
class Rows:
    petitions: list[Any] = field(default_factory=list)
    assignments: list[Any] = field(default_factory=list)
    replies: list[Any] = field(default_factory=list)
    reviews: list[Any] = field(default_factory=list)
    evaluations: list[Any] = field(default_factory=list)
    assessments: list[Any] = field(default_factory=list)
    events: list[Any] = field(default_factory=list)


class Builder:
    """Builds one petition's rows at a time, with ids handed out here (bulk inserts do not
    return them, and the events' payloads name the rows)."""

    def __init__(
        self,
        rng: random.Random,
        units: dict[str, Unit],
        staff: Staff,
        hotline: ApiKey,
        cal: WorkingCalendar,
        duty: dict[tuple[int, int | None], str],
        topics: dict[str, int],
        next_ids: dict[str, int],
        sequences: dict[tuple[str, date], int],
    ) -> None:
        self.rng, self.units, self.staff, self.hotline = rng, units, staff, hotline
        self.cal, self.duty, self.topics = cal, duty, topics
        self.ids, self.sequences = next_ids, sequences
        self.rows = Rows()
        # 先行联系 is drawn from dice of its own, so the rest of the history stays as it was.
        self.contact_rng = random.Random(20230417)

    def _id(self, table: str) -> int:
        self.ids[table] += 1
        return self.ids[table]

    def who(self, code: str, role: Role) -> Who:
        user_id, name = self.staff[(code, role)]
        return Who(self.units[code].id, role, name, user_id=user_id)

    def _event(
        self,
        p: Any,
        at: datetime,
        action: Action,
        who: Who,
        to: State,
        note: str = "",
        payload: dict[str, Any] | None = None,
    ) -> None:
        self.rows.events.append(
            Row(
                id=self._id("event"),
                petition_id=p.id,
                at=at,
                action=action,
                actor_user_id=who.user_id,
                actor_api_key_id=who.api_key_id,
                actor_unit_id=who.unit_id,
                actor_role=who.role,
                actor_client_kind=who.client_kind,
                actor_name=who.name[:64],
                from_state=p.state,
                to_state=to,
                note=note,
                payload=payload or {},
            )
        )
        p.state, p.version, p.updated_at = to, p.version + 1, at

    def _hours(self, low: float, high: float) -> timedelta:
        return timedelta(hours=self.rng.uniform(low, high))

    # ---- one life

    def build(self, n: int, plan: PlannedPetition, quality: Quality) -> None:
        rng, dc = self.rng, plan.district.code
        tpl, t = plan.template, plan.at
        platform = self.units[dc]
        dispatcher = self.who(dc, Role.DISPATCHER)
        day = t.astimezone(TZ).date()
        seq = self.sequences[(dc, day)] = self.sequences.get((dc, day), 0) + 1
        hotline = plan.channel is Channel.HOTLINE_12345
        place, address = self._place(plan)
        enterprise = tpl.category is Category.DEVELOPMENT and rng.random() < 0.6
        p = Row(
            id=self._id("petition"),
            tracking_code=f"{dc}{day:%Y%m%d}{seq:06d}",
            channel=plan.channel,
            external_id=f"{PREFIX}{n:06d}",
            title=tpl.title,
            content=tpl.render(place),
            category=tpl.category,
            kind=tpl.kind,
            complexity=tpl.complexity,
            topic_id=self.topics.get(tpl.topic),
            petitioner_type=PetitionerType.ENTERPRISE if enterprise else PetitionerType.CITIZEN,
            petitioner_name="周建国"
            if plan.repeat
            else (rng.choice(ENTERPRISE_NAMES) if enterprise else fake_name(rng)),
            petitioner_phone="13905321847" if plan.repeat else fake_phone(rng),
            anonymous=not plan.repeat and rng.random() < 0.03,
            address=address,
            district_id=platform.id,
            street_id=self.units[plan.street.code].id,
            state=State.TRIAGE,
            round=1,
            platform_id=platform.id,
            version=0,
            submitted_by_id=None if hotline else dispatcher.user_id,
            submitted_by_key_id=self.hotline.id if hotline else None,
            intake_unit_id=self.hotline.unit_id if hotline else platform.id,
            created_at=t,
            updated_at=t,
            inbox_since=None,
        )
        self.rows.petitions.append(p)
        p.state = None  # type: ignore[assignment]  # before intake: the event has no from-state
        intake = (
            Who(
                self.hotline.unit_id,
                Role.API_CLIENT,
                self.hotline.name,
                api_key_id=self.hotline.id,
                client_kind=ApiClientKind.HOTLINE,
            )
            if hotline
            else dispatcher
        )
        self._event(
            p,
            t,
            Action.SUBMIT,
            intake,
            State.TRIAGE,
            payload={"channel": plan.channel.value, "trackingCode": p.tracking_code},
        )
        if rng.random() < 0.03:
            at = t + self._hours(0.2, 6)
            self._event(
                p, at, Action.REJECT, dispatcher, State.CLOSED, "诉求内容不明确，经电话联系无法核实"
            )
            p.closure, p.closed_at = Closure.INVALID, at
            return
        lead = self._lead(plan)
        for round_ in (1, 2):
            t = self._round(p, plan, lead, round_, t, quality)
            if p.state is State.CLOSED:
                return
            if p.state is State.PENDING_ASSESSMENT:
                self._assess(p, dc, t)
                return

    def _place(self, plan: PlannedPetition) -> tuple[str, str]:
        d, s = plan.district, plan.street
        if plan.repeat or self.rng.random() < 0.4:
            community = s.communities[0]
            return community.name, f"{d.name}{s.name}{community.name}"
        road = self.rng.choice(ROADS[d.code])
        return road, f"{d.name}{road}{self.rng.randint(1, 300)}号"

    def _lead(self, plan: PlannedPetition) -> str:
        """As in the stories: the district unit whose duty list covers the template."""
        key, dc = plan.template.department_key, plan.district.code
        if key == "STREET":
            return plan.street.code
        if f"{dc}-{key}" in self.units:
            return f"{dc}-{key}"
        return plan.street.code if plan.template.category is Category.LIVELIHOOD else f"{dc}-CG"

    def _round(
        self, p: Any, plan: PlannedPetition, lead: str, round_: int, t: datetime, q: Quality
    ) -> datetime:
        rng, dc = self.rng, plan.district.code
        unit = self.units[lead]
        dispatcher = self.who(dc, Role.DISPATCHER)
        handler, reviewer, head = (
            self.who(lead, r) for r in (Role.HANDLER, Role.REVIEWER, Role.HEAD)
        )
        dispatched = t + self._hours(0.3, 8)
        days = time_limit(plan.template.category, plan.template.kind, plan.template.complexity, 16)
        due = compute_deadline(self.cal, dispatched, days)
        a = Row(
            id=self._id("assignment"),
            petition_id=p.id,
            unit_id=unit.id,
            role=AssignmentRole.LEAD,
            round=round_,
            assigned_by_unit_id=p.platform_id,
            assigned_by_id=dispatcher.user_id,
            assigned_at=dispatched,
            deadline=due.due_at,
        )
        self.rows.assignments.append(a)
        p.round, p.handling_unit_id, p.time_limit_days = round_, unit.id, days
        p.clock_started_at, p.deadline, p.original_deadline = dispatched, due.due_at, due.due_at
        p.deadline_estimated = due.estimated
        p.yellow_at = yellow_instant(self.cal, dispatched, due.due_at, settings.LIGHT_YELLOW_AT)
        self._event(
            p,
            dispatched,
            Action.DISPATCH,
            dispatcher,
            State.ASSIGNED,
            "请按职责办理",
            {
                "leadUnit": {"id": unit.id, "name": unit.name},
                "cooperatingUnits": [],
                "complexity": plan.template.complexity.value,
                "timeLimitDays": days,
                "deadline": due.due_at.isoformat(),
            },
        )
        if rng.random() < q.late_accept:  # past one working day
            after = self.cal.add_working_days(dispatched.astimezone(TZ).date(), 1)
            accepted = datetime.combine(after + timedelta(days=1), datetime.min.time(), TZ)
            accepted += self._hours(8.5, 11)
        else:
            accepted = dispatched + self._hours(0.2, 5)
        a.accepted_at, a.accepted_by_id = accepted, handler.user_id
        self._event(
            p, accepted, Action.ACCEPT, handler, State.HANDLING, payload={"assignmentId": a.id}
        )
        room = (due.due_at - accepted).total_seconds() / 3600 - 8
        if rng.random() < q.late_reply or room < 1:
            submitted = max(due.due_at, accepted) + self._hours(1, 40)
        else:
            submitted = accepted + self._hours(1, room)
        self._first_contact(p, a, unit, handler, accepted, submitted)
        reply = self._reply(p, plan, unit, handler, round_, submitted)
        self._event(
            p,
            submitted,
            Action.SUBMIT_REPLY,
            handler,
            State.UNIT_REVIEW,
            payload={"replyId": reply.id},
        )
        t = submitted
        for who, stage, to in (
            (reviewer, ReviewStage.UNIT_REVIEWER, State.UNIT_REVIEW),
            (head, ReviewStage.UNIT_HEAD, State.PLATFORM_REVIEW),
            (dispatcher, ReviewStage.DISTRICT_PLATFORM, State.AWAITING_EVALUATION),
        ):
            t += self._hours(0.3, 3.5)
            self.rows.reviews.append(
                Row(
                    id=self._id("review"),
                    reply_id=reply.id,
                    stage=stage,
                    decision=Decision.APPROVED,
                    note="",
                    reviewer_id=who.user_id,
                    unit_id=who.unit_id,
                    created_at=t,
                )
            )
            self._event(
                p,
                t,
                Action.REVIEW_REPLY,
                who,
                to,
                payload={
                    "replyId": reply.id,
                    "stage": stage.value,
                    "decision": Decision.APPROVED.value,
                },
            )
        reply.to_platform_at = self.rows.reviews[-2].created_at  # the head's sign-off
        reply.on_time = reply.to_platform_at <= due.due_at
        reply.sent_at = a.ended_at = t
        a.end_reason = AssignmentEnd.REPLIED
        return self._evaluate(p, unit, dispatcher, round_, t, q)

    def _first_contact(
        self, p: Any, a: Any, unit: Unit, handler: Who, accepted: datetime, replied: datetime
    ) -> None:
        """As `recordFirstContact` writes it: most units call when they accept, some only
        while preparing the reply (often past the time allowed), a few never."""
        roll = self.contact_rng.random()
        if roll >= 0.93:
            return
        contacted = accepted
        if roll >= 0.8:
            contacted += (replied - accepted) * self.contact_rng.uniform(0.3, 0.9)
        in_time = accepted_in_time(
            self.cal, a.assigned_at, contacted, settings.FIRST_CONTACT_WITHIN_WORKING_DAYS
        )
        p.first_contacted_at = contacted
        self._event(
            p,
            contacted,
            Action.FIRST_CONTACT,
            handler,
            State.HANDLING,
            "已电话联系诉求人，了解具体情况并约定处理时间",
            {
                "contactedAt": contacted.isoformat(),
                "method": ContactMethod.PHONE.value,
                "first": True,
                "assignmentId": a.id,
                "unitId": unit.id,
                "assignedAt": a.assigned_at.isoformat(),
                "inTime": in_time,
            },
        )

    def _reply(
        self,
        p: Any,
        plan: PlannedPetition,
        unit: Unit,
        handler: Who,
        round_: int,
        at: datetime,
    ) -> Any:
        rng = self.rng
        template = rng.choice(REPLY_TEMPLATES[Category(p.category)])
        local = p.created_at.astimezone(TZ)
        values = {
            "petitioner": "诉求人"
            if p.anonymous
            else p.petitioner_name[0] + rng.choice(("先生", "女士")),
            "date": f"{local.month}月{local.day}日",
            "place": p.address,
            "title": p.title,
            "legal_basis": self.duty.get((unit.id, p.topic_id))
            or self.duty.get((unit.id, None), "《青岛市12345政务服务便民热线管理办法》"),
            "unit": unit.name,
            "person": fake_name(rng),
            "phone": fake_office_phone(rng),
        }
        reply = Row(
            id=self._id("reply"),
            petition_id=p.id,
            unit_id=unit.id,
            author_id=handler.user_id,
            round=round_,
            petitioner_situation=template.petitioner_situation.format_map(values),
            policy_basis=template.policy_basis.format_map(values),
            handling_result=template.handling_result.format_map(values),
            responsible_person=template.responsible_person.format_map(values),
            contact_phone=values["phone"],
            status=ReplyStatus.SENT,
            submitted_at=at,
        )
        self.rows.replies.append(reply)
        return reply

    def _evaluate(
        self, p: Any, unit: Unit, dispatcher: Who, round_: int, sent: datetime, q: Quality
    ) -> datetime:
        rng = self.rng
        window = timedelta(days=settings.EVALUATION_WINDOW_DAYS)
        if rng.random() < q.unevaluated:
            at = sent + window + timedelta(minutes=rng.uniform(1, 50))
            self._event(p, at, Action.CLOSE_UNEVALUATED, SYSTEM, State.CLOSED)
            p.closure, p.closed_at = Closure.NOT_EVALUATED, at
            return at
        negative = rng.random() < (q.negative if round_ == 1 else 0.25)
        if negative:
            sat = rng.choice((Satisfaction.UNSATISFIED, Satisfaction.BASICALLY_SATISFIED))
            res = (
                Resolution.UNRESOLVED
                if sat is not Satisfaction.UNSATISFIED
                else rng.choice((Resolution.UNRESOLVED, Resolution.BASICALLY_RESOLVED))
            )
            comment = "答复敷衍，问题没有解决"
        else:
            sat = rng.choices((Satisfaction.SATISFIED, Satisfaction.BASICALLY_SATISFIED), (75, 25))[
                0
            ]
            res = rng.choices((Resolution.RESOLVED, Resolution.BASICALLY_RESOLVED), (80, 20))[0]
            comment = rng.choice(("", "问题已解决，谢谢", "处理及时，非常满意"))
        at = sent + self._hours(2, 96)
        ev = Row(
            id=self._id("evaluation"),
            petition_id=p.id,
            round=round_,
            unit_id=unit.id,
            satisfaction=sat,
            resolution=res,
            comment=comment,
            source=EvaluationSource.STAFF_CALLBACK,
            recorded_by_id=dispatcher.user_id,
            created_at=at,
        )
        self.rows.evaluations.append(ev)
        to = (
            State.CLOSED
            if not negative
            else (State.TRIAGE if round_ == 1 else State.PENDING_ASSESSMENT)
        )
        self._event(
            p,
            at,
            Action.EVALUATE,
            dispatcher,
            to,
            comment,
            {
                "evaluationId": ev.id,
                "satisfaction": sat.value,
                "resolution": res.value,
                "source": EvaluationSource.STAFF_CALLBACK.value,
                "round": round_,
            },
        )
        if to is State.CLOSED:
            p.closure, p.closed_at = Closure.EVALUATED, at
        elif to is State.TRIAGE:
            p.handling_unit_id = p.deadline = p.original_deadline = p.yellow_at = None
            p.clock_started_at = p.time_limit_days = p.first_contacted_at = None
            p.round = 2
        return at

    def _assess(self, p: Any, dc: str, t: datetime) -> None:
        dispatcher = self.who(dc, Role.DISPATCHER)
        at = t + self._hours(4, 72)
        note = "经核查，承办单位已按要求二次办理，履职到位"
        row = Row(
            id=self._id("assessment"),
            petition_id=p.id,
            unit_id=p.handling_unit_id,
            result=AssessmentResult.FULFILLED,
            note=note,
            assessed_by_id=dispatcher.user_id,
            assessor_unit_id=p.platform_id,
            created_at=at,
        )
        self.rows.assessments.append(row)
        self._event(
            p,
            at,
            Action.ASSESS,
            dispatcher,
            State.CLOSED,
            note,
            {
                "assessmentId": row.id,
                "result": AssessmentResult.FULFILLED.value,
                "unitId": p.handling_unit_id,
            },
        )
        p.closure, p.closed_at = Closure.ASSESSED, at
