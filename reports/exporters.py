"""Excel exports: one base class, one registry, one view (``reports:export <identifier>``).

Shaped like pretix's exporter (``src/pretix/base/exporter.py``): an exporter names itself, says
which permission the list page behind it asks for, and yields plain rows from the same scoped
selector and the same filterset as that page — so a unit head's export holds their unit's rows
and nothing else, whatever the querystring says. The base writes the rows with openpyxl in
write-only mode into a temporary file and hands that file to a ``FileResponse``: memory stays
flat for a list of any length.

Cells: dates are real dates shown as dd/mm/yyyy, numbers are numbers, and text that a
spreadsheet would run as a formula (``=``, ``+``, ``-``, ``@`` ...) gets a leading apostrophe.
"""

from __future__ import annotations

import datetime
import tempfile
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from decimal import Decimal

import django_filters
from django.db.models import QuerySet
from django.http import FileResponse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter

from campaigns.enums import RegistrationStatus
from campaigns.filters import RegistrationFilter
from campaigns.selectors import consolidated_lines, registrations_visible_to
from catalog.enums import AchievementKind
from plans.enums import PeriodKind, PlanKind, PlanStatus, SubmissionStatus, TaskDisplayStatus
from plans.filters import PlanFilter, TaskFilter
from plans.models import UnitSubmission
from plans.selectors import plans_for_list, tasks_visible_to, unit_submissions_visible_to
from units.enums import Gender, UnitKind
from units.filters import PersonFilter, UnitFilter
from units.models import Unit
from units.numbering import format_number
from units.rules import is_office_staff
from units.selectors import persons_for_list, units_for_list, units_visible_to
from units.xlsx import XLSX_CONTENT_TYPE, neutralise

from . import history

TEXT, INTEGER, NUMBER, DATE, DATETIME = "text", "integer", "number", "date", "datetime"
NUMBER_FORMATS = {
    INTEGER: "0",
    NUMBER: "#,##0.00",
    DATE: "dd/mm/yyyy",
    DATETIME: "dd/mm/yyyy hh:mm",
}


@dataclass(frozen=True)
class Column:
    header: str
    width: int = 16
    kind: str = TEXT


def _yes_no(value) -> str:
    return str(_("Có")) if value else str(_("Không"))


def _labels(choices) -> dict:
    return {value: str(label) for value, label in choices}


