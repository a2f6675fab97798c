"""Staff sessions, machine clients' API keys, and who a request acts as."""

from __future__ import annotations

import asyncio
import hashlib
import hmac
import secrets
import weakref
from dataclasses import dataclass, replace
from datetime import datetime, timedelta
from typing import Any

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from tortoise import Tortoise
from tortoise.backends.base.client import BaseDBAsyncClient
from tortoise.queryset import QuerySet
from tortoise.transactions import in_transaction

import settings
from models import ApiKey, RoleGrant, Session, Unit, User
from resolvers import audit, catalog, versions
from resolvers.text import fits
from resolvers.units import load_unit, unit_ref
from workflow.actors import Actor, machine_roles
from workflow.enums import API_CLIENT_SCOPES, ApiClientKind, AuditAction, Role, Scope, UnitKind
from workflow.errors import ErrorCode, FieldErrors, WorkflowError, invalid, not_allowed
from workflow.reach import admin_reaches

_hasher = PasswordHasher(
    time_cost=settings.ARGON2_TIME_COST,
    memory_cost=settings.ARGON2_MEMORY_KIB,
    parallelism=settings.ARGON2_PARALLELISM,
)
# Verified against when the username is unknown, so both paths cost the same.
_DUMMY_HASH = _hasher.hash("not-a-real-password")


def _digest(token: str) -> str:
    key = settings.SECRET_KEY.__str__().encode()
    return hmac.new(key, token.encode(), hashlib.sha256).hexdigest()


async def hash_password(password: str) -> str:
    return await asyncio.to_thread(_hasher.hash, password)


async def _verify(hash_: str, password: str) -> bool:
    def check() -> bool:
        try:
            return _hasher.verify(hash_, password)
        except (VerificationError, InvalidHashError):
            return False

    return await asyncio.to_thread(check)


async def create_user(
    username: str,
    password: str,
    display_name: str,
    grants: list[tuple[Unit, Role]],
    now: datetime | None = None,
    granted_by: int | None = None,
) -> User:
    if len(password) < 8:
        raise invalid("password", "密码至少8位")
    user = await User.create(
        username=username, display_name=display_name, password_hash=await hash_password(password)
    )
    for unit, role in grants:
        await RoleGrant.create(
            user=user, unit=unit, role=role, granted_at=now, granted_by_id=granted_by
        )
    return user


def active_grants() -> QuerySet[RoleGrant]:
    """Grants in force: an ended (revoked) grant stays in the table for the record only."""
    return RoleGrant.filter(ended_at__isnull=True)


@dataclass(frozen=True)
class LoginResult:
    token: str
    session: Session
    actor: Actor


async def _actor_for_user(user: User, unit: Unit) -> Actor:
    roles = (
        await active_grants()
        .filter(user_id=user.id, unit_id=unit.id)
        .values_list("role", flat=True)
    )
    return Actor(
        unit=unit_ref(unit),
        roles=frozenset(Role(str(r)) for r in roles),
        name=user.display_name,
        user_id=user.id,
        must_change_password=user.must_change_password,
    )


async def login(
    username: str, password: str, now: datetime, unit_id: int | None = None
) -> LoginResult:
    name = username.strip()
    # A name no account could have (too long, invisible characters) is simply unknown.
    user = (
        await User.get_or_none(username=name, active=True) if fits(User, "username", name) else None
    )
    ok = await _verify(user.password_hash if user else _DUMMY_HASH, password)
    if user is None or not ok:
        raise WorkflowError(ErrorCode.UNAUTHENTICATED, "用户名或密码错误")
    grants: list[int] = (
        await active_grants()  # type: ignore[assignment]
        .filter(user_id=user.id)
        .order_by("id")
        .values_list("unit_id", flat=True)
    )
    if not grants:
        raise not_allowed("该账号没有任何岗位")
    chosen = unit_id if unit_id is not None else grants[0]
    if chosen not in grants:
        raise invalid("unitId", "你在该单位没有岗位")
    unit = await load_unit(chosen)
    token = f"{SESSION_TOKEN_PREFIX}_{secrets.token_urlsafe(32)}"
    session = await Session.create(
        token_hash=_digest(token),
        user=user,
        unit=unit,
        created_at=now,
        expires_at=now + timedelta(hours=settings.SESSION_TTL_HOURS),
    )
    return LoginResult(token, session, await _actor_for_user(user, unit))


