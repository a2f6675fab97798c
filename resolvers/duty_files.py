"""Duty lists as files: export a unit's or a platform's list, import one back (xlsx or csv).

An import is all or nothing: every row is checked first and each bad row is reported with its
number and fields; only when none is bad are the changes written, in one transaction. A dry run
reports what would change and writes nothing.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field
from datetime import datetime
from enum import StrEnum
from typing import Any

from openpyxl import Workbook, load_workbook
from tortoise.transactions import in_transaction

from models import DutyItem, Unit
from resolvers.duty_lists import apply_change, fields_of, kept_unit_ids, topic_maps
from resolvers.units import unit_ref
from workflow.actors import Actor
from workflow.duty_lists import DutyChangeKind, DutyFields, clean_fields, may_edit_list
from workflow.errors import invalid, not_allowed

# Column headers as written on export; imports also accept the English keys.
COLUMNS: tuple[tuple[str, str], ...] = (
    ("unit_code", "单位代码"),
    ("id", "事项编号"),
    ("title", "事项名称"),
    ("description", "事项描述"),
    ("legal_basis", "法律依据"),
    ("keywords", "关键词"),
    ("topic_code", "主题代码"),
    ("category", "类别"),
    ("retire", "停用"),
)
_KEY_OF = {**{zh: key for key, zh in COLUMNS}, **{key: key for key, _ in COLUMNS}}
_YES = frozenset({"是", "yes", "y", "true", "1", "停用"})
MAX_ROWS = 5000


class FileFormat(StrEnum):
    CSV = "CSV"
    XLSX = "XLSX"


@dataclass
class RowReport:
    row: int  # as numbered in the file (the header is row 1)
    unit_code: str
    title: str
    change: DutyChangeKind | None  # None: unchanged
    errors: dict[str, str] = field(default_factory=dict)


@dataclass
class ImportReport:
    rows: list[RowReport]
    applied: bool

    @property
    def bad_rows(self) -> list[RowReport]:
        return [r for r in self.rows if r.errors]


def read_rows(content: bytes, fmt: FileFormat) -> list[dict[str, str]]:
    """The file's rows keyed by column name; an unreadable file is a refusal on `content`."""
    try:
        if fmt is FileFormat.CSV:
            text = content.decode("utf-8-sig")
            table = [row for row in csv.reader(io.StringIO(text))]
        else:
            sheet = load_workbook(io.BytesIO(content), read_only=True, data_only=True).active
            if sheet is None:
                raise ValueError("no sheet")
            table = [
                ["" if v is None else str(v) for v in row]
                for row in sheet.iter_rows(values_only=True)
            ]
    except (UnicodeDecodeError, ValueError, KeyError, OSError) as exc:
        raise invalid("content", f"无法读取文件：{exc}") from None
    if not table:
        raise invalid("content", "文件为空")
    header = [_KEY_OF.get(h.strip(), "") for h in table[0]]
    if "title" not in header:
        raise invalid("content", "首行须为表头，至少包含“事项名称”列")
    rows = [
        {key: (cells[i] if i < len(cells) else "").strip() for i, key in enumerate(header) if key}
        for cells in table[1:]
        if any(c.strip() for c in cells)
    ]
    if len(rows) > MAX_ROWS:
        raise invalid("content", f"一次至多导入 {MAX_ROWS} 行")
    return rows


async def _scope(actor: Actor, unit_id: int) -> tuple[dict[str, Unit], Unit]:
    """The units a file for `unit_id` may touch: that unit, or every unit a platform keeps."""
    target = await Unit.get_or_none(id=unit_id, active=True)
    if target is None:
        raise invalid("unitId", f"单位 {unit_id} 不存在")
    ref = unit_ref(target)
    if ref.is_platform:
        ids = await kept_unit_ids(target.id)
        units = {u.code: u for u in await Unit.filter(id__in=ids)}
        if not units or not all(may_edit_list(actor, unit_ref(u)) for u in units.values()):
            raise not_allowed("只有平台管理员可以导入本平台的职责清单")
    else:
        if not may_edit_list(actor, ref):
            raise not_allowed("只有该单位所属平台的管理员可以导入职责清单")
        units = {target.code: target}
    return units, target


