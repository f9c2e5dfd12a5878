"""Excel exports: one base class, one registry, one view (``reports:export <identifier>``).

Shaped like pretix's exporter (``src/pretix/base/exporter.py``): an exporter names itself, says
which permission the list page behind it asks for, and yields plain rows from the same scoped
selector and the same filterset as that page — so a unit head's export holds their unit's rows
and nothing else, whatever the querystring says. The base writes the rows with openpyxl in
write-only mode into a temporary file and hands that file to a ``FileResponse``: memory stays
flat for a list of any length.

Cells: dates are real dates shown as dd/mm/yyyy, numbers are numbers, amounts in đồng carry
thousands separators, and text is a string cell, never a formula (``units.xlsx.neutralise``).
Every sheet has an autofilter on its header row and prints on A4 fitted to the page's width,
landscape when wide, the header row repeated on each page (``units.xlsx.setup_sheet``).
"""

from __future__ import annotations

import datetime
import tempfile
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from decimal import Decimal
from functools import partial
from typing import Any

import django_filters
from django.db.models import (
    BooleanField,
    Case,
    ExpressionWrapper,
    Q,
    QuerySet,
    Sum,
    Value,
    When,
)
from django.db.models.functions import Coalesce, Concat, NullIf
from django.http import FileResponse
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Alignment, Font, PatternFill

from awards.enums import DISCLOSURE_SYMBOL, EligibilityStatus, NominationStatus
from awards.filters import NominationFilter, verify_queue_params
from awards.models import DisclosurePeriod, NominationCall
from awards.selectors import nominations_for_list, nominations_to_verify
from campaigns.enums import CampaignKind, CampaignStatus, LatePolicy, RegistrationStatus
from campaigns.filters import CampaignFilter, RegistrationFilter
from campaigns.selectors import (
    campaigns_visible_to,
    consolidated_lines,
    criteria_sets_for_list,
    registrations_for_list,
    registrations_visible_to,
    rounds_for_list,
)
from catalog.enums import AchievementKind, Authority
from council.enums import PROPOSAL_SYMBOL, DecisionKind, ProposalStatus, SessionStatus
from council.selectors import decisions_list, proposals_list, sessions_visible_to
from notifications.enums import EmailStatus, reminder_offset_label
from notifications.filters import ReminderLogFilter
from notifications.models import ReminderLog
from notifications.selectors import reminder_kinds, reminder_logs
from plans.enums import (
    LetterStatus,
    PeriodKind,
    PlanKind,
    PlanStatus,
    SubmissionStatus,
    TaskDisplayStatus,
    TaskStatus,
)
from plans.filters import PlanFilter, TaskFilter
from plans.models import UnitSubmission
from plans.selectors import (
    assignments_visible_to,
    letters_visible_to,
    plans_for_list,
    tasks_visible_to,
    unit_submissions_visible_to,
)
from units.downloads import download_response
from units.enums import Gender, IssuedKind, ReorganisationKind, UnitKind
from units.filters import PersonFilter, UnitFilter
from units.ids import id_or_none
from units.models import Unit
from units.numbering import number_label
from units.rules import is_office_staff
from units.selectors import (
    clusters_for_list,
    issued_register,
    persons_for_list,
    reorganisations_for_list,
    reorganisations_named,
    units_for_list,
    units_visible_to,
)
from units.views import year_from
from units.xlsx import (
    DATE_FORMAT,
    DATETIME_FORMAT,
    MONEY_FORMAT,
    XLSX_CONTENT_TYPE,
    finish_sheet,
    neutralise,
    setup_sheet,
)

from . import history

TEXT, INTEGER, NUMBER, MONEY, DATE, DATETIME, YES_NO = (
    "text",
    "integer",
    "number",
    "money",
    "date",
    "datetime",
    "yes_no",
)
NUMBER_FORMATS = {
    INTEGER: "0",
    NUMBER: "#,##0.00",
    MONEY: MONEY_FORMAT,
    DATE: DATE_FORMAT,
    DATETIME: DATETIME_FORMAT,
}


@dataclass(frozen=True)
class Column:
    """A column of the sheet. With ``field`` (a ``values_list`` path) the base ``iter_rows`` reads
    it; ``labels`` (a choices class or a mapping) turns a stored value into what people read. A
    value made of several stored ones (a number and its symbol) names them in ``fields`` and
    gives ``shown``, called with them in that order."""

    header: str
    width: int = 16
    kind: str = TEXT
    field: str = ""
    labels: Any = None
    fields: tuple[str, ...] = ()
    shown: Callable[..., Any] | None = None

    @property
    def paths(self) -> tuple[str, ...]:
        return self.fields or (self.field,)