# ---------------------------------------------------------------------------
# The base
# ---------------------------------------------------------------------------
class Exporter:
    """One .xlsx export of a list page.

    Subclasses set ``identifier``, ``verbose_name``, ``permission_required`` (the list page's),
    ``columns`` and ``filename_stem``, and implement ``iter_rows()``: one sequence of plain
    values per row, in column order, read with ``values_list()`` and ``iterator()``.
    """

    identifier: str = ""
    verbose_name = ""
    permission_required: str = ""
    filename_stem: str = "danh-sach"
    columns: Sequence[Column] = ()
    chunk_size = 2000

    HEADER_FONT = Font(bold=True)
    HEADER_FILL = PatternFill("solid", fgColor="DDEBF7")
    HEADER_ALIGNMENT = Alignment(horizontal="center", vertical="center", wrap_text=True)

    def __init__(self, request):
        self.request = request
        self.user = request.user
        self.params = request.GET

    # --- what subclasses provide -------------------------------------------------------
    @property
    def headers(self) -> list[str]:
        return [str(column.header) for column in self.columns]

    def iter_rows(self) -> Iterator[Sequence]:  # pragma: no cover - every exporter defines it
        raise NotImplementedError

    def has_permission(self) -> bool:
        return self.user.has_perm(self.permission_required)

    # --- helpers --------------------------------------------------------------------------
    def stream(self, queryset: QuerySet, *fields: str) -> Iterator[tuple]:
        """Plain tuples from the database, fetched ``chunk_size`` rows at a time."""
        return queryset.prefetch_related(None).values_list(*fields).iterator(chunk_size=self.chunk_size)

    def filename(self) -> str:
        return f"{self.filename_stem}-{timezone.localdate():%Y%m%d}.xlsx"

    @property
    def sheet_title(self) -> str:
        return str(self.verbose_name)[:31]

    # --- writing --------------------------------------------------------------------------
    def _header_cell(self, ws, value):
        cell = WriteOnlyCell(ws, value=value)
        cell.font = self.HEADER_FONT
        cell.fill = self.HEADER_FILL
        cell.alignment = self.HEADER_ALIGNMENT
        return cell

    def _converters(self, ws):
        """One function per column turning a plain value into what the sheet stores."""

        def text(value):
            if value is None:
                return None
            return neutralise(value if isinstance(value, str) else str(value))

        def number(value):
            if value is None or isinstance(value, int | float | Decimal):
                return value
            return text(value)

        def dated(kind):
            number_format = NUMBER_FORMATS[kind]

            def convert(value):
                if value is None:
                    return None
                if isinstance(value, datetime.datetime):
                    if timezone.is_aware(value):
                        value = timezone.localtime(value)
                    value = value.replace(tzinfo=None, microsecond=0)
                    if kind == DATE:
                        value = value.date()
                elif not isinstance(value, datetime.date):
                    return text(value)
                cell = WriteOnlyCell(ws, value=value)
                cell.number_format = number_format
                return cell

            return convert

        by_kind = {TEXT: text, INTEGER: number, NUMBER: number, DATE: dated(DATE), DATETIME: dated(DATETIME)}
        return [by_kind[column.kind] for column in self.columns]

    def write(self, fileobj) -> int:
        """Write the workbook into ``fileobj``; the number of data rows written."""
        wb = Workbook(write_only=True)
        ws = wb.create_sheet(title=self.sheet_title)
        for index, column in enumerate(self.columns, start=1):
            ws.column_dimensions[get_column_letter(index)].width = column.width
        ws.freeze_panes = "A2"
        ws.append([self._header_cell(ws, header) for header in self.headers])
        converters = self._converters(ws)
        count = 0
        for row in self.iter_rows():
            ws.append([convert(value) for convert, value in zip(converters, row, strict=True)])
            count += 1
        wb.save(fileobj)
        return count

    def response(self) -> FileResponse:
        handle = tempfile.TemporaryFile(suffix=".xlsx")  # noqa: SIM115 (FileResponse closes it)
        self.write(handle)
        handle.seek(0)
        response = FileResponse(
            handle, as_attachment=True, filename=self.filename(), content_type=XLSX_CONTENT_TYPE
        )
        response["Cache-Control"] = "private, no-store"
        return response


# ---------------------------------------------------------------------------
# The registry
# ---------------------------------------------------------------------------
registry: dict[str, type[Exporter]] = {}


def register(cls: type[Exporter]) -> type[Exporter]:
    if not cls.identifier or cls.identifier in registry:
        raise ValueError(f"exporter identifier missing or taken: {cls.identifier!r}")
    registry[cls.identifier] = cls
    return cls


def exporter_for(identifier: str) -> type[Exporter] | None:
    return registry.get(identifier)


def _filtered(filterset) -> QuerySet:
    """The filterset's rows, as its list page shows them."""
    return filterset.qs


# ---------------------------------------------------------------------------
# units: units and staff
# ---------------------------------------------------------------------------
@register
class UnitExporter(Exporter):
    identifier = "units"
    verbose_name = _("Đơn vị")
    permission_required = "units.list_unit"
    filename_stem = "don-vi"
    columns = (
        Column(_("Mã đơn vị"), 14),
        Column(_("Tên đơn vị"), 44),
        Column(_("Tên viết tắt"), 16),
        Column(_("Loại đơn vị"), 26),
        Column(_("Đơn vị cấp trên"), 36),
        Column(_("Cán bộ đang công tác"), 12, INTEGER),
        Column(_("Hiệu lực từ ngày"), 14, DATE),
        Column(_("Hiệu lực đến ngày"), 14, DATE),
        Column(_("Địa chỉ"), 36),
        Column(_("Điện thoại"), 16),
        Column(_("Thư điện tử"), 26),
        Column(_("Trạng thái"), 18),
    )

    def queryset(self) -> QuerySet[Unit]:
        filterset = UnitFilter(self.params or None, queryset=units_for_list(self.user), request=self.request)
        return _filtered(filterset)

    def iter_rows(self):
        kinds = _labels(UnitKind.choices)
        active = {True: str(_("Đang hoạt động")), False: str(_("Ngừng hoạt động"))}
        fields = (
            "code",
            "name",
            "short_name",
            "kind",
            "parent__name",
            "staff_count",
            "valid_from",
            "valid_to",
            "address",
            "phone",
            "email",
            "active",
        )
        for row in self.stream(self.queryset(), *fields):
            (code, name, short, kind, parent, staff, start, end, address, phone, email, is_active) = row
            yield (
                code,
                name,
                short,
                kinds.get(kind, kind),
                parent,
                staff,
                start,
                end,
                address,
                phone,
                email,
                active[is_active],
            )


