"""What people type, made safe once at the edge: cleaned, bounded by the models' own limits.

Free text loses control characters (line breaks and tabs stay), bidirectional overrides and
other invisible format characters, and lone surrogates (which no database can store); a
required text of only invisible characters counts as empty. Codes and identifiers are refused
rather than cleaned when they hold such characters. Length limits come from the Tortoise
field definitions, so a column's size and its check never disagree.
"""

from __future__ import annotations

import unicodedata

from tortoise.models import Model

from workflow.errors import invalid

_KEEP = {"\n", "\t"}


def _dropped(ch: str) -> bool:
    if ch in _KEEP:
        return False
    # Cc: controls (NUL included); Cf: format (bidi overrides, zero-width); Cs: surrogates.
    return unicodedata.category(ch) in ("Cc", "Cf", "Cs", "Co", "Cn")


def clean_text(value: str | None) -> str:
    text = value or ""
    if text.isprintable() and text.isascii():  # the common case, without a walk
        return text.strip()
    return "".join(ch for ch in text if not _dropped(ch)).strip()


def has_unsafe_chars(value: str) -> bool:
    return any(_dropped(ch) for ch in value)


def max_length(model: type[Model], field: str) -> int:
    """The column's own limit (CharField max_length)."""
    limit = getattr(model._meta.fields_map[field], "max_length", None)
    assert isinstance(limit, int), f"{model.__name__}.{field} has no max_length"
    return limit


def fits(model: type[Model], field: str, value: str) -> bool:
    """Whether `value` could be in that column at all (a longer value matches no row)."""
    return len(value) <= max_length(model, field) and not has_unsafe_chars(value)


def required_text(value: str | None, field: str, label: str, max_len: int = 2000) -> str:
    text = clean_text(value)
    if not text or not any(ch.isprintable() and not ch.isspace() for ch in text):
        raise invalid(field, f"请填写{label}")
    if len(text) > max_len:
        raise invalid(field, f"{label}不能超过{max_len}字")
    return text


def optional_text(value: str | None, field: str, label: str, max_len: int = 2000) -> str:
    text = clean_text(value)
    if len(text) > max_len:
        raise invalid(field, f"{label}不能超过{max_len}字")
    return text


def code_field(
    value: str | None, field: str, label: str, model: type[Model], column: str
) -> str | None:
    """A code or identifier (topic code, external id, district code): trimmed, bounded by its
    column, no invisible characters. None and blank stay None."""
    if value is None:
        return None
    text = value.strip()
    if not text:
        return None
    limit = max_length(model, column)
    if len(text) > limit or has_unsafe_chars(text):
        raise invalid(field, f"{label}须为{limit}字以内的可见字符")
    return text


def ascii_digits(value: str) -> str:
    """Full-width and other Unicode decimal digits as ASCII (１３８ → 138); other characters
    unchanged. People type phones on every kind of keyboard."""
    out = []
    for ch in value:
        digit = unicodedata.decimal(ch, None) if not ch.isascii() else None
        out.append(str(digit) if digit is not None else ch)
    return "".join(out)


def normalise_phone(value: str | None) -> str:
    text = ascii_digits(clean_text(value))
    return text.replace(" ", "").replace("\u3000", "")


# Primary keys are 32-bit integers on both databases (Tortoise IntField); anything larger names
# no row and would overflow the driver.
MAX_ROW_ID = 2**31 - 1


def is_row_id(value: int) -> bool:
    return 0 < value <= MAX_ROW_ID
