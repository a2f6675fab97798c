"""Parsing the API's opaque IDs into row ids, naming the field when one is malformed."""

from __future__ import annotations

from resolvers.text import is_row_id
from workflow.deadlines import parse_local_instant as parse_instant
from workflow.errors import invalid


def row_id(value: object, field: str) -> int:
    text = str(value)
    if not (text.isascii() and text.isdigit() and len(text) <= 10):
        raise invalid(field, "编号格式不正确")
    parsed = int(text)
    if not is_row_id(parsed):
        raise invalid(field, "编号格式不正确")
    return parsed


def optional_row_id(value: object | None, field: str) -> int | None:
    return None if value is None else row_id(value, field)


__all__ = ["optional_row_id", "parse_instant", "row_id"]