def _yes_no(value) -> str:
    return str(_("Có")) if value else str(_("Không"))


def _labels(choices) -> dict:
    """{stored value: label} from a choices class, a mapping or (value, label) pairs."""
    if hasattr(choices, "choices"):
        choices = choices.choices
    elif isinstance(choices, dict):
        choices = choices.items()
    return {value: str(label) for value, label in choices}


ACTIVE_LABELS = {True: _("Đang hoạt động"), False: _("Ngừng hoạt động")}


# ---------------------------------------------------------------------------
# The base
# ---------------------------------------------------------------------------
class Exporter:
    """One .xlsx export of a list page.

    Subclasses set ``identifier``, ``verbose_name``, ``permission_required`` (the list page's),
    ``columns`` and ``filename_stem``, and implement ``queryset()`` (the page's selector and
    filterset). When every column names its ``field`` (or ``fields``) the base ``iter_rows()``
    reads them;
    otherwise the subclass writes ``iter_rows()``: one sequence of plain values per row, in
    column order, read with ``values_list()`` and ``iterator()``.
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

    def queryset(self) -> QuerySet:  # pragma: no cover - every exporter defines it
        raise NotImplementedError

    def iter_rows(self) -> Iterator[Sequence]:
        """The columns' fields, each value made by its column's ``shown`` and named by its labels."""
        readers = []
        start = 0
        for column in self.columns:
            names = _labels(column.labels) if column.labels is not None else None
            end = start + len(column.paths)
            readers.append((slice(start, end), column.shown, names))
            start = end
        paths = [path for column in self.columns for path in column.paths]
        for row in self.stream(self.queryset(), *paths):
            values = []
            for part, shown, names in readers:
                value = shown(*row[part]) if shown is not None else row[part.start]
                values.append(value if names is None else names.get(value, value))
            yield values

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
            return neutralise(ws, value if isinstance(value, str) else str(value))

        def number(value):
            if value is None or isinstance(value, int | float | Decimal):
                return value
            return text(value)

        def money(value):
            if isinstance(value, int | float | Decimal) and not isinstance(value, bool):
                cell = WriteOnlyCell(ws, value=value)
                cell.number_format = MONEY_FORMAT
                return cell
            return number(value)

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

        def yes_no(value):
            return None if value is None else _yes_no(value)

        by_kind = {
            TEXT: text,
            INTEGER: number,
            NUMBER: number,
            MONEY: money,
            DATE: dated(DATE),
            DATETIME: dated(DATETIME),
            YES_NO: yes_no,
        }
        return [by_kind[column.kind] for column in self.columns]

    def write(self, fileobj) -> int:
        """Write the workbook into ``fileobj``; the number of data rows written."""
        wb = Workbook(write_only=True)
        ws = wb.create_sheet(title=self.sheet_title)
        setup_sheet(ws, widths=[column.width for column in self.columns])
        ws.append([self._header_cell(ws, header) for header in self.headers])
        converters = self._converters(ws)
        count = 0
        for row in self.iter_rows():
            ws.append([convert(value) for convert, value in zip(converters, row, strict=True)])
            count += 1
        finish_sheet(ws, columns=len(self.columns), last_row=count + 1)
        wb.save(fileobj)
        return count

    def response(self) -> FileResponse:
        handle = tempfile.TemporaryFile(suffix=".xlsx")  # noqa: SIM115 (FileResponse closes it)
        self.write(handle)
        handle.seek(0)
        return download_response(handle, filename=self.filename(), content_type=XLSX_CONTENT_TYPE)


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
    """The filterset's rows, as a plain list page shows them (an invalid field is ignored)."""
    return filterset.qs


