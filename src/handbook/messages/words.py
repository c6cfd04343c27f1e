"""Fixed words of pages, workbooks, reports and PDFs: one section per place they appear.

Each section maps a language to its words; both languages have the same keys
(``tests/test_messages.py`` checks it, and that every key is used).
"""

from __future__ import annotations

from typing import Any

SECTIONS: dict[str, dict[str, dict[str, Any]]] = {}


# site/pages.py
SECTIONS["page"] = {
    "zh": {
        "column": "列名",
        "key": "字段名",
        "type": "类型",
        "required": "必填",
        "rules": "说明与规则",
        "yes": "是",
        "no": "",
        "derived": "（由检查程序计算，无需填写）",
        "string": "文本",
        "integer": "整数",
        "number": "数字",
        "boolean": "是/否",
        "date": "日期",
        "datetime": "日期时间",
        "choices": "选项：",
        "unique": "不得重复",
        "example": "示例：",
        "max": "不超过 {n} 字",
        "min": "不少于 {n} 字",
        "range_min": "最小 {n}",
        "range_max": "最大 {n}",
        "personal": "个人信息，对外公布前须脱敏",
        "csv": "下载空白登记表（CSV）",
        "xlsx": "下载空白登记表（Excel）",
        "download_note": "CSV 为 UTF-8（带 BOM）编码，Excel 可直接打开，首行为中文列名。",
        "csv_checklist": "下载检查表（CSV）",
        "xlsx_checklist": "下载检查表（Excel）",
        "source": "来源：汇编第 {n} 部分《{title}》。",
        "effective": "施行日期：{date}。",
        "missing": "原文缺失",
        "missing_marker": "［{label}：{what}］",
        "article_title": "条款 {id}：点击复制链接",
        "errata_head": ("条款", "原文", "更正为", "理由"),
        "glossary_head": ("中文", "英文", "说明"),
        "forms_head": ("表单", "类型", "依据条款", "下载"),
        "register": "登记表",
        "checklist": "检查表",
        "print": "打印检查表",
        "cites": "依据条款：",
        "related": "本页制度要求使用的登记表和检查表",
        "sign": ("检查人签名", "日期", "主管审核", "日期"),
        "head": ("项目 / 小区", "检查日期", "检查人"),
        "remarks": "备注 / 发现的问题",
        "done": "完成",
        "item": "检查项目",
        "basis": "依据",
    },
    "en": {
        "column": "Column",
        "key": "Key",
        "type": "Type",
        "required": "Required",
        "rules": "Description and rules",
        "yes": "yes",
        "no": "",
        "derived": "(computed by the validator; not typed in)",
        "string": "text",
        "integer": "whole number",
        "number": "number",
        "boolean": "yes/no",
        "date": "date",
        "datetime": "date and time",
        "choices": "Choices: ",
        "unique": "must be unique",
        "example": "Example: ",
        "max": "at most {n} characters",
        "min": "at least {n} characters",
        "range_min": "minimum {n}",
        "range_max": "maximum {n}",
        "personal": "personal data: mask before publishing",
        "csv": "Download the blank register (CSV)",
        "xlsx": "Download the blank register (Excel)",
        "download_note": "The CSV is UTF-8 with a BOM, so Excel opens it directly; the first row holds the English column titles.",
        "csv_checklist": "Download the checklist (CSV)",
        "xlsx_checklist": "Download the checklist (Excel)",
        "source": "Source: section {n} of the compilation, “{title}”.",
        "effective": "In force from {date}.",
        "missing": "missing in the source",
        "missing_marker": "[{label}: {what}]",
        "article_title": "Article {id}: link to this article",
        "errata_head": ("Article", "Source text", "Corrected to", "Reason"),
        "glossary_head": ("Chinese", "English", "Notes"),
        "forms_head": ("Form", "Kind", "Required by", "Downloads"),
        "register": "register",
        "checklist": "checklist",
        "print": "Print the checklist",
        "cites": "Required by: ",
        "related": "Registers and checklists these rules call for",
        "sign": ("Checked by (signature)", "Date", "Supervisor review", "Date"),
        "head": ("Estate / development", "Date of check", "Checked by"),
        "remarks": "Remarks / problems found",
        "done": "Done",
        "item": "Check",
        "basis": "Article",
    },
}


# blanks/xlsx.py
SECTIONS["workbook"] = {
    "zh": {
        "sheet": "登记表",
        "lists": "选项",
        "help": "填写说明",
        "choose": "请从下拉列表中选择",
        "bad_choice": "请从下拉列表中选择一项。",
        "date": "请输入日期，如 2026-03-05 或 2026/3/5。",
        "bad_date": "这不是有效日期。请输入如 2026-03-05 的日期。",
        "datetime": "请输入日期和时间，如 2026-03-05 14:30。",
        "bad_datetime": "这不是有效的日期时间。请输入如 2026-03-05 14:30。",
        "whole": "请输入整数{range}。",
        "bad_whole": "请输入整数{range}。",
        "decimal": "请输入数字{range}。",
        "bad_decimal": "请输入数字{range}。",
        "length": "不超过 {n} 个字。",
        "bad_length": "内容超过 {n} 个字，请精简。",
        "yesno": ("是", "否"),
        "range": "（{lo} 至 {hi}）",
        "title": "标题",
        "required": "必填",
        "yes": "是",
        "rules": "说明",
        "column": "列",
        "key": "字段名",
        "intro": (
            "每行登记一条记录。带下拉箭头的列请从列表中选择；日期写成 2026-03-05。",
            "填好后保存，在手册的“登记表检查”页面（手册首页 → 检查登记表）把文件拖进去即可检查，文件不会离开你的电脑；有问题的单元格会标出，并可下载标注后的副本。",
            "依据条款：{clauses}",
        ),
    },
    "en": {
        "sheet": "Register",
        "lists": "Choices",
        "help": "Instructions",
        "choose": "Choose from the list",
        "bad_choice": "Choose one of the values in the list.",
        "date": "Enter a date, e.g. 2026-03-05 or 2026/3/5.",
        "bad_date": "Not a valid date. Enter e.g. 2026-03-05.",
        "datetime": "Enter a date and time, e.g. 2026-03-05 14:30.",
        "bad_datetime": "Not a valid date and time. Enter e.g. 2026-03-05 14:30.",
        "whole": "Enter a whole number{range}.",
        "bad_whole": "Enter a whole number{range}.",
        "decimal": "Enter a number{range}.",
        "bad_decimal": "Enter a number{range}.",
        "length": "At most {n} characters.",
        "bad_length": "More than {n} characters: shorten it.",
        "yesno": ("Yes", "No"),
        "range": " ({lo} to {hi})",
        "title": "Title",
        "required": "Required",
        "yes": "yes",
        "rules": "Notes",
        "column": "Column",
        "key": "Key",
        "intro": (
            "One record per row. Columns with a dropdown arrow take a value from the list; write dates as 2026-03-05.",
            "When done, save it and drop it on the handbook's register check page (home page → Check a register): the file never leaves your computer, the cells with problems are marked, and you can download a marked copy.",
            "Required by: {clauses}",
        ),
    },
}


