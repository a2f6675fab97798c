"""Where attachment bytes live: one small interface, a local directory by default.

The database keeps only metadata and the key; the bytes go through `Storage`, so a deployment
can put them in an object store by naming its class in ATTACHMENT_STORAGE without touching the
resolvers. Keys are made by the application (never from a client's file name).
"""

from __future__ import annotations

import asyncio
import importlib
import os
import re
from pathlib import Path
from typing import Protocol

import settings

_KEY = re.compile(r"^[a-z0-9][a-z0-9/_.-]{0,200}$")


class Storage(Protocol):
    async def put(self, key: str, data: bytes, content_type: str) -> None: ...

    async def get(self, key: str) -> bytes:
        """The stored bytes; raises KeyError when nothing is stored under `key`."""
        ...

    async def delete(self, key: str) -> None: ...


def check_key(key: str) -> str:
    if not _KEY.match(key) or ".." in key or "//" in key:
        raise ValueError(f"bad storage key {key!r}")
    return key


class LocalStorage:
    """Files under one directory. Writes go to a temporary name first, then are renamed, so a
    reader never sees half a file."""

    def __init__(self, root: str | os.PathLike[str] | None = None) -> None:
        self.root = Path(root if root is not None else settings.ATTACHMENTS_DIR)

    def _path(self, key: str) -> Path:
        return self.root / check_key(key)

    async def put(self, key: str, data: bytes, content_type: str) -> None:
        await asyncio.to_thread(self._write, self._path(key), data)

    @staticmethod
    def _write(path: Path, data: bytes) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_name(path.name + ".part")
        tmp.write_bytes(data)
        os.replace(tmp, path)

    async def get(self, key: str) -> bytes:
        path = self._path(key)
        try:
            return await asyncio.to_thread(path.read_bytes)
        except FileNotFoundError:
            raise KeyError(key) from None

    async def delete(self, key: str) -> None:
        path = self._path(key)
        await asyncio.to_thread(path.unlink, True)


_storage: Storage | None = None


def get_storage() -> Storage:
    """The deployment's storage, built once from ATTACHMENT_STORAGE."""
    global _storage
    if _storage is None:
        _storage = build_storage(settings.ATTACHMENT_STORAGE)
    return _storage


def set_storage(storage: Storage | None) -> None:
    """Replace the storage (tests point it at a temporary directory)."""
    global _storage
    _storage = storage


def build_storage(name: str) -> Storage:
    if name == "local":
        return LocalStorage()
    module, _, cls = name.partition(":")
    if not module or not cls:
        raise ValueError("ATTACHMENT_STORAGE must be 'local' or 'package.module:Class'")
    built: Storage = getattr(importlib.import_module(module), cls)()
    return built
