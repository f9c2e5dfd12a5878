"""The import page: paste text or upload a .docx, see the draft, correct the header, save a plan."""

import datetime
import io
from pathlib import Path

import pytest
from django.contrib.messages import get_messages
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from plans.enums import BlockKind, PlanStatus
from plans.importer import parse_plan_text
from plans.models import KeyTarget, KeyTargetValue, Plan, PlanBlock, PlanTask, SubmissionRequest
from plans.views_import import draft_dumps
from reports.documents import document_from_parsed
from reports.docx import render_docx
from tests.factories import PersonFactory, UnitFactory, make_office_user

pytestmark = pytest.mark.django_db

SEEDS = Path(__file__).resolve().parents[1] / "fixtures" / "seeds"
DOCX_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def _seed(prefix: str) -> str:
    (path,) = SEEDS.glob(f"{prefix}_*.txt")
    return path.read_text(encoding="utf-8")


@pytest.fixture
def staffer(agency, office_unit):
    """Office staff whose own unit (through their Person) is the Văn phòng Sở."""
    return make_office_user(person=PersonFactory(unit=office_unit))


def _preview(client, **data):
    return client.post(reverse("plans:import-preview"), data)


def _save_data(response, **changes) -> dict:
    """The preview's save form as the browser would post it, with some fields changed."""
    form = response.context["form"]
    data = {}
    for name in form.fields:
        value = form[name].value()
        if isinstance(value, datetime.date):
            value = value.isoformat()
        data[name] = "" if value is None else value
    data.update(changes)
    return data


# ---------------------------------------------------------------------------
# Who may import
# ---------------------------------------------------------------------------
def test_office_staff_sees_the_import_page_and_the_link_on_the_plan_list(client, staffer):
    client.force_login(staffer)

    page = client.get(reverse("plans:import"))
    listing = client.get(reverse("plans:list"))

    assert page.status_code == 200
    assert "Nhập kế hoạch từ văn bản" in page.content.decode()
    assert reverse("plans:import") in listing.content.decode()
    assert "Nhập từ văn bản" in listing.content.decode()


def test_unit_head_is_refused_every_import_step(client, head):
    client.force_login(head)

    responses = [
        client.get(reverse("plans:import")),
        _preview(client, text=_seed("003")),
        client.post(reverse("plans:import-save"), {"draft": "x"}),
    ]

    assert [r.status_code for r in responses] == [403, 403, 403]
    assert Plan.objects.count() == 0
    assert reverse("plans:import") not in client.get(reverse("plans:list")).content.decode()


def test_anonymous_user_is_sent_to_the_login_page(client, db):
    response = client.get(reverse("plans:import"))

    assert response.status_code == 302
    assert reverse("login") in response["Location"]


# ---------------------------------------------------------------------------
# Paste -> preview -> save
# ---------------------------------------------------------------------------
def test_pasting_seed_003_previews_tasks_targets_and_warnings(client, staffer):
    client.force_login(staffer)

    response = _preview(client, text=_seed("003"))

    assert response.status_code == 200
    html = response.content.decode()
    parsed = response.context["parsed"]
    assert (len(parsed.tasks), len(parsed.targets)) == (38, 13)
    assert 'id="count-tasks">38<' in html
    assert 'id="count-targets">13<' in html
    assert html.count('class="plan-import-task"') == 38
    assert html.count('class="plan-import-target"') == 13
    assert "Mục La Mã nhảy từ V sang VII" in html  # one of the importer's warnings
    assert "Số người dùng các biện pháp tránh thai" in html and "Biện pháp tránh thai lâm sàng" in html
    assert "Tháng 12" in html
    assert "VII. TỔ CHỨC THỰC HIỆN" in html
    assert "Kế hoạch công tác thi đua, khen thưởng của đơn vị" in html  # the submission request
    form = response.context["form"]
    assert form["symbol"].value() == "KH-HĐTĐKT"
    assert form["place"].value() == "Hà Nam"
    assert form["signer_name"].value() == "Nguyễn Trọng Khải"
    assert form["lead_unit_default"].value() == staffer.person.unit_id
    assert Plan.objects.count() == 0  # nothing saved by a preview


def test_the_preview_shows_each_part_under_its_heading_or_says_it_found_none(client, staffer):
    client.force_login(staffer)

    full = _preview(client, text=_seed("003")).content.decode()
    bare_text = "KẾ HOẠCH\nThi đua năm 2026\nI. MỤC ĐÍCH\nĐoàn kết, sáng tạo."
    bare = _preview(client, text=bare_text).content.decode()

    parts = ("headings", "tasks", "targets", "submissions")
    for part in parts:
        assert f'<h2 class="h5" id="preview-{part}">' in full
        assert f'aria-labelledby="preview-{part}"' in bare
    assert 'id="plan-import-tasks"' in full and 'id="plan-import-tasks"' not in bare
    for none in (
        "Không thấy nhiệm vụ theo quý, theo tháng hay bảng thời gian nào.",
        "Không thấy bảng chỉ tiêu.",
        "Không thấy yêu cầu gửi báo cáo kèm hạn gửi.",
    ):
        assert none in bare and none not in full