# outputs/base.py
SECTIONS["report"] = {
    "zh": {
        "file": "{file}（{form}）：{rows} 行数据，{errors} 个错误，{warnings} 个警告",
        "fatal": "{file}：无法检查。{message}",
        "row": "第 {row} 行",
        "cell": "第 {row} 行 {cell} 格",
        "form_page": "见表单页 {url}",
        "header": "全表",
        "total": "共检查 {files} 个文件、{rows} 行：{errors} 个错误，{warnings} 个警告，{fatal} 个文件无法使用。",
        "ok": "全部通过。",
        "error": "错误",
        "warning": "警告",
        "article": "依据 {article}",
        "summary_title": "登记表检查结果",
    },
    "en": {
        "file": "{file} ({form}): {rows} data row{rows_s}, {errors} error{errors_s}, {warnings} warning{warnings_s}",
        "fatal": "{file}: cannot be checked. {message}",
        "row": "row {row}",
        "cell": "row {row}, cell {cell}",
        "form_page": "see the form's page {url}",
        "header": "whole register",
        "total": "Checked {files} file{files_s}, {rows} row{rows_s}: {errors} error{errors_s}, {warnings} warning{warnings_s}, {fatal} unusable file{fatal_s}.",
        "ok": "All valid.",
        "error": "error",
        "warning": "warning",
        "article": "see {article}",
        "summary_title": "Register check results",
    },
}


# site/history.py
SECTIONS["history"] = {"zh": {"label": "最后修改：{date}"}, "en": {"label": "Last changed: {date}"}}


# site/indicators_page.py
SECTIONS["indicators-page"] = {
    "zh": {
        "trend": "月度趋势",
        "trend_caption": "各项比率按月计算；无数据或分组过小的月份留空。",
        "items": "业主意见调查分项满意率",
        "items_caption": "八个调查项目各自的满意率。",
        "roles": "维修回访比例（按回访人职务）",
        "roles_caption": "条形为实际比例，竖线为制度规定的最低比例（见各职务后的括号）。",
        "monthly_data": "月度数据",
        "month": "月份",
        "source": "数据来源：data/ 中的 {files} 个登记表文件。",
    },
    "en": {
        "trend": "Monthly trends",
        "trend_caption": "Each rate computed month by month; months without data or with too small a group are left blank.",
        "items": "Owner survey satisfaction per item",
        "items_caption": "The satisfaction rate of each of the eight survey items.",
        "roles": "Repair follow-ups by role",
        "roles_caption": "Bars show the actual share; the marks show the minimum the rules set (in brackets after each role).",
        "monthly_data": "Monthly figures",
        "month": "Month",
        "source": "Source: {files} register files in data/.",
    },
}


# indicators/text.py
SECTIONS["indicators"] = {
    "zh": {
        "heading": "回访与投诉指标",
        "period": "统计期 {label}（{start} 至 {end}）",
        "as_of": "计算时间 {as_of}",
        "indicator": "指标",
        "value": "数值",
        "counts": "分子/分母",
        "target": "目标",
        "met": "达标",
        "article": "依据",
        "yes": "达标",
        "no": "未达标",
        "none": "—",
        "no_data": "无数据",
        "suppressed": "不显示（少于 {n}）",
        "at_least": "≥ {v}",
        "below": "< {v}",
        "fairly_yes": "较满意、基本满意计入满意",
        "fairly_no": "只有“满意”计入满意",
        "pooled": "总满意率：全部满意答案 ÷ 全部有效答案",
        "mean": "总满意率：八个项目满意率的平均值",
        "per_household": "有效投诉率按户计算（{max} 的目标适用于此）",
        "share_of_complaints": "有效投诉率按有效投诉占全部投诉的比例计算（{max} 的目标适用于此）",
        "threshold": "少于 {n} 的分组不显示，防止识别个人",
        "basis": "口径：",
        "unreadable": "有 {n} 个单元格无法识别，未计入；请先检查登记表（手册的“登记表检查”页面）。",
        "households": "总户数 {n}",
        "no_households": "未提供总户数（property.yaml），按户计算的投诉率无数据",
    },
    "en": {
        "heading": "Follow-up and complaint indicators",
        "period": "Period {label} ({start} to {end})",
        "as_of": "computed {as_of}",
        "indicator": "Indicator",
        "value": "Value",
        "counts": "Num./den.",
        "target": "Target",
        "met": "Met",
        "article": "Article",
        "yes": "met",
        "no": "not met",
        "none": "—",
        "no_data": "no data",
        "suppressed": "suppressed (< {n})",
        "at_least": "≥ {v}",
        "below": "< {v}",
        "fairly_yes": "fairly/broadly satisfied count as satisfied",
        "fairly_no": "only 'satisfied' counts as satisfied",
        "pooled": "overall satisfaction: all satisfied answers ÷ all valid answers",
        "mean": "overall satisfaction: the mean of the eight item rates",
        "per_household": "substantiated complaint rate per household (the {max} target applies to it)",
        "share_of_complaints": "substantiated complaint rate as a share of all complaints (the {max} target applies to it)",
        "threshold": "groups smaller than {n} are not shown, so no one can be identified",
        "basis": "Basis: ",
        "unreadable": "{n} cells could not be read and were left out; check the registers first (the handbook's register check page).",
        "households": "{n} households",
        "no_households": "no household count (property.yaml): the rate per household has no data",
    },
}