@register
class PersonExporter(Exporter):
    identifier = "persons"
    verbose_name = _("Cán bộ")
    permission_required = "units.list_person"
    filename_stem = "can-bo"
    columns = (
        Column(_("Mã cán bộ"), 14),
        Column(_("Họ và tên"), 30),
        Column(_("Giới tính"), 10),
        Column(_("Ngày sinh"), 13, DATE),
        Column(_("Chức vụ"), 26),
        Column(_("Ngạch / chức danh nghề nghiệp"), 28),
        Column(_("Đơn vị"), 40),
        Column(_("Ngày vào ngành"), 14, DATE),
        Column(_("Thư điện tử"), 26),
        Column(_("Điện thoại"), 16),
        Column(_("Trạng thái"), 18),
    )

    def queryset(self):
        filterset = PersonFilter(
            self.params or None, queryset=persons_for_list(self.user), request=self.request
        )
        return _filtered(filterset)

    def iter_rows(self):
        genders = _labels(Gender.choices)
        active = {True: str(_("Đang công tác")), False: str(_("Ngừng công tác"))}
        fields = (
            "staff_code",
            "full_name",
            "gender",
            "birth_date",
            "position",
            "rank",
            "unit__name",
            "joined_sector",
            "email",
            "phone",
            "active",
        )
        for code, name, gender, born, position, rank, unit, joined, email, phone, is_active in self.stream(
            self.queryset(), *fields
        ):
            yield (
                code,
                name,
                genders.get(gender, gender),
                born,
                position,
                rank,
                unit,
                joined,
                email,
                phone,
                active[is_active],
            )


# ---------------------------------------------------------------------------
# plans: plans, tasks, unit submissions
# ---------------------------------------------------------------------------
@register
class PlanExporter(Exporter):
    identifier = "plans"
    verbose_name = _("Kế hoạch")
    permission_required = "plans.list_plan"
    filename_stem = "ke-hoach"
    columns = (
        Column(_("Số, ký hiệu"), 18),
        Column(_("Trích yếu"), 60),
        Column(_("Năm"), 8, INTEGER),
        Column(_("Loại"), 30),
        Column(_("Ngày ban hành"), 14, DATE),
        Column(_("Số nhiệm vụ"), 12, INTEGER),
        Column(_("Nhiệm vụ chưa xong"), 12, INTEGER),
        Column(_("Trạng thái"), 16),
    )

    def queryset(self):
        filterset = PlanFilter(self.params or None, queryset=plans_for_list(self.user), request=self.request)
        return _filtered(filterset)

    def iter_rows(self):
        kinds, statuses = _labels(PlanKind.choices), _labels(PlanStatus.choices)
        fields = (
            "number",
            "symbol",
            "title",
            "year",
            "kind",
            "issue_date",
            "task_count",
            "open_task_count",
            "status",
        )
        for number, symbol, title, year, kind, issued, tasks, open_tasks, status in self.stream(
            self.queryset(), *fields
        ):
            label = format_number(number, symbol).removeprefix("Số:").strip()
            yield (
                label,
                title,
                year,
                kinds.get(kind, kind),
                issued,
                tasks,
                open_tasks,
                statuses.get(status, status),
            )


