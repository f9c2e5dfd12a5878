"""Imports from Excel (.xlsx) of yearly evaluations and of the award history of past years.

The same flow as the staff import, on the same ground (``units.xlsx_import``: columns, finding
the header, the report of rows kept and refused, the template's data sheet, the upload kept under
a random token): the office downloads a template, uploads it, sees a row-by-row report (``parse``
writes nothing), and confirms; ``apply`` writes all the rows in one transaction, or only the
valid ones when the user asks for that explicitly. Between report and confirm the bytes wait
under a random token (``store`` / ``open_upload``) and are checked again at confirm time.

Award names are resolved with ``AwardType.objects.resolve`` — codes, short names, current and
old names (aliases) — and the name as written is kept on the record (``name_as_issued``).
"""

import hashlib
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from django.core.exceptions import PermissionDenied
from django.db.models.functions import Lower
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from openpyxl import Workbook

from catalog.enums import AchievementKind
from catalog.models import AwardType, normalize_name
from units.models import Person, Unit
from units.xlsx import XLSX_CONTENT_TYPE, neutralise
from units.xlsx_import import (
    Column,
    ImportReport,
    ImportRow,
    cell_text,
    fold,
    guide_sheet,
    parse_date,
    read_rows,
    template_sheet,
    upload_discard,
    upload_open,
    upload_store,
    workbook_bytes,
)

from .enums import EvaluationLevel, EvaluationSource, RecordSource
from .models import AwardRecord, Evaluation
from .services import award_record_issue, evaluation_add, nominations_rejudge

__all__ = ["KINDS", "XLSX_CONTENT_TYPE", "apply", "discard", "open_upload", "parse", "store", "template"]

EVALUATIONS, RECORDS = "evaluations", "records"
FIRST_YEAR = 1945

SUBJECT_COLUMNS = (
    Column(
        "staff_code",
        "Mã cán bộ",
        gettext_lazy("Mã cán bộ"),
        width=14,
        hint=gettext_lazy("Với cá nhân: mã cán bộ. Để trống nếu là tập thể."),
    ),
    Column(
        "unit_code",
        "Mã đơn vị (tập thể)",
        gettext_lazy("Mã đơn vị"),
        width=16,
        aliases=("Mã đơn vị", "Mã tập thể"),
        hint=gettext_lazy("Với tập thể: mã đơn vị. Để trống nếu là cá nhân."),
    ),
)

EVALUATION_COLUMNS = (
    *SUBJECT_COLUMNS,
    Column("year", "Năm", gettext_lazy("Năm"), required=True, width=8, number_format="0"),
    Column(
        "level",
        "Mức xếp loại",
        gettext_lazy("Mức xếp loại"),
        required=True,
        width=34,
        aliases=("Xếp loại", "Kết quả đánh giá"),
        hint=gettext_lazy("HTXSNV, HTTNV, HTNV, KHTNV hoặc tên đầy đủ."),
    ),
    Column("points", "Điểm", gettext_lazy("Điểm"), width=8, number_format="0.00"),
    Column("decided_by", "Cấp đánh giá / văn bản", gettext_lazy("Cấp đánh giá / văn bản"), width=30),
    Column(
        "decided_on",
        "Ngày đánh giá (dd/mm/yyyy)",
        gettext_lazy("Ngày đánh giá"),
        width=16,
        number_format="DD/MM/YYYY",
    ),
)

RECORD_COLUMNS = (
    *SUBJECT_COLUMNS,
    Column(
        "year", "Năm thành tích", gettext_lazy("Năm thành tích"), required=True, width=10, aliases=("Năm",)
    ),
    Column(
        "award",
        "Danh hiệu / hình thức",
        gettext_lazy("Danh hiệu / hình thức"),
        required=True,
        width=40,
        aliases=("Danh hiệu", "Hình thức khen thưởng", "Khen thưởng"),
        hint=gettext_lazy(
            "Tên như trên quyết định; tên cũ được nhận ra (ví dụ “Chiến sĩ thi đua cấp tỉnh”)."
        ),
    ),
    Column(
        "achievement_kind",
        "Loại hình",
        gettext_lazy("Loại hình khen thưởng"),
        width=22,
        hint=gettext_lazy("Công trạng, Chuyên đề, Đột xuất, Cống hiến. Để trống: Công trạng."),
    ),
    Column("decision_number", "Số quyết định", gettext_lazy("Số quyết định"), width=16),
    Column(
        "decision_date",
        "Ngày quyết định (dd/mm/yyyy)",
        gettext_lazy("Ngày quyết định"),
        width=16,
        number_format="DD/MM/YYYY",
    ),
    Column("authority", "Cấp quyết định", gettext_lazy("Cấp quyết định"), width=26),
)


