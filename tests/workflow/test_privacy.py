"""Who sees which petitions and whose identity (DOMAIN §6), as pure rules."""

from __future__ import annotations

import pytest

from workflow.actors import Actor, UnitRef, petitioner
from workflow.enums import Role, Scope, UnitKind
from workflow.privacy import (
    Reach,
    Visibility,
    mask_name,
    mask_phone,
    sees_assessments,
    sees_identity,
    visibility,
)

K = UnitKind
CITY = UnitRef(1, K.CITY_PLATFORM, None)
CITY_DEPT = UnitRef(2, K.CITY_DEPARTMENT, None, parent_id=1)
SN = UnitRef(10, K.DISTRICT_PLATFORM, 10, parent_id=1)
SN_DEPT = UnitRef(11, K.DISTRICT_DEPARTMENT, 10, parent_id=10)
SN_DEPT2 = UnitRef(12, K.DISTRICT_DEPARTMENT, 10, parent_id=10)
SN_STREET = UnitRef(13, K.STREET, 10, parent_id=10)
SN_COMM = UnitRef(14, K.COMMUNITY, 10, parent_id=13)
SB = UnitRef(20, K.DISTRICT_PLATFORM, 20, parent_id=1)
INSPECTION = UnitRef(3, K.CITY_DEPARTMENT, None, parent_id=1, receives_referrals=True)
ORGANISATION = UnitRef(4, K.CITY_DEPARTMENT, None, parent_id=1, receives_referrals=True)


def actor(unit: UnitRef, *roles: Role) -> Actor:
    return Actor(unit=unit, roles=frozenset(roles), user_id=100)


# --- privacy -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("unit", "role", "expected"),
    [
        (CITY, Role.DISPATCHER, Visibility(Reach.ALL)),
        (CITY, Role.SUPERVISOR, Visibility(Reach.ALL)),
        (CITY_DEPT, Role.HANDLER, Visibility(Reach.UNIT, unit_id=CITY_DEPT.id)),
        (SN, Role.DISPATCHER, Visibility(Reach.DISTRICT, district_id=SN.id)),
        (SN_DEPT, Role.HANDLER, Visibility(Reach.UNIT, unit_id=SN_DEPT.id)),
        (SN_STREET, Role.REVIEWER, Visibility(Reach.UNIT, unit_id=SN_STREET.id)),
        (SN_COMM, Role.GRID_WORKER, Visibility(Reach.UNIT, unit_id=SN_COMM.id)),
        (INSPECTION, Role.INSPECTOR, Visibility(Reach.REFERRED, unit_id=INSPECTION.id)),
        (ORGANISATION, Role.INSPECTOR, Visibility(Reach.REFERRED, unit_id=ORGANISATION.id)),
        # An INSPECTOR grant elsewhere gives no reach beyond the unit's own petitions.
        (SN_DEPT, Role.INSPECTOR, Visibility(Reach.UNIT, unit_id=SN_DEPT.id)),
        (CITY_DEPT, Role.INSPECTOR, Visibility(Reach.UNIT, unit_id=CITY_DEPT.id)),
    ],
    ids=lambda x: getattr(x, "value", None) or getattr(x, "reach", None) or str(x),
)
def test_staff_reach_follows_the_kind_of_their_unit(
    unit: UnitRef, role: Role, expected: Visibility
) -> None:
    assert visibility(actor(unit, role)) == expected


def test_a_verified_petitioner_reaches_the_petitions_of_their_own_phone() -> None:
    assert visibility(petitioner("13812345678")) == Visibility(Reach.OWN, phone="13812345678")


def machine(unit: UnitRef, *scopes: Scope) -> Actor:
    return Actor(unit=unit, roles=frozenset(), api_key_id=5, scopes=frozenset(scopes))


def test_machine_clients_reach_by_scope() -> None:
    # Legacy scopes of an old district app key grant nothing.
    app = machine(SN, Scope.PETITION_SUBMIT, Scope.PETITION_TRACK, Scope.PETITION_EVALUATE)
    assert visibility(app) == Visibility(Reach.NONE)
    dept = machine(SN_DEPT, Scope.PETITION_READ, Scope.PETITION_HANDLE)
    assert visibility(dept) == Visibility(Reach.UNIT, unit_id=SN_DEPT.id)
    hotline = machine(CITY, Scope.PETITION_SUBMIT, Scope.PETITION_READ)
    assert visibility(hotline) == Visibility(Reach.CHANNEL, unit_id=CITY.id)


def _sees(a: Actor, handling: UnitRef | None, anonymous: bool = False, platform=SN) -> bool:
    return sees_identity(
        a, SN.id, platform.id, handling.id if handling else None, anonymous=anonymous
    )


