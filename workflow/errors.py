"""Domain refusals. schema/ maps them to typed GraphQL results, web/ to 422 fragments."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from enum import StrEnum


class ErrorCode(StrEnum):
    UNAUTHENTICATED = "UNAUTHENTICATED"
    NOT_ALLOWED = "NOT_ALLOWED"
    NOT_FOUND = "NOT_FOUND"
    WRONG_STATE = "WRONG_STATE"
    STALE_VERSION = "STALE_VERSION"
    INVALID_FIELD = "INVALID_FIELD"
    CALENDAR_UNKNOWN = "CALENDAR_UNKNOWN"
    TOO_MANY_ATTEMPTS = "TOO_MANY_ATTEMPTS"
    UNAVAILABLE = "UNAVAILABLE"


class WorkflowError(Exception):
    """An expected refusal: carries a code, a human message and, for bad input, the field."""

    def __init__(
        self,
        code: ErrorCode,
        message: str,
        field: str | None = None,
        retry_after: int | None = None,
    ) -> None:
        super().__init__(message)
        self.code = code
        self.message = message
        self.field = field
        # Every bad field of the input, so a form can show them all at once; `field` and
        # `message` are the first of them.
        self.fields: list[tuple[str, str]] = [(field, message)] if field else []
        # For TOO_MANY_ATTEMPTS: seconds until the caller may try again.
        self.retry_after = retry_after

    def __repr__(self) -> str:  # pragma: no cover - debugging aid
        return f"WorkflowError({self.code}, {self.message!r}, field={self.field!r})"


# What a user whose password an admin reset meets anywhere but the password change.
PASSWORD_CHANGE_MESSAGE = "管理员已重置你的密码：请先修改密码，再进行其他操作"


def invalid(field: str, message: str) -> WorkflowError:
    return WorkflowError(ErrorCode.INVALID_FIELD, message, field)


class FieldErrors:
    """Collects the refusals of several independent field checks, to report them together:

        errors = FieldErrors()
        with errors.check():
            title = required_text(...)
        ...
        errors.raise_if_any()
    """

    def __init__(self) -> None:
        self.found: list[tuple[str, str]] = []

    @contextmanager
    def check(self) -> Iterator[None]:
        try:
            yield
        except WorkflowError as exc:
            if exc.code is not ErrorCode.INVALID_FIELD:
                raise
            self.found.extend(exc.fields or [(exc.field or "input", exc.message)])

    def add(self, field: str, message: str) -> None:
        self.found.append((field, message))

    def raise_if_any(self) -> None:
        if self.found:
            field, message = self.found[0]
            error = invalid(field, message)
            error.fields = list(self.found)
            raise error


def not_allowed(message: str = "你无权执行此操作") -> WorkflowError:
    return WorkflowError(ErrorCode.NOT_ALLOWED, message)


def not_found(what: str = "诉求") -> WorkflowError:
    return WorkflowError(ErrorCode.NOT_FOUND, f"{what}不存在或无权查看")


def wrong_state(message: str) -> WorkflowError:
    return WorkflowError(ErrorCode.WRONG_STATE, message)


def too_many_attempts(retry_after: int, message: str = "尝试次数过多，请稍后再试") -> WorkflowError:
    return WorkflowError(ErrorCode.TOO_MANY_ATTEMPTS, message, retry_after=max(1, retry_after))
