"""The importer on the corpus of tests/fixtures/documents: what the general rules must read in each.

Every document has its truth beside it (a .json): the header, the issuing body, the signer, the
recipients, and each task with its addressee and deadline. A task or a mark the importer is known
to miss says why (``missed_because``) and is left to the figures of ``bench/importer.py``.
"""

import importlib.util
import sys
from pathlib import Path

import pytest

CORPUS_DIR = Path(__file__).resolve().parents[1] / "fixtures" / "documents"
_spec = importlib.util.spec_from_file_location("import_corpus", CORPUS_DIR / "corpus.py")
corpus = sys.modules.setdefault("import_corpus", importlib.util.module_from_spec(_spec))
_spec.loader.exec_module(corpus)


@pytest.fixture(scope="module")
def documents(tmp_path_factory):
    return {doc.name: doc for doc in corpus.documents(tmp_path_factory.mktemp("docx"))}


@pytest.fixture(scope="module")
def parsed(documents):
    return {name: doc.parse() for name, doc in documents.items()}


NAMES = corpus.names()


def test_the_corpus_has_plans_and_letters_from_six_provinces(documents):
    kinds = [doc.expected["doc_type"] for doc in documents.values()]
    places = {doc.expected["place"] for doc in documents.values()}

    assert len(documents) >= 14
    assert kinds.count("CÔNG VĂN") >= 3
    assert sum(doc.is_docx for doc in documents.values()) >= 3
    assert {"Hà Nam", "Hòa Bình", "Nghệ An", "Cần Thơ", "Lâm Đồng", "Quảng Ninh"} <= places


@pytest.mark.parametrize("name", NAMES)
def test_header_kind_and_title(name, documents, parsed):
    truth, plan = documents[name].expected, parsed[name]

    assert plan.doc_type == truth["doc_type"]
    assert plan.kind == truth["kind"]
    assert plan.title == truth["title"]
    assert (plan.number, plan.symbol) == (truth["number"], truth["symbol"])
    assert (plan.place, plan.issue_date) == (truth["place"], corpus.day(truth["date"]))
    assert (plan.authority_line, plan.issuer_line) == (truth["authority_line"], truth["issuer_line"])


@pytest.mark.parametrize("name", NAMES)
def test_signer_recipients_and_addressees(name, documents, parsed):
    truth, plan = documents[name].expected, parsed[name]
    signer = truth["signer"]

    assert (plan.signer_prefix, plan.signer_prefix_title) == (signer["prefix"], signer["prefix_title"])
    assert (plan.signer_position, plan.signer_name) == (signer["position"], signer["name"])
    assert plan.recipients == truth["recipients"]
    assert plan.addressees == truth.get("addressees", [])


@pytest.mark.parametrize("name", NAMES)
def test_every_task_with_its_addressee_and_deadline(name, documents, parsed):
    truth, plan = documents[name].expected, parsed[name]
    expected = [t for t in truth["tasks"] if "missed_because" not in t]

    assert len(plan.tasks) == len(expected)
    for item in expected:
        task = corpus.matching_task(plan, item)
        assert task is not None, f"no task starts with «{item['starts']}»"
        assert task.unit_group == item.get("group", ""), task.content
        if not item.get("group"):
            assert task.lead_unit_hint == item.get("lead", ""), task.content
        assert task.recurrence == item.get("recurrence", ""), task.content
        assert task.due_date == corpus.day(item.get("due")), task.content


@pytest.mark.parametrize("name", NAMES)
def test_broken_words_are_flagged_at_their_lines_and_nowhere_else(name, documents, parsed):
    truth, plan = documents[name].expected, parsed[name]

    assert plan.broken_lines == truth["broken_lines"]
    for number in truth["broken_lines"]:
        assert any(w.startswith(f"Dòng {number}: chữ bị tách rời") for w in plan.warnings)


@pytest.mark.parametrize("name", [n for n in NAMES if (CORPUS_DIR / f"{n}.docx.txt").exists()])
def test_docx_bold_and_italic_are_kept(name, documents, parsed):
    truth, plan = documents[name].expected, parsed[name]
    marks = [m for m in truth["marks"] if "missed_because" not in m]

    assert marks
    for mark in marks:
        assert corpus.marked(plan, mark["text"], mark["mark"]), mark


def test_a_heading_set_all_in_bold_carries_no_mark(parsed):
    plan = parsed["13_hanam_phat_dong_an_toan_nguoi_benh"]

    headings = [b for b in plan.blocks if b.kind == "heading"]
    assert headings and not any(b.marks for b in headings)


def test_a_review_of_a_directive_is_not_read_as_the_annual_plan(parsed):
    plan = parsed["01_hanam_tong_ket_10_nam_ct34"]

    assert plan.kind == "review"
    assert [t.due_date.isoformat() for t in plan.tasks] == ["2024-04-15", "2024-04-30", "2024-05-31"]


def test_two_deadlines_in_one_paragraph_give_a_task_for_each_level(parsed):
    plan = parsed["06_quangninh_tong_ket_nam"]

    units, office = plan.tasks[0], plan.tasks[1]
    assert (units.unit_group, units.due_date.isoformat()) == ("all", "2024-11-15")
    assert (office.lead_unit_hint, office.due_date.isoformat()) == ("Phòng Tổ chức cán bộ", "2024-11-30")
    blocks = [b for b in plan.blocks if b.kind == "task"][:2]
    assert [(b.numbering, b.task_index) for b in blocks] == [("1.", 0), ("", 1)]


def test_only_what_the_units_send_becomes_a_request_to_every_unit(parsed):
    plan = parsed["06_quangninh_tong_ket_nam"]

    # The office's own report to the province (D2) and the hospitals' figures are tasks only.
    assert [(s.title, s.due_date.isoformat()) for s in plan.submissions] == [
        ("Hồ sơ đề nghị khen thưởng", "2024-11-15")
    ]


def test_a_letter_says_it_is_a_letter_and_keeps_its_addressees(parsed):
    plan = parsed["11_quangninh_cong_van_bao_cao_tong_ket"]

    assert plan.doc_type == "CÔNG VĂN"
    assert any(w.startswith("Văn bản là công văn") and "Các bệnh viện tuyến tỉnh" in w for w in plan.warnings)


@pytest.mark.parametrize("name", NAMES)
def test_the_draft_of_every_document_survives_the_preview_round_trip(name, parsed):
    from plans.views_import import draft_dumps, draft_loads

    assert draft_loads(draft_dumps(parsed[name])) == parsed[name]


def test_marks_in_table_cells_are_kept_on_their_cells_and_a_bold_header_row_carries_none(parsed):
    plan = parsed["16_nghean_hoi_nghi_dien_hinh_bang_dam_nghieng"]

    tables = [b for b in plan.blocks if b.kind == "table"]
    assert [[(t.rows[r][c][s:e], k) for r, c, s, e, k in t.marks] for t in tables] == [
        [("điển hình tiên tiến", "b"), ("(qua Phòng Tổ chức cán bộ)", "i"), ("khánh tiết", "i")],
        [("Tập thể", "i"), ("người lao động trực tiếp", "b")],
    ]
    assert not any(row == 0 for t in tables for row, *_ in t.marks)


def test_a_task_of_a_month_table_keeps_its_italic_words(parsed):
    plan = parsed["15_quangninh_so_ket_bang_thang"]

    block = next(b for b in plan.blocks if b.kind == "tasks_table")
    assert [(plan.tasks[i].content[s:e], k) for i, s, e, k in block.marks] == [("xét khen thưởng", "i")]