def _period_label(kind, value, start, end) -> str:
    if kind == PeriodKind.QUARTER and value:
        return str(_("Quý %(q)s")) % {"q": {1: "I", 2: "II", 3: "III", 4: "IV"}.get(value, value)}
    if kind == PeriodKind.MONTH and value:
        return str(_("Tháng %(m)s")) % {"m": value}
    if kind == PeriodKind.RANGE and (start or end):
        return "{} – {}".format(
            start.strftime("%d/%m/%Y") if start else "…", end.strftime("%d/%m/%Y") if end else "…"
        )
    return ""


@register
class TaskExporter(Exporter):
    identifier = "tasks"
    verbose_name = _("Nhiệm vụ")
    permission_required = "plans.list_plantask"
    filename_stem = "nhiem-vu"
    columns = (
        Column(_("Kế hoạch"), 18),
        Column(_("Nhiệm vụ"), 60),
        Column(_("Thời gian thực hiện"), 18),
        Column(_("Hạn hoàn thành"), 14, DATE),
        Column(_("Đơn vị chủ trì"), 36),
        Column(_("Tình trạng"), 18),
        Column(_("Kết quả thực hiện"), 50),
        Column(_("Hoàn thành lúc"), 17, DATETIME),
    )

    def queryset(self):
        user = self.user
        filterset = TaskFilter(
            self.params or None,
            queryset=tasks_visible_to(user),
            request=self.request,
            units=units_visible_to(user).filter(active=True),
            default_when=TaskFilter.WHEN_ATTENTION if is_office_staff(user) else TaskFilter.WHEN_ALL,
        )
        return _filtered(filterset)

    def iter_rows(self):
        statuses = _labels(TaskDisplayStatus.choices)
        fields = (
            "plan__number",
            "plan__symbol",
            "content",
            "period_kind",
            "period_value",
            "start_date",
            "end_date",
            "due_date",
            "lead_unit__name",
            "display_status",
            "progress_note",
            "completed_at",
        )
        for row in self.stream(self.queryset(), *fields):
            number, symbol, content, kind, value, start, end, due, unit, status, note, completed = row
            yield (
                f"{number:02d}/{symbol}" if number else symbol,
                content,
                _period_label(kind, value, start, end),
                due,
                unit,
                statuses.get(status, status),
                note,
                completed,
            )


class SubmissionExportFilter(django_filters.FilterSet):
    """The submission rows to export: by request, year of the due date, unit and status."""

    year = django_filters.NumberFilter(field_name="request__due_date", lookup_expr="year")
    request = django_filters.NumberFilter(field_name="request_id")
    unit = django_filters.NumberFilter(field_name="unit_id")
    display_status = django_filters.ChoiceFilter(choices=SubmissionStatus.choices)

    class Meta:
        model = UnitSubmission
        fields = ["year", "request", "unit", "display_status"]


@register
class SubmissionExporter(Exporter):
    identifier = "submissions"
    verbose_name = _("Báo cáo của đơn vị")
    permission_required = "plans.list_submissionrequest"
    filename_stem = "bao-cao-don-vi"
    columns = (
        Column(_("Nội dung yêu cầu"), 50),
        Column(_("Hạn gửi"), 13, DATE),
        Column(_("Đơn vị"), 40),
        Column(_("Tình trạng"), 20),
        Column(_("Gửi lúc"), 17, DATETIME),
        Column(_("Ghi chú"), 40),
    )

    def queryset(self):
        base = unit_submissions_visible_to(self.user).order_by(
            "request__due_date", "request_id", "unit__order", "unit__name"
        )
        return _filtered(SubmissionExportFilter(self.params or None, queryset=base, request=self.request))

    def iter_rows(self):
        statuses = _labels(SubmissionStatus.choices)
        fields = (
            "request__title",
            "request__due_date",
            "unit__name",
            "display_status",
            "submitted_at",
            "note",
        )
        for title, due, unit, status, sent, note in self.stream(self.queryset(), *fields):
            yield (title, due, unit, statuses.get(status, status), sent, note)


