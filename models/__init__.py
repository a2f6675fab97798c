"""Tortoise models: persistence only. Business rules live in workflow/."""

from models.audit import AdminAudit
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
from models.notification import Notification, NotificationRead
from models.org import ApiKey, CalendarOverride, DutyItem, RoleGrant, Session, Topic, Unit, User
from models.petition import Assignment, Petition, TrackingSequence
from models.petitioner import Attempt, Material, PetitionerCode, PetitionerSession
from models.reply_aids import ReplyDraft, ReplyTemplate
from models.stats import StatDaily
from models.warning import WarningAck

__all__ = [
    "AdminAudit",
    "ApiKey",
    "Attempt",
    "Assessment",
    "Assignment",
    "CalendarOverride",
    "CooperationOpinion",
    "DutyItem",
    "Evaluation",
    "Event",
    "Extension",
    "Material",
    "Notification",
    "NotificationRead",
    "Petition",
    "PetitionerCode",
    "PetitionerSession",
    "Referral",
    "ReferralEvent",
    "Reply",
    "ReplyDraft",
    "ReplyTemplate",
    "Review",
    "RoleGrant",
    "Session",
    "StatDaily",
    "Topic",
    "TrackingSequence",
    "Unit",
    "Urge",
    "User",
    "WarningAck",
]