def _strict(filterset) -> QuerySet:
    """A ``FilterView`` page's rows: nothing when the filter form is invalid (its strict mode)."""
    if filterset.is_bound and not filterset.is_valid():
        return filterset.queryset.none()
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
        Column(_("Mã đơn vị"), 14, field="code"),
        Column(_("Tên đơn vị"), 44, field="name"),
        Column(_("Tên viết tắt"), 16, field="short_name"),
        Column(_("Loại đơn vị"), 26, field="kind", labels=UnitKind),
        Column(_("Đơn vị cấp trên"), 36, field="parent__name"),
        Column(_("Cán bộ đang công tác"), 12, INTEGER, field="staff_count"),
        Column(_("Hiệu lực từ ngày"), 14, DATE, field="valid_from"),
        Column(_("Hiệu lực đến ngày"), 14, DATE, field="valid_to"),
        Column(_("Địa chỉ"), 36, field="address"),
        Column(_("Điện thoại"), 16, field="phone"),
        Column(_("Thư điện tử"), 26, field="email"),
        Column(_("Trạng thái"), 18, field="active", labels=ACTIVE_LABELS),
    )

    def queryset(self) -> QuerySet[Unit]:
        filterset = UnitFilter(self.params or None, queryset=units_for_list(self.user), request=self.request)
        return _filtered(filterset)


@register
class PersonExporter(Exporter):
    identifier = "persons"
    verbose_name = _("Cán bộ")
    permission_required = "units.list_person"
    filename_stem = "can-bo"
    columns = (
        Column(_("Mã cán bộ"), 14, field="staff_code"),
        Column(_("Họ và tên"), 30, field="full_name"),
        Column(_("Giới tính"), 10, field="gender", labels=Gender),
        Column(_("Ngày sinh"), 13, DATE, field="birth_date"),
        Column(_("Chức vụ"), 26, field="position"),
        Column(_("Ngạch / chức danh nghề nghiệp"), 28, field="rank"),
        Column(_("Đơn vị"), 40, field="unit__name"),
        Column(_("Ngày vào ngành"), 14, DATE, field="joined_sector"),
        Column(_("Thư điện tử"), 26, field="email"),
        Column(_("Điện thoại"), 16, field="phone"),
        Column(
            _("Trạng thái"),
            18,
            field="active",
            labels={True: _("Đang công tác"), False: _("Ngừng công tác")},
        ),
    )

    def queryset(self):
        filterset = PersonFilter(
            self.params or None, queryset=persons_for_list(self.user), request=self.request
        )
        return _filtered(filterset)


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
        Column(_("Số, ký hiệu"), 18, fields=("number", "symbol"), shown=number_label),
        Column(_("Trích yếu"), 60, field="title"),
        Column(_("Năm"), 8, INTEGER, field="year"),
        Column(_("Loại"), 30, field="kind", labels=PlanKind),
        Column(_("Ngày ban hành"), 14, DATE, field="issue_date"),
        Column(_("Số nhiệm vụ"), 12, INTEGER, field="task_count"),
        Column(_("Nhiệm vụ chưa xong"), 12, INTEGER, field="open_task_count"),
        Column(_("Trạng thái"), 16, field="status", labels=PlanStatus),
    )

    def queryset(self):
        filterset = PlanFilter(self.params or None, queryset=plans_for_list(self.user), request=self.request)
        return _strict(filterset)


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
        Column(_("Kế hoạch"), 18, fields=("plan__number", "plan__symbol"), shown=number_label),
        Column(_("Nhiệm vụ"), 60, field="content"),
        Column(
            _("Thời gian thực hiện"),
            18,
            fields=("period_kind", "period_value", "start_date", "end_date"),
            shown=_period_label,
        ),
        Column(_("Hạn hoàn thành"), 14, DATE, field="due_date"),
        Column(_("Đơn vị chủ trì"), 36, field="lead_unit__name"),
        Column(_("Tình trạng"), 18, field="display_status", labels=TaskDisplayStatus),
        Column(_("Kết quả thực hiện"), 50, field="progress_note"),
        Column(_("Hoàn thành lúc"), 17, DATETIME, field="completed_at"),
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
        return _strict(filterset)


