"""Messages about inputs and problems: form files, policy, register files, validation, indicators.

A message says what was found, what was expected and how to fix it. Codes are
stable kebab-case identifiers (they appear in JSON output); texts may improve.
"""

from __future__ import annotations

CATALOGUE: dict[str, tuple[str, str]] = {
    # ---- form files (lint) ------------------------------------------------------
    "file-not-found": (
        "找不到文件 {file}。请检查路径是否正确。",
        "No such file: {file}. Check the path.",
    ),
    "file-unreadable": (
        "无法读取文件 {file}：{reason}。请检查文件权限。",
        "Cannot read {file}: {reason}. Check the file's permissions.",
    ),
    "yaml-not-utf8": (
        "{file} 第 {line} 行不是 UTF-8 编码。请用 UTF-8 保存表单文件。",
        "{file} line {line} is not UTF-8. Save form files as UTF-8.",
    ),
    "yaml-syntax": (
        "YAML 无法解析：{problem}。请检查这一行及上一行的缩进、冒号和引号。",
        "YAML does not parse: {problem}. Check the indentation, colons and quotes on this line and the one above.",
    ),
    "form-not-mapping": (
        "表单文件的顶层必须是键值对（id、title、fields …）。",
        "The top level of a form file must be a mapping (id, title, fields …).",
    ),
    "unknown-key": (
        "未知的键“{key}”（位于 {where}）。可用的键：{allowed}。请检查拼写或删除该键。",
        "Unknown key '{key}' in {where}. Allowed keys: {allowed}. Fix the spelling or remove it.",
    ),
    "duplicate-key": (
        "键“{key}”重复（第 {first} 行已出现）。YAML 只会保留后一个，请删除其中一个。",
        "Key '{key}' appears twice (first on line {first}); YAML would keep only the last. Remove one.",
    ),
    "title-missing": (
        "{where} 的 {key} 缺少 {lang} 文本。请写成 {key}: {{zh: …, en: …}}，两种语言都要有。",
        "{where}: {key} has no {lang} text. Write {key}: {{zh: …, en: …}} with both languages.",
    ),
    "text-not-bilingual": (
        "{where} 的 {key} 只有一种语言。请写成 {key}: {{zh: …, en: …}}。",
        "{where}: {key} is a plain string. Write {key}: {{zh: …, en: …}}.",
    ),
    "bad-value": (
        "{where} 的 {key} 格式不对，应为 {expected}。",
        "{where}: {key} has the wrong shape; expected {expected}.",
    ),
    "bad-choice": (
        "{key} 的值“{value}”无效。可选：{allowed}。",
        "'{value}' is not a valid {key}. Choose one of: {allowed}.",
    ),
    "bad-form-id": (
        "表单 id“{value}”无效：请使用小写英文字母、数字和下划线，如 complaint_register。",
        "Form id '{value}' is not valid: use lower-case letters, digits and underscores, e.g. complaint_register.",
    ),
    "id-not-file-name": (
        "表单 id“{value}”与文件名“{stem}”不一致。请把 id 改为 {stem} 或重命名文件。",
        "Form id '{value}' differs from the file name '{stem}'. Set id: {stem} or rename the file.",
    ),
    "bad-field-name": (
        "字段名“{value}”无效：请使用小写英文字母、数字和下划线，如 received_at。",
        "Field name '{value}' is not valid: use lower-case letters, digits and underscores, e.g. received_at.",
    ),
    "duplicate-field": (
        "字段名“{name}”重复（第 {first} 行已定义）。每个字段名只能出现一次，请改名或删除。",
        "Field name '{name}' is defined twice (first on line {first}). Rename or remove one.",
    ),
    "unknown-type": (
        "字段“{name}”的类型“{type}”未知。可用类型：{allowed}。",
        "Field '{name}' has an unknown type '{type}'. Use one of: {allowed}.",
    ),
    "bad-pattern": (
        "字段“{name}”的 pattern 不是有效的正则表达式：{reason}。",
        "Field '{name}': pattern is not a valid regular expression: {reason}.",
    ),
    "duplicate-enum": (
        "字段“{name}”的取值“{value}”重复。请删除重复项。",
        "Field '{name}' lists the value '{value}' twice. Remove the duplicate.",
    ),
    "enum-label-missing": (
        "字段“{name}”的取值“{value}”缺少 {lang} 标签。每个取值都要写 zh 和 en：{{value: {value}, zh: …, en: …}}。",
        "Field '{name}': value '{value}' has no {lang} label. Give every value both: {{value: {value}, zh: …, en: …}}.",
    ),
    "unknown-field-ref": (
        "{key} 引用了不存在的字段“{name}”。请使用 fields 中定义的字段名。",
        "{key} names '{name}', which is not a field of this form. Use a name defined under fields.",
    ),
    "duplicate-checklist-id": (
        "检查项编号“{value}”重复。每个检查项的 id 必须唯一。",
        "Checklist item id '{value}' is used twice. Give each item its own id.",
    ),
    "checklist-empty": (
        "检查表（kind: checklist）没有任何检查项。请在 checklist 下列出检查项。",
        "A checklist (kind: checklist) has no items. List them under checklist.",
    ),
    "fields-empty": (
        "登记表（kind: register）没有任何字段。请在 fields 下定义字段。",
        "A register (kind: register) has no fields. Define them under fields.",
    ),
    "unknown-clause": (
        "{where} 引用的条款“{clause}”在手册中不存在。请使用手册页面上显示的条款编号（如 RV-12.1）。",
        "{where} cites clause '{clause}', which does not exist in the handbook. Use an article id shown on a handbook page (e.g. RV-12.1).",
    ),
    "form-invalid": (
        "表单文件 {file} 第 {line} 行有错误（共 {count} 处），请先运行 handbook lint 查看并修正。",
        "Form file {file} has errors ({count}; the first on line {line}). Run handbook lint to see and fix them.",
    ),
    "forms-folder-missing": (
        "找不到表单文件夹 {file}。请在手册项目目录中运行，或用 --forms 指定文件夹。",
        "Forms folder {file} not found. Run from the handbook project or pass --forms.",
    ),
    "unknown-form": (
        "未知的表单“{form}”。已有的表单：{known}。",
        "Unknown form '{form}'. Known forms: {known}.",
    ),
    "policy-invalid": (
        "策略文件 {file} 第 {line} 行有错误：",
        "The policy file {file} has an error on line {line}:",
    ),
    "previous-not-list": (
        "{where} 的 previous 应为旧值的列表，每项写明旧值及其最后一天，如 previous: [{{until: 2026-06-30, value: 14}}]。",
        "{where}: previous must be a list of earlier values, each with its last day in force, e.g. previous: [{{until: 2026-06-30, value: 14}}].",
    ),
    "previous-not-entry": (
        "{where} 的 previous 第 {n} 项应写成 {{until: 最后一天, value: 旧值}}，两个键都要有。",
        "{where}: item {n} of previous must read {{until: last day, value: earlier value}}, with both keys.",
    ),
    "previous-bad-date": (
        "{where} 的 previous 第 {n} 项的 {key}“{value}”不是日期。请写成年-月-日，如 2026-06-30（不加引号）。",
        "{where}: {key} of item {n} of previous, '{value}', is not a date. Write year-month-day, e.g. 2026-06-30 (no quotes).",
    ),
    "previous-bad-period": (
        "{where} 的 previous 第 {n} 项从 {start} 起，却在 {until} 就结束了。请检查 from 和 until 是否写反。",
        "{where}: item {n} of previous starts on {start} but ends on {until}, before it. Check whether from and until are swapped.",
    ),
    "previous-order": (
        "{where} 的 previous 第 {n} 项的 until {until} 早于前一项的 {before}。旧值要按时间先后排列，最早的写在最前面。",
        "{where}: until of item {n} of previous, {until}, is before the item above's, {before}. List earlier values oldest first.",
    ),
    "previous-overlap": (
        "{where} 的 previous 第 {n} 项从 {start} 起，与前一项（到 {before} 为止）重叠。每项从前一项 until 的次日开始：改正日期，或删去重复的一项。",
        "{where}: item {n} of previous starts on {start}, overlapping the item above (in force until {before}). Each item starts the day after the one above ends: fix the date or remove the repeated item.",
    ),
    "previous-gap": (
        "{where} 的 previous 第 {n} 项从 {start} 起，但前一项到 {before} 就结束了，中间的日子没有规定。请把 from 改为 {expected}，或删去 from。",
        "{where}: item {n} of previous starts on {start}, but the item above ends on {before}, leaving days with no rule. Set from: {expected}, or remove from.",
    ),
    "previous-bad-shape": (
        "{where} 的 previous 第 {n} 项的旧值 {value} 与现行值的形式不同，应为 {expected}（与 value 相同的键和单位）。",
        "{where}: the earlier value of item {n} of previous, {value}, does not have the form of value; expected {expected} (the same keys and unit as value).",
    ),
    "previous-bad-unit": (
        "{where} 的 previous 第 {n} 项的单位“{value}”不能用于这个设置。可选：{allowed}。",
        "{where}: item {n} of previous has the unit '{value}', which this setting cannot take. Choose one of: {allowed}.",
    ),
    "calendar-unknown-year": (
        "按工作日计算需要 {year} 年的法定节假日和调休安排，但所装的 chinese-calendar {version} 只包含 {first}–{last} 年（{date} 不在其中）。国务院公布新一年的安排后，请升级：pip install -U chinese-calendar。",
        "Counting working days needs the public holidays and make-up working days of {year}, but the installed chinese-calendar {version} knows only {first}–{last} ({date} is outside). Once the State Council has announced that year, upgrade it: pip install -U chinese-calendar.",
    ),
    "rule-calendar-unknown": (
        "无法判断是否超过“{setting}”的时限：它按工作日计算，而 {date} 所在的 {year} 年不在 chinese-calendar {version} 的范围（{first}–{last} 年）内。国务院公布该年安排后，请升级：pip install -U chinese-calendar。",
        "Cannot tell whether this row keeps the deadline of '{setting}': it counts working days, and {date} falls in {year}, outside what chinese-calendar {version} knows ({first}–{last}). Once the State Council has announced that year, upgrade it: pip install -U chinese-calendar.",
    ),
    "report-calendar-unknown": (
        "无法统计设置 {setting} 的按时率：",
        "The on-time rate of the setting {setting} cannot be computed:",
    ),
    "policy-setting-missing": (
        "缺少设置 {keys}。请在 policy.yaml 中补上（数值见手册各条款）。",
        "Settings {keys} are missing. Add them to policy.yaml (the handbook's articles give the values).",
    ),
    "editorial-invalid": (
        "编辑数据文件（术语表或勘误表）{file} 第 {line} 行有错误：",
        "The editorial file (glossary or errata) {file} has an error on line {line}:",
    ),
    "translation-stale": (
        "英文页面落后于中文原文：docs/zh/{page} 修改于 {changed}，docs/en/{page} 最后修改于 {translated}。请更新英文页面（编辑须知的修订记录页列出全部）。",
        "English page behind its Chinese source: docs/zh/{page} changed on {changed}, docs/en/{page} last on {translated}. Update the English page (the editors' change log page lists them all).",
    ),
    "tasks-invalid": (
        "任务页定义文件 {file} 第 {line} 行有错误：",
        "The task pages file {file} has an error on line {line}:",
    ),
    "task-unknown-policy": (
        "{where} 用到设置“{key}”，但 policy.yaml 中没有它（或没有这一项）。已有的设置：{known}。",
        "{where} names the setting '{key}', which policy.yaml lacks (or lacks that entry). Known settings: {known}.",
    ),
    "unknown-check": (
        "规则“{rule}”的检查类型“{check}”未知。可用：{allowed}。",
        "Rule '{rule}' has an unknown check '{check}'. Use one of: {allowed}.",
    ),
    "rule-unknown-field": (
        "规则“{rule}”的 {param} 引用了不存在的字段“{name}”。请使用本表单 fields 中的字段名。",
        "Rule '{rule}': {param} names '{name}', which is not a field of this form. Use a field defined under fields.",
    ),
    "rule-unknown-policy": (
        "规则“{rule}”的 {param} 引用了策略文件中不存在的“{name}”。可用的键：{known}。",
        "Rule '{rule}': {param} names '{name}', which is not a key of policy.yaml. Known keys: {known}.",
    ),
    "rule-needs-date": (
        "规则“{rule}”缺少参数 {param}：设置 {setting} 有旧值（previous），每行要按其日期当时的规定判断。请写上 {param}: 日期字段名。",
        "Rule '{rule}' needs the parameter {param}: the setting {setting} has earlier values (previous), and each row is judged by the value in force on its date. Add {param}: <date field>.",
    ),
    "rule-missing-param": (
        "规则“{rule}”（{check}）缺少参数 {param}。",
        "Rule '{rule}' ({check}) needs the parameter {param}.",
    ),
    "rule-unknown-form": (
        "规则“{rule}”引用了不存在的表单“{name}”。",
        "Rule '{rule}' names the form '{name}', which does not exist.",
    ),
    "rule-bad-id": (
        "规则缺少 id 或 id 重复：“{rule}”。每条规则需要唯一的 id（小写字母和连字符）。",
        "A rule has no id or a repeated one: '{rule}'. Give every rule a unique kebab-case id.",
    ),
    # ---- register files: unusable input ----------------------------------------------
    "path-not-found": (
        "找不到 {file}。请检查文件或文件夹路径。",
        "{file} does not exist. Check the file or folder path.",
    ),
    "no-register-files": (
        "{file} 中没有可检查的登记表（{types}）。",
        "{file} contains no register files to check ({types}).",
    ),
    "not-text": (
        "{file} 不是文本（CSV）或电子表格文件。能检查的文件：{types}。请在 Excel、WPS 或 LibreOffice 中“另存为” .xlsx 或 CSV UTF-8。",
        "{file} is neither a text (CSV) nor a spreadsheet file. These can be checked: {types}. In Excel, WPS or LibreOffice use Save As .xlsx or CSV UTF-8.",
    ),
    "bad-encoding": (
        "{file} 第 {line} 行无法按 {encoding} 解码。请用 --encoding 指定正确的编码（如 gb18030、utf-8、utf-16），或在 Excel 中另存为“CSV UTF-8”。",
        "{file} line {line} cannot be decoded as {encoding}. Pass --encoding (e.g. gb18030, utf-8, utf-16), or in Excel Save As 'CSV UTF-8'.",
    ),
    "unknown-encoding": (
        "未知的编码“{encoding}”。可用如 utf-8、utf-8-sig、gb18030、gbk、utf-16。",
        "Unknown encoding '{encoding}'. Use e.g. utf-8, utf-8-sig, gb18030, gbk, utf-16.",
    ),
    "no-such-sheet": (
        "{file} 中没有名为“{sheet}”的工作表。已有：{sheets}。",
        "{file} has no sheet '{sheet}'. Sheets: {sheets}.",
    ),
    "empty-file": (
        "{file} 是空的：没有表头行。请使用从手册下载的空白登记表。",
        "{file} is empty: there is no header row. Start from the blank register downloaded from the handbook.",
    ),
    "no-header": (
        "{file}：前 {rows} 行中找不到“{form}”的表头。表头应在第 1 行（或标题行下面的第 2 行），列名用中文标题、英文标题或字段名，例如：{example}。",
        "{file}: no header of '{form}' in the first {rows} rows. The header belongs on row 1 (or row 2 under a title row), with the zh title, en title or key of each column, e.g. {example}.",
    ),
    "form-not-recognised": (
        "{file}：无法判断这是哪一种登记表（文件夹名、文件名和表头都不匹配）。请用 --form 指定，可选：{known}。",
        "{file}: cannot tell which register this is (neither folder, file name nor header match). Pass --form, one of: {known}.",
    ),
    "form-ambiguous": (
        "{file}：可能是以下多种登记表之一：{candidates}。请用 --form 指定。",
        "{file}: could be any of these registers: {candidates}. Pass --form to choose.",
    ),
    # ---- register files: problems in the data -----------------------------------------
    "missing-column": (
        "缺少必填列“{column}”。请从空白登记表复制表头。",
        "The required column '{column}' is missing. Copy the header from the blank register.",
    ),
    "unknown-column": (
        "无法识别的列“{column}”，该列未检查。请使用空白登记表中的列名。",
        "Unrecognised column '{column}' was not checked. Use the column names of the blank register.",
    ),
    "duplicate-column": (
        "列“{column}”出现了两次。请删除多余的一列。",
        "The column '{column}' appears twice. Remove the extra column.",
    ),
    "required": (
        "“{column}”为必填项，不能为空。",
        "'{column}' is required and may not be empty.",
    ),
    "type-date": (
        "“{value}”不是有效日期。请写成 2026-03-05、2026/3/5 或 2026年3月5日。",
        "'{value}' is not a valid date. Write 2026-03-05, 2026/3/5 or 2026年3月5日.",
    ),
    "type-datetime": (
        "“{value}”不是有效的日期时间。请写成 2026-03-05 14:30 或 2026/3/5 14:30。",
        "'{value}' is not a valid date and time. Write 2026-03-05 14:30 or 2026/3/5 14:30.",
    ),
    "type-integer": (
        "“{value}”不是整数。请只填数字，如 3。",
        "'{value}' is not a whole number. Write digits only, e.g. 3.",
    ),
    "type-number": (
        "“{value}”不是数字。请只填数字，如 12.5。",
        "'{value}' is not a number. Write digits only, e.g. 12.5.",
    ),
    "type-boolean": (
        "“{value}”不是“是/否”。请填“是”或“否”。",
        "'{value}' is not yes/no. Write 是 (yes) or 否 (no).",
    ),
    "enum": (
        "“{value}”不是“{column}”的可选值。可选：{allowed}。",
        "'{value}' is not an allowed value of '{column}'. Choose one of: {allowed}.",
    ),
    "constraint-not-for-type": (
        "字段 {name} 的约束 {key} 不适用于类型 {type}（只适用于 {types}）。请删除该约束或改正字段类型。",
        "Constraint {key} of field {name} does not apply to type {type} (only to {types}). Remove it or correct the field's type.",
    ),
    "annotate-overwrites-input": (
        "--annotate {out} 会覆盖被检查的文件。请另选一个文件名，原文件不会被修改。",
        "--annotate {out} would overwrite a file being checked. Choose another name: the register itself is never changed.",
    ),
    "annotate-needs-folder": (
        "检查多个文件时，--annotate 需要一个文件夹（{out} 是文件）。每个登记表的标注副本写入该文件夹。",
        "With several files, --annotate takes a folder ({out} is a file). Each register's annotated copy is written into it.",
    ),
    "enum-near-miss": (
        "“{value}”不是“{column}”的可选值。是不是“{suggestion}”？可选：{allowed}。",
        "'{value}' is not an allowed value of '{column}'. Did you mean '{suggestion}'? Choose one of: {allowed}.",
    ),
    "number-scientific": (
        "“{column}”中的“{value}”是科学计数法：{program}把号码当成了数字，后面几位已经丢失。请把这一列设为“文本”格式，再重新输入完整号码（如 {example}）。",
        "'{value}' in '{column}' is in scientific notation: {program} took the number for a quantity and its last digits are lost. Set the column's format to Text and type the whole number again (e.g. {example}).",
    ),
    "number-lost-zero": (
        "“{column}”中的“{value}”丢了开头的 0：{program}把号码当成了数字。请把这一列设为“文本”格式，再重新输入号码（如 {example}）。",
        "'{value}' in '{column}' has lost its leading 0: {program} took the number for a quantity. Set the column's format to Text and type the number again (e.g. {example}).",
    ),
    "pattern": (
        "“{value}”的格式不对。应与示例一致，例如 {example}。",
        "'{value}' does not have the expected form, e.g. {example}.",
    ),
    "max-length": (
        "内容有 {length} 个字，超过上限 {limit} 个字。请精简。",
        "The text has {length} characters, more than the limit of {limit}. Shorten it.",
    ),
    "min-length": (
        "内容少于 {limit} 个字。",
        "The text is shorter than {limit} characters.",
    ),
    "minimum": (
        "“{value}”小于允许的最小值 {limit}。",
        "'{value}' is less than the minimum of {limit}.",
    ),
    "maximum": (
        "“{value}”大于允许的最大值 {limit}。",
        "'{value}' is more than the maximum of {limit}.",
    ),
    "unique": (
        "“{value}”与第 {first} 行重复。“{column}”在登记表中必须唯一。",
        "'{value}' repeats row {first}. '{column}' must be unique in the register.",
    ),
    "unique-key": (
        "{columns} 的组合（{value}）与第 {first} 行重复，必须唯一。",
        "The combination of {columns} ({value}) repeats row {first}; it must be unique.",
    ),
    # ---- regulation rules --------------------------------------------------------------
    "rule-order": (
        "“{later_col}”（{later}）早于“{earlier_col}”（{earlier}）。请核对这两个时间。",
        "'{later_col}' ({later}) is before '{earlier_col}' ({earlier}). Check both dates.",
    ),
    "rule-within": (
        "“{end_col}”（{end}）距“{start_col}”（{start}）{elapsed}，超过{allowed}{selector}。",
        "'{end_col}' ({end}) is {elapsed} after '{start_col}' ({start}), more than {allowed}{selector}.",
    ),
    "rule-required-if": (
        "“{cond_col}”为“{cond_value}”时，“{column}”必须填写。",
        "'{column}' is required when '{cond_col}' is '{cond_value}'.",
    ),
    "rule-required-if-filled": (
        "填写了“{cond_col}”时，“{column}”也必须填写。",
        "'{column}' is required once '{cond_col}' is filled in.",
    ),
    "rule-reference": (
        "“{value}”在{target_form}的“{target_col}”中找不到。请核对编号，或一并检查该登记表。",
        "'{value}' is not found in '{target_col}' of the {target_form}. Check the number, or validate that register too.",
    ),
    "reference-not-checked": (
        "本次检查不包括{target_form}，“{column}”的编号未核对。请把两个登记表一起检查。",
        "The {target_form} is not part of this run, so '{column}' was not cross-checked. Validate both registers together.",
    ),
    "rule-share": (
        "{period}“{label}”完成的占 {share}（{count}/{total}），低于{allowed}。",
        "{period}'{label}' accounts for {share} ({count} of {total}), below {allowed}.",
    ),
    "rule-coverage": (
        "{period}已填写“{among_col}”的 {total} 行中，只有 {count} 行填写了“{column}”（{share}），低于{allowed}。",
        "{period}Of the {total} rows with '{among_col}', only {count} have '{column}' ({share}), below {allowed}.",
    ),
    "rule-interval": (
        "{group}：{previous} 至 {date} 相隔{gap}，超过{allowed}。",
        "{group}: {gap} between {previous} and {date}, more than {allowed}.",
    ),
}


