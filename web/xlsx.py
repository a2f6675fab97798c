"""Every table export (导出 Excel) goes through here.

XlsxWriter in constant-memory mode flushes each row to a temporary file as it is written, so a
table of a million rows costs disk, not memory; rows may come from an async iterator (a paged
query) and are written in chunks in a worker thread, so the event loop never waits on the
zip compression. The finished file is streamed back in chunks.
"""

from __future__ import annotations

import asyncio
import tempfile
from collections.abc import AsyncIterable, AsyncIterator, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import IO, Any, Literal
from urllib.parse import quote

import xlsxwriter
from starlette.responses import StreamingResponse

from workflow.deadlines import TZ

Kind = Literal["text", "int", "float", "percent", "date", "datetime"]
CHUNK_ROWS = 2000
READ_CHUNK = 64 * 1024
MEDIA_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@dataclass(frozen=True)
class Column:
    title: str
    kind: Kind = "text"
    width: int = 14


@dataclass
class Sheet:
    name: str  # at most 31 characters, Excel's limit
    columns: Sequence[Column]
    rows: Iterable[Sequence[Any]] | AsyncIterable[Sequence[Any]]
    note: str = ""  # an optional first line above the header (period, scope)
    written: int = field(default=0, init=False)


class _Writer:
    """The workbook being written; its methods run in a worker thread, one at a time."""

    def __init__(self, target: IO[bytes]) -> None:
        self.book = xlsxwriter.Workbook(
            target, {"constant_memory": True, "in_memory": False, "strings_to_numbers": False}
        )
        self.header = self.book.add_format({"bold": True, "bg_color": "#E9ECEF", "border": 1})
        self.note = self.book.add_format({"italic": True, "font_color": "#6C757D"})
        self.formats = {
            "percent": self.book.add_format({"num_format": "0.00%"}),
            "date": self.book.add_format({"num_format": "yyyy-mm-dd"}),
            "datetime": self.book.add_format({"num_format": "yyyy-mm-dd hh:mm"}),
            "float": self.book.add_format({"num_format": "0.00"}),
        }
        self.sheet: Any = None
        self.row = 0
        self.columns: Sequence[Column] = ()

    def start(self, sheet: Sheet) -> None:
        self.sheet = self.book.add_worksheet(sheet.name[:31])
        self.columns = sheet.columns
        self.row = 0
        for i, col in enumerate(sheet.columns):
            self.sheet.set_column(i, i, col.width)
        if sheet.note:
            self.sheet.write_string(0, 0, sheet.note, self.note)
            self.row = 1
        for i, col in enumerate(sheet.columns):
            self.sheet.write_string(self.row, i, col.title, self.header)
        self.sheet.freeze_panes(self.row + 1, 0)
        self.row += 1

    def rows(self, rows: list[Sequence[Any]]) -> None:
        for values in rows:
            for i, (col, value) in enumerate(zip(self.columns, values, strict=True)):
                self._cell(i, col.kind, value)
            self.row += 1

    def _cell(self, col: int, kind: Kind, value: Any) -> None:
        if value is None or value == "":
            self.sheet.write_blank(self.row, col, None)
        elif kind in ("int", "float", "percent"):
            self.sheet.write_number(self.row, col, value, self.formats.get(kind))
        elif kind == "datetime":
            local = value.astimezone(TZ).replace(tzinfo=None)
            self.sheet.write_datetime(self.row, col, local, self.formats["datetime"])
        elif kind == "date":
            moment = datetime(value.year, value.month, value.day)
            self.sheet.write_datetime(self.row, col, moment, self.formats["date"])
        else:
            self.sheet.write_string(self.row, col, str(value))

    def close(self) -> None:
        self.book.close()


async def _chunks(
    rows: Iterable[Sequence[Any]] | AsyncIterable[Sequence[Any]],
) -> AsyncIterator[list[Sequence[Any]]]:
    chunk: list[Sequence[Any]] = []
    if isinstance(rows, AsyncIterable):
        async for row in rows:
            chunk.append(row)
            if len(chunk) >= CHUNK_ROWS:
                yield chunk
                chunk = []
    else:
        for row in rows:
            chunk.append(row)
            if len(chunk) >= CHUNK_ROWS:
                yield chunk
                chunk = []
    if chunk:
        yield chunk


async def write_xlsx(target: IO[bytes], sheets: Sequence[Sheet]) -> None:
    """Write the workbook into `target` (an open binary file)."""
    writer = await asyncio.to_thread(_Writer, target)
    for sheet in sheets:
        await asyncio.to_thread(writer.start, sheet)
        async for chunk in _chunks(sheet.rows):
            await asyncio.to_thread(writer.rows, chunk)
            sheet.written += len(chunk)
    await asyncio.to_thread(writer.close)


def content_disposition(filename: str) -> str:
    """The name as UTF-8 for browsers, with an ASCII fallback for old clients."""
    ascii_name = filename.encode("ascii", "ignore").decode() or "export.xlsx"
    return f"attachment; filename=\"{ascii_name}\"; filename*=UTF-8''{quote(filename)}"


async def xlsx_response(filename: str, sheets: Sequence[Sheet]) -> StreamingResponse:
    """Build the workbook in a temporary file, then stream it in chunks."""
    spool = tempfile.TemporaryFile()
    try:
        await write_xlsx(spool, sheets)
    except BaseException:
        spool.close()
        raise

    async def body() -> AsyncIterator[bytes]:
        try:
            await asyncio.to_thread(spool.seek, 0)
            while chunk := await asyncio.to_thread(spool.read, READ_CHUNK):
                yield chunk
        finally:
            spool.close()

    return StreamingResponse(
        body(),
        media_type=MEDIA_TYPE,
        headers={
            "Content-Disposition": content_disposition(filename),
            "Cache-Control": "no-store",
        },
    )