@register
class AssignmentExporter(Exporter):
    identifier = "task-assignments"
    verbose_name = _("Phần việc của đơn vị")
    permission_required = "plans.list_plantask"
    filename_stem = "phan-viec-don-vi"
    columns = (
        Column(_("Nhiệm vụ"), 60, field="task__content"),
        Column(_("Hạn hoàn thành"), 14, DATE, field="task__due_date"),
        Column(_("Đơn vị"), 40, field="unit__name"),
        Column(_("Tình trạng"), 18, field="status", labels=TaskStatus),
        Column(_("Kết quả thực hiện"), 50, field="progress_note"),
        Column(_("Hoàn thành lúc"), 17, DATETIME, field="completed_at"),
    )

    def queryset(self):
        return assignments_visible_to(self.user).order_by(
            "task__due_date", "task_id", "unit__order", "unit__name"
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
        Column(_("Nội dung yêu cầu"), 50, field="request__title"),
        Column(_("Hạn gửi"), 13, DATE, field="request__due_date"),
        Column(_("Đơn vị"), 40, field="unit__name"),
        Column(_("Tình trạng"), 20, field="display_status", labels=SubmissionStatus),
        Column(_("Gửi lúc"), 17, DATETIME, field="submitted_at"),
        Column(_("Ghi chú"), 40, field="note"),
    )

    def queryset(self):
        base = unit_submissions_visible_to(self.user).order_by(
            "request__due_date", "request_id", "unit__order", "unit__name"
        )
        return _filtered(SubmissionExportFilter(self.params or None, queryset=base, request=self.request))


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
            if id_or_none(value) is not None and id_or_none(value) < 2**31:
                base = base.filter(**{lookup: id_or_none(value)})
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
        Column(_("Đã thu hồi"), 10, YES_NO),
        Column(_("Ghi chú"), 20),
    )

    def queryset(self):
        return history.records_filtered(self.request).order_by("-year", "award_type__order", "pk")

    def predecessor_ids(self) -> set[int]:
        """Predecessors of the unit the export is filtered by: their rows are marked, as on the page."""
        filterset = history.history_filterset(self.request)
        filterset.is_valid()
        return history.predecessor_ids(filterset)

    def iter_rows(self):
        kinds = _labels(AchievementKind.choices)
        individual, collective = str(_("Cá nhân")), str(_("Tập thể"))
        predecessors, predecessor_note = self.predecessor_ids(), str(_("Đơn vị tiền thân"))
        fields = (
            "year",
            "award_type__name",
            "name_as_issued",
            "person_id",
            "person__full_name",
            "unit_id",
            "unit__name",
            "person__unit__name",
            "unit__parent__name",
            "recipient_name",
            "recipient_unit_name",
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
                unit_id,
                unit,
                person_unit,
                parent,
                printed,
                printed_unit,
                number,
                date,
                authority,
                kind,
                revoked,
            ) = row
            # As issued: the name and unit printed on the decision, never today's.
            if person_id:
                subject, name, where = individual, printed or person, printed_unit or person_unit
            else:
                subject, name, where = collective, printed or unit, printed_unit or parent
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
                revoked,
                predecessor_note if unit_id in predecessors else "",
            )


# ---------------------------------------------------------------------------
# units: clusters of a year
# ---------------------------------------------------------------------------
@register
class ClusterExporter(Exporter):
    """The clusters of the year the page shows (``?year=``, else the current year)."""

    identifier = "clusters"
    verbose_name = _("Cụm, khối thi đua")
    permission_required = "units.view_cluster"
    filename_stem = "cum-khoi-thi-dua"
    columns = (
        Column(_("Tên cụm/khối"), 36, field="name"),
        Column(_("Năm"), 8, INTEGER, field="year"),
        Column(_("Số đơn vị"), 10, INTEGER, field="member_count"),
        Column(_("Trưởng cụm/khối"), 36, field="leader_name"),
        Column(_("Phó cụm/khối"), 36, field="deputy_name"),
        Column(_("Trạng thái"), 18, field="active", labels=ACTIVE_LABELS),
    )

    def queryset(self):
        return clusters_for_list(year_from(self.request))


@register
class ReorganisationExporter(Exporter):
    """Every reorganisation event, latest first, with the units before and after."""

    identifier = "reorganisations"
    verbose_name = _("Sắp xếp, tổ chức lại đơn vị")
    permission_required = "units.list_reorganisation"
    filename_stem = "sap-xep-to-chuc-lai-don-vi"
    columns = (
        Column(_("Ngày có hiệu lực"), 14, DATE),
        Column(_("Hình thức sắp xếp"), 30),
        Column(_("Đơn vị trước sắp xếp"), 50),
        Column(_("Đơn vị sau sắp xếp"), 50),
        Column(_("Đơn vị tiền thân chính"), 36),
        Column(_("Khoa, phòng được điều chuyển"), 30),
        Column(_("Số quyết định"), 18),
        Column(_("Ngày quyết định"), 14, DATE),
        Column(_("Cơ quan ban hành"), 30),
    )

    def queryset(self):
        return reorganisations_for_list()

    def iter_rows(self):
        """The units under the names they bore at the event, not today's (a few events a year)."""
        kinds = _labels(ReorganisationKind)
        for event in reorganisations_named(self.queryset()):
            if event.kind == ReorganisationKind.RENAME:
                before, after = event.old_name, event.new_name
            else:
                before = "; ".join(unit.name for unit in event.units_before)
                after = "; ".join(unit.name for unit in event.units_after)
            yield (
                event.effective,
                kinds.get(event.kind, event.kind),
                before,
                after,
                event.main_named.name if event.main_named else "",
                event.department_named.name if event.department_named else "",
                event.decision_number,
                event.decision_date,
                event.issuer,
            )