def test_saving_the_preview_creates_the_draft_plan_with_everything(client, staffer, office_unit):
    client.force_login(staffer)
    preview = _preview(client, text=_seed("003"))

    response = client.post(reverse("plans:import-save"), _save_data(preview))

    plan = Plan.objects.get()
    assert response.status_code == 302
    assert response["Location"] == plan.get_absolute_url()
    assert plan.status == PlanStatus.DRAFT
    assert (plan.symbol, plan.year, plan.place) == ("KH-HĐTĐKT", 2022, "Hà Nam")
    assert plan.title == "Công tác thi đua, khen thưởng năm 2022"
    assert PlanTask.objects.filter(plan=plan).count() == 38
    assert set(PlanTask.objects.values_list("lead_unit", flat=True)) == {office_unit.pk}
    assert KeyTarget.objects.filter(plan=plan).count() == 13
    assert KeyTargetValue.objects.filter(target__plan=plan).count() == 15
    assert PlanBlock.objects.filter(plan=plan, kind=BlockKind.TASKS_TABLE).count() == 1
    assert SubmissionRequest.objects.filter(plan=plan, due_date=datetime.date(2022, 3, 31)).count() == 1
    assert plan.signer_name == "Nguyễn Trọng Khải"
    assert len(plan.recipients) == 7
    assert "38 nhiệm vụ, 13 chỉ tiêu" in [str(m) for m in get_messages(response.wsgi_request)][0]


def test_header_corrections_on_the_preview_are_saved(client, staffer, other_unit):
    client.force_login(staffer)
    preview = _preview(client, text=_seed("000"))

    client.post(
        reverse("plans:import-save"),
        _save_data(
            preview,
            kind="review",
            symbol="KH-SYT",
            place="Đồng Nai",
            title="Công tác thi đua, khen thưởng năm 2021 (bản nhập)",
            authority_line="UBND TỈNH ĐỒNG NAI",
            issuer_line="SỞ Y TẾ",
            recipients="Ban TĐKT tỉnh;\nLưu: VT, VP.",
            legal_bases="Căn cứ Luật Thi đua, khen thưởng năm 2022;",
            lead_unit_default=str(other_unit.pk),
        ),
    )

    plan = Plan.objects.get()
    assert (plan.kind, plan.symbol, plan.place, plan.year) == ("review", "KH-SYT", "Đồng Nai", 2021)
    assert plan.title == "Công tác thi đua, khen thưởng năm 2021 (bản nhập)"
    assert (plan.authority_line, plan.issuer_line) == ("UBND TỈNH ĐỒNG NAI", "SỞ Y TẾ")
    assert plan.recipients == ["Ban TĐKT tỉnh;", "Lưu: VT, VP."]
    assert plan.legal_bases == ["Căn cứ Luật Thi đua, khen thưởng năm 2022;"]
    assert plan.tasks.count() == 21
    assert set(plan.tasks.values_list("lead_unit", flat=True)) == {other_unit.pk}


def test_without_an_own_unit_the_office_must_choose_the_default_lead_unit(client, office):
    client.force_login(office)  # office staff with no Person, hence no unit of their own
    preview = _preview(client, text=_seed("003"))

    response = client.post(reverse("plans:import-save"), _save_data(preview))

    assert response.status_code == 200
    assert "Vui lòng chọn đơn vị chủ trì mặc định" in response.content.decode()
    assert response.context["parsed"].title == "Công tác thi đua, khen thưởng năm 2022"  # preview kept
    assert Plan.objects.count() == 0


def test_a_wrong_year_comes_back_on_the_preview_and_saves_nothing(client, staffer):
    client.force_login(staffer)
    preview = _preview(client, text=_seed("003"))

    response = client.post(
        reverse("plans:import-save"), _save_data(preview, year="1990", title="Sửa tiêu đề")
    )

    assert response.status_code == 200
    assert "Năm kế hoạch không hợp lệ" in response.content.decode()
    assert response.context["form"]["title"].value() == "Sửa tiêu đề"  # what was typed stays
    assert Plan.objects.count() == 0


def test_a_forged_or_stale_draft_is_refused(client, staffer):
    client.force_login(staffer)
    preview = _preview(client, text=_seed("003"))
    data = _save_data(preview)
    data["draft"] = data["draft"][:-3] + "abc"

    response = client.post(reverse("plans:import-save"), data)

    assert response.status_code == 302
    assert response["Location"] == reverse("plans:import")
    assert "hết hạn hoặc không hợp lệ" in [str(m) for m in get_messages(response.wsgi_request)][0]
    assert Plan.objects.count() == 0


