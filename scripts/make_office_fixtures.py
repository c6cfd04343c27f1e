"""Make register fixtures the way the real office programs make them (issue 11).

Run from the project root, with the project's virtualenv and LibreOffice installed:

    .venv/bin/python scripts/make_office_fixtures.py            # tests/data/office/
    .venv/bin/python scripts/make_office_fixtures.py --big      # + benchmarks/out/big_50000.xlsx

Needs: ``soffice`` (Debian ``libreoffice-calc-nogui``, tested with 7.4.7) and a Python that
can ``import uno`` (Debian ``python3-uno``; ``/usr/bin/python3`` by default, ``--uno-python``
to change it). The virtualenv's Python drives everything and runs ``handbook blank`` and
openpyxl; the UNO part re-runs this same file under the system Python (``--uno-worker``).

How cells are filled, and why:

* "typed" cells go through LibreOffice's own input path (``.uno:GoToCell`` then
  ``.uno:EnterString``, the dispatch a key press ends in), in a throw-away profile whose
  locale is zh-CN (``ooLocale`` and ``ooSetupSystemLocale`` in registrymodifications.xcu).
  So digits become number cells, 2025/11/5 becomes a date cell shown ``25年11月5日`` in a
  General cell, 17:00 gains seconds, 56.0 becomes 56, exactly as a member of staff gets.
  Where a cell format is set first (``formats``), it is a format a user can pick or a
  format lost by pasting (General over a text column).
* "pasted" cells are written with openpyxl into the project's blank workbook: that is how
  invalid values really get past a dropdown (Excel and Calc check validation on typing,
  not on paste). openpyxl writes Python types: int, datetime, str.
* Every conversion (xlsx → xlsx re-save, ods, xls, csv in a charset) is LibreOffice's.

Synthetic data only: made-up surnames with ** masks, phones masked 138****1234, except the
fixtures that hold an unmasked phone on purpose (to test the personal-data warning).
Deterministic as far as the programs allow: the cell contents are fixed; zip timestamps
and LibreOffice's document metadata (creation date) are not.
"""

from __future__ import annotations

import argparse
import contextlib
import csv
import datetime as dt
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "tests" / "data" / "office"
BENCH_OUT = ROOT / "benchmarks" / "out"
HANDBOOK = ROOT / ".venv" / "bin" / "handbook"
CSV_FILTER = "Text - txt - csv (StarCalc)"
#: LibreOffice's CSV charset numbers (names such as GB_18030 are silently ignored).
CHARSETS = {"utf8": 76, "gb18030": 85, "gbk": 61, "utf16": 65535}

# --------------------------------------------------------------------------- rows

#: The repair follow-up columns in the blank's order (zh headers).
RF = [
    "派工单号", "房号", "维修项目", "维修类别", "维修人", "完工日期", "回访日期", "回访方式",
    "回访人职务", "回访人", "现场查看", "服务情况", "收费核对", "住户意见", "满意度",
    "被回访人签名", "整改通知时间", "备注",
]  # fmt: skip

# Ten valid repairs: exactly 1 manager, 3 supervisors, 6 maintenance leads (10/30/60 %).
_ROLES = ["经理"] + ["主管"] * 3 + ["维修负责人"] * 6
_ITEMS = [
    ("单元门禁维修", "安全设施", 1), ("厨房水管漏水", "漏水/渗漏", 2), ("窗户合页更换", "其他", 4),
    ("消防栓箱门修复", "安全设施", 2), ("卫生间渗漏处理", "漏水/渗漏", 3), ("下水道疏通", "其他", 6),
    ("楼道灯更换", "其他", 1), ("阳台地漏漏水", "漏水/渗漏", 1), ("入户门锁更换", "其他", 7),
    ("电梯按钮维修", "安全设施", 0),
]  # fmt: skip
_PEOPLE = {"经理": "经理 周**", "主管": "主管 王**", "维修负责人": "维修负责人 苗**"}


