"""Administration: what an admin may do within the units they reach."""

from __future__ import annotations

import pytest

from models import CalendarOverride, RoleGrant, Unit, User
from resolvers import admin
from resolvers.staff_accounts import list_staff
from tests.factories import T0, City, build_city
from workflow.enums import Role, UnitKind
from workflow.errors import ErrorCode, WorkflowError
from workflow.reach import grantable_roles


async def _code(coro: object) -> ErrorCode:
    with pytest.raises(WorkflowError) as err:
        await coro  # type: ignore[misc]
    return err.value.code


async def _field(coro: object) -> str | None:
    with pytest.raises(WorkflowError) as err:
        await coro  # type: ignore[misc]
    assert err.value.code is ErrorCode.INVALID_FIELD
    return err.value.field


async def _user(city: City, name: str, *grants: tuple[str, Role]) -> User:
    user = await User.create(username=name, display_name=name, password_hash="x")
    for code, role in grants:
        await RoleGrant.create(user=user, unit=city.units[code], role=role)
    return user


async def test_a_district_admin_reaches_only_the_units_of_their_district(db) -> None:
    city = await build_city()
    sn = city.actor("SN", Role.ADMIN)
    codes = [u.code for u in await admin.reachable_units(sn)]
    assert codes == ["SN", "SN-CG", "SN-SCJG", "SN-S01", "SN-S01-C01"]
    everything = await admin.reachable_units(city.actor("QD", Role.ADMIN))
    assert len(everything) == len(city.units) and everything[0].code == "QD"


async def test_only_admins_may_administer(db) -> None:
    city = await build_city()
    dispatcher = city.actor("SN", Role.DISPATCHER)
    assert await _code(admin.reachable_units(dispatcher)) is ErrorCode.NOT_ALLOWED
    assert await _code(admin.calendar_years(dispatcher)) is ErrorCode.NOT_ALLOWED


async def test_an_admin_adds_streets_and_communities_in_reach_with_unique_codes(db) -> None:
    city = await build_city()
    sn = city.actor("SN", Role.ADMIN)
    street = await admin.create_unit(sn, city.id("SN"), UnitKind.STREET, "sn-s02", "二街道")
    assert (street.code, street.district_id, street.parent_id) == (
        "SN-S02",
        city.id("SN"),
        city.id("SN"),
    )
    community = await admin.create_unit(sn, street.id, UnitKind.COMMUNITY, "SN-S02-C01", "二社区")
    assert community.district_id == city.id("SN")
    assert (
        await _field(admin.create_unit(sn, street.id, UnitKind.COMMUNITY, "SN-S01", "x")) == "code"
    )
    assert await _field(admin.create_unit(sn, street.id, UnitKind.STREET, "SN-X", "x")) == "kind"
    assert (
        await _field(admin.create_unit(sn, street.id, UnitKind.COMMUNITY, "坏 代码", "x")) == "code"
    )
    other = admin.create_unit(sn, city.id("SB"), UnitKind.STREET, "SB-S09", "x")
    assert await _code(other) is ErrorCode.NOT_ALLOWED
    city_dept = await admin.create_unit(
        city.actor("QD", Role.ADMIN),
        city.id("QD"),
        UnitKind.CITY_DEPARTMENT,
        "QD-JT",
        "市交通运输局",
    )
    assert city_dept.district_id is None
    assert await Unit.filter(code="SB-S09").count() == 0


async def test_a_district_admin_creates_staff_of_their_district_only(db) -> None:
    city = await build_city()
    sn = city.actor("SN", Role.ADMIN)
    user = await admin.create_staff_user(
        sn, "sn.s01.h2", "李四", "long-enough", city.id("SN-S01"), [Role.HANDLER, Role.REVIEWER]
    )
    roles = await RoleGrant.filter(user_id=user.id).values_list("role", flat=True)
    assert sorted(roles) == ["HANDLER", "REVIEWER"]
    make = admin.create_staff_user
    assert (
        await _field(
            make(sn, "sn.s01.h2", "重名", "long-enough", city.id("SN-S01"), [Role.HANDLER])
        )
        == "username"
    )
    assert (
        await _field(make(sn, "short.pw", "x", "1234567", city.id("SN-S01"), [Role.HANDLER]))
        == "password"
    )
    assert await _field(make(sn, "no.roles", "x", "long-enough", city.id("SN-S01"), [])) == "roles"
    outside = make(sn, "sb.h", "x", "long-enough", city.id("SB-S01"), [Role.HANDLER])
    assert await _code(outside) is ErrorCode.NOT_ALLOWED
    assert not await User.exists(username="sb.h")


