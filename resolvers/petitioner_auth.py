"""Petitioners prove who they are: a one-time code sent to their phone buys a short-lived
token scoped to that phone's petitions (DOMAIN §6). A tracking code, with or without a phone
number, proves nothing.

Guessing is bounded three ways: a code dies after a few wrong tries (and when a newer one is
sent, or when it expires); a phone gets few codes an hour; each client (its address, and the
app key it uses) gets a bounded number of code requests and of wrong codes an hour.
"""

from __future__ import annotations

import hmac
import math
import secrets
import unicodedata
from dataclasses import dataclass
from datetime import datetime, timedelta

from tortoise.transactions import in_transaction

import settings
from models import PetitionerCode, PetitionerSession
from resolvers import attempts
from resolvers.auth import PETITIONER_TOKEN_PREFIX as TOKEN_PREFIX
from resolvers.auth import _digest
from resolvers.reads import require_actor
from resolvers.sms import sender
from workflow.actors import Actor, petitioner
from workflow.errors import ErrorCode, WorkflowError, invalid, not_allowed, too_many_attempts
from workflow.petitioner import may_start_verification, mobile_number

REQUESTED = "CODE_REQUEST"
FAILED = "CODE_FAILURE"
WRONG_CODE = "验证码错误或已失效，请重新获取"


@dataclass(frozen=True)
class CodeSent:
    expires_at: datetime
    retry_after_seconds: int  # when the app may offer to send another code


@dataclass(frozen=True)
class PetitionerLogin:
    token: str
    expires_at: datetime


def _client_keys(actor: Actor, address: str | None) -> list[tuple[str, int]]:
    keys = [(f"address:{address or 'unknown'}", settings.PETITIONER_LIMIT_PER_ADDRESS)]
    if actor.api_key_id is not None:
        keys.append((f"key:{actor.api_key_id}", settings.PETITIONER_LIMIT_PER_KEY))
    return keys


def _code_hash(phone: str, code: str) -> str:
    return _digest(f"petitioner-code:{phone}:{code}")


def _verifier(actor: Actor | None) -> Actor:
    client = require_actor(actor)
    if not may_start_verification(client):
        raise not_allowed("只有区级App可以为诉求人发送和核验验证码")
    return client


async def request_code(
    actor: Actor | None, raw_phone: str, now: datetime, address: str | None = None
) -> CodeSent:
    client = _verifier(actor)
    phone = mobile_number(raw_phone)
    last = await PetitionerCode.filter(phone=phone).order_by("-id").first()
    resend = timedelta(seconds=settings.PETITIONER_CODE_RESEND_SECONDS)
    if last is not None and last.created_at + resend > now:
        wait = (last.created_at + resend - now).total_seconds()
        raise too_many_attempts(math.ceil(wait), "验证码已发送，请稍后再重新获取")
    limits = [(f"phone:{phone}", settings.PETITIONER_CODES_PER_PHONE)]
    limits += _client_keys(client, address)
    await attempts.check(REQUESTED, limits, now)
    await attempts.count(REQUESTED, [k for k, _ in limits], now)
    code = f"{secrets.randbelow(10**6):06d}"
    ttl = settings.PETITIONER_CODE_TTL_SECONDS
    row = await PetitionerCode.create(
        phone=phone,
        code_hash=_code_hash(phone, code),
        created_at=now,
        expires_at=now + timedelta(seconds=ttl),
        requested_by_key_id=client.api_key_id,
    )
    brand = client.unit.name or "青诉即办"
    minutes = max(1, ttl // 60)
    await sender().send(
        phone, f"【{brand}】您的验证码为{code}，{minutes}分钟内有效，仅用于查询和办理您的诉求。"
    )
    return CodeSent(row.expires_at, settings.PETITIONER_CODE_RESEND_SECONDS)


async def verify_code(
    actor: Actor | None, raw_phone: str, raw_code: str, now: datetime, address: str | None = None
) -> PetitionerLogin:
    client = _verifier(actor)
    phone = mobile_number(raw_phone)
    code = unicodedata.normalize("NFKC", raw_code or "").strip()
    if not (len(code) == 6 and code.isascii() and code.isdigit()):
        raise invalid("code", "验证码为6位数字")
    client_limits = _client_keys(client, address)
    await attempts.check(FAILED, client_limits, now)
    # Decided inside the transaction, refused after it: a wrong try must stay counted.
    async with in_transaction() as conn:
        qs = PetitionerCode.filter(phone=phone).using_db(conn).order_by("-id")
        if "postgres" in type(conn).__module__ or "asyncpg" in type(conn).__module__:
            qs = qs.select_for_update()
        row = await qs.first()
        alive = (
            row is not None
            and row.used_at is None
            and row.expires_at > now
            and row.attempts < settings.PETITIONER_CODE_MAX_ATTEMPTS
        )
        matched = (
            alive
            and row is not None
            and hmac.compare_digest(row.code_hash, _code_hash(phone, code))
        )
        if matched and row is not None:
            await PetitionerCode.filter(id=row.id).using_db(conn).update(used_at=now)
            token = f"{TOKEN_PREFIX}_{secrets.token_urlsafe(32)}"
            session = await PetitionerSession.create(
                token_hash=_digest(token),
                phone=phone,
                created_at=now,
                expires_at=now + timedelta(minutes=settings.PETITIONER_TOKEN_TTL_MINUTES),
                using_db=conn,
            )
        elif alive and row is not None:
            await PetitionerCode.filter(id=row.id).using_db(conn).update(attempts=row.attempts + 1)
    if not matched:
        await attempts.count(FAILED, [k for k, _ in client_limits], now)
        raise WorkflowError(ErrorCode.UNAUTHENTICATED, WRONG_CODE)
    return PetitionerLogin(token, session.expires_at)


async def actor_from_petitioner_token(raw: str, now: datetime) -> Actor | None:
    session = await PetitionerSession.get_or_none(
        token_hash=_digest(raw), revoked_at__isnull=True, expires_at__gt=now
    )
    return petitioner(session.phone) if session is not None else None
