"""Rules of the duty lists (职责任务清单): who keeps a unit's list, and what a valid item is.

A unit's list is the legal basis of dispatch, so it is kept by the platform that dispatches to
the unit: its ADMIN edits directly; the unit's own HEAD may only propose, and the platform
decides. One validator serves the forms, the API and every row of an import.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import asdict, dataclass
from enum import StrEnum

from workflow.actors import Actor, UnitRef
from workflow.enums import Category, Role, UnitKind

KEEPS_A_LIST = frozenset(
    {UnitKind.CITY_DEPARTMENT, UnitKind.DISTRICT_DEPARTMENT, UnitKind.STREET, UnitKind.COMMUNITY}
)
TITLE_MAX = 128
LEGAL_BASIS_MAX = 255
DESCRIPTION_MAX = 2000
KEYWORDS_MAX = 20
KEYWORD_MAX = 32
_KEYWORD_SPLIT = re.compile(r"[\s,，、;；]+")


class DutyChangeKind(StrEnum):
    CREATE = "CREATE"
    UPDATE = "UPDATE"
    RETIRE = "RETIRE"


class ProposalStatus(StrEnum):
    PENDING = "PENDING"
    APPROVED = "APPROVED"
    REJECTED = "REJECTED"


@dataclass(frozen=True)
class DutyFields:
    """An item's content, as stored and as recorded before/after in its history."""

    title: str
    description: str
    legal_basis: str
    keywords: tuple[str, ...]
    topic_code: str | None
    category: Category

    def as_record(self) -> dict[str, object]:
        record = asdict(self)
        record["keywords"] = list(self.keywords)
        record["category"] = self.category.value
        return record


def keeping_platform(unit: UnitRef) -> int | None:
    """The platform that keeps the unit's list: its district's platform, or for a city
    department the city platform (its parent)."""
    if unit.kind not in KEEPS_A_LIST:
        return None
    if unit.kind is UnitKind.CITY_DEPARTMENT:
        return unit.parent_id
    return unit.district_id


def may_edit_list(actor: Actor, unit: UnitRef) -> bool:
    """ADMIN at the platform that keeps the list."""
    platform = keeping_platform(unit)
    return platform is not None and actor.has(Role.ADMIN) and actor.unit.id == platform


def may_propose(actor: Actor, unit: UnitRef) -> bool:
    """The unit's own HEAD proposes; the keeping platform decides."""
    return unit.kind in KEEPS_A_LIST and actor.has(Role.HEAD) and actor.unit.id == unit.id


def may_see_list(actor: Actor, unit: UnitRef) -> bool:
    return may_edit_list(actor, unit) or may_propose(actor, unit)


def split_keywords(raw: object) -> tuple[str, ...]:
    if isinstance(raw, list | tuple):
        words = [str(w).strip() for w in raw]
    else:
        words = _KEYWORD_SPLIT.split(str(raw or ""))
    return tuple(dict.fromkeys(w for w in words if w))


def clean_fields(
    raw: Mapping[str, object], topic_codes: frozenset[str]
) -> tuple[DutyFields | None, dict[str, str]]:
    """The item's fields, or the errors by field name (API names: legalBasis, topicCode)."""
    errors: dict[str, str] = {}

    def text(key: str, api: str, label: str, limit: int, required: bool = True) -> str:
        value = str(raw.get(key) or "").strip()
        if required and not value:
            errors[api] = f"请填写{label}"
        elif len(value) > limit:
            errors[api] = f"{label}不能超过 {limit} 字"
        return value

    title = text("title", "title", "事项名称", TITLE_MAX)
    description = text("description", "description", "事项描述", DESCRIPTION_MAX)
    legal_basis = text("legal_basis", "legalBasis", "法律依据", LEGAL_BASIS_MAX)
    keywords = split_keywords(raw.get("keywords"))
    if not keywords:
        errors["keywords"] = "请至少填写一个关键词"
    elif len(keywords) > KEYWORDS_MAX or any(len(w) > KEYWORD_MAX for w in keywords):
        errors["keywords"] = f"关键词至多 {KEYWORDS_MAX} 个，每个不超过 {KEYWORD_MAX} 字"
    topic = str(raw.get("topic_code") or "").strip() or None
    if topic is not None and topic not in topic_codes:
        errors["topicCode"] = f"主题 {topic} 不存在（须为二级主题代码）"
    category_raw = str(raw.get("category") or "").strip().upper()
    category = Category.__members__.get(category_raw)
    if category is None:
        errors["category"] = "类别须为 LIVELIHOOD、DEVELOPMENT 或 ENFORCEMENT"
    if errors or category is None:
        return None, errors
    return DutyFields(title, description, legal_basis, keywords, topic, category), {}