def repair_rows(year: int = 2025) -> list[dict[str, str]]:
    """Ten valid repair follow-ups as a user types them (dates as 2025/11/5)."""
    out = []
    for i, ((item, klass, gap), role) in enumerate(zip(_ITEMS, _ROLES, strict=True), start=1):
        done = dt.date(year, 11, 2 + i)
        back = done + dt.timedelta(days=gap)
        visit = i % 2 == 1
        out.append(
            {
                "派工单号": f"PG-{year}-{i:04d}",
                "房号": f"{1 + i % 9}-{1 + i % 2}-{1 + i % 18:02d}01",
                "维修项目": item,
                "维修类别": klass,
                "维修人": "维修工 安**",
                "完工日期": f"{done.year}/{done.month}/{done.day}",
                "回访日期": f"{back.year}/{back.month}/{back.day}",
                "回访方式": "上门回访" if visit else "电话回访",
                "回访人职务": role,
                "回访人": _PEOPLE[role],
                "现场查看": "良好",
                "服务情况": "满意",
                "收费核对": "收费无误" if i % 3 else "无偿维修",
                "住户意见": "",
                "满意度": "满意" if i % 4 else "较满意",
                "被回访人签名": "是" if visit else "",
                "整改通知时间": "",
                "备注": "",
            }
        )
    return out


#: Complaint register: three valid, masked rows (from data/complaint_register).
CR = [
    "投诉编号", "受理时间", "投诉方式", "投诉人", "身份", "房号", "联系电话", "投诉类别",
    "投诉内容摘要", "投诉性质", "是否有效投诉", "无效原因", "受理人", "首次答复时间", "责任部门",
    "处理通知单号", "处理时限", "处理结果", "办结时间", "回访时间", "回访方式", "回访人",
    "回访评价", "主管审核", "备注",
]  # fmt: skip
_CR_ROWS = [
    "TS-2025-0001,2025-11-01 17:00,网络/APP,史先生,业主,8-2-1902,166****7254,装修噪声,"
    "装修施工超过规定时间。,重大,是,,客服 蒋**,2025-11-02 10:37,秩序维护部,TZ-2025-0001,"
    "2025-11-04 17:00,已安排责任部门处理并向投诉人说明。,2025-11-03 05:01,2025-11-05,上门回访,"
    "客服 蒋**,满意,客服主管 冯**,",
    "TS-2025-0002,2025-11-05 17:30,意见箱,雷先生,业主,3-1-1402,154****5300,维修,"
    "10号楼2单元电梯运行时有异响，要求检修。,一般,否,报修,客服 杨**,2025-11-06 06:21,工程部,,"
    "2025-11-06 17:30,已安排责任部门处理并向投诉人说明。,2025-11-06 06:21,2025-11-08,上门回访,"
    "客服主管 冯**,未评价,客服主管 冯**,",
    "TS-2025-0003,2025-11-19 10:40,来电,罗女士,业主,6-1-1801,197****7537,邻里纠纷,"
    "楼上住户养犬扰民。,一般,否,非物业服务范围,客服 蒋**,2025-11-20 01:50,客服中心,,"
    "2025-11-20 10:40,已安排责任部门处理并向投诉人说明。,2025-11-20 07:09,2025-11-23,电话回访,"
    "客服 蒋**,满意,客服主管 冯**,",
]


def complaint_rows() -> list[dict[str, str]]:
    return [dict(zip(CR, next(csv.reader([r])), strict=True)) for r in _CR_ROWS]


VR = [
    "走访编号", "走访日期", "走访类型", "物业类型", "房号", "受访人", "走访人职务", "走访人",
    "陪同人", "反映事项", "事项性质", "转办单号", "答复时限", "答复日期", "答复结果", "受访人签名",
    "备注",
]  # fmt: skip


def visit_rows() -> list[dict[str, str]]:
    base = dict.fromkeys(VR, "")
    one = base | {
        "走访编号": "ZF-2025-0001", "走访日期": "2025/11/2", "走访类型": "定期走访",
        "物业类型": "住宅小区", "房号": "8-1-0201", "受访人": "邹**", "走访人职务": "物管员",
        "走访人": "物管员 孟**", "反映事项": "建议增加休闲座椅。", "事项性质": "建议",
        "受访人签名": "是",
    }  # fmt: skip
    late = base | {
        "走访编号": "ZF-2025-0002", "走访日期": "2025/11/3", "走访类型": "定期走访",
        "物业类型": "住宅小区", "房号": "5-2-1101", "受访人": "马先生", "走访人职务": "物管员",
        "走访人": "物管员 孟**", "反映事项": "询问停车位续租办法。", "事项性质": "咨询",
        # the reply was promised by 11/6 and given on 11/10: late by four days
        "答复时限": "2025/11/6", "答复日期": "2025/11/10", "答复结果": "满意", "受访人签名": "是",
    }  # fmt: skip
    return [one, late]