CATALOGUE.update(
    {
        "unmasked-phone": (
            "“{column}”中有未脱敏的手机号（{masked}）。对外提供前请写成 138****1234 的形式。",
            "'{column}' holds an unmasked mobile number ({masked}). Mask it as 138****1234 before the register leaves the office.",
        ),
        "unmasked-id-card": (
            "“{column}”中有身份证号码。登记表不应保存身份证号，请删除或脱敏。",
            "'{column}' holds an ID-card number. Registers should not keep ID numbers: remove or mask it.",
        ),
        "unmasked-name": (
            "“{column}”中的姓名“{value}”未脱敏。对外提供前请写成 张** 或 张先生。",
            "The name '{value}' in '{column}' is not masked. Write it as 张** or 张先生 (Mr Zhang) before publishing.",
        ),
        "formula-injection": (
            "单元格以“{first}”开头，Excel 可能把它当作公式执行。请在前面加一个单引号或改写。",
            "The cell starts with '{first}', which Excel may run as a formula. Put an apostrophe before it or reword it.",
        ),
        "not-shown": (
            "另有 {count} 个问题未显示（--max-errors {limit}）。",
            "{count} more problems not shown (--max-errors {limit}).",
        ),
    }
)

# ---- indicators (handbook report, the Indicators page) ------------------------------
CATALOGUE.update(
    {
        "bad-period": (
            "无法识别的统计期“{value}”。请写成年份 2026、季度 2026-Q1 或月份 2026-03。",
            "'{value}' is not a period. Write a year (2026), a quarter (2026-Q1) or a month (2026-03).",
        ),
        "estate-invalid": (
            "物业概况文件 {file} 第 {line} 行有误：{key} 应为 {expected}。",
            "The property description {file} line {line}: {key} should be {expected}.",
        ),
    }
)