@dataclass(frozen=True)
class ImportSpec:
    kind: str
    title: str
    sheet: str
    filename: str
    columns: tuple[Column, ...]


KINDS = {
    EVALUATIONS: ImportSpec(
        EVALUATIONS,
        gettext_lazy("Kết quả đánh giá, xếp loại"),
        "Đánh giá",
        "mau-nhap-danh-gia-xep-loai.xlsx",
        EVALUATION_COLUMNS,
    ),
    RECORDS: ImportSpec(
        RECORDS,
        gettext_lazy("Lịch sử khen thưởng"),
        "Khen thưởng",
        "mau-nhap-lich-su-khen-thuong.xlsx",
        RECORD_COLUMNS,
    ),
}

LEVEL_KEYS = {
    **{fold(level.value): level.value for level in EvaluationLevel},
    **{fold(str(level.label)): level.value for level in EvaluationLevel},
}
KIND_KEYS = {
    **{fold(kind.value): kind.value for kind in AchievementKind},
    **{fold(str(kind.label)): kind.value for kind in AchievementKind},
    "cong trang": AchievementKind.ANNUAL,
    "thuong xuyen": AchievementKind.ANNUAL,
    "chuyen de": AchievementKind.THEMATIC,
    "dot xuat": AchievementKind.AD_HOC,
    "cong hien": AchievementKind.LONG_SERVICE,
    "nien han": AchievementKind.LONG_SERVICE,
}


# ---------------------------------------------------------------------------
# Template
# ---------------------------------------------------------------------------
def template(kind: str) -> bytes:
    """The .xlsx to fill in: the data sheet with its headers (required ones in yellow) and a guide."""
    spec = KINDS[kind]
    wb = Workbook()
    ws = wb.active
    ws.title = spec.sheet
    template_sheet(ws, spec.columns)

    title = _("Hướng dẫn nhập %(title)s") % {"title": str(spec.title).lower()}
    steps = [
        _("Mỗi dòng là một cá nhân (ghi Mã cán bộ) hoặc một tập thể (ghi Mã đơn vị), không ghi cả hai."),
        _("Các cột tô màu vàng là bắt buộc. Không đổi tên, không xóa dòng tiêu đề."),
        _("Ngày ghi theo dạng ngày/tháng/năm, ví dụ 27/01/2025."),
        _(
            "Hệ thống kiểm tra toàn bộ tệp trước khi nhập và chỉ nhập khi bạn xác nhận. Nếu có dòng lỗi, "
            "sửa tệp rồi tải lại, hoặc chọn chỉ nhập các dòng hợp lệ."
        ),
    ]
    guide = guide_sheet(wb, title, steps=steps, first_width=30)
    for column in spec.columns:
        note = _("Bắt buộc.") if column.required else _("Không bắt buộc.")
        guide.append([column.header, f"{note} {column.hint}".strip()])
    if kind == EVALUATIONS:
        guide.append([])
        guide.append([_("Mức xếp loại")])
        for level in EvaluationLevel:
            guide.append([level.value, str(level.label)])
    else:
        guide.append([])
        guide.append([_("Danh hiệu / hình thức (tên hiện hành)")])
        for award in AwardType.objects.active().order_by("order", "name"):
            guide.append([neutralise(guide, award.code), neutralise(guide, award.name)])
    return workbook_bytes(wb)


# ---------------------------------------------------------------------------
# Report
# ---------------------------------------------------------------------------
@dataclass
class HistoryRow(ImportRow):
    @property
    def subject_label(self) -> str:
        subject = self.data.get("person") or self.data.get("unit")
        if subject is None:
            return self.raw.get("staff_code") or self.raw.get("unit_code") or ""
        return getattr(subject, "full_name", None) or subject.name


@dataclass
class HistoryReport(ImportReport):
    kind: str = EVALUATIONS

    @property
    def spec(self) -> ImportSpec:
        return KINDS[self.kind]

    @property
    def columns(self) -> tuple[Column, ...]:
        return self.spec.columns

    def fingerprint(self) -> str:
        text = ";".join(f"{row.number}:{int(row.is_valid)}:{sorted(row.raw.items())}" for row in self.rows)
        return hashlib.sha256(f"{self.kind}|{text}".encode()).hexdigest()[:32]