# ---------------------------------------------------------------------------
# campaigns: campaigns, registration rounds, registrations, criteria sets
# ---------------------------------------------------------------------------
@register
class CampaignExporter(Exporter):
    identifier = "campaigns"
    verbose_name = _("Phong trào thi đua")
    permission_required = "campaigns.list_campaign"
    filename_stem = "phong-trao-thi-dua"
    columns = (
        Column(_("Tên phong trào"), 50, field="name"),
        Column(_("Hình thức"), 26, field="kind", labels=CampaignKind),
        Column(_("Số văn bản phát động"), 18, field="document_number"),
        Column(_("Ngày ban hành văn bản"), 14, DATE, field="document_date"),
        Column(_("Ngày bắt đầu"), 14, DATE, field="start_date"),
        Column(_("Ngày kết thúc"), 14, DATE, field="end_date"),
        Column(_("Thời gian sơ kết, tổng kết"), 14, DATE, field="review_date"),
        Column(_("Trạng thái"), 22, field="status", labels=CampaignStatus),
    )

    def queryset(self):
        filterset = CampaignFilter(self.params or None, queryset=campaigns_visible_to(self.user))
        return _filtered(filterset).order_by("-start_date", "-pk")


@register
class RoundExporter(Exporter):
    identifier = "rounds"
    verbose_name = _("Đợt đăng ký thi đua")
    permission_required = "campaigns.list_campaign"
    filename_stem = "dot-dang-ky-thi-dua"
    columns = (
        Column(_("Đợt đăng ký"), 40, field="name"),
        Column(_("Năm"), 8, INTEGER, field="year"),
        Column(_("Phong trào"), 44, field="campaign_name"),
        Column(_("Nhận đăng ký từ ngày"), 14, DATE, field="opens_on"),
        Column(_("Hạn đăng ký"), 14, DATE, field="deadline"),
        Column(_("Khi nộp sau hạn"), 26, field="late_policy", labels=LatePolicy),
        Column(_("Số bản đăng ký"), 12, INTEGER, field="registration_count"),
    )

    def queryset(self):
        return rounds_for_list(self.user).annotate(
            campaign_name=Coalesce("campaign__name", Value(str(_("Cả năm"))))
        )


@register
class RegistrationExporter(Exporter):
    """One row per registration, as the registration list shows them (``?status=``)."""

    identifier = "registration-list"
    verbose_name = _("Bản đăng ký thi đua")
    permission_required = "campaigns.list_registration"
    filename_stem = "ban-dang-ky-thi-dua"
    columns = (
        Column(_("Đợt đăng ký"), 40, field="round__name"),
        Column(_("Năm thi đua"), 10, INTEGER, field="round__year"),
        Column(_("Đơn vị"), 40, field="unit__name"),
        Column(_("Trạng thái"), 20, field="status", labels=RegistrationStatus),
        Column(_("Nộp muộn"), 10, YES_NO, field="is_late"),
        Column(_("Tập thể"), 10, INTEGER, field="collective_count"),
        Column(_("Cá nhân"), 10, INTEGER, field="individual_count"),
        Column(_("Gửi lúc"), 17, DATETIME, field="submitted_at"),
        Column(_("Duyệt lúc"), 17, DATETIME, field="decided_at"),
        Column(_("Lý do trả lại / mở lại"), 40, field="return_reason"),
    )

    def queryset(self):
        return registrations_for_list(self.user, status=self.params.get("status", ""))


