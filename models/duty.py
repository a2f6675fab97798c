"""Bookkeeping of the duty lists (职责任务清单) beyond the items themselves."""

from __future__ import annotations

from tortoise import fields
from tortoise.models import Model


class DutyListVersion(Model):
    """One row whose number goes up with every change to any duty list.

    Each server process keeps its own search index of the duty lists; comparing this number
    (one primary-key read per request) tells it whether the index is stale, so every process
    answers from the same lists without a restart or a message bus."""

    id = fields.IntField(primary_key=True)
    version = fields.BigIntField(default=0)
    # Random, set when the row is created: a database created afresh (its counter starting
    # over) is never mistaken for the one an index was built from.
    stamp = fields.CharField(max_length=32)

    class Meta:
        table = "duty_list_version"
