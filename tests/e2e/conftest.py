"""A real uvicorn server on a small demo city, for the browser tests."""

from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import UTC, datetime
from pathlib import Path

import pytest
from tortoise import Tortoise

import settings
from bench.common import free_port, uvicorn_process
from cli import migrate_database

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"]
ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts" / "screens"
PASSWORD = "qingsu-demo-2023"


@pytest.fixture
async def server(tmp_path: Path) -> AsyncIterator[str]:
    from demo.seed import seed_demo

    url = f"sqlite://{tmp_path / 'demo.sqlite3'}"
    await migrate_database(url)
    await Tortoise.init(config=settings.tortoise_config(url), _enable_global_fallback=True)
    try:
        await seed_demo(petitions=40, now=datetime.now(UTC), history=1500)
    finally:
        await Tortoise.close_connections()
    async with uvicorn_process("server:app_factory", url, free_port()) as base:
        yield base
