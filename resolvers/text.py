"""Checks on free text from users: required, trimmed, bounded."""

from __future__ import annotations

from workflow.errors import invalid


def required_text(value: str | None, field: str, label: str, max_len: int = 2000) -> str:
    text = (value or "").strip()
    if not text:
        raise invalid(field, f"请填写{label}")
    if len(text) > max_len:
        raise invalid(field, f"{label}不能超过{max_len}字")
    return text


def optional_text(value: str | None, field: str, label: str, max_len: int = 2000) -> str:
    text = (value or "").strip()
    if len(text) > max_len:
        raise invalid(field, f"{label}不能超过{max_len}字")
    return text
