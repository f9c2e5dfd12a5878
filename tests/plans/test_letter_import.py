"""Reading a công văn from text or a .docx: letters of three provinces shaped three ways, a letter
printed by the application read back from its own DOCX, and a text that is no letter at all."""

import datetime
import io
import json
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from plans.importer import PlanImportError
from plans.letter_import import parse_letter_docx, parse_letter_text
from reports.docx import render_docx
from reports.letter_document import letter_document
from tests.factories import LetterFactory

LETTERS = Path(__file__).resolve().parent.parent / "fixtures" / "letters"


def _read(name: str) -> str:
    return (LETTERS / name).read_text(encoding="utf-8")


def test_hoa_binh_letter_with_a_two_line_subject_and_a_dashed_list_of_addressees():
    letter = parse_letter_text(_read("hoa_binh_phat_dong.txt"))

    assert (letter.number, letter.issuer_code, letter.office_code) == (215, "SYT", "TCCB")
    assert (letter.authority_line, letter.issuer_line) == ("UBND TỈNH HÒA BÌNH", "SỞ Y TẾ")
    assert (letter.place, letter.issue_date) == ("Hòa Bình", datetime.date(2024, 3, 12))
    assert letter.subject == (
        "phát động phong trào thi đua “Cán bộ y tế Hòa Bình tận tụy, sáng tạo” năm 2024"
    )
    assert letter.addressees == ["Các đơn vị trực thuộc Sở Y tế", "Trung tâm Y tế các huyện, thành phố"]
    assert letter.body.splitlines()[0].startswith("Thực hiện Kế hoạch số 45/KH-UBND")
    assert letter.body.splitlines()[-1] == "Sở Y tế đề nghị các đơn vị nghiêm túc triển khai thực hiện./."
    assert (
        "- Gửi bản đăng ký thi đua về Sở Y tế (qua Phòng Tổ chức cán bộ) trước ngày 31/3/2024." in letter.body
    )
    assert letter.recipients == [
        "Như trên;",
        "Ban TĐKT tỉnh (b/c);",
        "Giám đốc, các PGĐ Sở;",
        "Lưu: VT, TCCB.",
    ]
    assert (letter.signer_prefix, letter.signer_prefix_title) == ("KT.", "GIÁM ĐỐC")
    assert (letter.signer_position, letter.signer_name) == ("PHÓ GIÁM ĐỐC", "Bùi Văn Khánh")
    assert letter.warnings == []


def test_ha_nam_council_letter_in_two_columns_with_the_signer_before_the_recipients():
    letter = parse_letter_text(_read("ha_nam_bao_cao.txt"))

    assert (letter.number, letter.office_code) == (8, "HĐTĐKT")
    assert (letter.authority_line, letter.issuer_line) == ("SỞ Y TẾ HÀ NAM", "HỘI ĐỒNG THI ĐUA - KHEN THƯỞNG")
    assert letter.subject == "báo cáo tổng kết công tác thi đua, khen thưởng năm 2023"
    assert letter.addressees == ["Thủ trưởng các đơn vị y tế trực thuộc"]
    assert letter.body.splitlines()[-1] == "Trân trọng./."
    assert (letter.signer_prefix, letter.signer_prefix_title) == ("TM.", "HỘI ĐỒNG")
    assert letter.signer_position == "CHỦ TỊCH\nGIÁM ĐỐC SỞ Y TẾ"
    assert letter.signer_name == "Trần Thị Hồng Nhung"
    assert letter.recipients == ["Như trên;", "Lưu: VT, HĐTĐKT."]


def test_quang_tri_draft_leaves_what_it_lacks_empty_with_a_warning_for_each():
    letter = parse_letter_text(_read("quang_tri_khong_so.txt"))

    assert (letter.number, letter.issuer_code, letter.office_code) == (None, "SYT", "NVY")
    assert (letter.authority_line, letter.issuer_line) == ("UBND TỈNH QUẢNG TRỊ", "SỞ Y TẾ")
    assert (letter.place, letter.issue_date) == ("Quảng Trị", None)
    assert letter.addressees == ["Các bệnh viện, trung tâm y tế tuyến tỉnh"]
    assert letter.body.count("\n- ") == 3
    assert (letter.signer_prefix, letter.signer_prefix_title, letter.signer_name) == (
        "Q.",
        "GIÁM ĐỐC",
        "Hồ Xuân Hải",
    )
    assert letter.recipients == []
    warnings = " ".join(letter.warnings)
    assert "ngày ban hành" in warnings and "nơi nhận" in warnings


