"""The shape of a plan read from text (importer output, plan_create_from_parsed input).

Plain data: the importer fills it from pasted text or a .docx, the user corrects the draft on
screen, and plans.services turns it into model rows. Nothing here touches the database.
"""

import datetime
import re
from dataclasses import dataclass, field

from units import vn


class BlockKind:
    HEADING = "heading"  # "I. MỤC ĐÍCH, YÊU CẦU", "1. Mục đích:", "a) ..."
    PARAGRAPH = "paragraph"
    BULLET = "bullet"  # "- ..." lines
    TABLE = "table"  # a free table: rows of cells, first row the header
    TASK = "task"  # a task line; the text lives in ParsedPlan.tasks[task_index]
    TASKS_TABLE = "tasks_table"  # the two-column time/content table made of the plan's tasks
    TARGETS = "targets"  # the key-targets table made of ParsedPlan.targets


@dataclass
class ParsedTask:
    content: str
    period_kind: str = ""  # "quarter" | "month" | "range" | ""
    period_value: int | None = None  # 1-4 for a quarter, 1-12 for a month
    start_date: datetime.date | None = None  # for "range"
    due_date: datetime.date | None = None
    lead_unit_hint: str = ""  # text naming the lead unit, when the plan says it
    unit_group: str = ""  # "all" | "hospitals" | "health_centres" | "offices": addressed to a group
    recurrence: str = ""  # "monthly" | "quarterly" | "half_yearly": "hằng quý", "định kỳ 6 tháng"
    deadline_text: str = ""  # the phrase the due date or the recurrence was read from

    @property
    def unit_group_label(self) -> str:
        from plans.enums import UnitGroup  # the enums import this module

        return (
            str(UnitGroup(self.unit_group).label) if self.unit_group in UnitGroup.values else self.unit_group
        )


@dataclass
class ParsedTargetValue:
    label: str  # "" for a single value, "Tuyến tỉnh" for a sub-value
    planned: str  # as written: "12.884", "9,0", "80"
    unit_of_measure: str = ""


@dataclass
class ParsedTarget:
    indicator: str  # "Số TE dưới 1 tuổi được tiêm chủng đầy đủ" (numbering removed)
    unit_of_measure: str = ""
    values: list[ParsedTargetValue] = field(default_factory=list)
    note: str = ""


@dataclass
class ParsedSubmission:
    """'Units send X before date D' found in the text."""

    title: str
    due_date: datetime.date | None = None
    source_text: str = ""


@dataclass
class ParsedBlock:
    kind: str
    text: str = ""
    level: int = 0  # headings: 1 for "I.", 2 for "1.", 3 for "a)"
    numbering: str = ""  # "I.", "1.", "a)"; the text excludes it
    rows: list[list[str]] = field(default_factory=list)  # TABLE only
    task_index: int | None = None  # TASK only
    # Inline bold and italic kept from a .docx: [start, end, "b" | "i"] over the block's text
    # (over the task's content for a TASK block); in a TABLE, [row, column, start, end, kind]
    # over the text of that cell (row 0 the header); in a TASKS_TABLE, [task index, start, end,
    # kind] over the content of ParsedPlan.tasks[task index].
    marks: list[list] = field(default_factory=list)


@dataclass
class ParsedPlan:
    doc_type: str = "KẾ HOẠCH"  # "CÔNG VĂN" for an official letter (no type line, a "V/v" subject)
    kind: str = ""  # plans.enums.PlanKind value read from the title: annual, review, campaign, ...
    authority_line: str = ""  # "UBND TỈNH HÀ NAM"
    issuer_line: str = ""  # "SỞ Y TẾ", "HỘI ĐỒNG THI ĐUA - KHEN THƯỞNG"
    addressees: list[str] = field(default_factory=list)  # a letter's "Kính gửi:"
    number: int | None = None
    symbol: str = ""  # "KH-SYT", "KH-HĐTĐKT"
    place: str = ""
    issue_date: datetime.date | None = None  # None while day or month is blank in a draft
    issue_month: int | None = None  # the month as written, also when the day is blank ("ngày tháng 3")
    year: int | None = None
    title: str = ""  # trích yếu, without the document type
    legal_bases: list[str] = field(default_factory=list)
    blocks: list[ParsedBlock] = field(default_factory=list)
    tasks: list[ParsedTask] = field(default_factory=list)
    targets: list[ParsedTarget] = field(default_factory=list)
    submissions: list[ParsedSubmission] = field(default_factory=list)
    recipients: list[str] = field(default_factory=list)  # "Ban TĐKT tỉnh;" ... "Lưu: VT, VP."
    signer_prefix: str = ""  # "KT." | "TM." | "TL." | "TUQ." | ""
    signer_prefix_title: str = ""  # the line after the prefix: "GIÁM ĐỐC", "HỘI ĐỒNG"
    signer_position: str = ""  # "PHÓ GIÁM ĐỐC"; several lines joined by "\n"
    signer_name: str = ""
    warnings: list[str] = field(default_factory=list)  # what the importer could not place
    broken_lines: list[int] = field(default_factory=list)  # source lines with words broken apart

    @property
    def date_line(self) -> str:
        """The place-and-date line as read, for the screen: 'Hà Nam, ngày … tháng 3 năm 2022'
        (a blank the office fills in by hand shows as '…')."""
        if self.issue_date:
            text = vn.place_date(self.place, self.issue_date)
        else:
            text = vn.place_date(self.place, None, year=self.year, month=self.issue_month)
        return " ".join(re.sub(r" {3,}", " … ", text).split())
