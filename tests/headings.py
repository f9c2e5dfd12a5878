"""The heading of an official document (Decree 30/2020/NĐ-CP, Appendix I: the governing body and
the issuer above the number, the place before the date, the recipients and the signature block at
the end), as a test sets it on a document or sends it in the document's form. Unless the test
changes it, a deputy director of the Đồng Nai department signs for the director."""

DEPUTY_SIGNS = {
    "authority_line": "UBND TỈNH ĐỒNG NAI",
    "issuer_line": "SỞ Y TẾ",
    "place": "Đồng Nai",
    "signer_prefix": "KT.",
    "signer_prefix_title": "GIÁM ĐỐC",
    "signer_position": "PHÓ GIÁM ĐỐC",
    "signer_name": "Lê Quang Trung",
    "recipients": ["Như trên;", "Lưu: VT, TCCB."],
}


def heading(**changes) -> dict:
    """The heading's fields as a document stores them (``recipients``: a list)."""
    return {**DEPUTY_SIGNS, **changes}


def heading_form(**changes) -> dict:
    """The same heading as the document's form sends it (``recipients_text``: one a line)."""
    fields = heading(**changes)
    fields["recipients_text"] = "\n".join(fields.pop("recipients"))
    return fields