# site/pdf.py
SECTIONS["pdf"] = {
    "zh": {
        "toc": "目录",
        "printed": "生成日期：{date}",
        "link": "下载本手册 PDF 版",
        "page": "第 <span class='pageNumber'></span> 页，共 <span class='totalPages'></span> 页",
    },
    "en": {
        "toc": "Contents",
        "printed": "Generated on {date}",
        "link": "Download this handbook as a PDF",
        "page": "Page <span class='pageNumber'></span> of <span class='totalPages'></span>",
    },
}


# blanks/__init__.py
SECTIONS["checklist"] = {
    "zh": {"head": ("序号", "检查项目", "依据条款", "完成（是/否）", "备注")},
    "en": {"head": ("No.", "Check", "Article", "Done (yes/no)", "Remarks")},
}

# indicators/text.py: the report's sections
SECTIONS["indicator-sections"] = {
    "zh": {
        "satisfaction": "业主满意度",
        "followups": "回访",
        "complaints": "投诉",
        "hotline": "热线",
        "visits": "走访",
    },
    "en": {
        "satisfaction": "Owner satisfaction",
        "followups": "Follow-ups",
        "complaints": "Complaints",
        "hotline": "Hotline",
        "visits": "Door-to-door visits",
    },
}

# indicators/text.py: each indicator's title
SECTIONS["indicator-titles"] = {
    "zh": {
        "survey_satisfaction": "业主意见调查满意率（总体及分项）",
        "survey_response_rate": "调查表回收率",
        "survey_coverage": "调查覆盖率",
        "followup_rate": "回访率（总体）",
        "repair_role_quota": "维修回访比例（按回访人职务）",
        "repair_followup_on_time": "维修回访及时率（按维修类别）",
        "complaint_followup_on_time": "投诉回访及时率",
        "followup_resolution_rate": "回访处理率",
        "repair_satisfaction": "维修回访满意率",
        "followup_satisfaction": "回访满意率（回访记录表）",
        "complaint_rate_per_household": "有效投诉率（按户）",
        "substantiated_share": "有效投诉占比",
        "complaint_on_time_rate": "投诉处理及时率",
        "complaint_followup_satisfaction": "投诉回访满意率",
        "hotline_response_rate": "热线响应率",
        "hotline_resolution_rate": "热线解决率",
        "hotline_satisfaction": "热线满意率",
        "visits_per_officer": "物管员人均走访次数",
        "visit_frequency_rate": "走访频率达标率",
    },
    "en": {
        "survey_satisfaction": "Owner survey satisfaction (overall and per item)",
        "survey_response_rate": "Survey response rate",
        "survey_coverage": "Survey coverage",
        "followup_rate": "Follow-up rate (overall)",
        "repair_role_quota": "Repair follow-ups by role, against the quotas",
        "repair_followup_on_time": "On-time repair follow-ups, by repair class",
        "complaint_followup_on_time": "On-time complaint follow-ups",
        "followup_resolution_rate": "Follow-up resolution rate",
        "repair_satisfaction": "Satisfaction at repair follow-ups",
        "followup_satisfaction": "Satisfaction at follow-ups (follow-up record)",
        "complaint_rate_per_household": "Substantiated complaints per household",
        "substantiated_share": "Share of complaints substantiated",
        "complaint_on_time_rate": "On-time complaint resolution",
        "complaint_followup_satisfaction": "Satisfaction at complaint follow-ups",
        "hotline_response_rate": "Hotline response rate",
        "hotline_resolution_rate": "Hotline resolution rate",
        "hotline_satisfaction": "Hotline satisfaction rate",
        "visits_per_officer": "Visits per property officer",
        "visit_frequency_rate": "Officers meeting the visit frequency",
    },
}

# indicators/text.py: how each indicator is computed, in words
SECTIONS["indicator-formulas"] = {
    "zh": {
        "survey_satisfaction": "满意答案数 ÷ 有效答案数（不含未评价）；总满意率按 policy 的 overall_rate_method "
        "合并计算或取八项平均",
        "survey_response_rate": "回收份数 ÷ 发放份数",
        "survey_coverage": "发放份数 ÷ 入住户数",
        "followup_rate": "已回访数 ÷ 应回访数（完工维修 + 办结投诉）",
        "repair_role_quota": "该职务回访的维修数 ÷ 完工维修数",
        "repair_followup_on_time": "期限内回访数 ÷ 已回访数（完工当天为第 0 天）",
        "complaint_followup_on_time": "办结后期限内回访数 ÷ 已回访投诉数",
        "followup_resolution_rate": "已解决的问题 ÷ 回访、走访中发现的问题（整改复查不合格的不算解决）",
        "repair_satisfaction": "满意评价数 ÷ 有效评价数",
        "followup_satisfaction": "满意评价数 ÷ 有效评价数",
        "complaint_rate_per_household": "有效投诉数 ÷ 总户数（property.yaml）",
        "substantiated_share": "有效投诉数 ÷ 受理投诉数",
        "complaint_on_time_rate": "按时办结的有效投诉 ÷ 本期到期的有效投诉（逾期未办结的算作不及时）",
        "complaint_followup_satisfaction": "满意评价数 ÷ 有效评价数（不含未评价、联系不上）",
        "hotline_response_rate": "已首次联系的工单 ÷ 已派单工单",
        "hotline_resolution_rate": "评为已解决的工单 ÷ 已评价工单",
        "hotline_satisfaction": "满意评价数 ÷ 有效评价数（重办的以重办后评价为准，拒绝评价不计）",
        "visits_per_officer": "物管员走访次数 ÷ 物管员人数；目标为本期应走访次数",
        "visit_frequency_rate": "走访次数达到要求的物管员 ÷ 物管员人数",
    },
    "en": {
        "survey_satisfaction": "satisfied answers ÷ valid answers (no answer left out); "
        "overall pooled or the mean of the eight items, per "
        "overall_rate_method",
        "survey_response_rate": "forms returned ÷ forms issued",
        "survey_coverage": "forms issued ÷ occupied flats",
        "followup_rate": "follow-ups done ÷ items due (completed repairs + closed complaints)",
        "repair_role_quota": "repairs followed up by the role ÷ completed repairs",
        "repair_followup_on_time": "follow-ups within the window ÷ follow-ups done (completion "
        "day is day 0)",
        "complaint_followup_on_time": "follow-ups within the window after closure ÷ complaints "
        "followed up",
        "followup_resolution_rate": "problems resolved ÷ problems found at follow-ups and "
        "visits (a failed re-check is not resolved)",
        "repair_satisfaction": "satisfied ratings ÷ valid ratings",
        "followup_satisfaction": "satisfied ratings ÷ valid ratings",
        "complaint_rate_per_household": "substantiated complaints ÷ households (property.yaml)",
        "substantiated_share": "substantiated complaints ÷ complaints received",
        "complaint_on_time_rate": "substantiated complaints closed by the due time ÷ those due "
        "in the period (open past due counts as late)",
        "complaint_followup_satisfaction": "satisfied ratings ÷ valid ratings (no answer and "
        "unreachable left out)",
        "hotline_response_rate": "tickets with a first contact ÷ tickets dispatched",
        "hotline_resolution_rate": "tickets rated resolved ÷ tickets rated",
        "hotline_satisfaction": "satisfied ratings ÷ valid ratings (the re-rating counts for a "
        "reopened ticket; declined left out)",
        "visits_per_officer": "property officers' visits ÷ officers; the target is the visits "
        "due in the period",
        "visit_frequency_rate": "officers who made the required visits ÷ officers",
    },
}

