"""Which units a platform may dispatch to, and where escalation leads (DOMAIN §2, §5)."""

from __future__ import annotations

from workflow.actors import UnitRef
from workflow.enums import Category, Complexity, Kind, UnitKind

_DISTRICT_TARGETS = frozenset({UnitKind.DISTRICT_DEPARTMENT, UnitKind.STREET, UnitKind.COMMUNITY})


def may_dispatch_to(platform: UnitRef, target: UnitRef) -> bool:
    if platform.kind is UnitKind.CITY_PLATFORM:
        return target.kind is UnitKind.CITY_DEPARTMENT
    if platform.kind is UnitKind.DISTRICT_PLATFORM:
        return target.kind in _DISTRICT_TARGETS and target.district_id == platform.id
    return False


def allows_cooperation(category: Category) -> bool:
    """Joint enforcement: only enforcement petitions get cooperating units."""
    return category is Category.ENFORCEMENT


def normalise_complexity(
    category: Category, kind: Kind | None, complexity: Complexity
) -> Complexity:
    """Livelihood complaints are SIMPLE or COMPLEX; development and enforcement NORMAL or
    COMPLEX (DOMAIN §3). Intake's default SIMPLE maps onto the category's plain level."""
    if category is Category.LIVELIHOOD:
        return Complexity.SIMPLE if complexity is Complexity.NORMAL else complexity
    return Complexity.NORMAL if complexity is Complexity.SIMPLE else complexity


def may_cite_in_return(returning_unit_id: int, item_unit_id: int) -> bool:
    """A return says whose job the petition is by citing that unit's duty item (DOMAIN §7):
    citing one's own duties would prove the opposite of what a return claims."""
    return item_unit_id != returning_unit_id
