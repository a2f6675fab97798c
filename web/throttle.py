"""Slowing down password guessing: per account and per address, in this process's memory.

After `LIMIT` failures within `WINDOW`, further attempts are refused until the oldest failure
ages out. A deployment with several processes throttles per process (still bounded).
"""

from __future__ import annotations

from collections import defaultdict, deque
from datetime import datetime, timedelta

LIMIT = 5
WINDOW = timedelta(minutes=15)


class LoginThrottle:
    def __init__(self, limit: int = LIMIT, window: timedelta = WINDOW) -> None:
        self.limit = limit
        self.window = window
        self._failures: dict[str, deque[datetime]] = defaultdict(deque)

    def _recent(self, key: str, now: datetime) -> deque[datetime]:
        q = self._failures[key]
        while q and now - q[0] > self.window:
            q.popleft()
        return q

    def blocked(self, keys: list[str], now: datetime) -> bool:
        return any(len(self._recent(k, now)) >= self.limit for k in keys)

    def failed(self, keys: list[str], now: datetime) -> None:
        for k in keys:
            self._recent(k, now).append(now)

    def succeeded(self, account_key: str) -> None:
        self._failures.pop(account_key, None)
