"""Each process's copy of units and topics: reloaded when an admin change bumps the version."""

from __future__ import annotations

import pytest

from models import Unit
from resolvers import catalog, versions
from resolvers.admin import create_unit
from tests.factories import build_city
from workflow.enums import Role, UnitKind


async def test_an_admin_change_is_seen_at_once_and_a_new_unit_is_never_missing(
    db, monkeypatch: pytest.MonkeyPatch
) -> None:
    city = await build_city()
    monkeypatch.setattr(versions, "RECHECK_SECONDS", 3600.0)
    first = await catalog.catalog()
    assert first.units[city.id("SN")].name == "暖南诉办"
    # Created behind the copy's back (another process, say): read from the database.
    other = await Unit.create(code="X1", name="新建单位", kind=UnitKind.DISTRICT_DEPARTMENT)
    assert [u.name for u in await catalog.units_by_id([other.id]) if u] == ["新建单位"]
    # An admin operation bumps the version: a fresh copy with the new unit.
    admin = city.actor("SN", Role.ADMIN)
    street = await create_unit(admin, city.id("SN"), UnitKind.STREET, "SN-S09", "九号街道")
    second = await catalog.catalog()
    assert second is not first and second.version == first.version + 1
    assert second.units[street.id].name == "九号街道"
    # Another process notices the version at its next check.
    monkeypatch.setattr(versions, "RECHECK_SECONDS", 0.0)
    await catalog.bump()
    catalog._copies[versions.pool()] = second
    assert (await catalog.catalog()).version == second.version + 1