CATALOGUE.update(
    {
        "rule-at-most": (
            "“{column}”（{value}）不能大于“{limit_col}”（{limit}）。",
            "'{column}' ({value}) cannot be more than '{limit_col}' ({limit}).",
        ),
        "rule-count": (
            "{month}：“{label}”共 {count} 次，少于{allowed}。",
            "{month}: '{label}' {count} times, fewer than {allowed}.",
        ),
    }
)

CATALOGUE.update(
    {
        "rule-reference-order": (
            "“{local_col}”（{local}）早于{target_form}中编号“{value}”的“{target_date_col}”（{target_date}）。请核对日期或编号。",
            "'{local_col}' ({local}) is before '{target_date_col}' ({target_date}) of '{value}' in the {target_form}. Check the date or the number.",
        ),
    }
)

CATALOGUE.update(
    {
        "rule-schedule-gap": (
            "“{key_col}” {key}：没有第 {round} 轮的记录（应于 {due} 回访），而第 {later} 轮已有记录。请补记或核对轮次。",
            "'{key_col}' {key}: round {round} (due {due}) has no record, while round {later} has one. Record it or check the round numbers.",
        ),
    }
)

CATALOGUE.update(
    {
        "task-number-kind": (
            "{where} 的设置“{key}”标为 {kind}，与 policy.yaml 不符：没有条款规定的数值（公司规定）在 policy.yaml 中写 company 说明，在步骤的 numbers 中标 company；条款规定的数值两处都不标。",
            "{where} marks the setting '{key}' as {kind}, which policy.yaml contradicts: a value no article sets (a company choice) has a company note in policy.yaml and is marked company under the step's numbers; a value an article sets has neither.",
        ),
        "task-number-articles": (
            "{where} 显示设置“{key}”的数值，但规定它的条款（{clauses}）都不在本步骤的 articles 中。请引用规定它的条款，或把它标为公司规定。",
            "{where} shows the value of the setting '{key}', but none of the articles that set it ({clauses}) is among the step's articles. Cite an article that sets it, or mark it as a company choice.",
        ),
        "task-unknown-article": (
            "{where} 引用的条款 {articles} 在手册中不存在。",
            "{where} cites {articles}, which no page of the handbook defines.",
        ),
    }
)