async def test_an_admin_may_not_grant_admin_outside_their_reach(db) -> None:
    city = await build_city()
    sn = city.actor("SN", Role.ADMIN)
    user = await _user(city, "sn.h", ("SN-S01", Role.HANDLER))
    assert (
        await _code(admin.grant_role(sn, user.id, city.id("SB"), Role.ADMIN))
        is ErrorCode.NOT_ALLOWED
    )
    assert (
        await _code(admin.grant_role(sn, user.id, city.id("QD"), Role.ADMIN))
        is ErrorCode.NOT_ALLOWED
    )
    granted = await admin.grant_role(sn, user.id, city.id("SN"), Role.ADMIN)
    assert granted.role == Role.ADMIN
    again = await admin.grant_role(sn, user.id, city.id("SN"), Role.ADMIN)
    assert again.id == granted.id


async def test_a_district_admin_may_not_grant_the_city_role_of_supervisor(db) -> None:
    city = await build_city()
    user = await _user(city, "sn.d", ("SN", Role.DISPATCHER))
    sn = city.actor("SN", Role.ADMIN)
    assert Role.SUPERVISOR not in grantable_roles(sn)
    assert (
        await _code(admin.grant_role(sn, user.id, city.id("SN"), Role.SUPERVISOR))
        is ErrorCode.NOT_ALLOWED
    )
    qd = city.actor("QD", Role.ADMIN)
    assert await _field(admin.grant_role(qd, user.id, city.id("SN"), Role.SUPERVISOR)) == "role"
    assert (
        await admin.grant_role(qd, user.id, city.id("QD"), Role.SUPERVISOR)
    ).role == Role.SUPERVISOR


@pytest.mark.parametrize(
    ("role", "code", "fits"),
    [
        (Role.GRID_WORKER, "SN-S01-C01", True),
        (Role.GRID_WORKER, "SN-S01", False),
        (Role.DISPATCHER, "SN", True),
        (Role.DISPATCHER, "SN-CG", False),
        (Role.ADMIN, "SN-CG", False),
        (Role.HANDLER, "SN-CG", True),
        (Role.INSPECTOR, "SN", False),  # its reach is city-wide: city units only
        (Role.INSPECTOR, "QD-CG", True),
        (Role.PETITIONER, "SN", False),
        (Role.SYSTEM, "SN", False),
    ],
)
async def test_roles_are_granted_only_where_they_mean_something(
    db, role: Role, code: str, fits: bool
) -> None:
    city = await build_city()
    user = await _user(city, "someone")
    grant = admin.grant_role(city.actor("QD", Role.ADMIN), user.id, city.id(code), role)
    if fits:
        assert (await grant).role == role
    else:
        assert await _field(grant) == "role"


async def test_a_district_admin_cannot_touch_another_districts_staff(db) -> None:
    city = await build_city()
    sb_user = await _user(city, "sb.h", ("SB-S01", Role.HANDLER))
    sn = city.actor("SN", Role.ADMIN)
    assert (
        await _field(admin.grant_role(sn, sb_user.id, city.id("SN-S01"), Role.HANDLER)) == "userId"
    )
    grant = await RoleGrant.get(user_id=sb_user.id)
    assert await _field(admin.revoke_grant(sn, grant.id)) == "grantId"
    assert [r.user.username for r in (await list_staff(sn)).rows] == []
    city_admin = city.actor("QD", Role.ADMIN)
    assert [r.user.username for r in (await list_staff(city_admin)).rows] == ["sb.h"]


async def test_an_admin_revokes_grants_but_not_their_own_admin_seat(db) -> None:
    city = await build_city()
    me = await _user(city, "sn.admin", ("SN", Role.ADMIN))
    other = await _user(city, "sn.h", ("SN-S01", Role.HANDLER))
    sn = city.actor("SN", Role.ADMIN, user_id=me.id)
    await admin.revoke_grant(sn, (await RoleGrant.get(user_id=other.id)).id)
    ended = await RoleGrant.get(user_id=other.id)  # ended, not deleted
    assert ended.ended_at is not None and ended.ended_by_id == me.id
    own = await RoleGrant.get(user_id=me.id)
    assert await _field(admin.revoke_grant(sn, own.id)) == "grantId"


async def test_only_the_city_admin_changes_the_calendar(db) -> None:
    city = await build_city()
    qd = city.actor("QD", Role.ADMIN)
    sn = city.actor("SN", Role.ADMIN)
    before = {y.year: y.official for y in await admin.calendar_years(sn)}
    assert before[2025] is True and before[2027] is False
    refused = admin.change_calendar(sn, "2027-01-01", False, "元旦", T0)
    assert await _code(refused) is ErrorCode.NOT_ALLOWED
    assert await CalendarOverride.all().count() == 0
    row = await admin.change_calendar(qd, "2027-01-01", False, "元旦", T0)
    after = {y.year: y for y in await admin.calendar_years(sn)}
    assert after[2027].official and [o.name for o in after[2027].overrides] == ["元旦"]
    assert await _field(admin.change_calendar(qd, "2027-13-01", False, "", T0)) == "day"
    assert await _code(admin.delete_calendar_override(sn, row.id)) is ErrorCode.NOT_ALLOWED
    await admin.delete_calendar_override(qd, row.id)
    assert await CalendarOverride.all().count() == 0
    assert admin.may_change_calendar(qd) and not admin.may_change_calendar(sn)