MIN_PASSWORD = 8


def new_password_problems(new: str, current: str) -> list[tuple[str, str]]:
    if len(new or "") < MIN_PASSWORD:
        return [("newPassword", f"新密码至少{MIN_PASSWORD}位")]
    if len(new) > 128:
        return [("newPassword", "新密码不能超过128位")]
    if new == current:
        return [("newPassword", "新密码不能与当前密码相同")]
    return []


async def change_password(
    actor: Actor | None,
    current: str,
    new: str,
    session_token: str | None,
    now: datetime,
    repeated: str | None = None,
) -> Actor:
    """A staff user sets their own password (the only step open to a user whose password an
    admin reset). Their other sessions end: whoever knew the old password is signed out."""
    if actor is None or actor.user_id is None or actor.is_machine:
        raise WorkflowError(ErrorCode.UNAUTHENTICATED, "请先登录")
    user = await User.get(id=actor.user_id)
    errors = FieldErrors()
    if not await _verify(user.password_hash, current or ""):
        errors.add("currentPassword", "当前密码不正确")
    for field, message in new_password_problems(new, current):
        errors.add(field, message)
    if repeated is not None and repeated != new:  # the screens ask for it twice
        errors.add("newPasswordAgain", "两次输入的新密码不一致")
    errors.raise_if_any()
    hashed = await hash_password(new)
    async with in_transaction() as conn:
        await User.filter(id=user.id).update(password_hash=hashed, must_change_password=False)
        others = Session.filter(user_id=user.id, revoked_at__isnull=True)
        if session_token:
            others = others.exclude(token_hash=_digest(session_token))
        await others.update(revoked_at=now)
        await forget_signed_in(conn)
    return replace(actor, must_change_password=False)


def temporary_password() -> str:
    """Shown once to the admin who reset it; readable aloud (no 0/O, 1/l)."""
    alphabet = "abcdefghjkmnpqrstuvwxyz23456789"
    return "-".join("".join(secrets.choice(alphabet) for _ in range(4)) for _ in range(3))


async def logout(token: str, now: datetime) -> bool:
    async with in_transaction() as conn:
        n = await Session.filter(token_hash=_digest(token), revoked_at__isnull=True).update(
            revoked_at=now
        )
        if n:
            await forget_signed_in(conn)
    return n > 0


# Who a token signs in as, in one statement: the session, its user and the user's roles at the
# session's unit (one row per role; one row with no role when there is none). Expiry is
# compared here rather than in SQL, so the statement has one parameter on both databases.
_SESSION_SQL = (
    "SELECT s.unit_id, s.user_id, s.expires_at, u.display_name, u.active, "
    "u.must_change_password, g.role "
    'FROM "session" s JOIN app_user u ON u.id = s.user_id '
    "LEFT JOIN role_grant g ON g.user_id = s.user_id AND g.unit_id = s.unit_id "
    "AND g.ended_at IS NULL "
    "WHERE s.token_hash = {p} AND s.revoked_at IS NULL"
)
_EXPIRES = Session._meta.fields_map["expires_at"]
SIGNED_IN_CACHE_MAX = 20_000


@dataclass(frozen=True)
class _SignedIn:
    actor: Actor
    expires_at: datetime | None  # None: an API key, valid until revoked


@dataclass(eq=False)
class _SignedInCache:
    version: int
    by_digest: dict[str, _SignedIn]


# Per database pool: who each recently seen token signs in as, valid while the auth version is
# the database's (resolvers.versions). Logout, unit switches and every admin change bump it.
_signed_in: weakref.WeakKeyDictionary[Any, _SignedInCache] = weakref.WeakKeyDictionary()