def test_the_platforms_and_the_current_handling_unit_see_the_petitioners_identity() -> None:
    assert _sees(actor(CITY, Role.SUPERVISOR), SN_DEPT)
    assert _sees(actor(SN, Role.DISPATCHER), SN_DEPT)
    assert _sees(actor(SN, Role.DISPATCHER), CITY_DEPT, platform=CITY)
    assert _sees(actor(SN_DEPT, Role.HANDLER), SN_DEPT)
    assert _sees(actor(SN_DEPT, Role.HANDLER), None) is False
    assert _sees(actor(SN_DEPT2, Role.HANDLER), SN_DEPT) is False
    assert _sees(actor(SN_STREET, Role.HEAD), SN_COMM) is False
    assert _sees(actor(SB, Role.DISPATCHER), SN_DEPT) is False
    assert _sees(machine(SN_DEPT, Scope.PETITION_READ, Scope.PETITION_HANDLE), SN_DEPT)
    assert _sees(machine(SN, Scope.PETITION_READ), SN_DEPT) is False


def test_an_anonymous_petitioner_is_hidden_from_the_handling_unit_but_not_the_platform() -> None:
    assert _sees(actor(SN_DEPT, Role.HANDLER), SN_DEPT, anonymous=True) is False
    assert _sees(actor(SN, Role.DISPATCHER), SN_DEPT, anonymous=True)
    assert _sees(actor(CITY, Role.DISPATCHER), SN_DEPT, anonymous=True)
    assert _sees(actor(SN, Role.PETITIONER), SN_DEPT, anonymous=True)


def test_phones_and_names_are_masked() -> None:
    assert mask_phone("13812345678") == "138****5678"
    assert mask_phone("0532-88886666") == "053****6666"
    assert mask_phone("12345") == "****"
    assert mask_name("张三") == "张*"
    assert mask_name("欧阳娜娜") == "欧***"
    assert mask_name("张") == "张*"
    assert mask_name("") == ""


def test_an_identity_is_shown_only_when_revealed_and_an_anonymous_one_reads_as_anonymous() -> None:
    from workflow.privacy import displayed_identity

    assert displayed_identity("张三", "13812345678", False, True) == ("张三", "13812345678")
    assert displayed_identity("张三", "13812345678", True, True) == ("张三", "13812345678")
    assert displayed_identity("张三", "13812345678", False, False) == ("张*", "138****5678")
    assert displayed_identity("张三", "13812345678", True, False) == ("匿名", "***")


@pytest.mark.parametrize(
    ("who", "sees"),
    [
        (actor(SN, Role.DISPATCHER), True),
        (actor(SN_DEPT, Role.HANDLER), True),
        (actor(CITY, Role.SUPERVISOR), True),
        (petitioner("13812345678"), False),
        (machine(SN, Scope.PETITION_TRACK, Scope.PETITION_SUBMIT), False),
        (machine(CITY, Scope.PETITION_READ, Scope.PETITION_SUBMIT), False),
        (machine(SN_DEPT, Scope.PETITION_READ, Scope.PETITION_HANDLE), True),
    ],
)
def test_assessments_are_for_staff_and_a_units_own_system_never_for_petitioners_or_channels(
    who: Actor, sees: bool
) -> None:
    assert sees_assessments(who) is sees


def test_the_identity_search_reach_agrees_with_who_sees_an_identity() -> None:
    from workflow.privacy import identity_reach, reach_covers

    units = [CITY, CITY_DEPT, SN, SN_DEPT, SN_DEPT2, SN_STREET, SN_COMM, SB, INSPECTION]
    petitions = [
        (district, platform, handling, anonymous)
        for district, platform in ((10, 10), (10, 1), (20, 20))
        for handling in (None, 2, 11, 12, 13, 14, 10, 20)
        for anonymous in (False, True)
    ]
    checked = 0
    for unit in units:
        for role in (Role.HANDLER, Role.DISPATCHER, Role.HEAD):
            actor = Actor(unit, frozenset({role}))
            reach = identity_reach(actor)
            for p in petitions:
                assert reach_covers(reach, *p) == sees_identity(actor, *p), (unit, role, p)
                checked += 1
    assert checked == len(units) * 3 * len(petitions)


def test_machine_clients_never_search_by_phone_or_name() -> None:
    from workflow.privacy import identity_reach

    key = Actor(
        SN_DEPT,
        frozenset({Role.API_CLIENT}),
        api_key_id=5,
        scopes=frozenset({Scope.PETITION_READ, Scope.PETITION_HANDLE}),
    )
    assert key.is_machine and identity_reach(key) is None