# ---------------------------------------------------------------------------
# Reading
# ---------------------------------------------------------------------------
def parse(kind: str, content: bytes) -> HistoryReport:
    """Read an uploaded .xlsx and check every row. Writes nothing; raises ValidationError for the
    file as a whole (not an .xlsx, empty, missing columns)."""
    spec = KINDS[kind]
    _title, rows = read_rows(
        content,
        sheet=spec.sheet,
        columns=spec.columns,  # the row naming the most columns is the header
        either=(("staff_code", "unit_code"), _("Mã cán bộ hoặc Mã đơn vị")),
    )
    checker = _EvaluationChecker(rows) if kind == EVALUATIONS else _RecordChecker(rows)
    return HistoryReport(kind=kind, rows=checker.check())


class _Checker:
    columns: tuple[Column, ...] = ()

    def __init__(self, rows: list[tuple[int, dict]]):
        self.rows = rows
        self.today = timezone.localdate()
        staff_codes = {cell_text(c.get("staff_code")).casefold() for _n, c in rows} - {""}
        unit_codes = {cell_text(c.get("unit_code")).casefold() for _n, c in rows} - {""}
        self.people = {
            p.key: p
            for p in Person.objects.annotate(key=Lower("staff_code"))
            .filter(key__in=staff_codes)
            .select_related("unit")
        }
        self.units = {u.key: u for u in Unit.objects.annotate(key=Lower("code")).filter(key__in=unit_codes)}
        self.labels = {c.field: str(c.label) for c in self.columns}

    def check(self) -> list[HistoryRow]:
        checked = []
        for number, cells in self.rows:
            row = HistoryRow(number=number, raw={k: cell_text(v) for k, v in cells.items()})
            self.check_subject(row)
            self.check_year(row, cells)
            self.check_row(row, cells)
            checked.append(row)
        self.check_duplicates(checked)
        return checked

    def check_subject(self, row: HistoryRow) -> None:
        staff, unit = row.raw.get("staff_code", ""), row.raw.get("unit_code", "")
        if staff and unit:
            row.errors.append(_("Ghi Mã cán bộ hoặc Mã đơn vị, không ghi cả hai."))
        elif not staff and not unit:
            row.errors.append(_("Chưa nhập Mã cán bộ (cá nhân) hoặc Mã đơn vị (tập thể)."))
        elif staff:
            person = self.people.get(staff.casefold())
            if person is None:
                row.errors.append(
                    _("Mã cán bộ '%(code)s' không có trong danh sách cán bộ.") % {"code": staff}
                )
            else:
                row.data["person"] = person
        else:
            found = self.units.get(unit.casefold())
            if found is None:
                row.errors.append(_("Mã đơn vị '%(code)s' không có trong danh mục đơn vị.") % {"code": unit})
            else:
                row.data["unit"] = found

    def check_year(self, row: HistoryRow, cells: dict) -> None:
        text = row.raw.get("year", "")
        label = self.labels["year"]
        if not text:
            row.errors.append(_("Chưa nhập %(column)s.") % {"column": label})
            return
        try:
            year = int(Decimal(text))
        except (InvalidOperation, ValueError):
            year = None
        if year is None or str(year) != text or not FIRST_YEAR <= year <= self.today.year:
            row.errors.append(
                _("%(column)s '%(value)s' không hợp lệ (từ %(first)s đến %(last)s).")
                % {"column": label, "value": text, "first": FIRST_YEAR, "last": self.today.year}
            )
            return
        row.data["year"] = year

    def date(self, row: HistoryRow, cells: dict, name: str) -> None:
        if not row.raw.get(name):
            return
        value = parse_date(cells[name], self.labels[name], row.errors)
        if value is None:
            return
        if value > self.today:
            row.errors.append(
                _("%(column)s '%(value)s' ở sau ngày hôm nay.")
                % {"column": self.labels[name], "value": row.raw[name]}
            )
        else:
            row.data[name] = value

    def text(self, row: HistoryRow, name: str, limit: int) -> None:
        value = row.raw.get(name, "")
        if len(value) > limit:
            row.errors.append(
                _("%(column)s dài quá %(limit)s ký tự.") % {"column": self.labels[name], "limit": limit}
            )
        else:
            row.data[name] = value

    def check_row(self, row: HistoryRow, cells: dict) -> None:  # pragma: no cover - overridden
        raise NotImplementedError

    def key(self, row: HistoryRow):  # pragma: no cover - overridden
        raise NotImplementedError

    def check_duplicates(self, rows: list[HistoryRow]) -> None:
        seen: dict[tuple, list[HistoryRow]] = {}
        for row in rows:
            key = self.key(row)
            if key is not None:
                seen.setdefault(key, []).append(row)
        for same in seen.values():
            if len(same) > 1:
                numbers = ", ".join(str(r.number) for r in same)
                for row in same:
                    row.errors.append(
                        _("Trùng với dòng khác trong tệp (các dòng %(rows)s).") % {"rows": numbers}
                    )
        self.check_existing([r for r in rows if r.is_valid])