# indicators/followups.py: the groups of follow-ups
SECTIONS["indicator-groups"] = {
    "zh": {
        "complaint": "投诉回访",
        "repair": "维修回访",
        "repair_defects": "维修回访发现的问题（整改通知单）",
        "followup_feedback": "回访中约定答复的意见",
        "visit_matters": "走访中约定答复的事项",
    },
    "en": {
        "complaint": "Complaints",
        "repair": "Repairs",
        "repair_defects": "Defects found at repair follow-ups",
        "followup_feedback": "Feedback promised a reply at follow-ups",
        "visit_matters": "Matters promised a reply at visits",
    },
}

# cli/: diagnostics on stderr
SECTIONS["cli"] = {
    "zh": {
        "forms_ok": "表单检查通过：",
        "rows_read": "行已读取",
        "checked": "已检查",
        "internal_error": "内部错误（程序缺陷）：请加 --debug 重新运行，并把输出报告给 IT。",
    },
    "en": {
        "forms_ok": "Forms OK: ",
        "rows_read": "rows read",
        "checked": "checked",
        "internal_error": "internal error (a bug): run again with --debug and report the traceback",
    },
}

# validate/rules: amounts of time in messages
SECTIONS["quantity"] = {
    "zh": {
        "hours": " {n} 小时",
        "days": " {n} 天",
        "working_days": " {n} 个工作日",
        "same_day": "当天",
    },
    "en": {
        "hours": "{n} hours",
        "days": "{n} days",
        "working_days": "{n} working days",
        "same_day": "the same day",
    },
}

# site/policy_page.py: the words of a choice setting's values
SECTIONS["policy-choices"] = {
    "zh": {
        "per_household": "按户计算",
        "share_of_complaints": "占全部投诉的比例",
        "pooled": "合并计算",
        "mean": "各项平均",
    },
    "en": {
        "per_household": "per household",
        "share_of_complaints": "share of all complaints",
        "pooled": "pooled",
        "mean": "mean of the items",
    },
}

# validate/rules: the limit a row is judged by; with history, the period it was in force
SECTIONS["limit"] = {
    "zh": {
        "max": "规定的{what}",
        "min": "规定的{what}",
        "max_until": " {until} 前规定的{what}",
        "min_until": " {until} 前规定的{what}",
        "max_from": " {start} 起规定的{what}",
        "min_from": " {start} 起规定的{what}",
        "gap": "最长间隔{n}",
        "per_month": "每月至少 {n} 次",
    },
    "en": {
        "max": "the {what} allowed",
        "min": "the required {what}",
        "max_until": "the {what} in force until {until}",
        "min_until": "the {what} required until {until}",
        "max_from": "the {what} in force from {start}",
        "min_from": "the {what} required from {start}",
        "gap": "longest gap of {n}",
        "per_month": "{n} a month",
    },
}

# site/pages.py: the policy page's table
SECTIONS["policy-table"] = {
    "zh": {
        "head": ("设置", "现行值", "依据条款", "其他规定", "说明"),
        "history_head": ("设置", "期间", "数值", "依据条款"),
        "hours": "{n} 小时",
        "days": "{n} 天",
        "working_days": "{n} 个工作日",
        "months": "{n} 个月",
        "same_day": "当天",
        "yes": "是",
        "no": "否",
        "label": "{label}：{value}",
        "map_sep": "；",
        "list_sep": "、",
        "cited": "（{links}）",
        "until": "至 {until}",
        "between": "{start} 至 {until}",
        "from_now": "{start} 起（现行）",
        "from": "{start} 起",
        "always": "现行",
        "since": "（{period}）",
        "no_history": "目前 policy.yaml 中的设置都没有旧值。某项规定改变时，把原来的数值连同它最后适用的一天写进该设置的 previous，例如 `previous: [{until: 2026-06-30, value: 14}]`，再把 value 改为新值：2026-06-30 及以前开始的记录仍按 14 判断，此后的按新值判断。",
        "form_limits": "本表检查所依据的时限和比例（{date} 现行，数值见“制度中的数字”）：",
    },
    "en": {
        "head": ("Setting", "Value in force", "Articles", "Alternatives", "Notes"),
        "history_head": ("Setting", "Period", "Value", "Articles"),
        "hours": "{n} hours",
        "days": "{n} days",
        "working_days": "{n} working days",
        "months": "{n} months",
        "same_day": "the same day",
        "yes": "yes",
        "no": "no",
        "label": "{label}: {value}",
        "map_sep": "; ",
        "list_sep": ", ",
        "cited": " ({links})",
        "until": "until {until}",
        "between": "{start} to {until}",
        "from_now": "from {start} (in force)",
        "from": "from {start}",
        "always": "in force",
        "since": " ({period})",
        "no_history": "No setting in policy.yaml has earlier values yet. When a rule changes, write the old value with the last day it applied under the setting's previous, e.g. `previous: [{until: 2026-06-30, value: 14}]`, and set value to the new one: records starting on or before 2026-06-30 are still judged by 14, later ones by the new value.",
        "form_limits": "The deadlines and shares this register is checked against (in force on {date}; the numbers are on the policy page):",
    },
}

