"""Domain refusals. schema/ maps them to typed GraphQL results, web/ to 422 fragments."""

from __future__ import annotations

from enum import StrEnum


class ErrorCode(StrEnum):
    UNAUTHENTICATED = "UNAUTHENTICATED"
    NOT_ALLOWED = "NOT_ALLOWED"
    NOT_FOUND = "NOT_FOUND"
    WRONG_STATE = "WRONG_STATE"
    STALE_VERSION = "STALE_VERSION"
    INVALID_FIELD = "INVALID_FIELD"
    CALENDAR_UNKNOWN = "CALENDAR_UNKNOWN"


class WorkflowError(Exception):
    """An expected refusal: carries a code, a human message and, for bad input, the field."""

    def __init__(self, code: ErrorCode, message: str, field: str | None = None) -> None:
        super().__init__(message)
        self.code = code
        self.message = message
        self.field = field

    def __repr__(self) -> str:  # pragma: no cover - debugging aid
        return f"WorkflowError({self.code}, {self.message!r}, field={self.field!r})"


def invalid(field: str, message: str) -> WorkflowError:
    return WorkflowError(ErrorCode.INVALID_FIELD, message, field)


def not_allowed(message: str = "你无权执行此操作") -> WorkflowError:
    return WorkflowError(ErrorCode.NOT_ALLOWED, message)


def not_found(what: str = "诉求") -> WorkflowError:
    return WorkflowError(ErrorCode.NOT_FOUND, f"{what}不存在或无权查看")


def wrong_state(message: str) -> WorkflowError:
    return WorkflowError(ErrorCode.WRONG_STATE, message)
