"""Counting the SQL statements a block of code sends (for N+1 checks and the benchmarks)."""

from __future__ import annotations

import logging
from collections.abc import Iterator
from contextlib import contextmanager

_SQL = ("SELECT", "INSERT", "UPDATE", "DELETE", "WITH")


class QueryCounter(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.DEBUG)
        self.statements: list[str] = []
        # Each statement with its parameters, for EXPLAIN (PostgreSQL logs them alongside).
        self.calls: list[tuple[str, list[object]]] = []

    def emit(self, record: logging.LogRecord) -> None:
        text = (
            str(record.args[0])
            if isinstance(record.args, tuple) and record.args
            else str(record.msg)
        )
        if text.lstrip().upper().startswith(_SQL):
            self.statements.append(text)
            args = record.args if isinstance(record.args, tuple) else ()
            values = args[1] if len(args) > 1 and isinstance(args[1], list | tuple) else []
            self.calls.append((text, list(values)))

    @property
    def count(self) -> int:
        return len(self.statements)


@contextmanager
def count_queries() -> Iterator[QueryCounter]:
    logger = logging.getLogger("tortoise.db_client")
    counter = QueryCounter()
    old_level, old_propagate = logger.level, logger.propagate
    logger.addHandler(counter)
    logger.setLevel(logging.DEBUG)
    logger.propagate = False
    try:
        yield counter
    finally:
        logger.removeHandler(counter)
        logger.setLevel(old_level)
        logger.propagate = old_propagate