# fill.py: adding rows filled in on a form's page to a person's workbook
CATALOGUE.update(
    {
        "fill-not-xlsx": (
            "{file} 不是 Excel 工作簿（.xlsx）。请选择一个 .xlsx 登记表；WPS 或旧版 Excel 的文件请先“另存为” .xlsx。",
            "{file} is not an Excel workbook (.xlsx). Choose an .xlsx register; save a WPS or old Excel file as .xlsx first.",
        ),
    }
)

# hostile and careless input (issue 19): limits, marked-copy targets, memory
CATALOGUE.update(
    {
        "too-large-to-read": (
            "{file} 解压后过大（{entry}：{size} MB），不予读取：每一部分不超过 {limit} MB、压缩比不超过 {ratio} 倍。正常的登记表远小于此；请在 Excel 或 WPS 中打开后“另存为”.xlsx，或把数据分成几个文件。",
            "{file} expands to too much to read ({entry}: {size} MB): each part may hold at most {limit} MB, compressed at most {ratio} times. A real register is far smaller; open it in Excel or WPS and Save As .xlsx, or split the data into several files.",
        ),
        "too-much-text": (
            "{file} 的单元格展开后文字过多（{entry} 超过 {chars} 个字符），不予读取。多半是一段很长的文字被复制到了大量单元格；请删去这些单元格后再检查。",
            "{file}: its cells expand to too much text ({entry}: more than {chars} characters), so it is not read. Most likely one long text was copied into very many cells; delete those cells and check it again.",
        ),
        "out-of-memory": (
            "检查 {file} 时内存不足，已停止。请把登记表分成几个较小的文件，或在内存更大的电脑上检查。",
            "Ran out of memory while checking {file}; stopped. Split the register into smaller files, or check it on a computer with more memory.",
        ),
        "command-out-of-memory": (
            "内存不足，检查已停止（不是登记表数据有误）。请把登记表分成几个较小的文件再检查，或在内存更大的电脑上检查。",
            "Ran out of memory; the check stopped (this says nothing about the data). Split the registers into smaller files, or check them on a computer with more memory.",
        ),
        "too-deeply-nested": (
            "{file} 的内部结构嵌套过深，无法读取。正常的登记表不会这样；请在 Excel 或 WPS 中打开后“另存为”.xlsx 再检查。",
            "{file} is nested too deeply inside to be read. A real register never is; open it in Excel or WPS, Save As .xlsx and check it again.",
        ),
        "annotate-unwritable": (
            "无法写入标注副本 {out}：{reason}。检查结果已在上面列出；请选择一个可写的文件夹（并确认磁盘未满）后再用 --annotate。",
            "Cannot write the marked copy {out}: {reason}. The report is above; choose a folder you can write to (and check the disk is not full), then use --annotate again.",
        ),
        "annotate-too-large": (
            "{file} 有 {rows} 行，标注副本最多做 {limit} 行，未生成标注副本；请按上面列出的问题修改，或把登记表分成几个文件。",
            "{file} has {rows} rows; a marked copy is made for at most {limit}, so none was written. Correct the problems listed above, or split the register into several files.",
        ),
        "same-problem-more": (
            "……同一问题在“{column}”列另有 {count} 处（第 {first}–{last} 行）；标注副本逐格标出。",
            "… and {count} more of the same problem in column '{column}' (rows {first}–{last}); the marked copy marks every cell.",
        ),
    }
)