def _subject_key(row: HistoryRow):
    if "person" in row.data:
        return ("person", row.data["person"].pk)
    if "unit" in row.data:
        return ("unit", row.data["unit"].pk)
    return None


class _EvaluationChecker(_Checker):
    columns = EVALUATION_COLUMNS

    def check_row(self, row: HistoryRow, cells: dict) -> None:
        level = row.raw.get("level", "")
        if not level:
            row.errors.append(_("Chưa nhập %(column)s.") % {"column": self.labels["level"]})
        elif fold(level) not in LEVEL_KEYS:
            row.errors.append(
                _("Mức xếp loại '%(value)s' không hợp lệ (HTXSNV, HTTNV, HTNV hoặc KHTNV).")
                % {"value": level}
            )
        else:
            row.data["level"] = LEVEL_KEYS[fold(level)]
        points = row.raw.get("points", "")
        if points:
            try:
                value = Decimal(points.replace(",", "."))
            except InvalidOperation:
                value = None
            if value is None or not Decimal(0) <= value <= Decimal(100):
                row.errors.append(_("Điểm '%(value)s' không hợp lệ (từ 0 đến 100).") % {"value": points})
            else:
                row.data["points"] = value.quantize(Decimal("0.01"))
        self.text(row, "decided_by", 255)
        self.date(row, cells, "decided_on")

    def key(self, row: HistoryRow):
        subject = _subject_key(row)
        return None if subject is None or "year" not in row.data else (*subject, row.data["year"])

    def check_existing(self, rows: list[HistoryRow]) -> None:
        if not rows:
            return
        years = {row.data["year"] for row in rows}
        existing = {}
        for evaluation in Evaluation.objects.filter(year__in=years).filter(
            person_id__in=[r.data["person"].pk for r in rows if "person" in r.data]
        ) | Evaluation.objects.filter(year__in=years).filter(
            unit_id__in=[r.data["unit"].pk for r in rows if "unit" in r.data]
        ):
            subject = (
                ("person", evaluation.person_id) if evaluation.person_id else ("unit", evaluation.unit_id)
            )
            existing[(*subject, evaluation.year)] = evaluation
        for row in rows:
            found = existing.get(self.key(row))
            if found is not None:
                row.errors.append(
                    _("%(subject)s đã có kết quả đánh giá năm %(year)s (%(level)s).")
                    % {"subject": row.subject_label, "year": found.year, "level": found.get_level_display()}
                )


