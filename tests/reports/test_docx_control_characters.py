"""A control character typed or pasted into any text of a document (XML 1.0 cannot hold it) is
dropped from the DOCX instead of stopping it; the rest of the text is kept."""

import io

from docx import Document

from reports.documents import OfficialDocument
from reports.docx import render_docx


def test_control_characters_in_the_title_body_and_signer_are_dropped_from_the_docx():
    doc = OfficialDocument(
        issuer_line="SỞ Y TẾ",
        number_text="Số: 01/QĐ-SYT",
        place_date_text="Đồng Nai, ngày 06 tháng 12 năm 2026",
        doc_type="QUYẾT ĐỊNH",
        title="Về việc thu hồi\x06 danh hiệu",
        body=[{"kind": "paragraph", "text": "Điều 1.\x0b Thu hồi\x1f danh hiệu."}],
        signer_position_lines=["GIÁM ĐỐC"],
        signer_name="Nguyễn\x07 Văn A",
        recipients=["Như Điều 3;"],
    )

    document = Document(io.BytesIO(render_docx(doc)))

    text = "\n".join(p.text for p in document.paragraphs) + "\n".join(
        cell.text for table in document.tables for row in table.rows for cell in row.cells
    )
    assert "Về việc thu hồi danh hiệu" in document.core_properties.title
    assert "Thu hồi danh hiệu." in text and "Nguyễn Văn A" in text
    assert not any(ch in text for ch in "\x06\x07\x0b\x1f")