CATALOGUE.update(
    {
        "lexicon-invalid": (
            "检索词表 {file} 第 {line} 行有误：{where} 的 {key} 应为 {expected}。每条写成 say（大家的说法）、find（手册里的词）、from（说法的来源）。",
            "The search lexicon {file} line {line}: {key} of {where} should be {expected}. Each entry has say (the words people use), find (the handbook's words) and from (where the usage comes from).",
        ),
    }
)

CATALOGUE.update(
    {
        "workbook-damaged": (
            "无法打开电子表格 {file}：文件可能已损坏、加了密码，或者不是它的扩展名所说的格式。请在原来的程序中打开它，“另存为” .xlsx 后再试。",
            "Cannot open the spreadsheet {file}: it may be damaged, password-protected, or not the format its extension says. Open it in the program that made it, Save As .xlsx, and try again.",
        ),
        "text-read-as": (
            "读取时按 {encoding} 编码，试过的分隔符：{separators}。编码不对时请用 --encoding 指定，或另存为“CSV UTF-8”。",
            "It was read as {encoding}, trying the separators {separators}. If the encoding is wrong, pass --encoding, or Save As 'CSV UTF-8'.",
        ),
        "date-in-text": (
            "“{column}”中的“{value}”被{program}变成了日期（原来输入的可能是编号，如 1-1-2001）。请把这一列设为“文本”格式，再重新输入。",
            "'{value}' in '{column}' was turned into a date by {program} (what was typed may have been a code such as 1-1-2001). Set the column's format to Text and type it again.",
        ),
        "marked-copy-skipped": (
            "{file} 是之前生成的标出问题的副本（原表 {original} 也在检查之列），已跳过。",
            "{file} is a marked copy made earlier (its register {original} is checked too); skipped.",
        ),
    }
)

