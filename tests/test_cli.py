"""The operator's command line, run as a separate process against a fresh SQLite file."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path


def _qingsu(tmp: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "DATABASE_URL": f"sqlite://{tmp / 'cli.sqlite3'}"}
    return subprocess.run(
        [sys.executable, "-m", "cli", *args],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def test_migrate_creates_users_and_keys_and_the_schema_check_passes(tmp_path: Path) -> None:
    assert _qingsu(tmp_path, "migrate").returncode == 0
    # No units yet: creating a user at an unknown unit fails clearly.
    missing = _qingsu(
        tmp_path,
        "create-user",
        "a",
        "--unit",
        "SN",
        "--role",
        "DISPATCHER",
        "--password",
        "long-enough-1",
    )
    assert missing.returncode != 0 and "no unit with code SN" in missing.stderr
    assert _qingsu(tmp_path, "export-schema", "--check").returncode == 0
    assert _qingsu(tmp_path, "sweep").stdout.strip() == (
        "overdue=0 yellow=0 reminded=0 accept_overdue=0 closed=0"
    )
    assert _qingsu(tmp_path, "rebuild-stats").stdout.strip() == "petitions counted 0"


def test_several_workers_are_refused_where_they_would_not_share_their_state(
    tmp_path: Path,
) -> None:
    refused = _qingsu(tmp_path, "serve", "--workers", "2", "--port", "1")
    assert refused.returncode != 0
    assert "several workers need PostgreSQL" in refused.stderr
    assert "RATE_LIMIT_STORAGE=redis://" in refused.stderr


def test_the_rule_for_several_workers() -> None:
    from cli import several_workers_problems

    pg, redis = "postgres://db/qingsu", "redis://127.0.0.1:6379/0"
    assert several_workers_problems(1, "sqlite://x.sqlite3", "memory://") == []
    assert several_workers_problems(4, pg, redis) == []
    assert len(several_workers_problems(2, pg, "memory://")) == 1
    assert len(several_workers_problems(2, "sqlite://x.sqlite3", redis)) == 1