def test_the_draft_survives_the_round_trip_unchanged():
    parsed = parse_plan_text(_seed("003"))

    from plans.views_import import draft_loads

    assert draft_loads(draft_dumps(parsed)) == parsed


# ---------------------------------------------------------------------------
# .docx uploads
# ---------------------------------------------------------------------------
def test_a_docx_upload_is_read_like_pasted_text(client, staffer):
    client.force_login(staffer)
    parsed = parse_plan_text(_seed("003"))
    data = render_docx(document_from_parsed(parsed, authority_line="SỞ Y TẾ HÀ NAM", issuer_line="HỘI ĐỒNG"))
    upload = SimpleUploadedFile("Ke hoach TDKT 2022.docx", data, content_type=DOCX_TYPE)

    preview = _preview(client, text="", docx=upload)
    saved = client.post(reverse("plans:import-save"), _save_data(preview))

    assert preview.status_code == 200
    assert (len(preview.context["parsed"].tasks), len(preview.context["parsed"].targets)) == (38, 13)
    assert "Ke hoach TDKT 2022.docx" in preview.content.decode()
    assert saved.status_code == 302
    assert Plan.objects.get().tasks.count() == 38


def test_a_text_file_renamed_docx_is_refused_in_vietnamese(client, staffer):
    client.force_login(staffer)
    upload = SimpleUploadedFile("ke-hoach.docx", _seed("003").encode("utf-8"), content_type=DOCX_TYPE)

    response = _preview(client, docx=upload)

    assert response.status_code == 200
    html = response.content.decode()
    assert "không phải là tệp Word .docx hợp lệ" in html
    assert "parsed" not in response.context
    assert Plan.objects.count() == 0


def test_a_zip_that_is_not_a_word_document_is_refused(client, staffer):
    import zipfile

    client.force_login(staffer)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("xl/workbook.xml", "<workbook/>")
    upload = SimpleUploadedFile("bang.docx", buffer.getvalue(), content_type=DOCX_TYPE)

    response = _preview(client, docx=upload)

    assert "không phải là tệp Word .docx hợp lệ" in response.content.decode()


def test_a_docx_over_the_size_limit_is_refused(client, staffer, settings):
    client.force_login(staffer)
    settings.UPLOAD_MAX_BYTES = 1000
    data = render_docx(document_from_parsed(parse_plan_text(_seed("000"))))
    upload = SimpleUploadedFile("lon.docx", data, content_type=DOCX_TYPE)

    response = _preview(client, docx=upload)

    assert "Tệp quá lớn" in response.content.decode()
    assert "parsed" not in response.context


# ---------------------------------------------------------------------------
# Text the importer cannot split
# ---------------------------------------------------------------------------
def test_text_the_importer_cannot_split_keeps_what_was_typed_and_says_why(client, staffer):
    client.force_login(staffer)
    typed = "Danh sách việc cần làm trong năm\nhọp giao ban\nđi kiểm tra đơn vị"

    response = _preview(client, text=typed)

    assert response.status_code == 200
    form = response.context["form"]
    assert "Không nhận ra cấu trúc kế hoạch" in form.errors["text"][0]
    html = response.content.decode()
    assert "Không nhận ra cấu trúc kế hoạch" in html
    assert "đi kiểm tra đơn vị</textarea>" in html  # the text stays in the field
    assert Plan.objects.count() == 0


def test_an_empty_form_asks_for_text_or_a_file(client, staffer):
    client.force_login(staffer)

    response = _preview(client, text="   ")

    assert "Vui lòng dán nội dung kế hoạch hoặc chọn tệp .docx." in response.content.decode()


# ---------------------------------------------------------------------------
# Plans and letters of other provinces
# ---------------------------------------------------------------------------
DOCUMENTS = Path(__file__).resolve().parents[1] / "fixtures" / "documents"


def _document(name: str) -> str:
    return (DOCUMENTS / f"{name}.txt").read_text(encoding="utf-8")


def test_a_review_plan_previews_as_a_review_with_its_tasks_and_deadlines(client, staffer):
    client.force_login(staffer)

    response = _preview(client, text=_document("01_hanam_tong_ket_10_nam_ct34"))

    form = response.context["form"]
    assert form["kind"].value() == "review"
    assert [t.due_date for t in response.context["parsed"].tasks] == [
        datetime.date(2024, 4, 15),
        datetime.date(2024, 4, 30),
        datetime.date(2024, 5, 31),
    ]
    html = response.content.decode()
    assert "Các đơn vị trực thuộc" in html  # the group badge of the first task


