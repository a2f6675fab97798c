"""Finding petitions by the petitioner's phone or name, and recording that someone did.

The search box also matches a petitioner's phone or name, exactly, but only among the petitions
whose petitioner the searcher may see (workflow.privacy.identity_reach, the list form of
sees_identity). Staff who may see no identity get no such match at all, so neither the rows nor
the count tell them whose petition it is.

A phone search is a use of personal data whatever it finds, so each one is recorded in the audit
record (who, as which unit, when, what was searched, how many it matched); a name search is
recorded when the name matched a petitioner (a word like 噪音 is no personal data). The
30-second refresh of a list repeats its search: the same person searching the same term again
within REPEAT_WINDOW is not recorded twice.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from tortoise.expressions import Q

from models import AdminAudit
from resolvers import audit
from resolvers.base import scoped
from workflow.actors import Actor
from workflow.enums import AuditAction
from workflow.privacy import IdentityReach, identity_reach
from workflow.search_text import normalise

# At most this many petitions are matched by one phone or name (one person's petitions).
MATCH_CAP = 500
REPEAT_WINDOW = timedelta(minutes=10)
_PHONE = re.compile(r"^\+?\d{7,20}$")
_NAME_MAX = 64


@dataclass(frozen=True)
class IdentityMatch:
    kind: str  # "PHONE" or "NAME"
    term: str
    ids: list[int]


def identity_term(text: str) -> tuple[str, str] | None:
    """What a search box's text could be, as a petitioner's identity: a phone (digits, spaces
    and dashes ignored) or a name (the text as typed, trimmed)."""
    compact = normalise(text).replace(" ", "").replace("-", "")
    if _PHONE.match(compact):
        return "PHONE", compact
    name = text.strip()
    if 2 <= len(name) <= _NAME_MAX and not any(ch.isdigit() for ch in name):
        return "NAME", name
    return None


def reach_condition(reach: IdentityReach) -> Q:
    """workflow.privacy.reach_covers as a WHERE condition."""
    if reach.everything:
        return Q()
    unit = reach.platform_unit_id
    at_platform = Q(district_id=unit) | Q(platform_id=unit)
    handling = Q(handling_unit_id=reach.handling_unit_id, anonymous=False)
    return at_platform | handling


async def identity_match(actor: Actor, text: str) -> IdentityMatch | None:
    """The petitions (ids) whose petitioner has exactly this phone or name, among those the
    actor may see the petitioner of; None when the actor may search no identity, or the text
    cannot be one."""
    reach = identity_reach(actor)
    term = identity_term(text)
    if reach is None or term is None:
        return None
    kind, value = term
    column: dict[str, Any] = (
        {"petitioner_phone": value} if kind == "PHONE" else {"petitioner_name": value}
    )
    qs = scoped(actor).filter(reach_condition(reach)).filter(**column)
    ids: list[int] = (
        await qs.order_by("-id")
        .limit(MATCH_CAP)
        .values_list(  # type: ignore[assignment]
            "id", flat=True
        )
    )
    return IdentityMatch(kind, value, [int(i) for i in ids])


async def record_identity_search(actor: Actor, match: IdentityMatch, now: datetime) -> bool:
    """Record the search in the audit record (see the module's note); True when recorded."""
    if match.kind == "NAME" and not match.ids:
        return False
    if actor.user_id is not None:
        recent = await AdminAudit.filter(
            actor_user_id=actor.user_id,
            action=AuditAction.PERSONAL_DATA_SEARCHED,
            at__gte=now - REPEAT_WINDOW,
        ).values_list("after", flat=True)
        if any(isinstance(a, dict) and a.get("term") == match.term for a in recent):
            return False
    await audit.record(
        actor,
        AuditAction.PERSONAL_DATA_SEARCHED,
        "petition",
        None,
        actor.unit.district_id,
        now,
        after={
            "kind": match.kind,
            "term": match.term,
            "matched": len(match.ids),
            "role": actor.recorded_role.value,
        },
    )
    return True


async def record_unmasked_export(
    actor: Actor, filters: dict[str, Any], rows: int, unmasked: int, now: datetime
) -> None:
    """An export that showed real phones and names: who, when, with which filters, how many."""
    await audit.record(
        actor,
        AuditAction.PERSONAL_DATA_EXPORTED,
        "petition",
        None,
        actor.unit.district_id,
        now,
        after={
            "filters": filters,
            "rows": rows,
            "unmasked": unmasked,
            "role": actor.recorded_role.value,
        },
    )


def petition_ids(match: IdentityMatch | None) -> Q | None:
    return Q(id__in=match.ids) if match and match.ids else None
