"""A Plan (kế hoạch) as an OfficialDocument: the one context builder behind its PDF and its DOCX.

``plan_document(plan)`` reads the plan's blocks, tasks and key targets in three queries and lays
them out as the body blocks of ``reports.documents`` (see its docstring for their shapes):

- a TASK block prints its task in place: as a "- " line, or as the numbered paragraph it was
  written as ("1.", "a)");
- the TASKS_TABLE block is the two-column "Thời gian | Nội dung công việc" table of the tasks
  not printed in place, grouped by period ("Quý I", "Tháng 3" from ``units.vn``; a date range
  prints its dates), periods in calendar order, tasks in plan order inside a period;
- the TARGETS block is the key-targets table: "n. indicator" with its sub-values' labels below
  it ("- Tuyến tỉnh"), the units of measure, the planned values and the note;
- a plan whose tasks or targets have no block to print them (made in the editor, say) gets the
  table appended before the closing "Trên đây là ..." paragraph, so nothing is left out.

The header prints "Số:" through ``units.numbering.format_number`` and the place-date line through
``units.vn.place_date``: a draft leaves the number and the day blank (the month and year stay
when they are known: from the date, or the month alone from ``Plan.issue_month``), as the office
prints a draft for signature.
"""

from __future__ import annotations

import datetime

from plans.enums import BlockKind, PeriodKind, PlanStatus
from plans.models import KeyTarget, Plan, PlanBlock, PlanTask
from units import vn
from units.numbering import file_number, format_number

from .documents import OfficialDocument, task_block, tasks_table_marks, written_block

TASKS_TABLE_HEADER = ["Thời gian", "Nội dung công việc"]
TARGETS_HEADER = ["CHỈ TIÊU", "ĐƠN VỊ TÍNH", "KẾ HOẠCH", "GHI CHÚ"]
CLOSING_PREFIX = "Trên đây là"


# ---------------------------------------------------------------------------
# Tables made of the plan's rows
# ---------------------------------------------------------------------------
def task_period_label(task: PlanTask) -> str:
    """'Quý I', 'Tháng 3', '01/03/2022 – 15/04/2022' or '' (no period)."""
    if task.period_kind in (PeriodKind.QUARTER, PeriodKind.MONTH) and task.period_value:
        try:
            return vn.period_label(task.period_kind, task.period_value)
        except ValueError:
            return ""
    if task.period_kind == PeriodKind.RANGE and (task.start_date or task.end_date):
        start = task.start_date.strftime("%d/%m/%Y") if task.start_date else "…"
        end = task.end_date.strftime("%d/%m/%Y") if task.end_date else "…"
        return f"{start} – {end}"
    return ""


def _period_start(task: PlanTask, year: int) -> datetime.date:
    """Where the task's period begins, to order the rows; tasks without a period go last."""
    value = task.period_value or 0
    try:
        if task.period_kind == PeriodKind.QUARTER and 1 <= value <= 4:
            return datetime.date(year, value * 3 - 2, 1)
        if task.period_kind == PeriodKind.MONTH and 1 <= value <= 12:
            return datetime.date(year, value, 1)
    except ValueError:
        pass
    if task.period_kind == PeriodKind.RANGE and task.start_date:
        return task.start_date
    return datetime.date.max


def tasks_table_rows(tasks: list[PlanTask], year: int) -> list[list]:
    """[[period label, [content, ...]], ...]: one row per period, in calendar order."""
    ordered = sorted(tasks, key=lambda t: _period_start(t, year))  # stable: plan order inside a period
    rows: list[list] = []
    for task in ordered:
        label = task_period_label(task)
        if rows and rows[-1][0] == label:
            rows[-1][1].append(task.content)
        else:
            rows.append([label, [task.content]])
    return rows


def targets_table_rows(targets: list[KeyTarget]) -> list[list]:
    """One row per target; sub-values print as '- label' lines under the indicator, their units
    and planned values one per line beside them (as the seeds lay them out)."""
    rows = []
    for n, target in enumerate(targets, start=1):
        values = list(target.values.all())
        labels = [f"- {v.label}" for v in values if v.label]
        units = [v.unit_of_measure or target.unit_of_measure for v in values] or [target.unit_of_measure]
        rows.append(
            [
                [f"{n}. {target.indicator}", *labels],
                units,
                [v.planned for v in values],
                target.note,
            ]
        )
    return rows


# ---------------------------------------------------------------------------
# Header lines
# ---------------------------------------------------------------------------
def plan_place_date(plan: Plan) -> str:
    return plan.place_date_line


