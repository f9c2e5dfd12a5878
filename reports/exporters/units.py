"""Exports of the units app's lists: units, staff, clusters, reorganisations, the register of
issued documents."""

from __future__ import annotations

from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from units.enums import Gender, IssuedKind, ReorganisationKind, UnitKind
from units.filters import ClusterFilter, PersonFilter, ReorganisationFilter, UnitFilter
from units.models import Unit
from units.selectors import (
    clusters_for_list,
    issued_register,
    persons_for_list,
    reorganisations_for_list,
    reorganisations_named,
    units_for_list,
)
from units.views import year_from
from units.xlsx import DATE, INTEGER, YES_NO, Column, label_map

from .base import ACTIVE_LABELS, Exporter, filtered_rows, register


@register
class UnitExporter(Exporter):
    identifier = "units"
    verbose_name = _("Đơn vị")
    permission_required = "units.list_unit"
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
        return filtered_rows(filterset)


@register
class PersonExporter(Exporter):
    identifier = "persons"
    verbose_name = _("Cán bộ")
    permission_required = "units.list_person"
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
        return filtered_rows(filterset)


@register
class ClusterExporter(Exporter):
    """The clusters of the year the page shows (``?year=``, else the current year), searched and
    ordered as the page shows them."""

    identifier = "clusters"
    verbose_name = _("Cụm, khối thi đua")
    permission_required = "units.view_cluster"
    columns = (
        Column(_("Tên cụm/khối"), 36, field="name"),
        Column(_("Năm"), 8, INTEGER, field="year"),
        Column(_("Số đơn vị"), 10, INTEGER, field="member_count"),
        Column(_("Trưởng cụm/khối"), 36, field="leader_name"),
        Column(_("Phó cụm/khối"), 36, field="deputy_name"),
        Column(_("Trạng thái"), 18, field="active", labels=ACTIVE_LABELS),
    )

    def queryset(self):
        rows = clusters_for_list(year_from(self.request))
        return filtered_rows(ClusterFilter(self.params or None, queryset=rows))  # the page's search, order


@register
class ReorganisationExporter(Exporter):
    """The reorganisation events the page shows (its search, year and order; latest first), with
    the units before and after."""

    identifier = "reorganisations"
    verbose_name = _("Sắp xếp, tổ chức lại đơn vị")
    permission_required = "units.list_reorganisation"
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
        rows = reorganisations_for_list()
        return filtered_rows(ReorganisationFilter(self.params or None, queryset=rows))

    def iter_rows(self):
        """The units under the names they bore at the event, not today's (a few events a year)."""
        kinds = label_map(ReorganisationKind)
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


@register
class IssuedDocumentExporter(Exporter):
    identifier = "issued-documents"
    verbose_name = _("Sổ văn bản đã ban hành")
    permission_required = "units.view_issued_register"
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