async def _cache() -> dict[str, _SignedIn]:
    version = await versions.current(versions.Kind.AUTH)
    key = versions.pool()
    cache = _signed_in.get(key)
    if cache is None or cache.version != version or len(cache.by_digest) > SIGNED_IN_CACHE_MAX:
        cache = _signed_in[key] = _SignedInCache(version, {})
    return cache.by_digest


async def forget_signed_in(conn: BaseDBAsyncClient | None = None) -> None:
    """Call in the transaction of a change to who a token signs in as (a new version empties
    every process's copy: this one's at once, the others' within a few seconds)."""
    await versions.bump(versions.Kind.AUTH, conn=conn)


async def _load_session(digest: str) -> _SignedIn | None:
    client = Tortoise.get_connection("default")
    p = "$1" if client.capabilities.dialect == "postgres" else "?"
    rows = await client.execute_query_dict(_SESSION_SQL.format(p=p), [digest])
    if not rows or not rows[0]["active"]:
        return None
    first = rows[0]
    unit = (await catalog.units_by_id([int(first["unit_id"])]))[0]
    if unit is None:
        return None
    actor = Actor(
        unit=unit_ref(unit),
        roles=frozenset(Role(str(r["role"])) for r in rows if r["role"] is not None),
        name=str(first["display_name"]),
        user_id=int(first["user_id"]),
        must_change_password=bool(first["must_change_password"]),
    )
    return _SignedIn(actor, _EXPIRES.to_python_value(first["expires_at"]))


async def actor_from_session(token: str, now: datetime) -> Actor | None:
    digest = _digest(token)
    cache = await _cache()
    found = cache.get(digest)
    if found is None:
        found = await _load_session(digest)
        if found is None:
            return None
        cache[digest] = found
    if found.expires_at is not None and found.expires_at <= now:
        return None
    return found.actor


API_KEY_PREFIX = "qsk"
PETITIONER_TOKEN_PREFIX = "qsp"
# Staff session tokens carry a prefix of their own too, so none can begin like another kind.
SESSION_TOKEN_PREFIX = "qss"


async def actor_from_api_key(raw: str) -> Actor | None:
    parts = raw.split("_", 2)  # the random tail may itself contain "_"
    if len(parts) != 3 or parts[0] != API_KEY_PREFIX:
        return None
    digest = _digest(raw)
    cache = await _cache()
    found = cache.get(digest)
    if found is None:
        key = await ApiKey.get_or_none(prefix=parts[1], revoked_at__isnull=True).select_related(
            "unit"
        )
        if key is None or not hmac.compare_digest(key.key_hash, digest):
            return None
        scopes = frozenset(Scope(s) for s in key.scopes)
        found = cache[digest] = _SignedIn(
            Actor(
                unit=unit_ref(key.unit),
                roles=machine_roles(scopes),
                name=key.name,
                api_key_id=key.id,
                scopes=scopes,
                client_kind=ApiClientKind(key.client_kind),
            ),
            None,
        )
    return found.actor


async def actor_from_bearer(raw: str, now: datetime) -> Actor | None:
    """`Authorization: Bearer …` carries an API key (`qsk_…`), a petitioner's token (`qsp_…`)
    or a staff session token (`qss_…`); the prefix says which, so none is ever taken for
    another."""
    if raw.startswith(API_KEY_PREFIX + "_"):
        return await actor_from_api_key(raw)
    if raw.startswith(PETITIONER_TOKEN_PREFIX + "_"):
        from resolvers.petitioner_auth import actor_from_petitioner_token

        return await actor_from_petitioner_token(raw, now)
    return await actor_from_session(raw, now)


def _admin_reaches(actor: Actor, unit: Unit) -> bool:
    return admin_reaches(actor, UnitKind(unit.kind), unit.district_id)


@dataclass(frozen=True)
class NewApiKey:
    key: ApiKey
    secret: str  # shown once, never stored


