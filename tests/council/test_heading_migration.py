"""Decisions and tờ trình issued before they carried their own heading keep what they printed:
the authority line as typed, split into prefix and title, or kept above the position."""

import importlib

import pytest

migration = importlib.import_module("council.migrations.0007_decision_and_proposal_heading_as_printed")


@pytest.mark.parametrize(
    ("prefix_line", "position", "parts"),
    [
        ("KT. GIÁM ĐỐC", "PHÓ GIÁM ĐỐC", ("KT.", "GIÁM ĐỐC", "PHÓ GIÁM ĐỐC")),
        ("KT.", "PHÓ GIÁM ĐỐC", ("KT.", "", "PHÓ GIÁM ĐỐC")),
        ("", "GIÁM ĐỐC", ("", "", "GIÁM ĐỐC")),
        ("THỪA LỆNH GIÁM ĐỐC", "CHÁNH VĂN PHÒNG", ("", "", "THỪA LỆNH GIÁM ĐỐC\nCHÁNH VĂN PHÒNG")),
    ],
)
def test_an_authority_line_as_typed_becomes_prefix_title_and_position(prefix_line, position, parts):
    assert migration.signer_parts(prefix_line, position) == parts