# site/indicators_page.py: month names on charts
SECTIONS["months"] = {
    "zh": {
        "names": (
            "1月",
            "2月",
            "3月",
            "4月",
            "5月",
            "6月",
            "7月",
            "8月",
            "9月",
            "10月",
            "11月",
            "12月",
        )
    },
    "en": {
        "names": (
            "Jan",
            "Feb",
            "Mar",
            "Apr",
            "May",
            "Jun",
            "Jul",
            "Aug",
            "Sep",
            "Oct",
            "Nov",
            "Dec",
        )
    },
}


# site/tasks.py: the task pages and the home page's list of tasks
SECTIONS["tasks"] = {
    "zh": {
        "steps": "步骤",
        "numbers": "时限和比例",
        "numbers_note": "下列数值取自 policy.yaml（[制度中的数字](../policy.md)），检查程序按同样的数值核对登记表。",
        "settings_head": ("事项", "现行规定", "依据条款"),
        "disagree": "条款规定不一致时",
        "says": "{articles}：{value}",
        "says_note": "{articles}：{value}（{note}）",
        "sep": "；",
        "end": "。",
        "applies": "本手册采用 <strong>{value}</strong>，检查程序也按此核对。理由：",
        "forms": "要下载的登记表",
        "checklists": "要打印的检查表",
        "no_checklist": "本任务没有专用的检查表。",
        "print_hint": "打开后用浏览器的“打印”按钮打印（A4）",
        "articles": "相关条款",
        "none": "无。",
        "colon": "：",
        "dash": " —— ",
        "xlsx": "Excel",
        "csv": "CSV",
        "hours": "{n} 小时",
        "hours_one": "{n} 小时",
        "hours_days": "{n} 小时（{d} 天）",
        "days": "{n} 天",
        "days_one": "{n} 天",
        "months": "{n} 个月",
        "months_one": "{n} 个月",
        "months_list": "竣工后第 {list} 个月",
        "share": "{n}%",
        "same_day": "当天",
        "entry": "{label} {amount}",
        "yes": "是",
        "no": "否",
        "choice_pooled": "全部满意答案数 ÷ 全部有效答案数",
        "choice_mean": "八个项目满意率的平均值",
    },
    "en": {
        "steps": "Steps",
        "numbers": "Deadlines and shares",
        "numbers_note": "These values come from policy.yaml ([The numbers in the rules](../policy.md)); the validator checks registers against the same values.",
        "settings_head": ("What", "Rule in force", "Articles"),
        "disagree": "Where the articles disagree",
        "says": "{articles}: {value}",
        "says_note": "{articles}: {value} ({note})",
        "sep": "; ",
        "end": ".",
        "applies": "This handbook applies <strong>{value}</strong>, and the validator checks it. Why: ",
        "forms": "Registers to download",
        "checklists": "Checklists to print",
        "no_checklist": "This task has no checklist of its own.",
        "print_hint": "open it and use the page's print button (A4)",
        "articles": "Articles",
        "none": "None.",
        "colon": ": ",
        "dash": " — ",
        "xlsx": "Excel",
        "csv": "CSV",
        "hours": "{n} hours",
        "hours_one": "{n} hour",
        "hours_days": "{n} hours ({d} days)",
        "days": "{n} days",
        "days_one": "{n} day",
        "months": "{n} months",
        "months_one": "{n} month",
        "months_list": "{list} months after completion",
        "share": "{n} %",
        "same_day": "the same day",
        "entry": "{label} {amount}",
        "yes": "yes",
        "no": "no",
        "choice_pooled": "all satisfied answers ÷ all valid answers",
        "choice_mean": "the average of the eight item rates",
    },
}

# site/history.py: the editors' list of stale translations
SECTIONS["stale-translations"] = {
    "zh": {
        "head": ("页面", "中文最后修改", "英文最后修改"),
        "none": "目前没有：每个英文页面都在其中文页面最后一次修改之后更新过。",
    },
    "en": {
        "head": ("Page", "Chinese last changed", "English last changed"),
        "none": "None at present: every English page was updated after the last change of its Chinese page.",
    },
}

# outputs/annotate.py: the annotated copy of a register
SECTIONS["annotate"] = {
    "zh": {
        "sheet": "检查结果",
        "head": ("单元格", "行", "列", "级别", "问题", "依据条款"),
        "error": "错误",
        "warning": "警告",
        "none": "没有发现问题。",
    },
    "en": {
        "sheet": "Problems",
        "head": ("Cell", "Row", "Column", "Severity", "Problem", "Article"),
        "error": "error",
        "warning": "warning",
        "none": "No problems found.",
    },
}