def _prefix_of(secret: str) -> str:
    """The lookup prefix of a caller-chosen secret, which must have the generated keys' shape."""
    parts = secret.split("_", 2)
    if (
        len(parts) != 3
        or parts[0] != API_KEY_PREFIX
        or not parts[1].isalnum()
        or len(parts[1]) > 16
        or len(parts[2]) < 16
    ):
        raise invalid("secret", f"密钥格式应为 {API_KEY_PREFIX}_<前缀>_<至少16位>")
    return parts[1]


async def create_api_key(
    actor: Actor | None,
    name: str,
    unit_id: int,
    client_kind: ApiClientKind,
    now: datetime,
    *,
    secret: str | None = None,
) -> NewApiKey:
    """`actor` None means the command line (an operator on the server). `secret` lets the demo
    seed publish a fixed key; everyone else gets a random one."""
    unit = await load_unit(unit_id)
    if actor is not None and not _admin_reaches(actor, unit):
        raise not_allowed("只有管理员可以为本级及下级单位创建密钥")
    clean = name.strip()
    if not clean or len(clean) > 128:
        raise invalid("name", "请填写密钥名称（128字以内）")
    if secret is None:
        prefix = secrets.token_hex(4)
        secret = f"{API_KEY_PREFIX}_{prefix}_{secrets.token_urlsafe(32)}"
    else:
        prefix = _prefix_of(secret)
    async with in_transaction():
        key = await ApiKey.create(
            name=clean,
            prefix=prefix,
            key_hash=_digest(secret),
            client_kind=client_kind,
            unit=unit,
            scopes=sorted(s.value for s in API_CLIENT_SCOPES[client_kind]),
            created_by_id=actor.user_id if actor else None,
            created_at=now,
        )
        await audit.record(
            actor,
            AuditAction.API_KEY_CREATED,
            "ApiKey",
            key.id,
            unit.district_id,
            now,
            after={"name": clean, "prefix": prefix, "kind": client_kind.value, "unit": unit.code},
        )
    return NewApiKey(key, secret)


async def revoke_api_key(actor: Actor, key_id: int, now: datetime) -> ApiKey:
    key = await ApiKey.get_or_none(id=key_id).select_related("unit")
    if key is None or not _admin_reaches(actor, key.unit):
        raise invalid("id", "密钥不存在或无权操作")
    if key.revoked_at is None:
        async with in_transaction():
            key.revoked_at = now
            await key.save(update_fields=["revoked_at"])
            await audit.record(
                actor,
                AuditAction.API_KEY_REVOKED,
                "ApiKey",
                key.id,
                key.unit.district_id,
                now,
                before={"name": key.name, "prefix": key.prefix, "revoked": False},
                after={"revoked": True},
            )
    return key


async def switch_unit(token: str, unit_id: int, now: datetime) -> Actor:
    """A user with roles at several units picks the one they act for in this session."""
    session = await Session.get_or_none(
        token_hash=_digest(token), revoked_at__isnull=True, expires_at__gt=now
    ).select_related("user")
    if session is None:
        raise WorkflowError(ErrorCode.UNAUTHENTICATED, "登录已失效，请重新登录")
    if not await active_grants().filter(user_id=session.user_id, unit_id=unit_id).exists():
        raise invalid("unitId", "你在该单位没有岗位")
    unit = await load_unit(unit_id)
    session.unit_id = unit.id
    async with in_transaction() as conn:
        await session.save(update_fields=["unit_id"], using_db=conn)
        await forget_signed_in(conn)
    return await _actor_for_user(session.user, unit)


async def grants_of(user_id: int) -> list[tuple[Unit, list[Role]]]:
    rows = await active_grants().filter(user_id=user_id).select_related("unit").order_by("id")
    by_unit: dict[int, tuple[Unit, list[Role]]] = {}
    for g in rows:
        by_unit.setdefault(g.unit_id, (g.unit, []))[1].append(Role(g.role))
    return list(by_unit.values())
