"""A page's children in one go, before its rows are resolved.

A list page that asks for each row's assignments (or replies, or available actions) reads them
through DataLoaders in one statement anyway. Left to the rows, that statement waits on a future
per row, and graphql-core then completes the page asynchronously: a coroutine and a task per
row. Read ahead for the rows the query's selection names, and each row's field finds its value
ready (`now_or_later`) and the page completes in one synchronous pass.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Iterable, Sequence
from typing import TYPE_CHECKING, Any, TypeVar

from strawberry.dataloader import DataLoader
from strawberry.types.nodes import FragmentSpread, InlineFragment, SelectedField, Selection

if TYPE_CHECKING:
    from models import Petition as PetitionRow
    from schema.types import Ctx

K = TypeVar("K")
V = TypeVar("V")
R = TypeVar("R")


def now_or_later(loader: DataLoader[K, V], key: K, make: Callable[[V], R]) -> R | Awaitable[R]:
    """`make` of the loader's value for `key`: at once when it is loaded already, otherwise an
    awaitable (graphql-core awaits what a resolver returns)."""
    ready = loader.cache_map.get(key)
    if ready is not None and ready.done() and not ready.cancelled() and not ready.exception():
        return make(ready.result())

    async def later() -> R:
        return make(await loader.load(key))

    return later()


def _names(selections: Iterable[Selection], path: Sequence[str]) -> set[str]:
    """The names of the fields selected at `path` under `selections`, through fragments."""
    found: set[str] = set()
    for s in selections:
        if isinstance(s, FragmentSpread | InlineFragment):
            found |= _names(s.selections, path)
        elif isinstance(s, SelectedField):
            if not path:
                found.add(s.name)
            elif s.name == path[0]:
                found |= _names(s.selections, path[1:])
    return found


def row_fields(info: Ctx, *paths: Sequence[str]) -> set[str]:
    """The fields the query asks of each row of this field's page, the rows being at any of
    `paths` below it (a connection's `nodes` and `edges.node`)."""
    found: set[str] = set()
    for field in info.selected_fields:
        for path in paths:
            found |= _names(field.selections, path)
    return found


async def _read_ahead(loader: DataLoader[Any, Any], keys: list[Any]) -> None:
    """The loader's batch for `keys` in one call, kept in its cache (no future per key to
    gather, no batch task): what `now_or_later` then finds."""
    missing = [k for k in keys if loader.cache_map.get(k) is None]
    if missing:
        loader.prime_many(dict(zip(missing, await loader.load_fn(missing), strict=True)))


# The row fields that read through a loader, and how to read them for a whole page.
_PETITION_CHILDREN: dict[str, Callable[[Any, list[PetitionRow]], Awaitable[None]]] = {
    "assignments": lambda loaders, rows: _read_ahead(loaders.assignments, [r.id for r in rows]),
    "replies": lambda loaders, rows: _read_ahead(loaders.replies, [r.id for r in rows]),
    "availableActions": lambda loaders, rows: _read_ahead(loaders.view, rows),
}


async def prefetch_petitions(info: Ctx, rows: list[PetitionRow], *paths: Sequence[str]) -> None:
    """Read ahead what the query asks of each petition on the page (each a statement the rows
    would have sent through their loaders anyway)."""
    if not rows:
        return
    wanted = row_fields(info, *paths)
    loaders = info.context.loaders
    for name, read in _PETITION_CHILDREN.items():
        if name in wanted:
            await read(loaders, rows)
