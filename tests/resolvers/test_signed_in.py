"""Who a token signs in as is read once per process and kept while the auth version holds:
a change made in this process is seen at once, a change made by another process within
versions.RECHECK_SECONDS, and expiry is never served from the copy."""

from __future__ import annotations

from datetime import timedelta

import pytest
from tortoise import Tortoise

from models import RoleGrant, Session
from resolvers import versions
from resolvers.admin import revoke_grant
from resolvers.auth import (
    LoginResult,
    actor_from_api_key,
    actor_from_session,
    create_api_key,
    create_user,
    login,
    logout,
    revoke_api_key,
)
from tests.factories import T0, City, build_city
from workflow.enums import ApiClientKind, Role

PASSWORD = "a-long-password"


async def _signed_in_dispatcher(city: City) -> LoginResult:
    unit = city.units["SN"]
    roles = [(unit, Role.DISPATCHER), (unit, Role.REVIEWER)]
    await create_user("sn.d", PASSWORD, "调度员甲", roles)
    return await login("sn.d", PASSWORD, T0)


async def _behind_our_back(sql: str) -> None:
    """What another process does: the change and the version bump, in one transaction, without
    touching this process's memory."""
    client = Tortoise.get_connection("default")
    await client.execute_query(sql)
    await client.execute_query(versions.bump_sql(versions.Kind.AUTH))


async def test_another_process_logging_out_is_seen_within_the_recheck(
    db, monkeypatch: pytest.MonkeyPatch
) -> None:
    city = await build_city()
    signed = await _signed_in_dispatcher(city)
    monkeypatch.setattr(versions, "RECHECK_SECONDS", 3600.0)
    actor = await actor_from_session(signed.token, T0)
    assert actor is not None and actor.roles == {Role.DISPATCHER, Role.REVIEWER}
    assert actor.name == "调度员甲" and actor.unit.id == city.id("SN")
    await _behind_our_back("UPDATE session SET revoked_at = expires_at")
    # Until this process rereads the versions, its copy stands (at most RECHECK_SECONDS)...
    assert await actor_from_session(signed.token, T0) is not None
    monkeypatch.setattr(versions, "RECHECK_SECONDS", 0.0)
    # ...then the new auth version empties the copy and the revoked session is refused.
    assert await actor_from_session(signed.token, T0) is None


async def test_changes_made_in_this_process_are_seen_at_once(
    db, monkeypatch: pytest.MonkeyPatch
) -> None:
    city = await build_city()
    signed = await _signed_in_dispatcher(city)
    monkeypatch.setattr(versions, "RECHECK_SECONDS", 3600.0)
    assert await actor_from_session(signed.token, T0) is not None
    # An admin ends one of the roles: the next request has one role fewer.
    grant = await RoleGrant.get(user_id=signed.session.user_id, role=Role.REVIEWER)
    await revoke_grant(city.actor("SN", Role.ADMIN), grant.id, T0)
    actor = await actor_from_session(signed.token, T0)
    assert actor is not None and actor.roles == {Role.DISPATCHER}
    # Logging out ends the token at once.
    assert await logout(signed.token, T0)
    assert await actor_from_session(signed.token, T0) is None


async def test_expiry_is_checked_on_every_request_not_kept(
    db, monkeypatch: pytest.MonkeyPatch
) -> None:
    city = await build_city()
    signed = await _signed_in_dispatcher(city)
    # A staff token says what it is, so it can never be read as a petitioner's (qsp_) or a key.
    assert signed.token.startswith("qss_")
    monkeypatch.setattr(versions, "RECHECK_SECONDS", 3600.0)
    session = await Session.get(id=signed.session.id)
    assert await actor_from_session(signed.token, session.expires_at - timedelta(seconds=1))
    assert await actor_from_session(signed.token, session.expires_at) is None
    assert await actor_from_session("not-a-token", T0) is None


async def test_a_revoked_api_key_is_refused_at_once(db, monkeypatch: pytest.MonkeyPatch) -> None:
    city = await build_city()
    monkeypatch.setattr(versions, "RECHECK_SECONDS", 3600.0)
    made = await create_api_key(None, "区APP", city.id("SN"), ApiClientKind.DISTRICT_APP, T0)
    assert await actor_from_api_key(made.secret) is not None
    assert await actor_from_api_key(made.secret[:-1] + "x") is None
    await revoke_api_key(city.actor("SN", Role.ADMIN), made.key.id, T0)
    assert await actor_from_api_key(made.secret) is None