def test_a_letter_from_another_province_keeps_its_own_header_and_signer(client, staffer, agency):
    client.force_login(staffer)

    response = _preview(client, text=_document("02_hoabinh_cong_van_phat_dong"))

    form = response.context["form"]
    assert (form["place"].value(), form["authority_line"].value()) == ("Hòa Bình", "UBND TỈNH HÒA BÌNH")
    assert (form["signer_position"].value(), form["signer_name"].value()) == ("PHÓ GIÁM ĐỐC", "Bùi Thị Hằng")
    assert "Đồng Nai" not in str(form["place"].value()) + str(form["authority_line"].value())


def test_what_the_text_lacks_is_left_empty_with_a_warning_not_the_agency_defaults(client, staffer, agency):
    client.force_login(staffer)

    response = _preview(client, text=_seed("000"))

    form = response.context["form"]
    assert (form["place"].value(), form["authority_line"].value(), form["issuer_line"].value()) == (
        "",
        "",
        "",
    )
    warnings = response.context["parsed"].warnings
    assert any("cơ quan ban hành" in w for w in warnings)
    assert any("địa danh" in w for w in warnings)


def test_a_unit_named_in_the_text_but_unknown_is_warned_on_the_preview(client, staffer, other_unit):
    client.force_login(staffer)

    response = _preview(client, text=_document("03_nghean_so_ket_6_thang"))

    html = response.content.decode()
    assert "không thấy đơn vị “Các cụm thi đua” trong danh mục đơn vị" in html
    assert "“CDC tỉnh”" not in html  # found: the Trung tâm Kiểm soát bệnh tật


def test_saving_a_review_plan_creates_group_tasks_and_runs_over_the_next_year(client, staffer, office_unit):
    hospitals = [UnitFactory(kind="hospital"), UnitFactory(kind="hospital")]
    client.force_login(staffer)
    preview = _preview(client, text=_document("06_quangninh_tong_ket_nam"))

    response = client.post(reverse("plans:import-save"), _save_data(preview))

    plan = Plan.objects.get()
    assert response.status_code == 302
    assert (plan.kind, plan.place, plan.signer_name) == ("review", "Quảng Ninh", "Đỗ Thị Lan Anh")
    assert plan.period_end == datetime.date(2025, 1, 31)
    group_task = plan.tasks.get(unit_group="hospitals")
    assert {a.unit for a in group_task.assignments.all()} == set(hospitals)
    assert plan.tasks.get(content__startswith="Văn phòng Sở").lead_unit == office_unit
    unknown = plan.tasks.get(content__startswith="Phòng Tổ chức cán bộ")
    assert unknown.lead_unit_text == "Phòng Tổ chức cán bộ"


def test_an_import_that_finds_nothing_says_so_at_the_field_and_keeps_the_text(client, staffer):
    client.force_login(staffer)
    typed = "KẾ HOẠCH\nViệc cần làm\nHọp giao ban vào sáng thứ hai.\nĐi kiểm tra các khoa phòng."

    response = _preview(client, text=typed)

    form = response.context["form"]
    assert "không thấy mục nào được đánh số" in form.errors["text"][0]
    assert "Đi kiểm tra các khoa phòng.</textarea>" in response.content.decode()
    assert Plan.objects.count() == 0


def test_bold_and_italic_of_a_docx_are_printed_in_the_plans_pdf_and_docx(client, staffer, tmp_path):
    from docx import Document

    from reports.documents import render_html
    from reports.plan_document import plan_document

    build = _corpus_docx(tmp_path, "14_hoabinh_ke_hoach_nam_theo_quy")
    client.force_login(staffer)
    with build.open("rb") as upload:
        preview = client.post(
            reverse("plans:import-preview"),
            {"docx": SimpleUploadedFile(build.name, upload.read(), content_type=DOCX_TYPE)},
        )
    client.post(reverse("plans:import-save"), _save_data(preview))
    plan = Plan.objects.get()

    document = plan_document(plan)
    runs = [
        (run.text, bool(run.bold), bool(run.italic))
        for paragraph in Document(io.BytesIO(render_docx(document))).paragraphs
        for run in paragraph.runs
    ]
    assert ("trước ngày 28/02/2025", True, False) in runs
    assert ("(qua Phòng Tổ chức cán bộ)", False, True) in runs
    html = render_html(document)
    assert "<strong>chậm nhất ngày 15/3/2025</strong>" in html


def _corpus_docx(tmp_path, name: str) -> Path:
    import importlib.util

    spec = importlib.util.spec_from_file_location("corpus_build_docx", DOCUMENTS / "build_docx.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module.build(DOCUMENTS / f"{name}.docx.txt", tmp_path / f"{name}.docx")