@register
class CriteriaSetExporter(Exporter):
    identifier = "criteria-sets"
    verbose_name = _("Bảng tiêu chí chấm điểm")
    permission_required = "campaigns.list_criteriaset"
    filename_stem = "bang-tieu-chi-cham-diem"
    columns = (
        Column(_("Bảng tiêu chí"), 44, field="name"),
        Column(_("Năm"), 8, INTEGER, field="year"),
        Column(_("Cụm, khối"), 36, field="cluster_name"),
        Column(_("Số tiêu chí"), 10, INTEGER, field="criteria_count"),
    )

    def queryset(self):
        return criteria_sets_for_list(self.user).annotate(
            cluster_name=Coalesce("cluster__name", Value(str(_("Mọi cụm, khối của năm"))))
        )


# ---------------------------------------------------------------------------
# awards: nominations, the verification queue, disclosure periods
# ---------------------------------------------------------------------------
@register
class NominationExporter(Exporter):
    identifier = "nominations"
    verbose_name = _("Đề nghị khen thưởng")
    permission_required = "awards.list_nomination"
    filename_stem = "de-nghi-khen-thuong"
    columns = (
        Column(_("Cá nhân / tập thể"), 32, field="nominee"),
        Column(_("Đối tượng"), 10, field="is_individual", labels={True: _("Cá nhân"), False: _("Tập thể")}),
        Column(_("Chức vụ"), 22, field="nominee_position"),
        Column(_("Đơn vị công tác"), 36, field="nominee_unit"),
        Column(_("Đề nghị tặng"), 34, field="award_type__name"),
        Column(_("Năm thành tích"), 10, INTEGER, field="year"),
        Column(_("Loại hình khen thưởng"), 26, field="achievement_kind", labels=AchievementKind),
        Column(_("Đơn vị đề nghị"), 36, field="proposing_unit__name"),
        Column(_("Tệp hồ sơ"), 10, INTEGER, field="file_count"),
        Column(_("Điều kiện"), 18, field="eligibility", labels=EligibilityStatus),
        Column(_("Trạng thái"), 24, field="status", labels=NominationStatus),
        Column(_("Gửi lúc"), 17, DATETIME, field="submitted_at"),
        Column(_("Tóm tắt thành tích"), 60, field="achievements"),
    )

    def rows(self) -> QuerySet:
        filterset = NominationFilter(
            self.params or None, queryset=nominations_for_list(self.user), request=self.request
        )
        return _strict(filterset)

    def queryset(self):
        """A person: their name, position and unit; a collective: its name and the unit above it."""
        individual = Q(person__isnull=False)
        return self.rows().annotate(
            is_individual=ExpressionWrapper(individual, output_field=BooleanField()),
            nominee=Case(When(individual, then="person__full_name"), default="unit__name"),
            nominee_position=Case(When(individual, then="person__position"), default=Value("")),
            nominee_unit=Case(When(individual, then="person__unit__name"), default="unit__parent__name"),
        )


@register
class VerifyQueueExporter(NominationExporter):
    """The office's verification queue: submitted nominations, oldest submission first."""

    identifier = "verify-queue"
    verbose_name = _("Đề nghị chờ thẩm định")
    permission_required = "awards.verify_nomination"
    filename_stem = "de-nghi-cho-tham-dinh"
    columns = (*NominationExporter.columns, Column(_("Hạn thẩm định"), 14, DATE, field="verification_due"))

    def rows(self):
        """The queue's filters read as the page reads them (``awards.filters.verify_queue_params``)."""
        return nominations_to_verify(self.user, **verify_queue_params(self.params))


def _disclosure_state(opens, closes) -> str:
    today = timezone.localdate()
    if opens <= today <= closes:
        return str(_("Đang nhận ý kiến"))
    return str(_("Đã kết thúc")) if today > closes else str(_("Sắp mở"))


@register
class DisclosureExporter(Exporter):
    identifier = "disclosures"
    verbose_name = _("Đợt công khai")
    permission_required = "awards.view_disclosure"
    filename_stem = "dot-cong-khai"
    columns = (
        Column(_("Năm thành tích"), 10, INTEGER, field="year"),
        Column(_("Số thông báo"), 16, field="number", shown=partial(number_label, symbol=DISCLOSURE_SYMBOL)),
        Column(_("Ngày ban hành"), 14, DATE, field="issued_on"),
        Column(_("Nhận ý kiến từ ngày"), 14, DATE, field="opens"),
        Column(_("Đến hết ngày"), 14, DATE, field="closes"),
        Column(_("Tình trạng"), 18, fields=("opens", "closes"), shown=_disclosure_state),
        Column(_("Thông báo"), 60, field="note"),
    )

    def queryset(self):
        return DisclosurePeriod.objects.order_by("-year", "-opens", "-pk")


