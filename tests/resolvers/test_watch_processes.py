"""Two `qingsu sweep` processes on one PostgreSQL database: every piece of work done once."""

from __future__ import annotations

import asyncio
import os
import sys

import pytest

from models import Event, Notification
from tests.factories import build_city, submit
from tests.resolvers.helpers import dispatched
from workflow.enums import Action

N = 40


async def _sweep_process(db_url: str) -> str:
    env = {**os.environ, "DATABASE_URL": db_url, "SWEEP_BATCH": "3"}
    proc = await asyncio.create_subprocess_exec(
        sys.executable,
        "-m",
        "cli",
        "sweep",
        "--now",
        "2023-03-29T01:00:00+08:00",
        env=env,
        stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.PIPE,
    )
    out, err = await proc.communicate()
    assert proc.returncode == 0, err.decode()
    return out.decode().strip()


def _counts(report: str) -> dict[str, int]:
    return {k: int(v) for k, v in (part.split("=") for part in report.split())}


async def test_two_sweeping_processes_share_the_work_and_do_each_piece_once(
    db: str, db_url: str
) -> None:
    if db != "postgres":
        pytest.skip("row claiming needs PostgreSQL; SQLite runs one in-process sweeper")
    city = await build_city()
    ids = []
    for _ in range(N):
        p = await submit(city)
        await dispatched(city, p.id, "SN-CG")
        ids.append(p.id)
    first, second = await asyncio.gather(_sweep_process(db_url), _sweep_process(db_url))
    a, b = _counts(first), _counts(second)
    # Every petition is overdue (deadline 24:00 on the 28th) and never accepted.
    assert a["overdue"] + b["overdue"] == N
    assert a["accept_overdue"] + b["accept_overdue"] == N
    for action in (Action.OVERDUE, Action.ACCEPT_OVERDUE):
        rows = await Event.filter(action=action).values_list("petition_id", flat=True)
        assert sorted(rows) == sorted(ids), action
    # Unit and platform told once per petition and alarm; nothing more.
    assert await Notification.filter(kind="RED").count() == 2 * N
    assert await Notification.filter(kind="ACCEPT_OVERDUE").count() == 2 * N
    again = _counts(await _sweep_process(db_url))
    assert again["overdue"] == again["accept_overdue"] == 0
