"""Deployment settings, read once from the environment (or a .env file) with safe local defaults."""

from __future__ import annotations

import os
from typing import Any

from starlette.config import Config
from starlette.datastructures import Secret
from tortoise.backends.base.config_generator import expand_db_url

config = Config(".env" if os.path.exists(".env") else None)

DATABASE_URL: str = config("DATABASE_URL", default="sqlite://qingsu.sqlite3")
SECRET_KEY = Secret(config("SECRET_KEY", default="dev-only-change-me"))
DEBUG: bool = config("DEBUG", cast=bool, default=False)
# Who may read the schema by introspection: "staff" (signed-in staff and API keys; anonymous
# callers get neither the schema nor "did you mean" hints), "all" or "none".
GRAPHQL_INTROSPECTION: str = config("GRAPHQL_INTROSPECTION", default="staff")
GRAPHQL_MAX_DEPTH: int = config("GRAPHQL_MAX_DEPTH", cast=int, default=12)
GRAPHQL_MAX_ALIASES: int = config("GRAPHQL_MAX_ALIASES", cast=int, default=30)
GRAPHQL_MAX_TOKENS: int = config("GRAPHQL_MAX_TOKENS", cast=int, default=4000)
# The most one operation may cost (schema/cost.py: objects count 1, lists multiply by their
# page size or an estimate); and the wall-clock time one GraphQL request may take.
GRAPHQL_MAX_COST: int = config("GRAPHQL_MAX_COST", cast=int, default=5000)
GRAPHQL_TIMEOUT_SECONDS: float = config("GRAPHQL_TIMEOUT_SECONDS", cast=float, default=10.0)
# Request bodies above this are refused with 413; JSON nested deeper than this with 400.
MAX_BODY_BYTES: int = config("MAX_BODY_BYTES", cast=int, default=1_048_576)
MAX_JSON_DEPTH: int = config("MAX_JSON_DEPTH", cast=int, default=32)
PAGE_SIZE_MAX: int = config("PAGE_SIZE_MAX", cast=int, default=100)
# Login throttle counters (resolvers/ratelimit.py): a `limits` storage URI. `memory://` keeps
# them in this process (a laptop, one worker); with several workers or servers use Redis,
# e.g. `redis://127.0.0.1:6379/0`, so that every process counts the same failures.
RATE_LIMIT_STORAGE: str = config("RATE_LIMIT_STORAGE", default="memory://")
# Where in that storage this deployment's counters live (servers sharing one Redis count
# together only when their prefix is the same).
RATE_LIMIT_PREFIX: str = config("RATE_LIMIT_PREFIX", default="qingsu-login")
LOGIN_WINDOW: str = config("LOGIN_WINDOW", default="15 minutes")
LOGIN_LIMIT_PAIR: int = config("LOGIN_LIMIT_PAIR", cast=int, default=5)
LOGIN_LIMIT_ACCOUNT: int = config("LOGIN_LIMIT_ACCOUNT", cast=int, default=20)
LOGIN_LIMIT_ADDRESS: int = config("LOGIN_LIMIT_ADDRESS", cast=int, default=100)
SESSION_TTL_HOURS: int = config("SESSION_TTL_HOURS", cast=int, default=12)
SESSION_COOKIE: str = config("SESSION_COOKIE", default="qingsu_session")
# Light thresholds (DOMAIN §4): YELLOW at or below this share of working time left.
LIGHT_YELLOW_AT: float = config("LIGHT_YELLOW_AT", cast=float, default=1 / 3)
# Days the petitioner has to evaluate before the system closes the petition.
EVALUATION_WINDOW_DAYS: int = config("EVALUATION_WINDOW_DAYS", cast=int, default=7)
# Communities are small: a deployment may let their head sign replies off alone.
COMMUNITY_HEAD_ONLY_REVIEW: bool = config("COMMUNITY_HEAD_ONLY_REVIEW", cast=bool, default=True)
DB_POOL_MAX: int = config("DB_POOL_MAX", cast=int, default=20)
# Password hashing cost (argon2id). The defaults are argon2-cffi's recommended ones; tests
# set cheap values so the suite does not spend its time hashing.
ARGON2_TIME_COST: int = config("ARGON2_TIME_COST", cast=int, default=3)
ARGON2_MEMORY_KIB: int = config("ARGON2_MEMORY_KIB", cast=int, default=65536)
ARGON2_PARALLELISM: int = config("ARGON2_PARALLELISM", cast=int, default=4)


async def _keep_session(connection: object) -> None:
    """The pool's reset step (see tortoise_config): nothing beyond asyncpg's own rollback."""


def tortoise_config(db_url: str | None = None) -> dict[str, object]:
    """The one Tortoise configuration used by the server, the CLI, migrations and tests."""
    url = db_url or DATABASE_URL
    connection: str | dict[str, Any] = url
    if url.startswith(("postgres://", "postgresql://")):
        sep = "&" if "?" in url else "?"
        connection = expand_db_url(f"{url}{sep}maxsize={DB_POOL_MAX}")
        # asyncpg resets a connection's session (one more statement and round trip) whenever
        # the pool takes it back, i.e. after every statement outside a transaction. The
        # platform keeps no session state (no SET, LISTEN, advisory or cursor outside a
        # transaction), so only the open-transaction rollback, which asyncpg always does,
        # is needed.
        connection["credentials"]["reset"] = _keep_session
    return {
        "connections": {"default": connection},
        "apps": {
            "models": {
                "models": ["models"],
                "default_connection": "default",
                "migrations": "migrations",
            }
        },
        "use_tz": True,
        "timezone": "Asia/Shanghai",
    }


