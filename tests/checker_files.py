"""Register files the checker page and the command are both given (tests and benchmark).

Made from the synthetic registers in data/, with mistakes put in on purpose.
"""

from __future__ import annotations

import csv
import io
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def rows_of(form_id: str) -> list[list[str]]:
    """The header and rows of the sample register of ``form_id`` in data/."""
    (path,) = sorted((ROOT / "data" / form_id).glob("*.csv"))
    return list(csv.reader(io.StringIO(path.read_text(encoding="utf-8-sig"))))


def csv_bytes(rows: list[list[str]], encoding: str = "utf-8-sig") -> bytes:
    out = io.StringIO()
    csv.writer(out, lineterminator="\r\n").writerows(rows)
    return out.getvalue().encode(encoding)


def xlsx_bytes(rows: list[list[object]]) -> bytes:
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    for row in rows:
        sheet.append(row)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def gbk_complaints() -> bytes:
    """Excel's default CSV on a Chinese Windows PC: GBK, with two mistakes (a date, a choice)."""
    rows = rows_of("complaint_register")
    header = rows[0]
    rows[3][header.index("受理时间")] = "2025年13月40日"
    rows[5][header.index("投诉方式")] = "飞鸽传书"
    return csv_bytes(rows, "gbk")


def repair_workbook_with_problems() -> bytes:
    """A repair follow-up workbook with errors and a warning, under a title row."""
    rows: list[list[object]] = [list(r) for r in rows_of("repair_followup")[:41]]
    header = rows[0]
    rows[2][header.index("派工单号")] = ""
    rows[4][header.index("维修类别")] = "杂项"
    rows[6][header.index("回访日期")] = "2020-01-01"
    rows[8][header.index("备注")] = "@客服 已电话回访"
    rows[9][header.index("被回访人签名")] = "也许"
    return xlsx_bytes([["维修回访记录表"], *rows])


def repair_rows(n: int) -> list[list[str]]:
    """``n`` data rows of the repair follow-up register, repeating the sample (header first)."""
    sample = rows_of("repair_followup")
    header, body = sample[0], sample[1:]
    key = header.index("派工单号")
    out = [header]
    for i in range(n):
        row = list(body[i % len(body)])
        row[key] = f"PG-2026-{i + 1:05d}"
        out.append(row)
    return out


NOT_A_REGISTER = "会议纪要\n今天讨论了绿化和停车。\n下次会议下月召开。\n".encode()
