"""A control character pasted into a text (XML cannot hold it) is dropped from an .xlsx cell
instead of stopping the export; the rest of the text is kept."""

import io

from openpyxl import Workbook, load_workbook

from units.xlsx import neutralise


def test_a_control_character_is_dropped_from_the_cell_and_the_sheet_still_saves():
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet("Danh sách")
    sheet.append([neutralise(sheet, "Bệnh viện\x06 Đa khoa\x1f"), neutralise(sheet, "=\x07SUM(A1)")])
    out = io.BytesIO()

    workbook.save(out)

    row = next(load_workbook(io.BytesIO(out.getvalue())).active.iter_rows(values_only=True))
    assert row == ("Bệnh viện Đa khoa", "=SUM(A1)")