# --------------------------------------------------------------------------- helpers


def blank(form: str, fmt: str, path: Path) -> Path:
    """The project's own blank register (what staff download)."""
    subprocess.run(
        [str(HANDBOOK), "blank", form, "--format", fmt, "--lang", "zh", "-o", str(path)],
        cwd=ROOT,
        check=True,
        capture_output=True,
    )
    return path


def paste(src: Path, dst: Path, rows: list[list[object]]) -> None:
    """Write Python-typed values into the blank's first sheet from row 2 (a paste)."""
    from openpyxl import load_workbook

    book = load_workbook(src)
    sheet = book.worksheets[0]
    for r, row in enumerate(rows, start=2):
        for c, value in enumerate(row, start=1):
            if value not in ("", None):
                sheet.cell(row=r, column=c, value=value)
    book.save(dst)


def typed_value(text: str) -> object:
    """What a paste from another program gives openpyxl: dates as datetime, else text."""
    for fmt in ("%Y/%m/%d %H:%M", "%Y/%m/%d", "%Y-%m-%d %H:%M", "%Y-%m-%d"):
        try:
            return dt.datetime.strptime(text, fmt)
        except ValueError:
            pass
    return text


def with_phone(phone: str) -> list[list[str]]:
    """The first complaint row with ``phone`` typed into 联系电话."""
    row = table(CR, complaint_rows()[:1])[0]
    row[CR.index("联系电话")] = phone
    return [row]


def table(header: list[str], rows: list[dict[str, str]]) -> list[list[str]]:
    return [[row.get(h, "") for h in header] for row in rows]


# --------------------------------------------------------------------------- UNO worker


def uno_worker(spec_path: str) -> None:  # runs under the system Python
    """Start soffice on a zh-CN profile, then do each job of the spec: load, type, save."""
    import uno  # noqa: F401  (registers the com.sun.star import hook)
    from com.sun.star.beans import PropertyValue

    spec = json.loads(Path(spec_path).read_text(encoding="utf-8"))
    profile = Path(spec["profile"])

    def pv(name: str, value: object) -> PropertyValue:
        p = PropertyValue()
        p.Name, p.Value = name, value
        return p

    for number, job in enumerate(spec["jobs"]):
        # One soffice per job: Calc 7.4 sometimes dies in close() after typing into an xlsx
        # (the file is already stored by then), which would take the later jobs with it.
        _uno_job(uno, pv, profile, f"office_fixtures_{os.getpid()}_{number}", job)