def _call_state(active, deadline) -> str:
    if not active:
        return str(_("Đã đóng"))
    return str(_("Đã quá hạn")) if deadline < timezone.localdate() else str(_("Đang nhận đề nghị"))


@register
class NominationCallExporter(Exporter):
    identifier = "calls"
    verbose_name = _("Đợt đề nghị khen thưởng")
    permission_required = "awards.manage_nomination_calls"
    filename_stem = "dot-de-nghi-khen-thuong"
    columns = (
        Column(_("Năm thành tích"), 10, INTEGER, field="year"),
        Column(_("Hạn gửi đề nghị"), 14, DATE, field="deadline"),
        Column(_("Tình trạng"), 18, fields=("active", "deadline"), shown=_call_state),
        Column(_("Nhắc cả đơn vị chưa có đề nghị"), 14, YES_NO, field="remind_units_without_nominations"),
        Column(_("Ghi chú, hướng dẫn"), 60, field="note"),
    )

    def queryset(self):
        return NominationCall.objects.order_by("-year", "-deadline", "-pk")


# ---------------------------------------------------------------------------
# council: sessions, decisions, proposals to a higher authority
# ---------------------------------------------------------------------------
def _user_name(prefix: str) -> Coalesce:
    """A user's name as ``str(user)`` prints it: their staff record's name, else the login."""
    return Coalesce(
        NullIf(f"{prefix}__person__full_name", Value("")),
        NullIf(Concat(f"{prefix}__first_name", Value(" "), f"{prefix}__last_name"), Value(" ")),
        f"{prefix}__username",
    )


@register
class SessionExporter(Exporter):
    """Council sessions: every one for the office, a member's own sessions for a member."""

    identifier = "sessions"
    verbose_name = _("Phiên họp Hội đồng TĐKT")
    permission_required = "council.list_session"
    filename_stem = "phien-hop-hoi-dong"
    columns = (
        Column(_("Phiên họp"), 44, field="title"),
        Column(_("Năm xét khen thưởng"), 10, INTEGER, field="year"),
        Column(_("Thời gian"), 17, DATETIME, field="starts_at"),
        Column(_("Địa điểm"), 30, field="place"),
        Column(_("Chủ trì"), 26, field="chair_name"),
        Column(_("Thư ký"), 26, field="secretary_name"),
        Column(_("Thành viên"), 10, INTEGER, field="member_count"),
        Column(_("Đề nghị"), 10, INTEGER, field="item_count"),
        Column(_("Trạng thái"), 20, field="status", labels=SessionStatus),
    )

    def queryset(self):
        return sessions_visible_to(self.user).annotate(
            chair_name=_user_name("chair"), secretary_name=_user_name("secretary")
        )


@register
class DecisionExporter(Exporter):
    identifier = "decisions"
    verbose_name = _("Quyết định khen thưởng")
    permission_required = "council.list_decision"
    filename_stem = "quyet-dinh-khen-thuong"
    columns = (
        Column(_("Số, ký hiệu"), 16, fields=("number", "symbol"), shown=number_label),
        Column(_("Ngày ký"), 13, DATE, field="date"),
        Column(_("Loại quyết định"), 24, field="kind", labels=DecisionKind),
        Column(_("Trích yếu"), 60, field="title"),
        Column(_("Năm thành tích"), 10, INTEGER, field="achievement_year"),
        Column(_("Thẩm quyền"), 22, field="authority", labels=Authority),
        Column(_("Người ký"), 24, field="signer_name"),
        Column(_("Số dòng"), 9, INTEGER, field="item_count"),
        Column(_("Tổng tiền thưởng (đồng)"), 18, MONEY, field="total_amount"),
    )

    def queryset(self):
        return decisions_list().annotate(total_amount=Coalesce(Sum("items__amount"), 0))


@register
class ProposalExporter(Exporter):
    identifier = "proposals"
    verbose_name = _("Tờ trình cấp trên")
    permission_required = "council.list_proposal"
    filename_stem = "to-trinh-cap-tren"
    columns = (
        Column(_("Trích yếu"), 60, field="title"),
        Column(_("Năm thành tích"), 10, INTEGER, field="year"),
        Column(_("Cấp có thẩm quyền"), 24, field="authority", labels=Authority),
        Column(_("Số tờ trình"), 16, field="number", shown=partial(number_label, symbol=PROPOSAL_SYMBOL)),
        Column(_("Ngày gửi"), 13, DATE, field="sent_on"),
        Column(_("Số đề nghị"), 10, INTEGER, field="nomination_count"),
        Column(_("Trạng thái"), 22, field="status", labels=ProposalStatus),
        Column(_("Số quyết định của cấp trên"), 20, field="reply_number"),
        Column(_("Ngày quyết định của cấp trên"), 14, DATE, field="reply_date"),
    )

    def queryset(self):
        return proposals_list()