# ---- many estates (handbook report --by estate, export, new-registers) --------------------
CATALOGUE.update(
    {
        "no-estates": (
            "{file} 下没有物业项目：每个项目的文件夹里应有一个 property.yaml（总户数、物管员人数）。用 handbook new-registers 可建立示例结构。",
            "There is no estate under {file}: each estate's folder should hold a property.yaml (households, property officers). handbook new-registers sets up an example layout.",
        ),
        "export-target": (
            "无法写入 {file}：{reason}。请写 --to 文件名.duckdb，或一个空文件夹（Parquet）。",
            "Cannot write {file}: {reason}. Write --to NAME.duckdb, or an empty folder (Parquet).",
        ),
        "new-registers-not-empty": (
            "{file} 已存在且不是空文件夹；为免覆盖已有文件，请指定一个新的或空的文件夹。",
            "{file} exists and is not an empty folder; to overwrite nothing, give a new or empty folder.",
        ),
    }
)

# registers/reading.py: a text file the csv module cannot split, said without its words
CATALOGUE.update(
    {
        "text-unparsable": (
            "{file} 第 {line} 行无法按表格读取：可能有不成对的引号、空字符（NUL）或极长的单元格。请在电子表格程序中打开它，另存为“CSV UTF-8”后再试。",
            "{file} line {line} cannot be read as a table: it may hold an unpaired quote, a NUL character or an extremely long cell. Open it in a spreadsheet program, save it as CSV UTF-8, and try again.",
        ),
    }
)

# validate/unique_files.py: a unique value or key repeated in another file of the same estate
CATALOGUE.update(
    {
        "unique-across-files": (
            "“{value}”已出现在 {first_file} 第 {first} 行。“{column}”在同一项目的登记表中必须唯一，即使分几个文件登记；请核对两处，改正编号或删去重复登记的一行。",
            "'{value}' is already in {first_file}, row {first}. '{column}' must be unique in the estate's register, even when it is kept in several files; check both places and correct the number or remove the row entered twice.",
        ),
        "unique-key-across-files": (
            "{columns} 的组合（{value}）已出现在 {first_file} 第 {first} 行；在同一项目的登记表中必须唯一，即使分几个文件登记。请核对两处。",
            "The combination of {columns} ({value}) is already in {first_file}, row {first}; it must be unique in the estate's register, even when it is kept in several files. Check both places.",
        ),
    }
)
