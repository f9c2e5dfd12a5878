"""Dossiers without friction: several files in one upload (each checked on its own), the checklist
of what the award requires with the next missing type chosen, and PDFs and images previewed
through the permission-checked views."""

import io

import pytest
from django.urls import reverse
from PIL import Image

from awards.models import DossierFile
from tests.factories import add_dossier_file, award, make_pdf_bytes, make_upload
from units.uploads import PREVIEW_CSP

pytestmark = pytest.mark.django_db


def upload_url(nomination):
    return reverse("awards:dossier-upload", args=[nomination.pk])


def png_bytes() -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (4, 3), "white").save(buffer, format="PNG")
    return buffer.getvalue()


def stored_file(nomination, name, content, kind="KHAC"):
    """A file stored as an upload stores it (its content read back by the preview)."""
    item = add_dossier_file(nomination, kind, name=name)
    item.file.save(name, make_upload(name, content), save=True)
    return item


# --- several files at once -----------------------------------------------------------------------
def test_several_files_at_once_are_stored_and_a_refused_one_is_named_with_its_message(
    client, head, make_nomination
):
    nomination = make_nomination(status="draft")
    client.force_login(head)
    files = [
        make_upload("to-trinh.pdf"),
        make_upload("bao-cao.docx", content=b"not a zip at all" * 10),
        make_upload("anh-chup.png", content=png_bytes(), content_type="image/png"),
    ]

    response = client.post(upload_url(nomination), {"kind": "TOTRINH", "file": files})

    assert response.status_code == 200
    stored_names = sorted(DossierFile.objects.values_list("original_name", flat=True))
    assert stored_names == ["anh-chup.png", "to-trinh.pdf"]
    page = response.content.decode()
    refused = page[page.index('data-file="bao-cao.docx"') :].split("</li>")[0]
    assert 'data-stored="0"' in refused
    assert "Nội dung tệp không phải là DOCX hợp lệ" in refused
    stored = page[page.index('data-file="to-trinh.pdf"') :].split("</li>")[0]
    assert "đã lưu vào hồ sơ" in stored
    assert "Nội dung tệp" not in stored


def test_all_files_stored_leads_back_to_the_nomination_with_one_message_each(client, head, make_nomination):
    nomination = make_nomination(status="draft")
    client.force_login(head)

    response = client.post(
        upload_url(nomination),
        {"kind": "BIENBAN", "file": [make_upload("bien-ban-1.pdf"), make_upload("bien-ban-2.pdf")]},
        follow=True,
    )

    assert response.redirect_chain[-1][0] == nomination.get_absolute_url()
    assert set(DossierFile.objects.values_list("kind", flat=True)) == {"BIENBAN"}
    page = response.content.decode()
    assert "Đã thêm tệp “bien-ban-1.pdf”" in page
    assert "Đã thêm tệp “bien-ban-2.pdf”" in page


def test_each_file_takes_its_own_type_when_the_page_sends_one_per_file(client, head, make_nomination):
    nomination = make_nomination(status="draft")
    client.force_login(head)

    client.post(
        upload_url(nomination),
        {
            "kind": "KHAC",
            "kinds": ["TOTRINH", "BAOCAO"],
            "file": [make_upload("to-trinh.pdf"), make_upload("bao-cao.pdf")],
        },
    )

    assert dict(DossierFile.objects.values_list("original_name", "kind")) == {
        "to-trinh.pdf": "TOTRINH",
        "bao-cao.pdf": "BAOCAO",
    }


def test_the_pages_script_gets_each_files_outcome_and_the_checklist_as_it_now_stands(
    client, head, make_nomination
):
    nomination = make_nomination(status="draft")
    client.force_login(head)
    forged = make_upload("bien-ban.pdf", content=b"MZ\x90\x00 not a pdf")

    script = {"X-Requested-With": "XMLHttpRequest"}

    ok = client.post(
        upload_url(nomination), {"kind": "TOTRINH", "file": make_upload("to-trinh.pdf")}, headers=script
    ).json()
    refused = client.post(upload_url(nomination), {"kind": "BIENBAN", "file": forged}, headers=script).json()

    assert ok["files"] == [
        {
            "name": "to-trinh.pdf",
            "kind": "TOTRINH",
            "kind_label": "Tờ trình kèm danh sách",
            "stored": True,
            "errors": [],
        }
    ]
    assert 'data-code="TOTRINH" data-present="1"' in ok["checklist_html"]
    assert ok["missing"][0] == "BIENBAN"
    assert ok["next"] == nomination.get_absolute_url()
    assert refused["files"][0]["stored"] is False
    assert "Nội dung tệp không phải là PDF hợp lệ" in refused["files"][0]["errors"][0]
    assert DossierFile.objects.count() == 1


def test_an_upload_to_a_nomination_no_longer_editable_stores_none_of_the_files(client, head, make_nomination):
    nomination = make_nomination(status="submitted")
    client.force_login(head)

    response = client.post(
        upload_url(nomination),
        {"kind": "KHAC", "file": [make_upload("a.pdf"), make_upload("b.pdf")]},
        headers={"X-Requested-With": "XMLHttpRequest"},
    )

    assert response.status_code in (302, 400)
    assert not DossierFile.objects.exists()


def test_more_files_than_one_upload_takes_are_refused_at_the_field(client, head, make_nomination):
    nomination = make_nomination(status="draft")
    client.force_login(head)

    response = client.post(
        upload_url(nomination), {"kind": "KHAC", "file": [make_upload(f"tep-{i}.pdf") for i in range(21)]}
    )

    assert "Mỗi lần tải lên tối đa 20 tệp (đã chọn 21)" in str(response.context["form"].errors["file"])
    assert not DossierFile.objects.exists()