# due/: the open items of the registers (handbook due, the checker page, the marked copy, report)
SECTIONS["due"] = {
    "zh": {
        "within": "{key}：{end_col}（自{start_col} {start} 起{limit}内）",
        "interval": "{group}：下一次{date_col}（上次 {last}，间隔不超过{limit}）",
        "count": "{month} {label}：本月还需 {missing} 次（已 {count} 次，每月至少 {minimum} 次）",
        "schedule": "{key}：第 {round} 轮（{start_col} {start} 后 {months} 个月）",
        "same_row": "{column}同第 {row} 行",
        "overdue_hours": "逾期 {n} 小时",
        "overdue_days": "逾期 {n} 天",
        "due": "今天到期",
        "upcoming": "{n} 天后到期",
        "title": "待办（截至 {as_of}）",
        "summary": "共 {total} 项：逾期 {overdue} 项，今天到期 {due} 项，以后到期 {upcoming} 项。",
        "none": "没有待办事项。",
        "head": ("登记表", "行", "单元格", "待办事项", "到期", "状态", "负责岗位", "依据条款"),
        "row": "第 {row} 行",
        "role": "负责：{role}",
        "article": "依据 {article}",
        "no_role": "未指定岗位",
        "reminder": "待办提醒：{what}",
        "sheet": "待办",
        "report_title": "待办与督办（截至 {as_of}）",
        "report_registers": "按登记表：未办 / 逾期",
        "report_roles": "按岗位：未办 / 逾期",
        "report_escalate": "督办（逾期超过{limit}）",
        "report_count": "{label}：{open} / {overdue}",
        "report_none": "无",
    },
    "en": {
        "within": "{key}: {end_col} (within {limit} of {start_col} {start})",
        "interval": "{group}: next {date_col} (last {last}; at most {limit} apart)",
        "count": "{month} {label}: {missing} more this month ({count} so far; at least {minimum} a month)",
        "schedule": "{key}: round {round} ({months} months after {start_col} {start})",
        "same_row": "{column} as in row {row}",
        "overdue_hours": "overdue by {n} hours",
        "overdue_days": "overdue by {n} days",
        "due": "due today",
        "upcoming": "due in {n} days",
        "title": "Due (as of {as_of})",
        "summary": "{total} items: {overdue} overdue, {due} due today, {upcoming} due later.",
        "none": "Nothing is due.",
        "head": ("Register", "Row", "Cell", "What is due", "Due", "State", "Role", "Article"),
        "row": "row {row}",
        "role": "role: {role}",
        "article": "article {article}",
        "no_role": "no role given",
        "reminder": "Reminder: {what}",
        "sheet": "Due",
        "report_title": "Due and overdue (as of {as_of})",
        "report_registers": "By register: open / overdue",
        "report_roles": "By role: open / overdue",
        "report_escalate": "To escalate (overdue by more than {limit})",
        "report_count": "{label}: {open} / {overdue}",
        "report_none": "none",
    },
}

# site/tasks.py: the task pages' link to "What do I have to do this week?"
SECTIONS["due_page"] = {
    "zh": {"link": "本周要做什么？看看登记表里还有哪些事没做完、最晚哪天要做完 →"},
    "en": {
        "link": "What do I have to do this week? See what your registers still ask for, and by when →"
    },
}
# site/tasks.py: the kinds of claim on a task page (issue 22), and the house style of
# English amounts (10%, lower-case items inside a list)
SECTIONS["tasks"]["zh"].update(
    {
        "company_mark": "（公司规定：{note}）",
        "form_mark": "（{form}的要求，条款未规定）",
        "form_title": "《{title}》",
        "applies": "检查程序按 <strong>{value}</strong> 核对登记表。",
        "months_list": "验收合格后第 {list} 个月",
    }
)
SECTIONS["tasks"]["en"].update(
    {
        "company_mark": " (a company rule: {note})",
        "form_mark": " (an instruction of the {form}, not of an article)",
        "form_title": "{title}",
        "applies": "The validator checks registers against <strong>{value}</strong>. ",
        "months_list": "{list} months after the works pass acceptance",
        "share": "{n}%",
    }
)

# site/policy_page.py: a value that no article sets, marked as the company's choice (issue 22)
SECTIONS["policy-table"]["zh"]["company"] = "（公司规定：{note}）"
SECTIONS["policy-table"]["en"]["company"] = " (a company rule: {note})"

# site/pages.py: the source note names a section (节), as the editor's notes do (issue 22)
SECTIONS["page"]["zh"]["source"] = "来源：汇编第 {n} 节《{title}》。"
# blanks/filled.py: a checklist record's heading values, besides the form's own fields
SECTIONS["fill-record"] = {
    "zh": {"place": "地点（项目 / 小区）", "date": "检查日期", "role": "检查人职务"},
    "en": {
        "place": "Place (estate / development)",
        "date": "Date of check",
        "role": "Checked by (role)",
    },
}