async def import_duty_list(
    actor: Actor, unit_id: int, content: bytes, fmt: FileFormat, now: datetime, dry_run: bool
) -> ImportReport:
    units, target = await _scope(actor, unit_id)
    rows = read_rows(content, fmt)
    ids, code_of = await topic_maps()
    topics = frozenset(ids)
    existing = {i.id: i for i in await DutyItem.filter(unit_id__in=[u.id for u in units.values()])}
    by_title = {(i.unit_id, i.title): i for i in existing.values() if i.active}
    plan: list[tuple[Unit, DutyChangeKind, DutyItem | None, DutyFields | None]] = []
    reports: list[RowReport] = []
    for number, raw in enumerate(rows, start=2):
        code = raw.get("unit_code") or (target.code if not unit_ref(target).is_platform else "")
        report = RowReport(number, code, raw.get("title", ""), None)
        reports.append(report)
        unit = units.get(code)
        if unit is None:
            report.errors["unitCode"] = f"单位代码 {code or '（空）'} 不在本次导入范围内"
            continue
        item: DutyItem | None = None
        if raw.get("id"):
            found = existing.get(int(raw["id"])) if raw["id"].isdigit() else None
            if found is None or found.unit_id != unit.id:
                report.errors["id"] = f"事项编号 {raw['id']} 不是 {code} 的职责事项"
                continue
            item = found
        else:
            item = by_title.get((unit.id, raw.get("title", "")))
        if item is not None and not item.active:
            report.errors["id"] = "该职责事项已停用，不能再修改"
            continue
        if raw.get("retire", "").lower() in _YES:
            if item is None:
                report.errors["retire"] = "要停用的事项不存在"
                continue
            report.change = DutyChangeKind.RETIRE
            plan.append((unit, DutyChangeKind.RETIRE, item, None))
            continue
        clean, errors = clean_fields(raw, topics)
        if clean is None:
            report.errors.update(errors)
            continue
        if item is None:
            report.change = DutyChangeKind.CREATE
            plan.append((unit, DutyChangeKind.CREATE, None, clean))
        elif fields_of(item, code_of) != clean:
            report.change = DutyChangeKind.UPDATE
            plan.append((unit, DutyChangeKind.UPDATE, item, clean))
    result = ImportReport(reports, applied=False)
    if result.bad_rows or dry_run or not plan:
        return result
    async with in_transaction() as conn:
        for unit, kind, item, new in plan:
            await apply_change(conn, actor, unit, kind, item, new, now)
    result.applied = True
    return result


async def export_duty_list(actor: Actor, unit_id: int, fmt: FileFormat) -> tuple[str, bytes]:
    """The active items of a unit (or of every unit a platform keeps), as a file the import
    reads back unchanged. Returns the file name and its bytes."""
    units, target = await _scope(actor, unit_id)
    _, code_of = await topic_maps()
    code_by_id = {u.id: code for code, u in units.items()}
    items = await DutyItem.filter(unit_id__in=list(code_by_id), active=True).order_by(
        "unit_id", "id"
    )
    table: list[list[Any]] = [[zh for _, zh in COLUMNS]]
    for item in items:
        f = fields_of(item, code_of)
        table.append(
            [
                code_by_id[item.unit_id],
                item.id,
                f.title,
                f.description,
                f.legal_basis,
                " ".join(f.keywords),
                f.topic_code or "",
                f.category.value,
                "",
            ]
        )
    name = f"职责清单-{target.code}"
    if fmt is FileFormat.CSV:
        out = io.StringIO()
        csv.writer(out).writerows(table)
        return f"{name}.csv", out.getvalue().encode("utf-8-sig")
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "职责清单"
    for row in table:
        sheet.append(row)
    buf = io.BytesIO()
    book.save(buf)
    return f"{name}.xlsx", buf.getvalue()
