"""A unit head drops two files on a nomination's dossier at once, sees them go up, and opens the
PDF's preview; a file the checks refuse is named with its reason while the other is kept."""

import io

import pytest
from django.urls import reverse
from PIL import Image
from playwright.sync_api import expect

from awards.models import DossierFile
from tests.factories import NominationFactory, PersonFactory, award, make_pdf_bytes, make_unit_head

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

WATCH_CSP = """
window.__violations = [];
document.addEventListener("securitypolicyviolation", (e) => window.__violations.push(e.violatedDirective));
"""


def png_bytes() -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (40, 30), "navy").save(buffer, format="PNG")
    return buffer.getvalue()


def pdf_viewer_opened(page, seconds=10) -> bool:
    """Chromium shows a PDF in its own viewer, a frame of its PDF extension inside the page's."""
    for _ in range(seconds * 4):
        if any(frame.url.startswith("chrome-extension://") for frame in page.frames):
            return True
        page.wait_for_timeout(250)
    return False


@pytest.fixture
def draft(db):
    head = make_unit_head(username="bvdk")
    person = PersonFactory(unit=head.head_of_unit, full_name="Nguyễn Thị Hồng Nhung")
    return NominationFactory(person=person, award_type=award("LDTT"), status="draft")


def test_two_files_go_up_at_once_with_their_types_and_the_pdf_opens_in_the_browser(
    page, login, live_server, draft, tmp_path
):
    required = draft.award_type.required_documents
    pdf, png = tmp_path / "to-trinh.pdf", tmp_path / "anh-bien-ban.png"
    pdf.write_bytes(make_pdf_bytes())
    png.write_bytes(png_bytes())
    page.add_init_script(WATCH_CSP)
    login("bvdk")
    page.goto(live_server.url + draft.get_absolute_url())
    page.get_by_role("link", name="Thêm tệp hồ sơ").click()

    checklist = page.locator("#dossier-checklist")
    expect(checklist.locator("li")).to_have_count(len(required))
    expect(checklist).not_to_contain_text("đã có")
    expect(page.get_by_role("button", name="Kéo và thả một hoặc nhiều tệp vào đây")).to_be_visible()
    page.locator("#id_file").set_input_files([str(pdf), str(png)])
    rows = page.locator("#upload-queue li")
    expect(rows).to_have_count(2)
    # each file starts on the next document the dossier lacks, in the award's order
    expect(rows.nth(0).locator("select")).to_have_value(required[0])
    expect(rows.nth(1).locator("select")).to_have_value(required[1])
    page.get_by_role("button", name="Tải lên").click()

    page.wait_for_url(live_server.url + draft.get_absolute_url())
    files = page.locator("#dossier-files")
    expect(files).to_contain_text("to-trinh.pdf")
    expect(files).to_contain_text("anh-bien-ban.png")
    assert dict(DossierFile.objects.values_list("original_name", "kind")) == {
        "to-trinh.pdf": required[0],
        "anh-bien-ban.png": required[1],
    }
    expect(page.locator(f'#dossier-checklist li[data-code="{required[0]}"]')).to_contain_text("đã có")

    with page.expect_response(lambda r: "/inline/" in r.url) as inline:
        files.get_by_role("link", name="to-trinh.pdf").click()
    assert inline.value.status == 200
    # Chromium hands a PDF to its viewer with the policy cut down to frame-ancestors: the headers as
    # the server sent them are read through the page's own session.
    sent = page.request.get(inline.value.url)
    assert sent.headers["content-type"] == "application/pdf"
    assert sent.headers["content-disposition"].startswith("inline")
    assert sent.headers["x-content-type-options"] == "nosniff"
    assert "sandbox" in sent.headers["content-security-policy"]
    expect(page.locator("iframe.file-preview-frame")).to_be_visible()
    assert pdf_viewer_opened(page), "the browser's PDF viewer did not take the framed file"
    page.go_back()
    files.get_by_role("link", name="anh-bien-ban.png").click()
    image = page.locator("#file-preview img")
    expect(image).to_be_visible()
    # visible before it is loaded: wait until the browser is done with it (loaded or broken)
    page.wait_for_function("() => document.querySelector('#file-preview img').complete")
    assert image.evaluate("img => img.naturalWidth") == 40
    assert page.evaluate("window.__violations") == []


def test_a_refused_file_is_named_with_its_reason_and_the_other_is_kept(
    page, login, live_server, draft, tmp_path
):
    good, forged = tmp_path / "to-trinh.pdf", tmp_path / "bien-ban.pdf"
    good.write_bytes(make_pdf_bytes())
    forged.write_bytes(b"MZ\x90\x00 this is not a PDF" * 20)
    login("bvdk")
    page.goto(live_server.url + reverse("awards:dossier-upload", args=[draft.pk]))

    page.locator("#id_file").set_input_files([str(good), str(forged)])
    page.get_by_role("button", name="Tải lên").click()

    rows = page.locator("#upload-queue li")
    expect(rows.nth(1)).to_contain_text("Nội dung tệp không phải là PDF hợp lệ")
    expect(rows.nth(0)).to_contain_text("Đã lưu vào hồ sơ.")
    expect(page.locator("#upload-status")).to_contain_text("Một số tệp không lưu được")
    assert list(DossierFile.objects.values_list("original_name", flat=True)) == ["to-trinh.pdf"]
