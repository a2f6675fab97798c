"""Slowing down password guessing: one throttle for the login form and the GraphQL `login`.

Three counters over a moving window (`LOGIN_WINDOW`), kept where every server process sees
them (the `limits` library on Redis in production; its in-memory storage on a laptop):

- **account + address** (`LOGIN_LIMIT_PAIR`, small): the lock a guesser meets. It shuts out
  the address that failed, for that account only, so one person's typos lock neither their
  colleagues behind the same address nor themselves on another device.
- **address** (`LOGIN_LIMIT_ADDRESS`, much higher): one address spraying many accounts. High
  enough that an office behind one NAT address is not shut out by its own typing.
- **account** (`LOGIN_LIMIT_ACCOUNT`): many addresses guessing one account. Reaching it does
  *not* lock the account everywhere (an attacker could then lock anyone out at will): from
  then on only addresses that have already failed for this account in the window are refused,
  so a distributed guesser gets one try per address while the owner, from an address that has
  not been guessing, still signs in.

Attempts count before the password is checked (the hash takes time; concurrent requests must
not all slip under the limit), and a success clears its account + address counter. Every
`login` of a request counts: thirty aliased logins in one POST are thirty attempts.
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from datetime import datetime

from limits import RateLimitItem, parse
from limits.aio.strategies import MovingWindowRateLimiter
from limits.storage import storage_from_string

import settings
from resolvers.auth import LoginResult, login
from workflow.errors import ErrorCode, WorkflowError, too_many_attempts


def _storage_uri(uri: str) -> str:
    """`redis://…` or `memory://` in settings; the async storages of `limits` are named
    `async+…`."""
    return uri if uri.startswith("async+") else f"async+{uri}"


@dataclass(frozen=True)
class LoginLimits:
    pair: RateLimitItem
    address: RateLimitItem
    account: RateLimitItem

    @classmethod
    def from_settings(cls) -> LoginLimits:
        window = settings.LOGIN_WINDOW
        return cls(
            pair=parse(f"{settings.LOGIN_LIMIT_PAIR} per {window}"),
            address=parse(f"{settings.LOGIN_LIMIT_ADDRESS} per {window}"),
            account=parse(f"{settings.LOGIN_LIMIT_ACCOUNT} per {window}"),
        )


class LoginThrottle:
    def __init__(
        self,
        storage_uri: str | None = None,
        limits: LoginLimits | None = None,
        key_prefix: str | None = None,
    ) -> None:
        uri = _storage_uri(storage_uri or settings.RATE_LIMIT_STORAGE)
        options: dict[str, str] = {}
        if "redis" in uri.split("://", 1)[0]:
            prefix = key_prefix or settings.RATE_LIMIT_PREFIX
            options = {"implementation": "redispy", "key_prefix": prefix}
        self.storage = storage_from_string(uri, **options)
        self.limiter = MovingWindowRateLimiter(self.storage)
        self.limits = limits or LoginLimits.from_settings()

    async def aclose(self) -> None:
        """Closes the Redis connections, if any (the memory storage holds none)."""
        client = getattr(getattr(self.storage, "bridge", None), "storage", None)
        if client is not None:
            await client.aclose()

    async def _refuse(self, item: RateLimitItem, *keys: str) -> WorkflowError:
        stats = await self.limiter.get_window_stats(item, *keys)
        wait = max(1, int(stats.reset_time - time.time()))
        return too_many_attempts(wait, f"登录失败次数过多，请{max(1, wait // 60)}分钟后再试")

    async def attempt(self, username: str, address: str) -> None:
        """Counts one attempt, or raises TOO_MANY_ATTEMPTS without checking the password."""
        account = username.strip().lower()
        lim = self.limits
        if not await self.limiter.test(lim.address, address):
            raise await self._refuse(lim.address, address)
        if not await self.limiter.test(lim.account, account):
            pair = await self.limiter.get_window_stats(lim.pair, account, address)
            if pair.remaining < lim.pair.amount:
                raise await self._refuse(lim.account, account)
        if not await self.limiter.hit(lim.pair, account, address):
            raise await self._refuse(lim.pair, account, address)
        await self.limiter.hit(lim.account, account)

    async def failed(self, address: str) -> None:
        await self.limiter.hit(self.limits.address, address)

    async def succeeded(self, username: str, address: str) -> None:
        await self.limiter.clear(self.limits.pair, username.strip().lower(), address)


async def throttled_login(
    throttle: LoginThrottle,
    username: str,
    password: str,
    address: str,
    now: datetime,
    unit_id: int | None = None,
) -> LoginResult:
    """The login use case for every door (form, GraphQL): throttle, then check."""
    await throttle.attempt(username, address)
    try:
        done = await login(username, password, now, unit_id)
    except WorkflowError as exc:
        if exc.code is ErrorCode.UNAUTHENTICATED:
            await throttle.failed(address)
        raise
    await throttle.succeeded(username, address)
    return done