def test_the_applications_own_docx_reads_back_as_the_same_letter(db):
    written = LetterFactory(
        addressees=["Các bệnh viện", "Các trung tâm y tế"],
        authority_line="UBND TỈNH NINH BÌNH",
        place="Ninh Bình",
        issue_date=datetime.date(2026, 4, 2),
        signer_name="Đinh Công Sơn",
    )

    letter = parse_letter_docx(io.BytesIO(render_docx(letter_document(written))))

    assert (letter.issuer_code, letter.office_code) == ("SYT", "TCCB")
    assert letter.authority_line == "UBND TỈNH NINH BÌNH"
    assert letter.subject == written.subject
    assert letter.addressees == ["Các bệnh viện", "Các trung tâm y tế"]
    assert letter.signer_name == "Đinh Công Sơn"
    assert letter.recipients == ["Như trên;", "Lưu: VT, TCCB."]


def test_text_that_is_no_letter_is_refused():
    with pytest.raises(PlanImportError) as caught:
        parse_letter_text("danh sách\nmột hai ba")

    assert "Không nhận ra công văn" in str(caught.value)


def test_import_page_fills_the_letter_form_with_the_other_provinces_values(client, office, agency):
    client.force_login(office)

    response = client.post(reverse("plans:letter-import"), {"text": _read("hoa_binh_phat_dong.txt")})

    form = response.context["form"]
    assert response.status_code == 200
    assert form.initial["authority_line"] == "UBND TỈNH HÒA BÌNH"
    assert form.initial["place"] == "Hòa Bình"
    assert form.initial["signer_name"] == "Bùi Văn Khánh"
    letter_form = response.content.decode().split('id="id_subject"', 1)[1].split("</form>", 1)[0]
    assert "Đồng Nai" not in letter_form


def test_import_of_a_letter_without_signer_warns_and_leaves_the_agencys_signer_out(client, office, agency):
    client.force_login(office)
    text = _read("quang_tri_khong_so.txt").replace("Hồ Xuân Hải", "")

    response = client.post(reverse("plans:letter-import"), {"text": text})

    assert response.context["form"].initial["signer_name"] == ""
    assert any("họ tên người ký" in w for w in response.context["import_warnings"])


def test_import_that_finds_nothing_says_so_at_the_text_and_keeps_it(client, office):
    client.force_login(office)

    response = client.post(reverse("plans:letter-import"), {"text": "xin chào\ncả nhà"})

    assert response.status_code == 200
    assert "Không nhận ra công văn" in " ".join(response.context["form"].errors["text"])
    assert response.context["form"]["text"].value() == "xin chào\ncả nhà"


def test_import_of_a_docx(client, office, db):
    data = render_docx(letter_document(LetterFactory(subject="mời dự hội nghị")))
    client.force_login(office)

    response = client.post(
        reverse("plans:letter-import"), {"docx": SimpleUploadedFile("cong-van.docx", data)}
    )

    assert response.context["form"].initial["subject"] == "mời dự hội nghị"


# Letters written differently from the three above: each layout is one an office may paste.
def test_subject_whose_second_line_starts_with_a_capital_is_read_whole():
    text = (
        "SỞ Y TẾ ĐỒNG NAI\n"
        "Số: 41/SYT-VP\n"
        "V/v hướng dẫn xét tặng danh hiệu\n"
        "Chiến sĩ thi đua cơ sở năm 2025\n"
        "Đồng Nai, ngày 02 tháng 10 năm 2025\n"
        "Kính gửi: Các đơn vị trực thuộc.\n"
        "Sở Y tế hướng dẫn như sau.\n"
    )

    letter = parse_letter_text(text)

    assert letter.subject == "hướng dẫn xét tặng danh hiệu Chiến sĩ thi đua cơ sở năm 2025"
    assert letter.issue_date == datetime.date(2025, 10, 2)
    assert letter.body == "Sở Y tế hướng dẫn như sau."


