"""Bold and italic inside the table cells of an imported .docx plan: kept by the importer, saved
with the plan, printed bold or italic in its PDF (fonts read back with pdfplumber) and its DOCX
(runs read back with python-docx) on exactly the words that were, and nowhere else."""

import io
import unicodedata

import pytest
from docx import Document

from plans import services
from plans.enums import BlockKind
from plans.importer import parse_plan_docx
from reports.documents import render_pdf
from reports.docx import render_docx
from reports.plan_document import plan_document
from tests.factories import UnitFactory
from tests.reports.layout import measure_pdf

CELL = [("Nội dung ", None), ("đậm", "b"), (" và ", None), ("nghiêng", "i")]
MONTH_CELL = [("Rà soát ", None), ("hồ sơ", "b"), (" khen thưởng ", None), ("đột xuất", "i")]


def _runs(paragraph, parts) -> None:
    for text, kind in parts:
        run = paragraph.add_run(text)
        run.bold = kind == "b" or None
        run.italic = kind == "i" or None


def _table(document, rows, *, borders=True):
    table = document.add_table(rows=0, cols=len(rows[0]))
    if borders:
        table.style = "Table Grid"
    for row in rows:
        cells = table.add_row().cells
        for cell, parts in zip(cells, row, strict=True):
            if isinstance(parts, list):
                _runs(cell.paragraphs[0], parts)
                continue
            for k, line in enumerate(parts.split("\n")):  # a layout cell's lines are paragraphs
                _runs(cell.paragraphs[0] if k == 0 else cell.add_paragraph(), [(line, None)])
    return table


def _bold(text):
    return [(text, "b")]


def plan_docx() -> bytes:
    """A plan as Word lays it out: header and signature tables, a table of assignments whose
    content cell holds a bold and an italic word, and a month table of tasks."""
    document = Document()
    _table(
        document,
        [
            ["UBND TỈNH HÀ NAM\nSỞ Y TẾ", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc"],
            ["Số: 21/KH-SYT", "Hà Nam, ngày 10 tháng 3 năm 2025"],
        ],
        borders=False,
    )
    for text in ("KẾ HOẠCH", "Công tác thi đua, khen thưởng năm 2025"):
        _runs(document.add_paragraph(), _bold(text))
    _runs(document.add_paragraph(), [("Căn cứ Luật Thi đua, Khen thưởng ngày 15 tháng 6 năm 2022;", None)])
    _runs(document.add_paragraph(), _bold("I. PHÂN CÔNG NHIỆM VỤ"))
    _table(
        document,
        [
            [_bold(h) for h in ("TT", "Nội dung công việc", "Đơn vị chủ trì", "Thời gian hoàn thành")],
            ["1", CELL, "Văn phòng Sở", "Trước ngày 30/6/2025"],
            ["2", "Tổng hợp kết quả thi đua", "Văn phòng Sở", "Trước ngày 30/11/2025"],
        ],
    )
    _runs(document.add_paragraph(), _bold("II. THỜI GIAN THỰC HIỆN"))
    _table(
        document,
        [
            [_bold("Thời gian"), _bold("Nội dung")],
            ["Tháng 3", MONTH_CELL],
            ["Tháng 4", "Họp Hội đồng xét duyệt"],
        ],
    )
    closing = "Trên đây là Kế hoạch công tác thi đua, khen thưởng năm 2025./."
    _runs(document.add_paragraph(), [(closing, None)])
    _table(
        document,
        [["Nơi nhận:\n- Các đơn vị trực thuộc;\n- Lưu: VT, VP.", "GIÁM ĐỐC\n\nNguyễn Văn An"]],
        borders=False,
    )
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


@pytest.fixture
def office_unit(db):
    return UnitFactory(name="Văn phòng Sở", short_name="VP", kind="office")


@pytest.fixture
def plan(office, office_unit):
    parsed = parse_plan_docx(io.BytesIO(plan_docx()))
    return services.plan_create_from_parsed(parsed, by=office, lead_unit_default=office_unit)


def test_the_importer_keeps_the_bold_and_italic_words_of_a_cell_and_none_of_a_bold_header():
    parsed = parse_plan_docx(io.BytesIO(plan_docx()))

    table = next(b for b in parsed.blocks if b.kind == BlockKind.TABLE)
    assert table.rows[1][1] == "Nội dung đậm và nghiêng"
    assert table.marks == [[1, 1, 9, 12, "b"], [1, 1, 16, 23, "i"]]
    tasks_table = next(b for b in parsed.blocks if b.kind == BlockKind.TASKS_TABLE)
    index, *_ = tasks_table.marks[0]
    content = parsed.tasks[index].content
    assert [(content[s:e], k) for _i, s, e, k in tasks_table.marks] == [("hồ sơ", "b"), ("đột xuất", "i")]


def test_the_saved_plan_keeps_the_marks_of_its_tables_and_of_the_tasks_of_its_month_table(plan):
    table = plan.blocks.get(kind=BlockKind.TABLE, rows__0__0="TT")
    assert table.marks == [[1, 1, 9, 12, "b"], [1, 1, 16, 23, "i"]]
    tasks_table = plan.blocks.get(kind=BlockKind.TASKS_TABLE)
    task = plan.tasks.get(content__startswith="Rà soát")
    assert tasks_table.marks == [[task.pk, 8, 13, "b"], [task.pk, 26, 34, "i"]]


def _nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text)


