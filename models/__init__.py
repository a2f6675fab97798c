"""Tortoise models: persistence only. Business rules live in workflow/."""

from models.audit import AdminAudit
from models.duty import DutyItemChange, DutyItemProposal, DutyListVersion
from models.event import Event
from models.handling import (
    Assessment,
    CooperationOpinion,
    Evaluation,
    Extension,
    Referral,
    ReferralEvent,
    Reply,
    Review,
    Urge,
)
from models.org import ApiKey, CalendarOverride, DutyItem, RoleGrant, Session, Topic, Unit, User
from models.petition import Assignment, Petition, TrackingSequence
from models.petitioner import Attempt, Material, PetitionerCode, PetitionerSession
from models.place import PlaceName
from models.reply_aids import ReplyDraft, ReplyTemplate

__all__ = [
    "AdminAudit",
    "ApiKey",
    "Attempt",
    "Assessment",
    "Assignment",
    "CalendarOverride",
    "CooperationOpinion",
    "DutyItem",
    "DutyItemChange",
    "DutyItemProposal",
    "DutyListVersion",
    "Evaluation",
    "Event",
    "Extension",
    "Material",
    "Petition",
    "PetitionerCode",
    "PetitionerSession",
    "PlaceName",
    "Referral",
    "ReferralEvent",
    "Reply",
    "ReplyDraft",
    "ReplyTemplate",
    "Review",
    "RoleGrant",
    "Session",
    "Topic",
    "TrackingSequence",
    "Unit",
    "Urge",
    "User",
]
