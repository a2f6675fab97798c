"""Tortoise models: persistence only. Business rules live in workflow/."""

from models.attachment import Attachment
from models.audit import AdminAudit
from models.campaign import (
    Campaign,
    CampaignArea,
    CampaignMilestone,
    CampaignProgress,
    CampaignTask,
    CampaignTaskTopic,
    CampaignTaskUnit,
)
from models.catalog import CatalogVersion
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
from models.notification import Notification, NotificationRead
from models.org import ApiKey, CalendarOverride, DutyItem, RoleGrant, Session, Topic, Unit, User
from models.petition import Assignment, Petition, TrackingSequence
from models.petitioner import Attempt, Material, PetitionerCode, PetitionerSession
from models.place import PlaceName
from models.reply_aids import ReplyDraft, ReplyTemplate
from models.search import PetitionSearch
from models.stats import StatDaily
from models.warning import WarningAck

__all__ = [
    "AdminAudit",
    "ApiKey",
    "Attachment",
    "Attempt",
    "Assessment",
    "Assignment",
    "Campaign",
    "CampaignArea",
    "CampaignMilestone",
    "CampaignProgress",
    "CampaignTask",
    "CampaignTaskTopic",
    "CampaignTaskUnit",
    "CalendarOverride",
    "CatalogVersion",
    "CooperationOpinion",
    "DutyItem",
    "DutyItemChange",
    "DutyItemProposal",
    "DutyListVersion",
    "Evaluation",
    "Event",
    "Extension",
    "Material",
    "Notification",
    "NotificationRead",
    "Petition",
    "PetitionerCode",
    "PetitionerSession",
    "PetitionSearch",
    "PlaceName",
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
