"""Exports of the campaigns app's lists: registered lines, campaigns, rounds, registrations, criteria sets."""

from __future__ import annotations

from django.db.models import Value
from django.db.models.functions import Coalesce
from django.utils.translation import gettext_lazy as _

from campaigns.enums import CampaignKind, CampaignStatus, LatePolicy, RegistrationStatus
from campaigns.filters import (
    CampaignFilter,
    CriteriaSetFilter,
    RegistrationFilter,
    RegistrationListFilter,
    RoundFilter,
)
from campaigns.selectors import (
    campaigns_visible_to,
    consolidated_lines,
    criteria_sets_for_list,
    registrations_for_list,
    registrations_visible_to,
    rounds_for_list,
)
from units.ids import id_or_none
from units.xlsx import DATE, DATETIME, INTEGER, YES_NO, Column, label_map

from .base import Exporter, filtered_rows, register


@register
class RegistrationLineExporter(Exporter):
    """Every registered line (collectives first, then individuals) of the registrations in view."""

    identifier = "registrations"
    verbose_name = _("Đăng ký thi đua")
    permission_required = "campaigns.list_registration"
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
        return filtered_rows(filterset), award

    def iter_rows(self):
        statuses = label_map(RegistrationStatus.choices)
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


@register
class CampaignExporter(Exporter):
    identifier = "campaigns"
    verbose_name = _("Phong trào thi đua")
    permission_required = "campaigns.list_campaign"
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
        rows = campaigns_visible_to(self.user).order_by("-start_date", "-pk")
        return filtered_rows(CampaignFilter(self.params or None, queryset=rows))


@register
class RoundExporter(Exporter):
    identifier = "rounds"
    verbose_name = _("Đợt đăng ký thi đua")
    permission_required = "campaigns.list_campaign"
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
        rows = rounds_for_list(self.user)
        return filtered_rows(RoundFilter(self.params or None, queryset=rows)).annotate(  # search, year
            campaign_name=Coalesce("campaign__name", Value(str(_("Cả năm"))))
        )


@register
class RegistrationExporter(Exporter):
    """One row per registration, as the registration list shows them (``?status=``)."""

    identifier = "registration-list"
    verbose_name = _("Bản đăng ký thi đua")
    permission_required = "campaigns.list_registration"
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
        rows = registrations_for_list(self.user, status=self.params.get("status", ""))
        return filtered_rows(RegistrationListFilter(self.params or None, queryset=rows))  # search, year


@register
class CriteriaSetExporter(Exporter):
    identifier = "criteria-sets"
    verbose_name = _("Bảng tiêu chí chấm điểm")
    permission_required = "campaigns.list_criteriaset"
    columns = (
        Column(_("Bảng tiêu chí"), 44, field="name"),
        Column(_("Năm"), 8, INTEGER, field="year"),
        Column(_("Cụm, khối"), 36, field="cluster_name"),
        Column(_("Số tiêu chí"), 10, INTEGER, field="criteria_count"),
    )

    def queryset(self):
        rows = criteria_sets_for_list(self.user)
        return filtered_rows(CriteriaSetFilter(self.params or None, queryset=rows)).annotate(  # search, year
            cluster_name=Coalesce("cluster__name", Value(str(_("Mọi cụm, khối của năm"))))
        )
