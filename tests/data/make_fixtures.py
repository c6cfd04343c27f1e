"""Regenerate the committed register fixtures (run: python tests/data/make_fixtures.py).

Synthetic data only: made-up, masked names and phones.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from pathlib import Path

HERE = Path(__file__).parent / "registers"
HEADER = [
    "投诉编号",
    "受理时间",
    "投诉方式",
    "投诉类别",
    "投诉内容摘要",
    "投诉性质",
    "是否有效投诉",
    "受理人",
]


def rows(n: int, rare_from: int | None = None) -> list[list[str]]:
    out = []
    for i in range(1, n + 1):
        summary = f"第{i}号楼公共走廊照明损坏，住户要求尽快维修。"
        if rare_from is not None and i >= rare_from:
            summary = f"住户王堃、李喆、陈珺反映𠮷字招牌损坏（{i}）。"
        out.append(
            [
                f"TS-2026-{i:04d}",
                f"2026/3/{1 + i % 28} 09:{i % 60:02d}",
                "来电",
                "公共设施",
                summary,
                "一般",
                "是",
                "客服 李**",
            ]
        )
    return out


def text(header: list[str], body: list[list[str]], delimiter: str = ",") -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=delimiter, lineterminator="\r\n")
    writer.writerow(header)
    writer.writerows(body)
    return buffer.getvalue()


def main() -> None:
    HERE.mkdir(exist_ok=True)
    small = rows(3)
    (HERE / "utf8.csv").write_bytes(text(HEADER, small).encode("utf-8"))
    (HERE / "utf8_bom.csv").write_bytes(text(HEADER, small).encode("utf-8-sig"))
    # Excel "Unicode text": UTF-16 with BOM, tab-separated.
    (HERE / "utf16_tabs.txt").write_bytes(text(HEADER, small, "\t").encode("utf-16"))
    # GB18030 with rare characters only after the first 100 KB (chardet's sample).
    big = text(HEADER, rows(1400, rare_from=1380)).encode("gb18030")
    assert big.find("堃".encode("gb18030")) > 100_000
    (HERE / "gb18030_rare.csv").write_bytes(big)
    # A title row above the header, and blank trailing rows, as Chinese templates have.
    titled = "客户投诉登记表,,,,,,,\r\n" + text(HEADER, small) + ",,,,,,,\r\n,,,,,,,\r\n"
    (HERE / "title_row.csv").write_bytes(titled.encode("utf-8-sig"))
    # Columns in another order, headers with full-width spaces and en titles mixed in.
    order = [4, 0, 7, 2, 1, 6, 5, 3]
    mixed = [HEADER[i] for i in order]
    mixed[1] = "　Complaint no. "
    (HERE / "shuffled.csv").write_bytes(
        text(mixed, [[r[i] for i in order] for r in small]).encode("utf-8-sig")
    )
    # An Excel workbook with real date cells.
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.append(HEADER)
    for i, r in enumerate(small, start=1):
        sheet.append([r[0], dt.datetime(2026, 3, i, 9, 30), *r[2:]])
    book.save(HERE / "excel_dates.xlsx")


if __name__ == "__main__":
    main()
