"""Excel exports on the one export base (``units.xlsx.SheetExporter``): the consolidated
registration of a round and the cluster rankings of a criteria set.

Every text cell is a string, never a formula (``units.xlsx.neutralise``), so a name typed as
"=HYPERLINK(...)" stays text; every sheet has its header row's autofilter, the print set-up of
``units.xlsx.setup_sheet`` and a bold totals row below the filtered range.
"""

from __future__ import annotations

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from units.xlsx import INTEGER, NUMBER, Column, Sheet, SheetExporter, Totals

__all__ = ["ConsolidatedRegistrationExporter", "RankingExporter"]


class ConsolidatedRegistrationExporter(SheetExporter):
    """Sheet "Tập thể" and sheet "Cá nhân", one row per registered line, with a totals row."""

    wrap_text = True
    collective_columns = (
        Column(gettext_lazy("STT"), 6, INTEGER),
        Column(gettext_lazy("Đơn vị đăng ký"), 36),
        Column(gettext_lazy("Tập thể"), 36),
        Column(gettext_lazy("Danh hiệu / hình thức đăng ký"), 34),
        Column(gettext_lazy("Trạng thái bản đăng ký"), 20),
        Column(gettext_lazy("Ghi chú"), 30),
    )
    individual_columns = (
        Column(gettext_lazy("STT"), 6, INTEGER),
        Column(gettext_lazy("Họ và tên"), 28),
        Column(gettext_lazy("Giới tính"), 10),
        Column(gettext_lazy("Chức vụ"), 24),
        Column(gettext_lazy("Khoa, phòng / đơn vị"), 32),
        Column(gettext_lazy("Đơn vị đăng ký"), 36),
        Column(gettext_lazy("Danh hiệu / hình thức đăng ký"), 30),
        Column(gettext_lazy("Trạng thái bản đăng ký"), 20),
        Column(gettext_lazy("Ghi chú"), 30),
    )

    def __init__(self, round_, collectives, individuals):
        self.round = round_
        self.collectives = collectives
        self.individuals = individuals

    def sheets(self):
        yield Sheet(_("Tập thể"), self.collective_columns, self.collective_rows())
        yield Sheet(_("Cá nhân"), self.individual_columns, self.individual_rows())

    def collective_rows(self):
        count = 0
        for count, line in enumerate(self.collectives, start=1):  # noqa: B007 (count is used after the loop)
            reg = line.registration
            yield (
                count,
                reg.unit.name,
                line.unit.name,
                line.award_type.name,
                reg.get_status_display(),
                line.note,
            )
        yield Totals((_("Tổng cộng"), None, _("%(n)d tập thể") % {"n": count}, None, None, None))

    def individual_rows(self):
        count = 0
        for count, line in enumerate(self.individuals, start=1):  # noqa: B007
            person, reg = line.person, line.registration
            yield (
                count,
                person.full_name,
                person.get_gender_display(),
                person.position,
                person.unit.name,
                reg.unit.name,
                line.award_type.name,
                reg.get_status_display(),
                line.note,
            )
        yield Totals(
            (_("Tổng cộng"), _("%(n)d cá nhân") % {"n": count}, None, None, None, None, None, None, None)
        )


class RankingExporter(SheetExporter):
    """Each cluster's units in rank order with their scores, the leader marked."""

    wrap_text = True
    columns = (
        Column(gettext_lazy("Cụm, khối thi đua"), 34),
        Column(gettext_lazy("Hạng"), 8, INTEGER),
        Column(gettext_lazy("Đơn vị"), 40),
        Column(gettext_lazy("Điểm tự chấm"), 14, NUMBER),
        Column(gettext_lazy("Điểm thẩm định"), 14, NUMBER),
        Column(gettext_lazy("Điểm xếp hạng"), 14, NUMBER),
        Column(gettext_lazy("Dẫn đầu cụm, khối"), 16),
    )

    def __init__(self, criteria_set, rankings):
        self.criteria_set = criteria_set
        self.rankings = rankings

    @property
    def sheet_title(self) -> str:
        return _("Xếp hạng")

    def iter_rows(self):
        units = 0
        for entry in self.rankings:
            for row in entry["rows"]:
                units += 1
                yield (
                    entry["cluster"].name,
                    row.rank,
                    row.unit.name,
                    float(row.self_total),
                    float(row.assessed_total),
                    float(row.total),
                    _("Dẫn đầu") if row.leader else "",
                )
        yield Totals((_("Tổng cộng"), None, _("%(n)d đơn vị") % {"n": units}, None, None, None, None))