# ---------------------------------------------------------------------------
# units: the register of issued documents
# ---------------------------------------------------------------------------
@register
class IssuedDocumentExporter(Exporter):
    identifier = "issued-documents"
    verbose_name = _("Sổ văn bản đã ban hành")
    permission_required = "units.view_issued_register"
    filename_stem = "so-van-ban-da-ban-hanh"
    columns = (
        Column(_("Số, ký hiệu"), 16, field="number_label"),
        Column(_("Loại văn bản"), 24, field="kind", labels=IssuedKind),
        Column(_("Ngày ban hành"), 13, DATE, field="issued_on"),
        Column(_("Trích yếu"), 60, field="subject"),
        Column(_("Người ký"), 30, field="signer"),
        Column(_("Cơ quan ban hành"), 24, field="issuer"),
        Column(_("SHA-256 (PDF)"), 66, field="pdf_sha256"),
        Column(_("SHA-256 (DOCX)"), 66, field="docx_sha256"),
        Column(_("Đã ký số"), 10, YES_NO, field="signed"),
        Column(_("Đính chính, thay thế"), 16, field="cites__number_label"),
    )

    def queryset(self):
        return issued_register(self.user, year=year_from(self.request), kind=self.params.get("kind", ""))


# ---------------------------------------------------------------------------
# notifications: the log of reminders sent
# ---------------------------------------------------------------------------
@register
class ReminderLogExporter(Exporter):
    identifier = "reminders"
    verbose_name = _("Nhắc việc đã gửi")
    permission_required = "notifications.list_reminderlog"
    filename_stem = "nhac-viec-da-gui"

    @cached_property
    def columns(self):
        offsets = ReminderLog.objects.order_by().values_list("offset_days", flat=True).distinct()
        return (
            Column(_("Gửi lúc"), 17, DATETIME, field="sent_at"),
            Column(_("Người nhận"), 28, field="recipient_name"),
            Column(_("Thư điện tử"), 28, field="recipient__email"),
            Column(_("Báo Thường trực"), 10, YES_NO, field="escalation"),
            Column(_("Nội dung"), 50, field="title"),
            Column(_("Loại hạn"), 24, field="kind", labels=reminder_kinds()),
            Column(_("Hạn"), 13, DATE, field="due_date"),
            Column(
                _("Lần nhắc"), 24, field="offset_days", labels={d: reminder_offset_label(d) for d in offsets}
            ),
            Column(_("Thư"), 16, field="notification__email_status", labels=EmailStatus),
        )

    def queryset(self):
        filterset = ReminderLogFilter(self.params or None, queryset=reminder_logs())
        return _filtered(filterset).annotate(recipient_name=_user_name("recipient"))


# ---------------------------------------------------------------------------
# plans: official letters (công văn)
# ---------------------------------------------------------------------------
def _letter_number(number, issuer, office, status) -> str:
    """The number and symbol of an issued letter; blank for a draft."""
    return number_label(number if status != LetterStatus.DRAFT else None, f"{issuer}-{office}")


@register
class LetterExporter(Exporter):
    identifier = "letters"
    verbose_name = _("Công văn")
    permission_required = "plans.list_letter"
    filename_stem = "cong-van"
    columns = (
        Column(
            _("Số, ký hiệu"),
            18,
            fields=("number", "issuer_code", "office_code", "status"),
            shown=_letter_number,
        ),
        Column(_("Trích yếu"), 60, field="subject", shown="V/v {}".format),
        Column(_("Kính gửi"), 50, field="addressees", shown=lambda names: "; ".join(map(str, names or []))),
        Column(_("Ngày ban hành"), 14, DATE, field="issue_date"),
        Column(_("Người ký"), 24, field="signer_name"),
        Column(_("Trạng thái"), 16, field="status", labels=LetterStatus),
    )

    def queryset(self):
        return letters_visible_to(self.user).order_by("-created_at", "-pk")
