"""The login throttle: per account + address, per address, per account; on both storages.

The Redis storage is what several server processes share; it is tested against the machine's
Redis (`TEST_REDIS_URL`, default redis://127.0.0.1:6379/15), skipped only outside CI when no
Redis answers.
"""

from __future__ import annotations

import os
import socket
import uuid
from collections.abc import AsyncIterator

import pytest

from models import RoleGrant, User
from resolvers.auth import hash_password
from resolvers.ratelimit import LoginLimits, LoginThrottle, throttled_login
from tests.factories import T0, build_city
from workflow.enums import Role
from workflow.errors import ErrorCode, WorkflowError

REDIS_URL = os.environ.get("TEST_REDIS_URL", "redis://127.0.0.1:6379/15")
PASSWORD = "right-password-1"
LIMITS = LoginLimits.from_settings()  # pair 5, account 20, address 100 per 15 minutes


def _redis_answers() -> bool:
    host_port = REDIS_URL.split("://", 1)[1].split("/", 1)[0]
    host, _, port = host_port.rpartition(":")
    try:
        socket.create_connection((host or "127.0.0.1", int(port or 6379)), timeout=1).close()
    except OSError:
        return False
    return True


@pytest.fixture(params=["memory", "redis"])
async def throttle(request: pytest.FixtureRequest) -> AsyncIterator[LoginThrottle]:
    if request.param == "memory":
        yield LoginThrottle("memory://", LIMITS)
        return
    if not _redis_answers():
        if os.environ.get("CI"):
            pytest.fail(f"no Redis at {REDIS_URL}")
        pytest.skip(f"no Redis at {REDIS_URL}")
    # A key prefix of this test's own: runs and tests never see each other's counters.
    shared = LoginThrottle(REDIS_URL, LIMITS, key_prefix=f"test-{uuid.uuid4().hex}")
    yield shared
    await shared.aclose()


async def _account(username: str) -> None:
    city = await build_city()
    user = await User.create(
        username=username, display_name=username, password_hash=await hash_password(PASSWORD)
    )
    await RoleGrant.create(user=user, unit=city.units["SN"], role=Role.DISPATCHER)


async def _try(throttle: LoginThrottle, username: str, password: str, address: str) -> str:
    try:
        await throttled_login(throttle, username, password, address, T0)
    except WorkflowError as exc:
        return exc.code.value
    return "OK"


async def test_five_failures_lock_that_address_for_that_account_only(
    db: str, throttle: LoginThrottle
) -> None:
    await _account("victim")
    codes = [await _try(throttle, "victim", f"guess-{n}", "10.0.0.1") for n in range(6)]
    assert codes == ["UNAUTHENTICATED"] * 5 + ["TOO_MANY_ATTEMPTS"]
    assert await _try(throttle, "victim", PASSWORD, "10.0.0.1") == "TOO_MANY_ATTEMPTS"
    # The owner on another device, and a colleague behind the same address, are not locked.
    assert await _try(throttle, "victim", PASSWORD, "10.0.0.2") == "OK"
    await _account_more("colleague")
    assert await _try(throttle, "colleague", PASSWORD, "10.0.0.1") == "OK"


async def _account_more(username: str) -> None:
    user = await User.create(
        username=username, display_name=username, password_hash=await hash_password(PASSWORD)
    )
    sn = await RoleGrant.filter(role=Role.DISPATCHER).first().values_list("unit_id", flat=True)
    await RoleGrant.create(user=user, unit_id=sn, role=Role.DISPATCHER)


async def test_an_office_behind_one_address_is_not_locked_by_its_own_typos(
    db: str, throttle: LoginThrottle
) -> None:
    await _account("clerk")
    for n in range(40):  # forty colleagues, one typo each
        assert await _try(throttle, f"user{n}", "typo", "192.0.2.9") == "UNAUTHENTICATED"
    assert await _try(throttle, "clerk", PASSWORD, "192.0.2.9") == "OK"


async def test_one_address_spraying_many_accounts_is_stopped(
    db: str, throttle: LoginThrottle
) -> None:
    codes = [await _try(throttle, f"user{n}", "guess", "203.0.113.5") for n in range(101)]
    assert codes[:100] == ["UNAUTHENTICATED"] * 100 and codes[100] == "TOO_MANY_ATTEMPTS"


async def test_many_addresses_guessing_one_account_cannot_lock_its_owner_out(
    db: str, throttle: LoginThrottle
) -> None:
    await _account("target")
    for n in range(20):  # twenty addresses, one guess each: the account-wide count is reached
        assert await _try(throttle, "target", "guess", f"198.51.100.{n}") == "UNAUTHENTICATED"
    # An address that has guessed already gets no second guess at this account …
    assert await _try(throttle, "target", "guess", "198.51.100.3") == "TOO_MANY_ATTEMPTS"
    # … while the owner, from an address that never failed, signs in.
    assert await _try(throttle, "target", PASSWORD, "10.9.9.9") == "OK"


async def test_a_refusal_says_when_to_come_back(db: str, throttle: LoginThrottle) -> None:
    await _account("waiter")
    for _ in range(5):
        await _try(throttle, "waiter", "guess", "10.0.0.7")
    with pytest.raises(WorkflowError) as refused:
        await throttled_login(throttle, "waiter", PASSWORD, "10.0.0.7", T0)
    assert refused.value.code is ErrorCode.TOO_MANY_ATTEMPTS
    assert 0 < (refused.value.retry_after or 0) <= 15 * 60