def test_addressees_listed_under_the_first_one_written_on_the_kinh_gui_line():
    text = (
        "SỞ Y TẾ ĐỒNG NAI\n"
        "Số: 42/SYT-VP\n"
        "V/v báo cáo thi đua\n"
        "Đồng Nai, ngày 03 tháng 10 năm 2025\n"
        "Kính gửi: Giám đốc các bệnh viện trực thuộc;\n"
        "          Giám đốc Trung tâm Y tế các huyện;\n"
        "          - Trung tâm Kiểm soát bệnh tật tỉnh.\n"
        "Đề nghị các đơn vị báo cáo trước ngày 15/10/2025.\n"
    )

    letter = parse_letter_text(text)

    assert letter.addressees == [
        "Giám đốc các bệnh viện trực thuộc",
        "Giám đốc Trung tâm Y tế các huyện",
        "Trung tâm Kiểm soát bệnh tật tỉnh",
    ]
    assert letter.body == "Đề nghị các đơn vị báo cáo trước ngày 15/10/2025."


def test_kt_signer_with_two_position_lines_beside_a_recipient_column():
    # A closing table pasted from Word: "Nơi nhận" on the left, the signer on the right, row by row.
    text = (
        "SỞ Y TẾ ĐỒNG NAI\n"
        "Số: 43/SYT-VP\n"
        "V/v tổng kết năm\n"
        "Đồng Nai, ngày 04 tháng 10 năm 2025\n"
        "Kính gửi: Các đơn vị trực thuộc.\n"
        "Đề nghị các đơn vị thực hiện./.\n"
        "Nơi nhận:\tKT. GIÁM ĐỐC\n"
        "- Như trên;\tPHÓ GIÁM ĐỐC\n"
        "- Ban TĐKT tỉnh (b/c);\tPHÓ CHỦ TỊCH THƯỜNG TRỰC HỘI ĐỒNG\n"
        "- Lưu: VT, VP.\t\n"
        "\tLê Thị Thu Hà\n"
    )

    letter = parse_letter_text(text)

    assert letter.body == "Đề nghị các đơn vị thực hiện./."
    assert (letter.signer_prefix, letter.signer_prefix_title) == ("KT.", "GIÁM ĐỐC")
    assert letter.signer_position == "PHÓ GIÁM ĐỐC\nPHÓ CHỦ TỊCH THƯỜNG TRỰC HỘI ĐỒNG"
    assert letter.signer_name == "Lê Thị Thu Hà"
    assert letter.recipients == ["Như trên;", "Ban TĐKT tỉnh (b/c);", "Lưu: VT, VP."]


def test_recipients_written_without_dashes_and_nhu_tren_on_the_noi_nhan_line():
    text = (
        "SỞ Y TẾ ĐỒNG NAI\n"
        "Số: 44/SYT-VP\n"
        "V/v tổng kết năm\n"
        "Đồng Nai, ngày 05 tháng 10 năm 2025\n"
        "Kính gửi: Các đơn vị trực thuộc.\n"
        "Trân trọng./.\n"
        "Nơi nhận: Như trên;\n"
        "BAN TĐKT TỈNH;\n"
        "Giám đốc Sở (b/c);\n"
        "Lưu: VT, VP.\n"
        "TM. HỘI ĐỒNG THI ĐUA - KHEN THƯỞNG\n"
        "CHỦ TỊCH\n"
        "GIÁM ĐỐC SỞ Y TẾ\n"
        "Phan Huy Anh Vũ\n"
    )

    letter = parse_letter_text(text)

    assert letter.recipients == ["Như trên;", "BAN TĐKT TỈNH;", "Giám đốc Sở (b/c);", "Lưu: VT, VP."]
    assert (letter.signer_prefix, letter.signer_prefix_title) == ("TM.", "HỘI ĐỒNG THI ĐUA - KHEN THƯỞNG")
    assert letter.signer_position == "CHỦ TỊCH\nGIÁM ĐỐC SỞ Y TẾ"
    assert letter.signer_name == "Phan Huy Anh Vũ"