def _fonts_of(words, sequence: list[str]) -> list[str]:
    texts = [_nfc(w.text) for w in words]
    for i in range(len(texts) - len(sequence) + 1):
        if texts[i : i + len(sequence)] == sequence:
            return [words[i + k].font for k in range(len(sequence))]
    raise AssertionError(f"{sequence} not printed")


def _style(font: str) -> str:
    return ("b" if "Bold" in font else "") + ("i" if "Italic" in font else "")


def test_the_pdf_prints_the_bold_word_bold_the_italic_word_italic_and_the_rest_upright(plan):
    words = measure_pdf(render_pdf(plan_document(plan))).words

    cell = _fonts_of(words, ["Nội", "dung", "đậm", "và", "nghiêng"])
    assert [_style(font) for font in cell] == ["", "", "b", "", "i"]
    month = _fonts_of(words, ["-", "Rà", "soát", "hồ", "sơ", "khen", "thưởng", "đột", "xuất"])
    assert [_style(font) for font in month] == ["", "", "", "b", "b", "", "", "i", "i"]
    other = _fonts_of(words, ["Tổng", "hợp", "kết", "quả", "thi", "đua"])
    assert {_style(font) for font in other} == {""}


def _cell_runs(document, first_text: str) -> list[tuple[str, bool, bool]]:
    for table in document.tables:
        for row in table.rows:
            for cell in row.cells:
                for paragraph in cell.paragraphs:
                    if paragraph.text.startswith(first_text):
                        return [(r.text, bool(r.bold), bool(r.italic)) for r in paragraph.runs if r.text]
    raise AssertionError(f"no cell starts with {first_text}")


def test_the_docx_prints_the_bold_word_bold_the_italic_word_italic_and_the_rest_upright(plan):
    document = Document(io.BytesIO(render_docx(plan_document(plan))))

    assert _cell_runs(document, "Nội dung đậm") == [
        ("Nội dung ", False, False),
        ("đậm", True, False),
        (" và ", False, False),
        ("nghiêng", False, True),
    ]
    assert _cell_runs(document, "- Rà soát") == [
        ("- ", False, False),
        ("Rà soát ", False, False),
        ("hồ sơ", True, False),
        (" khen thưởng ", False, False),
        ("đột xuất", False, True),
    ]
    assert _cell_runs(document, "Tổng hợp kết quả") == [("Tổng hợp kết quả thi đua", False, False)]


def test_the_docx_of_the_plan_reads_back_with_the_same_marks(plan):
    again = parse_plan_docx(io.BytesIO(render_docx(plan_document(plan))))

    table = next(b for b in again.blocks if b.kind == BlockKind.TABLE)
    assert table.marks == [[1, 1, 9, 12, "b"], [1, 1, 16, 23, "i"]]


def test_a_clone_for_next_year_keeps_the_marks_on_its_own_tasks(plan, office):
    clone = services.plan_clone(plan, year=2026, by=office)

    tasks_table = clone.blocks.get(kind=BlockKind.TASKS_TABLE)
    task = clone.tasks.get(content__startswith="Rà soát")
    assert tasks_table.marks == [[task.pk, 8, 13, "b"], [task.pk, 26, 34, "i"]]
    assert clone.blocks.get(kind=BlockKind.TABLE, rows__0__0="TT").marks == [
        [1, 1, 9, 12, "b"],
        [1, 1, 16, 23, "i"],
    ]


def test_a_task_edited_since_the_import_prints_without_the_marks_that_no_longer_fit(plan):
    task = plan.tasks.get(content__startswith="Rà soát")
    task.content = "Rà soát"
    task.save(update_fields=["content"])

    runs = _cell_runs(Document(io.BytesIO(render_docx(plan_document(plan)))), "- Rà soát")

    assert not any(bold or italic for _text, bold, italic in runs)