def _uno_job(uno, pv, profile: Path, pipe: str, job: dict) -> None:
    office = subprocess.Popen(
        [
            "soffice",
            f"-env:UserInstallation={profile.as_uri()}",
            "--headless",
            "--invisible",
            "--norestore",
            "--nologo",
            f"--accept=pipe,name={pipe};urp;",
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        local = uno.getComponentContext()
        resolver = local.ServiceManager.createInstanceWithContext(
            "com.sun.star.bridge.UnoUrlResolver", local
        )
        for _ in range(120):
            try:
                ctx = resolver.resolve(f"uno:pipe,name={pipe};urp;StarOffice.ComponentContext")
                break
            except Exception:
                time.sleep(0.5)
        else:
            raise SystemExit("soffice did not start")
        smgr = ctx.ServiceManager
        desktop = smgr.createInstanceWithContext("com.sun.star.frame.Desktop", ctx)
        dispatch = smgr.createInstanceWithContext("com.sun.star.frame.DispatchHelper", ctx)
        load = [pv("Hidden", True)]
        if job["source"].endswith(".csv"):
            load += [pv("FilterName", CSV_FILTER), pv("FilterOptions", "44,34,76,1")]
        doc = desktop.loadComponentFromURL(Path(job["source"]).as_uri(), "_blank", 0, tuple(load))
        sheet = doc.Sheets.getByIndex(0)
        frame = doc.CurrentController.Frame
        formats = doc.NumberFormats
        locale = uno.createUnoStruct("com.sun.star.lang.Locale")
        locale.Language, locale.Country = "zh", "CN"
        for col, code in job.get("formats", {}).items():
            key = (
                formats.getStandardIndex(locale)
                if code == "General"
                else formats.queryKey(code, locale, False)
            )
            if key == -1:
                key = formats.addNew(code, locale)
            sheet.getCellRangeByName(f"{col}2:{col}200").NumberFormat = key
        for r, row in enumerate(job["rows"], start=2):
            for c, text in enumerate(row):
                if text == "":
                    continue
                addr = f"{chr(65 + c)}{r}"
                dispatch.executeDispatch(frame, ".uno:GoToCell", "", 0, (pv("ToPoint", addr),))
                dispatch.executeDispatch(
                    frame, ".uno:EnterString", "", 0, (pv("StringName", text),)
                )
        for out in job["outputs"]:
            props = [pv("FilterName", out["filter"])]
            if "options" in out:
                props.append(pv("FilterOptions", out["options"]))
            doc.storeToURL(Path(out["path"]).as_uri(), tuple(props))
        try:
            doc.close(True)
        except Exception:  # DisposedException: soffice went away after storing
            return
        with contextlib.suppress(Exception):
            desktop.terminate()
        office.wait(timeout=60)
    finally:
        if office.poll() is None:
            office.kill()


def zh_profile(where: Path) -> Path:
    """A fresh LibreOffice user profile with the UI and the default locale set to zh-CN."""
    profile = where / "profile"
    subprocess.run(
        [
            "soffice",
            f"-env:UserInstallation={profile.as_uri()}",
            "--headless",
            "--terminate_after_init",
        ],
        check=True,
        capture_output=True,
        timeout=120,
    )
    xcu = profile / "user" / "registrymodifications.xcu"
    text = xcu.read_text(encoding="utf-8")
    items = "".join(
        f'<item oor:path="/org.openoffice.Setup/L10N"><prop oor:name="{name}" oor:op="fuse">'
        f"<value>zh-CN</value></prop></item>\n"
        for name in ("ooLocale", "ooSetupSystemLocale")
    )
    text = text.replace('<prop oor:name="ooLocale" oor:op="fuse"><value>en-US</value></prop>', "")
    xcu.write_text(text.replace("</oor:items>", items + "</oor:items>"), encoding="utf-8")
    return profile


def run_uno(jobs: list[dict], work: Path, python: str) -> None:
    spec = work / "spec.json"
    spec.write_text(
        json.dumps({"profile": str(zh_profile(work)), "jobs": jobs}, ensure_ascii=False),
        encoding="utf-8",
    )
    subprocess.run([python, str(Path(__file__).resolve()), "--uno-worker", str(spec)], check=True)


def convert(src: Path, target: str, outdir: Path, profile: Path) -> Path:
    """``soffice --headless --convert-to`` on the zh-CN profile; returns the written file.

    ``target`` is ``ext`` or ``ext:Filter Name`` as one argument, without quotes (the shell
    quotes of ``--convert-to 'xls:"MS Excel 97"'`` must not reach soffice).
    """
    subprocess.run(
        [
            "soffice",
            f"-env:UserInstallation={profile.as_uri()}",
            "--headless",
            "--convert-to",
            target,
            "--outdir",
            str(outdir),
            str(src),
        ],
        check=True,
        capture_output=True,
        timeout=180,
    )
    written = outdir / f"{src.stem}.{target.split(':')[0]}"
    if not written.exists():  # soffice exits 0 even when the filter name is unknown
        raise SystemExit(f"soffice --convert-to {target} wrote nothing for {src}")
    return written


# --------------------------------------------------------------------------- fixtures


def csv_out(path: Path, charset: int, sep: int = 44) -> dict:
    # sep, quote, charset, start row, column formats, language, QuotedFieldAsText,
    # DetectSpecialNumbers, "save cell contents as shown" (true: what staff get)
    return {
        "path": str(path),
        "filter": CSV_FILTER,
        "options": f"{sep},34,{charset},1,,0,false,true,true",
    }


def make(python: str) -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="office_fixtures_") as tmp:
        work = Path(tmp)
        rf_csv = blank("repair_followup", "csv", work / "repair_blank.csv")
        rf_xlsx = blank("repair_followup", "xlsx", work / "repair_blank.xlsx")
        cr_xlsx = blank("complaint_register", "xlsx", work / "complaint_blank.xlsx")
        cr_csv = blank("complaint_register", "csv", work / "complaint_blank.csv")
        vr_xlsx = blank("visit_record", "xlsx", work / "visit_blank.xlsx")
        rows = table(RF, repair_rows())
        phone_col = chr(65 + CR.index("联系电话"))
        jobs = [
            # 3. The blank CSV opened in zh-CN Calc, ten rows typed, saved as CSV in each charset.
            {
                "source": str(rf_csv),
                "rows": rows,
                "outputs": [
                    csv_out(OUT / "dates_typed_zhcn.utf8.csv", 76),
                    csv_out(OUT / "dates_typed_zhcn.gb18030.csv", 85),
                    csv_out(OUT / "dates_typed_zhcn.gbk.csv", 61),
                    csv_out(OUT / "dates_typed_zhcn.utf16.txt", 65535, sep=9),
                ],
            },
            # 3b. Same rows, date columns formatted YYYY/M/D H:MM (Excel's date-with-time look).
            {
                "source": str(rf_csv),
                "rows": rows,
                "formats": {"F": "YYYY/M/D H:MM", "G": "YYYY/M/D H:MM"},
                "outputs": [
                    csv_out(OUT / "dates_slash_time.utf8.csv", 76),
                    csv_out(OUT / "dates_slash_time.gb18030.csv", 85),
                    csv_out(OUT / "dates_slash_time.gbk.csv", 61),
                    csv_out(OUT / "dates_slash_time.utf16.txt", 65535, sep=9),
                ],
            },
            # 4. A valid register typed into the project's blank workbook, saved by Calc.
            {
                "source": str(rf_xlsx),
                "rows": rows,
                "outputs": [{"path": str(work / "filled_repair.xlsx"), "filter": "Calc MS Excel 2007 XML"}],
            },
            # 2. A landline typed where the column lost its text format (pasted-over):
            # 075512345678 becomes the number 75512345678.
            {
                "source": str(cr_xlsx),
                "rows": with_phone("075512345678"),
                "formats": {phone_col: "General"},
                "outputs": [{"path": str(OUT / "phone_landline_lost_zero.xlsx"), "filter": "Calc MS Excel 2007 XML"}],
            },
            # 2b. A mobile typed into the blank CSV, shown in scientific notation, saved as shown.
            {
                "source": str(cr_csv),
                "rows": with_phone("13812341234"),
                "formats": {phone_col: "0.00E+00"},
                "outputs": [csv_out(OUT / "phone_scientific.csv", 76)],
            },
        ]  # fmt: skip
        # 1. A mobile number pasted as a number cell (openpyxl: int), and Calc's re-save of it.
        cr = table(CR, complaint_rows())
        pasted = [[typed_value(v) for v in r] for r in cr]
        pasted[0][CR.index("联系电话")] = 13812341234
        paste(cr_xlsx, OUT / "phone_mobile_number.xlsx", pasted)
        # 5. 非常满意 pasted into a 满意度 dropdown of a followed-up repair (one cause).
        bad = [[typed_value(v) for v in r] for r in rows]
        bad[2][RF.index("满意度")] = "非常满意"
        paste(rf_xlsx, OUT / "satisfaction_not_in_list.xlsx", bad)
        # 6. Near-misses: 漏水 for 漏水/渗漏, Y in the 是/否 column.
        near = [[typed_value(v) for v in r] for r in rows]
        near[1][RF.index("维修类别")] = "漏水"
        near[0][RF.index("被回访人签名")] = "Y"
        paste(rf_xlsx, OUT / "near_miss_labels.xlsx", near)
        # 7. Field errors, to see which article is cited and which column named.
        err = [[typed_value(v) for v in r] for r in rows]
        err[1][RF.index("回访日期")] = dt.datetime(2025, 11, 3)  # completed 11/4: before it
        err[3][RF.index("回访日期")] = dt.datetime(
            2025, 11, 16
        )  # safety, completed 11/6: 10 days, limit 2
        err[4][RF.index("现场查看")] = "发现问题"  # defect, no rectification notice time
        paste(rf_xlsx, OUT / "repair_field_errors.xlsx", err)
        cerr = [[typed_value(v) for v in r] for r in cr]
        cerr[0][CR.index("投诉编号")] = "TS-25-1"  # pattern TS-dddd-dddd
        cerr[1][CR.index("回访时间")] = dt.datetime(2025, 11, 1)  # follow-up before closure
        cerr[2][CR.index("回访评价")] = ""  # followed up, no rating
        paste(cr_xlsx, OUT / "complaint_field_errors.xlsx", cerr)
        paste(
            vr_xlsx,
            OUT / "visit_late_reply.xlsx",
            [[typed_value(v) for v in r] for r in table(VR, visit_rows())],
        )
        # 8. An officer's own sheet: two follow-ups, both by the maintenance lead.
        own = [[typed_value(v) for v in r] for r in rows[4:6]]
        paste(rf_xlsx, OUT / "officer_two_rows.xlsx", own)
        run_uno(jobs, work, python)
        profile = work / "profile"
        # 1b. LibreOffice re-save of the openpyxl workbook.
        resaved = convert(
            OUT / "phone_mobile_number.xlsx", "xlsx:Calc MS Excel 2007 XML", work, profile
        )
        shutil.copy(resaved, OUT / "phone_mobile_number.lo-resave.xlsx")
        # 4. ODS and legacy XLS of the Calc-typed register (and the xlsx itself).
        shutil.copy(work / "filled_repair.xlsx", OUT / "filled_repair.lo.xlsx")
        for target, name in (
            ("ods", "filled_repair.ods"),
            ("xls:MS Excel 97", "filled_repair.xls"),
        ):
            written = convert(work / "filled_repair.xlsx", target, work, profile)
            shutil.copy(written, OUT / name)


def make_big(rows: int = 50_000, seed: int = 20261201) -> Path:
    """A large, valid repair follow-up workbook (openpyxl write-only) for the reader benchmark.

    Made on demand into benchmarks/out/ (git-ignored): at 50 000 rows it is several MB.
    Dates are date cells, times datetime cells, the rest text, as the blank's columns.
    """
    import random

    from openpyxl import Workbook

    OUT.mkdir(parents=True, exist_ok=True)
    path = OUT / f"big_{rows}.xlsx"
    rng = random.Random(seed)
    book = Workbook(write_only=True)
    sheet = book.create_sheet("登记表")
    sheet.append(RF)
    gaps = {"安全设施": 2, "漏水/渗漏": 3, "其他": 7}
    for i in range(1, rows + 1):
        role = _ROLES[i % 10]
        klass = rng.choice(list(gaps))
        done = dt.date(2025, 1, 1) + dt.timedelta(days=rng.randrange(600))
        back = done + dt.timedelta(days=rng.randrange(gaps[klass] + 1))
        visit = rng.random() < 0.5
        defect = rng.random() < 0.05
        sheet.append(
            [
                f"PG-{done.year}-{i:06d}", f"{rng.randint(1, 20)}-{rng.randint(1, 3)}-{rng.randint(1, 30):02d}01",
                rng.choice(["厨房水管漏水", "楼道灯更换", "单元门禁维修", "下水道疏通"]), klass, "维修工 安**",
                done, back, "上门回访" if visit else "电话回访", role, _PEOPLE[role],
                "发现问题" if defect else "良好", "满意", "收费无误", None, rng.choice(["满意", "较满意"]),
                "是" if visit else None,
                dt.datetime.combine(back, dt.time(16, 0)) if defect else None, None,
            ]
        )  # fmt: skip
    book.save(path)
    return path


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--big", action="store_true", help="also make benchmarks/out/big_50000.xlsx"
    )
    parser.add_argument("--big-only", action="store_true", help="only the big workbook")
    parser.add_argument(
        "--uno-python", default="/usr/bin/python3", help="a Python that imports uno"
    )
    parser.add_argument("--uno-worker", metavar="SPEC", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.uno_worker:
        uno_worker(args.uno_worker)
        return
    if not args.big_only:
        make(args.uno_python)
    if args.big or args.big_only:
        print(make_big())


if __name__ == "__main__":
    sys.exit(main())