# --- the checklist and the next missing type -----------------------------------------------------
def test_the_upload_page_starts_on_the_next_missing_document_and_ticks_what_is_present(
    client, head, make_nomination
):
    nomination = make_nomination(status="draft")
    required = award("LDTT").required_documents
    assert len(required) >= 2
    add_dossier_file(nomination, required[0])
    client.force_login(head)

    response = client.get(upload_url(nomination))

    assert response.context["form"]["kind"].value() == required[1]
    page = response.content.decode()
    assert f'data-code="{required[0]}" data-present="1"' in page
    assert f'data-code="{required[1]}" data-present="0"' in page
    assert [line.code for line in response.context["checklist"]] == required
    assert response.context["missing_kinds"] == required[1:]


def test_a_complete_dossier_starts_the_upload_on_other_documents(client, head, make_nomination):
    nomination = make_nomination(status="draft")
    for code in nomination.award_type.required_documents:
        add_dossier_file(nomination, code)
    client.force_login(head)

    response = client.get(upload_url(nomination))

    assert response.context["form"]["kind"].value() == "KHAC"
    assert all(line.present for line in response.context["checklist"])
    assert 'data-present="0"' not in response.content.decode()


def test_the_nomination_page_shows_the_checklist_ticked(client, head, make_nomination):
    nomination = make_nomination(status="draft")
    first = nomination.award_type.required_documents[0]
    add_dossier_file(nomination, first)
    client.force_login(head)

    page = client.get(nomination.get_absolute_url()).content.decode()

    assert f'data-code="{first}" data-present="1"' in page
    assert "còn thiếu" in page


# --- preview ---------------------------------------------------------------------------------------
def preview_url(item, name="awards:dossier-inline"):
    return reverse(name, args=[item.nomination_id, item.pk])


def test_a_pdf_is_shown_inline_under_a_restrictive_policy(client, head, make_nomination):
    item = add_dossier_file(make_nomination(status="submitted"), name="Tờ trình số 12.pdf")
    client.force_login(head)

    response = client.get(preview_url(item))

    assert response.status_code == 200
    assert b"".join(response.streaming_content) == make_pdf_bytes()
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"].startswith("inline;")
    assert "filename*=utf-8''T%E1%BB%9D%20tr%C3%ACnh" in response["Content-Disposition"]
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Content-Security-Policy"] == PREVIEW_CSP
    policy = [d.strip() for d in response["Content-Security-Policy"].split(";")]
    assert "default-src 'none'" in policy and "sandbox" in policy and "frame-ancestors 'self'" in policy
    assert response["X-Frame-Options"] == "SAMEORIGIN"
    assert response["Cache-Control"] == "private, no-store"


def test_an_image_is_shown_inline_as_an_image(client, head, make_nomination):
    item = stored_file(make_nomination(status="draft"), "anh-chup.png", png_bytes())
    client.force_login(head)

    response = client.get(preview_url(item))

    assert response["Content-Type"] == "image/png"
    assert response["Content-Disposition"].startswith("inline;")
    assert Image.open(io.BytesIO(b"".join(response.streaming_content))).size == (4, 3)


def test_a_word_file_is_never_shown_inline_it_downloads(client, head, make_nomination):
    item = add_dossier_file(make_nomination(status="draft"), name="bao-cao.docx")
    client.force_login(head)

    response = client.get(preview_url(item))

    assert response["Content-Disposition"].startswith("attachment;")
    assert "Content-Security-Policy" not in response or "sandbox" not in response["Content-Security-Policy"]
    page = client.get(preview_url(item, "awards:dossier-preview")).content.decode()
    assert "<iframe" not in page and "<img" not in page
    assert "không xem trước được" in page


def test_the_preview_page_frames_the_inline_view_and_offers_the_download(client, office, make_nomination):
    item = add_dossier_file(make_nomination(status="submitted"), name="to-trinh.pdf")
    client.force_login(office)

    page = client.get(preview_url(item, "awards:dossier-preview")).content.decode()

    assert f'<iframe class="file-preview-frame border rounded" src="{preview_url(item)}"' in page
    assert f'href="{item.get_download_url()}"' in page


@pytest.mark.parametrize("view", ["awards:dossier-inline", "awards:dossier-preview"])
@pytest.mark.parametrize("who", ["other_head", "council_member"])
def test_no_preview_for_those_who_may_not_see_the_nomination(client, who, view, request, make_nomination):
    item = add_dossier_file(make_nomination(status="submitted"))
    client.force_login(request.getfixturevalue(who))

    assert client.get(preview_url(item, view)).status_code == 404


def test_no_preview_of_a_file_through_another_nomination(client, head, make_nomination):
    mine = make_nomination(status="draft")
    item = add_dossier_file(make_nomination(status="draft", code="CSTDCS"))
    client.force_login(head)

    assert client.get(reverse("awards:dossier-inline", args=[mine.pk, item.pk])).status_code == 404


def test_the_nomination_page_links_pdfs_to_their_preview(client, head, make_nomination):
    nomination = make_nomination(status="draft")
    pdf = add_dossier_file(nomination, name="to-trinh.pdf")
    client.force_login(head)

    page = client.get(nomination.get_absolute_url()).content.decode()

    assert f'href="{preview_url(pdf, "awards:dossier-preview")}"' in page
