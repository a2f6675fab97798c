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