# site/fill_page.py: the fill-in page of a register or checklist (its script's words too)
SECTIONS["fill-page"] = {
    "zh": {
        "title": "在本页填写",
        "lead": "在手机或电脑上逐行填写{form}：每一栏按登记表的规则即时检查，问题写在该栏下面并注明依据条款。",
        "lead_checklist": "在手机或电脑上逐项勾选{form}，写明地点、日期和检查人职务；每一项后面注明依据条款。",
        "local": "填写的内容只保存在这台设备的浏览器里，不会上传，也不会发送到任何地方；断网也能填写。填完后下载交表。",
        "back": "返回表单页",
        "required": "必填",
        "choose": "—请选择—",
        "yes": "是",
        "no": "否",
        "items": "检查项目",
        "done": "完成",
        "note": "备注",
        "save": "保存这一行",
        "save_record": "保存这份检查表",
        "keep": "仍然保存（保留错误）",
        "new": "清空，填写新的一行",
        "saved_head": "已保存在本机的行",
        "none_saved": "还没有保存的行。",
        "edit": "修改",
        "delete": "删除",
        "confirm_delete": "删除这一行？",
        "kept_mark": "有错误，已保留",
        "out_head": "交表",
        "xlsx": "下载登记表（Excel）",
        "csv": "下载 CSV",
        "append": "加到我的登记表",
        "append_hint": "选择你的 Excel 登记表（.xlsx）：已保存的行加在它最后一行的下面，原有的行和下拉选项都保留，然后下载新的文件；原文件不会改动。",
        "general": "整张登记表",
        "file": "请从手册的网站（http:// 或 https:// 开头的地址）打开本页：浏览器不允许从本地文件（file://）运行检查程序。",
        "no_storage": "这个浏览器不能在本机保存（IndexedDB 不可用，例如无痕模式）：刷新页面后填写的内容会丢失。",
        "loading": "正在启动检查程序（只在第一次下载，之后由浏览器缓存）……",
        "ready": "检查程序已就绪：填写时即检查。",
        "checking": "正在检查……",
        "ok": "这一行没有发现问题。",
        "blocked": "这一行有 {errors} 个错误：改正后再保存；如确需保留，按“仍然保存”。",
        "warned": "这一行有 {warnings} 个警告，可以保存，请核对。",
        "saved": "已保存，本机共 {rows} 行。",
        "deleted": "已删除，本机共 {rows} 行。",
        "editing": "正在修改已保存的第 {row} 行。",
        "counts": "{errors} 个错误，{warnings} 个警告",
        "nothing": "还没有保存的行，无法下载。",
        "making": "正在生成 {name}……",
        "written": "已生成 {name}。",
        "appended": "已在 {name} 最后一行的下面加上 {added} 行，原有的行和下拉选项都保留；新的文件是 {out}。",
        "failed": "检查程序出错：{message}。请刷新页面后重试。",
        "article": "依据 {article}",
        "form_page": "见表单页",
        "error": "错误",
        "warning": "警告",
    },
    "en": {
        "title": "Fill in on this page",
        "lead": "Fill in the {form} row by row on a phone or a PC: each column is checked as you type against the register's rules, and a problem is shown under its column with its article.",
        "lead_checklist": "Tick the {form} item by item on a phone or a PC, with the place, the date and the role of who checked; each item names its article.",
        "local": "What you fill in is kept only in this device's browser: it is not uploaded or sent anywhere, and filling in works offline. Download it when you are done and hand it in.",
        "back": "Back to the form's page",
        "required": "required",
        "choose": "— choose —",
        "yes": "Yes",
        "no": "No",
        "items": "Checks",
        "done": "Done",
        "note": "Remark",
        "save": "Save this row",
        "save_record": "Save this checklist",
        "keep": "Save anyway (keep the errors)",
        "new": "Clear, start a new row",
        "saved_head": "Rows saved on this device",
        "none_saved": "No rows saved yet.",
        "edit": "Edit",
        "delete": "Delete",
        "confirm_delete": "Delete this row?",
        "kept_mark": "Kept with errors",
        "out_head": "Hand it in",
        "xlsx": "Download register (.xlsx)",
        "csv": "Download CSV",
        "append": "Add to my workbook",
        "append_hint": "Choose your Excel register (.xlsx): the saved rows are added below its last row, its own rows and dropdowns are kept, and you download the new file; your file itself is not changed.",
        "general": "The register as a whole",
        "file": "Open this page from the handbook's web address (starting with http:// or https://): browsers do not run the checker from a local file (file://).",
        "no_storage": "This browser cannot keep rows on the device (no IndexedDB, e.g. in a private window): what you fill in is lost on reload.",
        "loading": "Starting the checker (downloaded only the first time, then kept by the browser)…",
        "ready": "The checker is ready: each row is checked as you type.",
        "checking": "Checking…",
        "ok": "No problems in this row.",
        "blocked": "This row has {errors} error(s): correct them before saving, or press “Save anyway” to keep them.",
        "warned": "This row has {warnings} warning(s): it can be saved; check them.",
        "saved": "Saved; {rows} row(s) on this device.",
        "deleted": "Deleted; {rows} row(s) on this device.",
        "editing": "Editing saved row {row}.",
        "counts": "{errors} error(s), {warnings} warning(s)",
        "nothing": "No rows saved yet: nothing to download.",
        "making": "Making {name}…",
        "written": "{name} is ready.",
        "appended": "Added {added} row(s) below the last row of {name}, keeping its rows and dropdowns; the new file is {out}.",
        "failed": "The checker failed: {message}. Reload the page and try again.",
        "article": "see {article}",
        "form_page": "see the form's page",
        "error": "Error",
        "warning": "Warning",
    },
}

# site/limits_page.py: the limits of reading a register, for IT (docs/*/limits.md)
SECTIONS["limits"] = {
    "zh": {
        "head": ("限制", "数值", "超过时"),
        "entry": "压缩包中每一部分解压后的大小",
        "total": "全部解压后的大小",
        "ratio": "每一部分的压缩比（大于 {floor} MB 的部分）",
        "text": "单元格展开后的文字总量（共享字符串每用一次计一次）",
        "cell": "读取的单元格长度",
        "columns": "读取的列数",
        "value": "报告中显示的值的长度",
        "page": "在线检查页面接受的文件大小",
        "marked": "生成标注副本的登记表大小（数据行数 × 表单列数）",
        "marked_unpacked": "生成标注副本的 Excel 登记表解压后的大小（所有工作表）",
        "no_copy": "照常检查，不生成标注副本，退出码 2",
        "cells": "{n} 个单元格",
        "same": "同一列同一问题在报告中列出的次数",
        "refused": "拒绝读取，退出码 2",
        "cut": "截断",
        "counted": "其余计数显示",
        "not_read": "页面不读取该文件",
        "mb": "{n} MB",
        "times": "{n} 倍",
        "chars": "{n} 个字符",
        "count": "{n} 列",
        "shown": "{n} 次",
    },
    "en": {
        "head": ("Limit", "Value", "Beyond it"),
        "entry": "Uncompressed size of one part of the zip",
        "total": "Uncompressed size of all parts",
        "ratio": "Compression ratio of one part (parts over {floor} MB)",
        "text": "Text the cells expand to (a shared string counts once per cell)",
        "cell": "Length of a cell read",
        "columns": "Columns read",
        "value": "Length of a value shown in a report",
        "page": "Size of a file the checker page takes",
        "marked": "Size of a register that gets a marked copy (data rows × the form's columns)",
        "marked_unpacked": "Unpacked size of an Excel register that gets a marked copy (all its sheets)",
        "no_copy": "checked, but no marked copy; exit code 2",
        "cells": "{n} cells",
        "same": "Times the same problem of one column is listed in a report",
        "refused": "refused, exit code 2",
        "cut": "cut",
        "counted": "the rest counted",
        "not_read": "the page does not read the file",
        "mb": "{n} MB",
        "times": "{n} times",
        "chars": "{n} characters",
        "count": "{n} columns",
        "shown": "{n} times",
    },
}