@pytest.mark.parametrize(
    "number_line",
    ["Số: /SYT-VP", "Số:/SYT-VP", "Số: ......./SYT-VP", "Số:\t/SYT-VP", "Số: …/SYT-VP"],
)
def test_a_draft_without_its_number_yet_keeps_the_codes(number_line):
    text = (
        "SỞ Y TẾ ĐỒNG NAI\n"
        f"{number_line}\n"
        "V/v tổng kết năm\n"
        "Đồng Nai, ngày ...... tháng 10 năm 2025\n"
        "Kính gửi: Các đơn vị trực thuộc.\n"
        "Trân trọng./.\n"
    )

    letter = parse_letter_text(text)

    assert (letter.number, letter.issuer_code, letter.office_code) == (None, "SYT", "VP")
    assert (letter.place, letter.issue_date) == ("Đồng Nai", None)
    assert letter.subject == "tổng kết năm"


def test_a_docx_that_would_unpack_past_the_limit_is_refused_before_it_is_read(client, office, db, settings):
    data = render_docx(letter_document(LetterFactory(subject="mời dự hội nghị")))
    settings.UPLOAD_MAX_UNPACKED_BYTES = 1000
    client.force_login(office)

    response = client.post(
        reverse("plans:letter-import"), {"docx": SimpleUploadedFile("cong-van.docx", data)}
    )

    assert "Tệp nén quá lớn khi giải nén" in " ".join(response.context["form"].errors["docx"])
    assert "import_warnings" not in response.context


def test_a_signer_for_a_collective_and_its_chair_keeps_the_second_authority_line():
    text = (
        "UBND TỈNH ĐỒNG NAI\n"
        "HỘI ĐỒNG THI ĐUA - KHEN THƯỞNG\n"
        "Số: 12/HĐTĐKT-VP\n"
        "V/v xét khen thưởng năm 2025\n"
        "Đồng Nai, ngày 06 tháng 12 năm 2025\n"
        "Kính gửi: Sở Y tế.\n"
        "Đề nghị Sở Y tế hoàn thiện hồ sơ./.\n"
        "Nơi nhận:\n"
        "- Như trên;\n"
        "- Lưu: VT.\n"
        "TM. HỘI ĐỒNG\n"
        "KT. CHỦ TỊCH\n"
        "PHÓ CHỦ TỊCH\n"
        "Võ Văn Phi\n"
    )

    letter = parse_letter_text(text)

    assert (letter.signer_prefix, letter.signer_prefix_title) == ("TM.", "HỘI ĐỒNG")
    assert letter.signer_position == "KT. CHỦ TỊCH\nPHÓ CHỦ TỊCH"
    assert letter.signer_name == "Võ Văn Phi"
    assert (letter.issuer_code, letter.office_code) == ("HĐTĐKT", "VP")
    assert letter.recipients == ["Như trên;", "Lưu: VT."]


CORPUS = Path(__file__).resolve().parent.parent / "fixtures" / "documents"


@pytest.mark.parametrize(
    "name",
    [
        "02_hoabinh_cong_van_phat_dong",
        "07_hanam_cong_van_dang_ky_thi_dua",
        "11_quangninh_cong_van_bao_cao_tong_ket",
    ],
)
def test_the_corpus_letters_of_other_provinces_read_as_their_truth(name):
    truth = json.loads((CORPUS / f"{name}.json").read_text(encoding="utf-8"))

    letter = parse_letter_text((CORPUS / f"{name}.txt").read_text(encoding="utf-8"))

    signer = truth["signer"]
    assert (letter.number, f"{letter.issuer_code}-{letter.office_code}") == (truth["number"], truth["symbol"])
    assert (letter.place, letter.issue_date.isoformat()) == (truth["place"], truth["date"])
    assert (letter.authority_line, letter.issuer_line) == (truth["authority_line"], truth["issuer_line"])
    assert f"V/v {letter.subject}" == truth["title"]
    assert letter.addressees == [a.rstrip(";.") for a in truth["addressees"]]
    assert (letter.signer_prefix, letter.signer_prefix_title) == (signer["prefix"], signer["prefix_title"])
    assert (letter.signer_position, letter.signer_name) == (signer["position"], signer["name"])
    assert letter.recipients == truth["recipients"]
    assert letter.warnings == []