# For the `tortoise` command-line tool (makemigrations): `tortoise -c settings.TORTOISE_ORM`.
TORTOISE_ORM = tortoise_config()
# How often the server closes petitions nobody evaluated in time (0 turns the sweep off).
SWEEP_EVERY_SECONDS: float = config("SWEEP_EVERY_SECONDS", cast=float, default=600)

# Petitioners prove who they are with a one-time code sent to their phone (DOMAIN §6).
# `console` writes each message as one line `SMS to <phone>: <text>` to the server's log; a
# real gateway is a dotted path to a class with `async def send(self, phone, text)`.
SMS_BACKEND: str = config("SMS_BACKEND", default="console")
PETITIONER_CODE_TTL_SECONDS: int = config("PETITIONER_CODE_TTL_SECONDS", cast=int, default=300)
# A phone gets a new code at most this often, and at most PETITIONER_CODES_PER_PHONE an hour.
PETITIONER_CODE_RESEND_SECONDS: int = config("PETITIONER_CODE_RESEND_SECONDS", cast=int, default=60)
PETITIONER_CODES_PER_PHONE: int = config("PETITIONER_CODES_PER_PHONE", cast=int, default=5)
# Wrong tries that burn a code.
PETITIONER_CODE_MAX_ATTEMPTS: int = config("PETITIONER_CODE_MAX_ATTEMPTS", cast=int, default=5)
# Per client and hour: code requests and wrong codes, counted apart, per address and per key
# (an app's key is shared by all its users, so its limit is much higher).
PETITIONER_LIMIT_PER_ADDRESS: int = config("PETITIONER_LIMIT_PER_ADDRESS", cast=int, default=20)
PETITIONER_LIMIT_PER_KEY: int = config("PETITIONER_LIMIT_PER_KEY", cast=int, default=2000)
PETITIONER_TOKEN_TTL_MINUTES: int = config("PETITIONER_TOKEN_TTL_MINUTES", cast=int, default=30)
# Attachments (photos, pdf documents) are stored outside the database. ATTACHMENT_STORAGE picks
# the storage: "local" keeps them under ATTACHMENTS_DIR; "package.module:Class" plugs in
# another one (an object store) built with no arguments.
ATTACHMENT_STORAGE: str = config("ATTACHMENT_STORAGE", default="local")
ATTACHMENTS_DIR: str = config("ATTACHMENTS_DIR", default="var/attachments")
ATTACHMENT_MAX_IMAGE_BYTES: int = config(
    "ATTACHMENT_MAX_IMAGE_BYTES", cast=int, default=10 * 1024 * 1024
)
ATTACHMENT_MAX_PDF_BYTES: int = config(
    "ATTACHMENT_MAX_PDF_BYTES", cast=int, default=20 * 1024 * 1024
)
ATTACHMENT_MAX_FILES: int = config("ATTACHMENT_MAX_FILES", cast=int, default=9)
# Decoding a small file into a huge bitmap is a known attack: refuse before decoding.
ATTACHMENT_MAX_PIXELS: int = config("ATTACHMENT_MAX_PIXELS", cast=int, default=50_000_000)
# A whole multipart request (all files and fields together), checked before it is read.
ATTACHMENT_MAX_REQUEST_BYTES: int = config(
    "ATTACHMENT_MAX_REQUEST_BYTES", cast=int, default=100 * 1024 * 1024
)
THUMBNAIL_PX: int = config("THUMBNAIL_PX", cast=int, default=320)
# Working days a handling unit has to accept an assignment: accepting within it counts for the
# response rate (响应率), and missing it raises the 超时未签收 alarm.
ACCEPT_WITHIN_WORKING_DAYS: int = config("ACCEPT_WITHIN_WORKING_DAYS", cast=int, default=1)
# 先行联系: a first contact with the petitioner made before 24:00 of this many working days
# after the day of the assignment counts as timely (及时先行联系).
FIRST_CONTACT_WITHIN_WORKING_DAYS: int = config(
    "FIRST_CONTACT_WITHIN_WORKING_DAYS", cast=int, default=1
)
# The deadline watch reminds the handling unit this many hours before its deadline
# (24: from the start of the last working day, as the deadline is that day's 24:00).
DEADLINE_REMINDER_HOURS: float = config("DEADLINE_REMINDER_HOURS", cast=float, default=24)
# Rows one sweep transaction claims at a time.
SWEEP_BATCH: int = config("SWEEP_BATCH", cast=int, default=500)
# 考核排名: weights of the four rates in a unit's score (they need not sum to 1; the score is
# their weighted mean), and the fewest assignments a unit must have had in the period to be
# ranked at all.
RANKING_WEIGHTS: str = config(
    "RANKING_WEIGHTS", default="response=0.2,on_time=0.3,resolution=0.25,satisfaction=0.25"
)
RANKING_MIN_SAMPLE: int = config("RANKING_MIN_SAMPLE", cast=int, default=10)
# 监测预警: a topic or street surges when its intake on a day reaches SURGE_MIN_COUNT and
# SURGE_RATIO times its mean over the previous SURGE_BASELINE_DAYS days.
SURGE_RATIO: float = config("SURGE_RATIO", cast=float, default=2.0)
SURGE_MIN_COUNT: int = config("SURGE_MIN_COUNT", cast=int, default=5)
SURGE_BASELINE_DAYS: int = config("SURGE_BASELINE_DAYS", cast=int, default=28)
# A petitioner (by phone) or a place (by address) with this many petitions within
# REPEAT_WINDOW_DAYS is a repeated petition.
REPEAT_MIN_COUNT: int = config("REPEAT_MIN_COUNT", cast=int, default=3)
REPEAT_WINDOW_DAYS: int = config("REPEAT_WINDOW_DAYS", cast=int, default=30)