# registers/opening.py: the separators a text export was read with, in "no-header-text"
SECTIONS["separators"] = {
    "zh": {"comma": "逗号", "tab": "制表符", "semicolon": "分号"},
    "en": {"comma": "comma", "tab": "tab", "semicolon": "semicolon"},
}

# indicators/render_group.py, site/group_report.py: the report of many estates and the group
SECTIONS["group-report"] = {
    "zh": {
        "heading": "各项目与集团指标",
        "comparison": "各项目对比（主要指标）",
        "estate": "项目",
        "region": "区域",
        "group": "集团合计",
        "group_note": "集团数值 = 各项目分子之和 ÷ 各项目分母之和（不是各项目比率的平均）；每个项目用自己的总户数和物管员人数。",
        "estates_count": "{n} 个项目",
        "group_detail": "集团指标明细",
        "trend": "月度趋势（集团）",
        "month": "月份",
        "charts": "主要指标的月度趋势",
        "html_title": "各项目与集团回访与投诉指标",
        "generated": "依据登记表生成，只含合计数，不含姓名、电话或房号。",
    },
    "en": {
        "heading": "Indicators per estate and for the group",
        "comparison": "Estates compared (main indicators)",
        "estate": "Estate",
        "region": "Region",
        "group": "Group total",
        "group_note": "Group value = sum of the estates' numerators ÷ sum of their denominators (never a mean of rates); each estate uses its own households and officers.",
        "estates_count": "{n} estates",
        "group_detail": "The group's indicators in detail",
        "trend": "Monthly trend (group)",
        "month": "Month",
        "charts": "Monthly trend of the main indicators",
        "html_title": "Follow-up and complaint indicators per estate and for the group",
        "generated": "Made from the registers; totals only, no name, phone or flat number.",
    },
}

# blanks/repository.py: the files ``handbook new-registers`` writes into a new registers repository
SECTIONS["new-registers"] = {
    "zh": {
        "estate_name": "示例花园",
        "template": "模板.csv",
        "property_comment": "# 物业概况：本项目指标的分母（只写数字，不写姓名）。请改成本项目的实际数字。",
        "households_comment": "# 总户数：按户计算投诉率的分母",
        "officers_comment": "# 各物业类型的物管员人数：走访频率的分母",
        "readme": """# 登记表仓库

本仓库保存各物业项目填写好的登记表，每次提交都由 `handbook validate` 自动检查。

## 结构

- 每个项目一个文件夹，里面有 `property.yaml`（总户数、各物业类型的物管员人数）和每种登记表一个文件夹（文件夹名是表单编号，如 `complaint_register/`）。
- 区域可以把项目归在一起：`华东/示例花园/`。没有 `property.yaml` 的文件夹就是区域。
- 登记表文件放进对应的文件夹，CSV、XLSX、XLS、ODS 都可以，例如 `示例花园/complaint_register/2026-03.xlsx`。各文件夹里的 `模板.csv` 是空白表头，可以删除。
- 编号的引用（如处理通知单引用投诉编号）只在同一项目内核对。

## 新增一个项目

复制 `{example}` 文件夹，改名为项目名称，改写其中的 `property.yaml`。

## 给 IT 的说明

- `.github/workflows/registers.yml`：每次推送都检查全部登记表（`--jobs 2` 按项目并行），并生成各项目与集团的指标报告（静态网页，作为构建产物 `indicators` 下载，可发布到内网）。请把 `HANDBOOK_PACKAGE` 改成公司内部发布手册程序包的位置。
- `.pre-commit-config.yaml`：提交前在本机检查改动过的登记表（需要先 `pip install pre-commit` 并运行 `pre-commit install`）。
- 本机检查：`handbook validate . --jobs 2`；指标：`handbook report . --by estate`；分析用导出：`handbook export . --to 登记表.duckdb`。
- 退出码：0 通过（可有警告），1 数据有错，2 文件无法使用。
""",
    },
    "en": {
        "estate_name": "Sample Gardens",
        "template": "template.csv",
        "property_comment": "# Property description: the denominators of this estate's indicators (numbers only, no names). Change them to this estate's own.",
        "households_comment": "# households: the denominator of the complaint rate per household",
        "officers_comment": "# property officers per property type: the denominator of the visit frequency",
        "readme": """# Registers repository

This repository holds the filled-in registers of the company's estates; every push is checked by `handbook validate`.

## Layout

- One folder per estate, holding its `property.yaml` (households, property officers per property type) and one folder per register, named by the form id (e.g. `complaint_register/`).
- Regions may group estates: `East/Sample Gardens/`. A folder without a `property.yaml` is a region.
- Put register files in their folder, as CSV, XLSX, XLS or ODS, e.g. `Sample Gardens/complaint_register/2026-03.xlsx`. The `template.csv` in each folder is a blank header and may be deleted.
- Numbers referred to across registers (a notice naming a complaint) are checked within the same estate only.

## Adding an estate

Copy the `{example}` folder, rename it after the estate and change its `property.yaml`.

## For IT

- `.github/workflows/registers.yml`: every push checks every register (`--jobs 2`, estates in parallel) and builds the indicators report per estate and for the group (a static web page, downloadable as the `indicators` artifact, ready to publish on the intranet). Set `HANDBOOK_PACKAGE` to where the company publishes the handbook package.
- `.pre-commit-config.yaml`: changed registers are checked on your machine before each commit (`pip install pre-commit`, then `pre-commit install`).
- On a machine: `handbook validate . --jobs 2`; indicators: `handbook report . --by estate`; for analysts: `handbook export . --to registers.duckdb`.
- Exit codes: 0 valid (warnings allowed), 1 invalid data, 2 unusable input.
""",
    },
}

# cli/export.py
SECTIONS["export"] = {
    "zh": {
        "table": "{table}：{rows} 行",
        "unreadable": "有 {n} 个单元格无法识别，导出为空值；请先用 handbook validate 检查。",
    },
    "en": {
        "table": "{table}: {rows} rows",
        "unreadable": "{n} cells could not be read and were exported as nulls; check with handbook validate first.",
    },
}