# ---------------------------------------------------------------------------
# campaigns: the lines of the registrations
# ---------------------------------------------------------------------------
@register
class RegistrationLineExporter(Exporter):
    """Every registered line (collectives first, then individuals) of the registrations in view."""

    identifier = "registrations"
    verbose_name = _("Đăng ký thi đua")
    permission_required = "campaigns.list_registration"
    filename_stem = "dang-ky-thi-dua"
    columns = (
        Column(_("Đợt đăng ký"), 36),
        Column(_("Năm thi đua"), 10, INTEGER),
        Column(_("Đơn vị đăng ký"), 36),
        Column(_("Đối tượng"), 10),
        Column(_("Tập thể / cá nhân"), 32),
        Column(_("Khoa, phòng / đơn vị"), 32),
        Column(_("Danh hiệu / hình thức đăng ký"), 34),
        Column(_("Trạng thái bản đăng ký"), 20),
        Column(_("Ghi chú"), 30),
    )

    def registrations(self):
        base = registrations_visible_to(self.user)
        for key, lookup in (("round", "round_id"), ("year", "round__year")):
            value = self.params.get(key, "")
            if value.isdigit():
                base = base.filter(**{lookup: int(value)})
        filterset = RegistrationFilter(self.params or None, queryset=base, request=self.request)
        award = (
            filterset.form.cleaned_data.get("award_type")
            if filterset.is_bound and filterset.is_valid()
            else None
        )
        return _filtered(filterset), award

    def iter_rows(self):
        statuses = _labels(RegistrationStatus.choices)
        registrations, award = self.registrations()
        collectives, individuals = consolidated_lines(registrations, award_type=award)
        collective, individual = str(_("Tập thể")), str(_("Cá nhân"))
        head = ("registration__round__name", "registration__round__year", "registration__unit__name")
        tail = ("award_type__name", "registration__status", "note")
        for rnd, year, unit, name, sub, award_name, status, note in self.stream(
            collectives, *head, "unit__name", "unit__parent__name", *tail
        ):
            yield (rnd, year, unit, collective, name, sub, award_name, statuses.get(status, status), note)
        for rnd, year, unit, name, sub, award_name, status, note in self.stream(
            individuals, *head, "person__full_name", "person__unit__name", *tail
        ):
            yield (rnd, year, unit, individual, name, sub, award_name, statuses.get(status, status), note)


# ---------------------------------------------------------------------------
# awards: the award history
# ---------------------------------------------------------------------------
@register
class AwardRecordExporter(Exporter):
    identifier = "awards"
    verbose_name = _("Lịch sử khen thưởng")
    permission_required = "reports.view_history"
    filename_stem = "lich-su-khen-thuong"
    columns = (
        Column(_("Năm thành tích"), 10, INTEGER),
        Column(_("Danh hiệu / hình thức"), 34),
        Column(_("Tên khen thưởng như trên quyết định"), 34),
        Column(_("Đối tượng"), 10),
        Column(_("Cá nhân / tập thể"), 32),
        Column(_("Đơn vị"), 36),
        Column(_("Số quyết định"), 16),
        Column(_("Ngày quyết định"), 14, DATE),
        Column(_("Cấp quyết định"), 26),
        Column(_("Loại hình khen thưởng"), 26),
        Column(_("Đã thu hồi"), 10),
    )

    def queryset(self):
        return history.records_filtered(self.request).order_by("-year", "award_type__order", "pk")

    def iter_rows(self):
        kinds = _labels(AchievementKind.choices)
        individual, collective = str(_("Cá nhân")), str(_("Tập thể"))
        fields = (
            "year",
            "award_type__name",
            "name_as_issued",
            "person_id",
            "person__full_name",
            "unit__name",
            "person__unit__name",
            "unit__parent__name",
            "recipient_name",
            "decision_number",
            "decision_date",
            "authority",
            "achievement_kind",
            "revoked",
        )
        for row in self.stream(self.queryset(), *fields):
            (
                year,
                award_name,
                issued_name,
                person_id,
                person,
                unit,
                person_unit,
                parent,
                printed,
                number,
                date,
                authority,
                kind,
                revoked,
            ) = row
            if person_id:
                subject, name, where = individual, person or printed, person_unit
            else:
                subject, name, where = collective, unit or printed, parent
            yield (
                year,
                award_name,
                issued_name,
                subject,
                name,
                where,
                number,
                date,
                authority,
                kinds.get(kind, kind),
                _yes_no(revoked),
            )
