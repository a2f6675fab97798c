"""Insiders leave traces: grants, users, keys and calendar changes are recorded; a revoked
grant is ended, not deleted, and no longer gives its role."""

from __future__ import annotations

from datetime import timedelta

from models import AdminAudit, RoleGrant
from resolvers import admin
from resolvers.audit import audit_entries
from resolvers.auth import actor_from_session, create_api_key, login, revoke_api_key
from tests.factories import T0, build_city
from workflow.enums import ApiClientKind, AuditAction, Role
from workflow.errors import ErrorCode, WorkflowError

T1 = T0 + timedelta(hours=1)


async def test_a_district_admin_cannot_create_an_inspector(db) -> None:
    city = await build_city()
    sn = city.actor("SN", Role.ADMIN)
    for unit in ("SN", "SN-CG"):
        try:
            await admin.create_staff_user(
                sn, "nosy.inspector", "好奇", "long-enough", city.id(unit), [Role.INSPECTOR]
            )
        except WorkflowError as exc:
            assert exc.code is ErrorCode.NOT_ALLOWED
        else:
            raise AssertionError("a district admin created an INSPECTOR")
    assert not await RoleGrant.exists(role=Role.INSPECTOR)
    assert await AdminAudit.all().count() == 0


async def test_grants_and_their_end_are_recorded_and_an_ended_grant_gives_no_role(db) -> None:
    city = await build_city()
    qd_admin = await admin.create_staff_user(
        city.actor("QD", Role.ADMIN),
        "qd.root",
        "市管理员",
        "long-enough",
        city.id("QD"),
        [Role.ADMIN],
        T0,
    )
    qd = city.actor("QD", Role.ADMIN, user_id=qd_admin.id)
    user = await admin.create_staff_user(
        qd, "sn.worker", "王五", "long-enough", city.id("SN-S01"), [Role.HANDLER], T0
    )
    grant = await admin.grant_role(qd, user.id, city.id("SN-S01"), Role.REVIEWER, T0)
    assert grant.granted_by_id == qd_admin.id and grant.granted_at == T0
    session = await login("sn.worker", "long-enough", T0)
    assert session.actor.roles == {Role.HANDLER, Role.REVIEWER}

    await admin.revoke_grant(qd, grant.id, T1)
    ended = await RoleGrant.get(id=grant.id)
    assert ended.ended_at == T1 and ended.ended_by_id == qd_admin.id
    again = await actor_from_session(session.token, T1)
    assert again is not None and again.roles == {Role.HANDLER}

    reopened = await admin.grant_role(qd, user.id, city.id("SN-S01"), Role.REVIEWER, T1)
    assert reopened.id == grant.id and reopened.ended_at is None

    rows = await AdminAudit.filter(target="RoleGrant").order_by("id")
    assert [r.action for r in rows] == [
        AuditAction.ROLE_GRANTED,
        AuditAction.GRANT_ENDED,
        AuditAction.ROLE_GRANTED,
    ]
    revoked = rows[1]
    assert revoked.actor_user_id == qd_admin.id and revoked.at == T1
    assert revoked.before == {
        "user": "sn.worker",
        "unit": "SN-S01",
        "role": "REVIEWER",
        "active": True,
    }
    assert revoked.after == {"active": False}
    assert revoked.district_id == city.id("SN")


async def test_keys_and_calendar_changes_are_recorded_with_before_and_after(db) -> None:
    city = await build_city()
    qd = city.actor("QD", Role.ADMIN)
    made = await create_api_key(qd, "app", city.id("SN"), ApiClientKind.DISTRICT_APP, T0)
    await revoke_api_key(qd, made.key.id, T1)
    await admin.change_calendar(qd, "2027-01-01", False, "元旦", T0)
    row = await admin.change_calendar(qd, "2027-01-01", True, "调休", T1)
    await admin.delete_calendar_override(qd, row.id, T1)
    entries = [(e.action, e.before, e.after) for e in await AdminAudit.all().order_by("id")]
    assert [a for a, _, _ in entries] == [
        AuditAction.API_KEY_CREATED,
        AuditAction.API_KEY_REVOKED,
        AuditAction.CALENDAR_CHANGED,
        AuditAction.CALENDAR_CHANGED,
        AuditAction.CALENDAR_OVERRIDE_DELETED,
    ]
    assert entries[1][2] == {"revoked": True}
    assert entries[3][1] == {"day": "2027-01-01", "isWorking": False, "name": "元旦"}
    assert entries[3][2] == {"day": "2027-01-01", "isWorking": True, "name": "调休"}


async def test_each_admin_reads_the_record_of_their_own_reach(db) -> None:
    city = await build_city()
    qd = city.actor("QD", Role.ADMIN)
    for district in ("SN", "SB"):
        await create_api_key(
            qd, f"app {district}", city.id(district), ApiClientKind.DISTRICT_APP, T0
        )
    await admin.change_calendar(qd, "2027-01-01", False, "元旦", T0)
    sn_sees = await audit_entries(city.actor("SN", Role.ADMIN))
    assert [e.after["name"] for e in sn_sees if e.after] == ["app SN"]
    assert len(await audit_entries(qd)) == 3
    try:
        await audit_entries(city.actor("SN", Role.DISPATCHER))
    except WorkflowError as exc:
        assert exc.code is ErrorCode.NOT_ALLOWED
    else:
        raise AssertionError("a dispatcher read the admin record")
