"""Sending text messages through the backend the `SMS_BACKEND` setting names.

`console` (the default) writes each message as one line `SMS to <phone>: <text>` to the
server's log, so a demo or a test reads the one-time code there. A real gateway is a dotted
path to a class whose instances have `async def send(self, phone: str, text: str) -> None`;
it is built once per process.
"""

from __future__ import annotations

import functools
import importlib
import logging
from typing import Protocol

import settings

log = logging.getLogger("qingsu.sms")


class SmsSender(Protocol):
    async def send(self, phone: str, text: str) -> None: ...


class ConsoleSender:
    async def send(self, phone: str, text: str) -> None:
        log.info("SMS to %s: %s", phone, text)


@functools.cache
def _sender(backend: str) -> SmsSender:
    if backend == "console":
        return ConsoleSender()
    module_name, _, class_name = backend.rpartition(".")
    if not module_name:
        raise RuntimeError(f"SMS_BACKEND must be 'console' or a dotted path, not {backend!r}")
    cls = getattr(importlib.import_module(module_name), class_name)
    sender: SmsSender = cls()
    return sender


def sender() -> SmsSender:
    return _sender(settings.SMS_BACKEND)