class _RecordChecker(_Checker):
    columns = RECORD_COLUMNS

    def __init__(self, rows):
        super().__init__(rows)
        self._awards: dict[str, AwardType | None] = {}

    def resolve(self, name: str):
        key = normalize_name(name)
        if key not in self._awards:
            self._awards[key] = AwardType.objects.resolve(name)
        return self._awards[key]

    def check_row(self, row: HistoryRow, cells: dict) -> None:
        name = row.raw.get("award", "")
        if not name:
            row.errors.append(_("Chưa nhập %(column)s.") % {"column": self.labels["award"]})
        else:
            award = self.resolve(name)
            if award is None:
                row.errors.append(
                    _("Không nhận ra danh hiệu, hình thức '%(value)s'; xem danh sách ở trang Hướng dẫn.")
                    % {"value": name}
                )
            elif "person" in row.data and not award.applies_to_individuals:
                row.errors.append(_("“%(award)s” không áp dụng cho cá nhân.") % {"award": award.name})
            elif "unit" in row.data and not award.applies_to_collectives:
                row.errors.append(_("“%(award)s” không áp dụng cho tập thể.") % {"award": award.name})
            else:
                row.data["award_type"] = award
                row.data["name_as_issued"] = name[:255]
        kind = row.raw.get("achievement_kind", "")
        if kind and fold(kind) not in KIND_KEYS:
            row.errors.append(
                _("Loại hình '%(value)s' không hợp lệ (Công trạng, Chuyên đề, Đột xuất, Cống hiến).")
                % {"value": kind}
            )
        else:
            row.data["achievement_kind"] = KIND_KEYS.get(fold(kind), AchievementKind.ANNUAL)
        self.text(row, "decision_number", 50)
        self.text(row, "authority", 255)
        self.date(row, cells, "decision_date")

    def key(self, row: HistoryRow):
        subject = _subject_key(row)
        if subject is None or "year" not in row.data or "award_type" not in row.data:
            return None
        return (*subject, row.data["award_type"].pk, row.data["year"])

    def check_existing(self, rows: list[HistoryRow]) -> None:
        if not rows:
            return
        years = {row.data["year"] for row in rows}
        existing = set()
        for person_id, unit_id, type_id, year in AwardRecord.objects.filter(year__in=years).values_list(
            "person_id", "unit_id", "award_type_id", "year"
        ):
            subject = ("person", person_id) if person_id else ("unit", unit_id)
            existing.add((*subject, type_id, year))
        for row in rows:
            if self.key(row) in existing:
                row.errors.append(
                    _("%(subject)s đã có %(award)s năm %(year)s trong lịch sử khen thưởng.")
                    % {
                        "subject": row.subject_label,
                        "award": row.data["award_type"].name,
                        "year": row.data["year"],
                    }
                )


# ---------------------------------------------------------------------------
# Import
# ---------------------------------------------------------------------------
def apply(kind: str, report: HistoryReport, *, by, valid_only: bool = False) -> int:
    """Write the rows of a checked report in one transaction; returns how many were written.

    With invalid rows, nothing is written unless ``valid_only`` (the invalid rows are then left
    out). A clash with rows written meanwhile rolls the whole import back.
    """
    if by is not None and not by.has_perm("awards.import_history"):
        raise PermissionDenied(_("Chỉ Thường trực TĐKT được nhập dữ liệu."))

    def write(chosen: list[HistoryRow]) -> None:
        for row in chosen:
            _write(kind, row, by=by)
        _rejudge_imported(kind, chosen, by=by)

    chosen = report.write(
        write,
        valid_only=valid_only,
        conflict=_(
            "Dữ liệu vừa được thay đổi trong lúc nhập; chưa có dòng nào được nhập. Vui lòng kiểm tra lại."
        ),
    )
    return len(chosen)


def _rejudge_imported(kind: str, rows: list[HistoryRow], *, by) -> None:
    """The open nominations of the people and units imported are judged again (same transaction)."""
    people = {row.data["person"].pk for row in rows if row.data.get("person")}
    units = {row.data["unit"].pk for row in rows if row.data.get("unit")}
    what = _("kết quả đánh giá") if kind == EVALUATIONS else _("lịch sử khen thưởng")
    nominations_rejudge(
        person_ids=people,
        unit_ids=units,
        years={row.data["year"] for row in rows},
        award_type_ids=None if kind == EVALUATIONS else {row.data["award_type"].pk for row in rows},
        cause=_("Nhập %(what)s từ tệp (%(n)s dòng)") % {"what": what, "n": len(rows)},
        by=by,
    )


def _write(kind: str, row: HistoryRow, *, by) -> None:
    data = row.data
    subject = {"person": data.get("person"), "unit": data.get("unit")}
    if kind == EVALUATIONS:
        evaluation_add(
            **subject,
            year=data["year"],
            level=data["level"],
            points=data.get("points"),
            decided_by=data.get("decided_by", ""),
            decided_on=data.get("decided_on"),
            source=EvaluationSource.IMPORTED,
            by=by,
            change_reason="import",
        )
    else:
        award_record_issue(
            **subject,
            award_type=data["award_type"],
            name_as_issued=data["name_as_issued"],
            year=data["year"],
            achievement_kind=data["achievement_kind"],
            decision_number=data.get("decision_number", ""),
            decision_date=data.get("decision_date"),
            authority=data.get("authority", ""),
            source=RecordSource.IMPORTED,
            by=by,
            change_reason="import",
        )


# ---------------------------------------------------------------------------
# Keeping the upload between report and confirm (the staff import's storage)
# ---------------------------------------------------------------------------
store = upload_store
open_upload = upload_open
discard = upload_discard