def plan_number_text(plan: Plan) -> str:
    """'Số: 01/KH-SYT'; a draft (no number yet) prints 'Số:      /KH-SYT'."""
    number = plan.number if plan.status != PlanStatus.DRAFT else None
    return format_number(number, plan.symbol)


def _recipient(line: str) -> str:
    """The documents template writes the leading '- ' itself."""
    return line.strip().lstrip("-–•").strip()


# ---------------------------------------------------------------------------
# The document
# ---------------------------------------------------------------------------
def _load(plan: Plan) -> tuple[list[PlanBlock], list[PlanTask], list[KeyTarget]]:
    blocks = list(PlanBlock.objects.filter(plan=plan).order_by("order", "pk"))
    tasks = list(PlanTask.objects.filter(plan=plan).order_by("order", "pk"))
    targets = list(KeyTarget.objects.filter(plan=plan).prefetch_related("values").order_by("order", "pk"))
    return blocks, tasks, targets


def plan_body(plan: Plan, blocks: list[PlanBlock], tasks: list[PlanTask], targets: list[KeyTarget]):
    by_id = {task.pk: task for task in tasks}
    in_place = {block.task_id for block in blocks if block.kind == BlockKind.TASK and block.task_id}
    # A task read from a table of assignments is printed in that table, as written.
    in_tables = {
        " ".join(str(cell).split())
        for block in blocks
        if block.kind == BlockKind.TABLE
        for row in block.rows
        for cell in row
    }
    table_tasks = [
        task for task in tasks if task.pk not in in_place and " ".join(task.content.split()) not in in_tables
    ]
    has_tasks_table = any(block.kind == BlockKind.TASKS_TABLE for block in blocks)
    has_targets = any(block.kind == BlockKind.TARGETS for block in blocks)

    body: list[dict] = []
    for block in blocks:
        if block.kind == BlockKind.TASK:
            task = by_id.get(block.task_id)
            if task is not None:
                body.append(task_block(block, task.content))
        elif block.kind == BlockKind.TASKS_TABLE:
            header = block.rows[0] if block.rows else TASKS_TABLE_HEADER
            rows = tasks_table_rows(table_tasks, plan.year)
            contents = {task.pk: task.content for task in table_tasks}
            body.append(
                {
                    "kind": "tasks_table",
                    "header": header,
                    "rows": rows,
                    "cell_marks": tasks_table_marks(rows, contents, block.marks),
                }
            )
        elif block.kind == BlockKind.TARGETS:
            header = block.rows[0] if block.rows else TARGETS_HEADER
            body.append({"kind": "targets", "header": header, "rows": targets_table_rows(targets)})
        else:
            body.append(written_block(block))

    missing = []
    if targets and not has_targets:
        missing.append({"kind": "targets", "header": TARGETS_HEADER, "rows": targets_table_rows(targets)})
    if table_tasks and not has_tasks_table:
        missing.append(
            {
                "kind": "tasks_table",
                "header": TASKS_TABLE_HEADER,
                "rows": tasks_table_rows(table_tasks, plan.year),
            }
        )
    if missing:
        at = len(body)
        if body and body[-1]["kind"] == BlockKind.PARAGRAPH and body[-1]["text"].startswith(CLOSING_PREFIX):
            at -= 1
        body[at:at] = missing
    return body


def plan_document(plan: Plan) -> OfficialDocument:
    """The plan as printed: header, title, legal bases, body, signer and recipients."""
    blocks, tasks, targets = _load(plan)
    return OfficialDocument(
        authority_line=plan.authority_line,
        issuer_line=plan.issuer_line,
        number_text=plan_number_text(plan),
        place_date_text=plan_place_date(plan),
        doc_type="KẾ HOẠCH",
        title=plan.title,
        legal_bases=[basis for basis in plan.legal_bases if str(basis).strip()],
        body=plan_body(plan, blocks, tasks, targets),
        signer_prefix_line=plan.signer_prefix_line,
        signer_position_lines=plan.signer_position_lines,
        signer_name=plan.signer_name,
        recipients=[r for r in (_recipient(str(line)) for line in plan.recipients) if r],
    )


def plan_file_stem(plan: Plan) -> str:
    """'Kế hoạch 01-KH-SYT năm 2021' or, for a draft, 'Dự thảo kế hoạch KH-SYT năm 2022'."""
    if plan.status != PlanStatus.DRAFT and plan.number:
        return f"Kế hoạch {file_number(plan.number, plan.symbol)} năm {plan.year}"
    return f"Dự thảo kế hoạch {plan.symbol.replace('/', '-')} năm {plan.year}"
