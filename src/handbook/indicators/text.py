"""Every word of the indicator report and page, in Chinese and English, from one place."""

from __future__ import annotations

from handbook.model.form import Text

SECTION_TITLES = {
    "satisfaction": Text("业主满意度", "Owner satisfaction"),
    "followups": Text("回访", "Follow-ups"),
    "complaints": Text("投诉", "Complaints"),
    "hotline": Text("热线", "Hotline"),
    "visits": Text("走访", "Door-to-door visits"),
}

#: key → (title, formula in words).
INDICATORS: dict[str, tuple[Text, Text]] = {
    "survey_satisfaction": (
        Text(
            "业主意见调查满意率（总体及分项）", "Owner survey satisfaction (overall and per item)"
        ),
        Text(
            "满意答案数 ÷ 有效答案数（不含未评价）；总满意率按 policy 的 overall_rate_method 合并计算或取八项平均",
            "satisfied answers ÷ valid answers (no answer left out); overall pooled or the mean of the eight items, per overall_rate_method",
        ),
    ),
    "survey_response_rate": (
        Text("调查表回收率", "Survey response rate"),
        Text("回收份数 ÷ 发放份数", "forms returned ÷ forms issued"),
    ),
    "survey_coverage": (
        Text("调查覆盖率", "Survey coverage"),
        Text("发放份数 ÷ 入住户数", "forms issued ÷ occupied flats"),
    ),
    "followup_rate": (
        Text("回访率（总体）", "Follow-up rate (overall)"),
        Text(
            "已回访数 ÷ 应回访数（完工维修 + 办结投诉）",
            "follow-ups done ÷ items due (completed repairs + closed complaints)",
        ),
    ),
    "repair_role_quota": (
        Text("维修回访比例（按回访人职务）", "Repair follow-ups by role, against the quotas"),
        Text(
            "该职务回访的维修数 ÷ 完工维修数",
            "repairs followed up by the role ÷ completed repairs",
        ),
    ),
    "repair_followup_on_time": (
        Text("维修回访及时率（按维修类别）", "On-time repair follow-ups, by repair class"),
        Text(
            "期限内回访数 ÷ 已回访数（完工当天为第 0 天）",
            "follow-ups within the window ÷ follow-ups done (completion day is day 0)",
        ),
    ),
    "complaint_followup_on_time": (
        Text("投诉回访及时率", "On-time complaint follow-ups"),
        Text(
            "办结后期限内回访数 ÷ 已回访投诉数",
            "follow-ups within the window after closure ÷ complaints followed up",
        ),
    ),
    "followup_resolution_rate": (
        Text("回访处理率", "Follow-up resolution rate"),
        Text(
            "已解决的问题 ÷ 回访、走访中发现的问题（整改复查不合格的不算解决）",
            "problems resolved ÷ problems found at follow-ups and visits (a failed re-check is not resolved)",
        ),
    ),
    "repair_satisfaction": (
        Text("维修回访满意率", "Satisfaction at repair follow-ups"),
        Text("满意评价数 ÷ 有效评价数", "satisfied ratings ÷ valid ratings"),
    ),
    "followup_satisfaction": (
        Text("回访满意率（回访记录表）", "Satisfaction at follow-ups (follow-up record)"),
        Text("满意评价数 ÷ 有效评价数", "satisfied ratings ÷ valid ratings"),
    ),
    "complaint_rate_per_household": (
        Text("有效投诉率（按户）", "Substantiated complaints per household"),
        Text(
            "有效投诉数 ÷ 总户数（property.yaml）",
            "substantiated complaints ÷ households (property.yaml)",
        ),
    ),
    "substantiated_share": (
        Text("有效投诉占比", "Share of complaints substantiated"),
        Text("有效投诉数 ÷ 受理投诉数", "substantiated complaints ÷ complaints received"),
    ),
    "complaint_on_time_rate": (
        Text("投诉处理及时率", "On-time complaint resolution"),
        Text(
            "按时办结的有效投诉 ÷ 本期到期的有效投诉（逾期未办结的算作不及时）",
            "substantiated complaints closed by the due time ÷ those due in the period (open past due counts as late)",
        ),
    ),
    "complaint_followup_satisfaction": (
        Text("投诉回访满意率", "Satisfaction at complaint follow-ups"),
        Text(
            "满意评价数 ÷ 有效评价数（不含未评价、联系不上）",
            "satisfied ratings ÷ valid ratings (no answer and unreachable left out)",
        ),
    ),
    "hotline_response_rate": (
        Text("热线响应率", "Hotline response rate"),
        Text("已首次联系的工单 ÷ 已派单工单", "tickets with a first contact ÷ tickets dispatched"),
    ),
    "hotline_resolution_rate": (
        Text("热线解决率", "Hotline resolution rate"),
        Text("评为已解决的工单 ÷ 已评价工单", "tickets rated resolved ÷ tickets rated"),
    ),
    "hotline_satisfaction": (
        Text("热线满意率", "Hotline satisfaction rate"),
        Text(
            "满意评价数 ÷ 有效评价数（重办的以重办后评价为准，拒绝评价不计）",
            "satisfied ratings ÷ valid ratings (the re-rating counts for a reopened ticket; declined left out)",
        ),
    ),
    "visits_per_officer": (
        Text("物管员人均走访次数", "Visits per property officer"),
        Text(
            "物管员走访次数 ÷ 物管员人数；目标为本期应走访次数",
            "property officers' visits ÷ officers; the target is the visits due in the period",
        ),
    ),
    "visit_frequency_rate": (
        Text("走访频率达标率", "Officers meeting the visit frequency"),
        Text(
            "走访次数达到要求的物管员 ÷ 物管员人数",
            "officers who made the required visits ÷ officers",
        ),
    ),
}

_WORDS = {
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
        "unreadable": "有 {n} 个单元格无法识别，未计入；请先运行 handbook validate。",
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
        "unreadable": "{n} cells could not be read and were left out; run handbook validate first.",
        "households": "{n} households",
        "no_households": "no household count (property.yaml): the rate per household has no data",
    },
}


def words(lang: str) -> dict[str, str]:
    """The fixed words of the report in ``lang``."""
    return _WORDS["en" if lang == "en" else "zh"]


def title(key: str, lang: str) -> str:
    """The title of indicator ``key`` in ``lang``."""
    found = INDICATORS.get(key)
    return found[0].get(lang) if found else key


def formula(key: str, lang: str) -> str:
    """How indicator ``key`` is computed, in words."""
    found = INDICATORS.get(key)
    return found[1].get(lang) if found else ""
