"""Dashboards: the office's year, a unit's year, the council's year.

The figures come from ``reports.stats`` (aggregated in the database, a fixed number of queries);
this module adds the link behind every figure (the list page, filtered by querystring) and the
chart series. Charts are drawn by ``static/js/dashboard.js`` from a ``json_script`` tag; the same
numbers are always in HTML tables too (screen readers, printing, no JavaScript).
"""

from __future__ import annotations

from django.conf import settings
from django.core.cache import cache as django_cache
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.views.generic import TemplateView

from awards.enums import NominationStatus
from awards.models import Nomination
from awards.selectors import verdict_lapsed
from campaigns.enums import RegistrationStatus
from units.enums import Role
from units.fastpaths import list_address as url
from units.home import inbox_of
from units.ids import id_or_none
from units.kept import KeptPageMixin
from units.rules import head_scope_ids, is_office_staff
from units.selectors import units_visible_to
from units.views import RulesMixin, year_from

from . import cache, stats
from .history import history_matrix

CHART_TOP_UNITS = 15


def _task_links(rows, *, year, unit=None, by_quarter=False):
    """The task list behind each figure, counted the same way: a unit's tasks by ``unit`` (its
    shares of group tasks included), a unit's dashboard with the units below it."""
    for row in rows:
        common = {"when": "all", "year": year, "unit": unit, "below": "true" if unit and by_quarter else None}
        if by_quarter:
            if row["quarter"] is None:
                row["urls"] = {}
                continue
            common["quarter"] = row["quarter"]
        else:
            common["unit"] = row["unit_id"]
        total = url("plans:task-list", **common)  # never empty: "when" is always there
        row["urls"] = {state: f"{total}&display_status={state}" for state in stats.TASK_STATES}
        row["urls"]["total"] = total


def _task_chart(rows, label_key):
    labels = {
        "done": _("Hoàn thành"),
        "overdue": _("Quá hạn"),
        "in_progress": _("Đang thực hiện"),
        "not_started": _("Chưa thực hiện"),
    }
    return {
        "labels": [str(row[label_key]) for row in rows],
        "datasets": [
            {
                "key": state,
                "label": labels[state],
                "data": [row[state] for row in rows],
                "urls": [row["urls"].get(state) for row in rows],
            }
            for state in stats.TASK_STATES
        ],
    }


def _nomination_links(nominations, *, year, unit=None):
    for row in nominations["rows"]:
        row["links"] = [
            {
                "n": n,
                "url": url(
                    "awards:nomination-list", year=year, award_type=row["award_type_id"], status=s, unit=unit
                ),
            }
            for s, n in zip(NominationStatus.values, row["cells"], strict=True)
        ]
        row["url"] = url("awards:nomination-list", year=year, award_type=row["award_type_id"], unit=unit)
    nominations["total_links"] = [
        {"n": nominations["totals"][s], "url": url("awards:nomination-list", year=year, status=s, unit=unit)}
        for s in NominationStatus.values
    ]
    nominations["url"] = url("awards:nomination-list", year=year, unit=unit)


def _nomination_chart(nominations):
    links = nominations["total_links"]
    return {
        "labels": [str(label) for _value, label in nominations["statuses"]],
        "datasets": [
            {
                "key": "nominations",
                "label": _("Đề nghị"),
                "data": [link["n"] for link in links],
                "urls": [link["url"] for link in links],
            }
        ],
    }


def _registration_links(registrations):
    for entry in registrations["rounds"]:
        entry["url"] = reverse("campaigns:round-detail", args=[entry["round_id"]])
        consolidated = "campaigns:consolidated"
        entry["status_links"] = [
            {
                "label": label,
                "n": entry["statuses"][value],
                "url": url(consolidated, entry["round_id"], status=value),
            }
            for value, label in RegistrationStatus.choices
        ]
        for title in entry["titles"]:
            title["url"] = url(consolidated, entry["round_id"], award_type=title["award_type_id"])


def _registration_chart(registrations):
    titles = registrations["by_title"]
    return {
        "labels": [t["name"] for t in titles],
        "datasets": [
            {"key": "collective", "label": _("Tập thể"), "data": [t["collective"] for t in titles]},
            {"key": "individual", "label": _("Cá nhân"), "data": [t["individual"] for t in titles]},
        ],
    }


def _submission_chart(submissions):
    totals = submissions["totals"]
    labels = {
        "on_time": _("Đúng hạn"),
        "late": _("Nộp muộn"),
        "missing": _("Quá hạn, chưa nộp"),
        "pending": _("Chưa đến hạn"),
    }
    return {
        "labels": [labels[state] for state in stats.SUBMISSION_STATES],
        "datasets": [
            {
                "key": "submissions",
                "label": _("Báo cáo của đơn vị"),
                "data": [totals[state] for state in stats.SUBMISSION_STATES],
            }
        ],
    }


def _year_context(request, year):
    return {"year": year, "years": stats.dashboard_years(), "query_year": urlencode({"year": year})}


# ---------------------------------------------------------------------------
# The office
# ---------------------------------------------------------------------------
class OfficeDashboardView(RulesMixin, KeptPageMixin, TemplateView):
    """The office's year. Its tables are the same for every office user: they are rendered once
    and kept in the cache until the data changes (``reports.cache``); the page of each user, with
    the user's inbox, is kept too (``units.kept``)."""

    permission_required = "reports.view_office_dashboard"
    template_name = "reports/dashboard.html"
    body_template_name = "reports/includes/dashboard_body.html"

    @property
    def kept_seconds(self) -> int:
        return settings.DASHBOARD_CACHE_SECONDS

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        year = year_from(self.request)
        chosen = self.request.GET.get("criteria_set", "")
        criteria_set_id = id_or_none(chosen)
        ctx.update(_year_context(self.request, year))
        key = cache.tables_key(year, criteria_set_id)
        body = django_cache.get(key)
        if body is None:
            body_ctx = {**ctx, **self.dashboard_context(year, criteria_set_id)}
            body = render_to_string(self.body_template_name, body_ctx, request=self.request)
            django_cache.set(key, body, timeout=settings.DASHBOARD_CACHE_SECONDS)
        ctx["body"] = body
        # What waits today, per user and outside the cached tables: the home page's own items.
        ctx["inbox"] = inbox_of(self.request.user, Role.OFFICE)
        return ctx

    def dashboard_context(self, year: int, criteria_set_id: int | None) -> dict:
        ctx = {}
        data = stats.office_dashboard(year=year, criteria_set_id=criteria_set_id)

        tasks = data["tasks"]
        _task_links(tasks["by_unit"], year=year)
        _task_links(tasks["by_quarter"], year=year, by_quarter=True)
        worst = sorted(tasks["by_unit"], key=lambda r: (-r["overdue"], -r["open"], r["unit"]))[
            :CHART_TOP_UNITS
        ]
        submissions = data["submissions"]
        for row in submissions["by_request"]:
            row["url"] = reverse("plans:submission-detail", args=[row["request_id"]])
        submissions["matrix_url"] = url("plans:submission-matrix", all=1)
        submissions["problem_units"] = sorted(
            (row for row in submissions["by_unit"] if row["missing"] or row["late"]),
            key=lambda r: (-r["missing"], -r["late"], r["unit"]),
        )[:CHART_TOP_UNITS]
        _registration_links(data["registrations"])
        _nomination_links(data["nominations"], year=year)
        # Sent nominations of the year whose verdict became "not eligible" since (one query).
        lapsed = verdict_lapsed(Nomination.objects.filter(year=year))
        data["nominations"]["lapsed"] = lapsed.order_by().count()
        data["nominations"]["lapsed_url"] = url("awards:nomination-list", year=year, verdict_lapsed="true")
        council = data["council"]
        if council is not None:
            for row in council["sessions"]:
                row["url"] = reverse("council:session-detail", args=[row["session_id"]])
            council["dashboard_url"] = url("reports:council-dashboard", year=year)
        for cs in data["rankings"]["criteria_sets"]:
            cs.ranking_url = reverse("campaigns:ranking", args=[cs.pk])

        ctx.update(data)
        ctx["chart_data"] = {
            "tasksByUnit": _task_chart(sorted(worst, key=lambda r: r["unit"]), "short"),
            "tasksByQuarter": _task_chart(tasks["by_quarter"], "label"),
            "submissions": _submission_chart(submissions),
            "registrations": _registration_chart(data["registrations"]),
            "nominations": _nomination_chart(data["nominations"]),
        }
        ctx["chart_top_units"] = CHART_TOP_UNITS
        ctx["tasks_url"] = url("plans:task-list", when="all", year=year)
        return ctx


# ---------------------------------------------------------------------------
# A unit
# ---------------------------------------------------------------------------
class UnitDashboardView(RulesMixin, TemplateView):
    """A unit head sees their unit (and the units below it); the office picks any unit."""

    permission_required = "reports.view_unit_dashboard"
    template_name = "reports/unit_dashboard.html"

    def get_unit(self):
        user = self.request.user
        value = self.request.GET.get("unit", "")
        if value:
            if id_or_none(value) is None:
                raise Http404
            return get_object_or_404(units_visible_to(user), pk=id_or_none(value))
        if user.head_of_unit_id:
            return user.head_of_unit
        return None

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        user = self.request.user
        year = year_from(self.request)
        ctx.update(_year_context(self.request, year))
        unit = self.get_unit()
        if is_office_staff(user):
            ctx["unit_choices"] = (
                units_visible_to(user).filter(active=True, parent__isnull=True).order_by("order", "name")
            )
        ctx["unit"] = unit
        if unit is None:
            return ctx
        if user.head_of_unit_id == unit.pk:
            ctx["inbox"] = inbox_of(user, Role.UNIT_HEAD)  # the home page's own items
            unit_ids = head_scope_ids(user)
            unit_filter = None  # the head's lists are already scoped to these units
        else:
            unit_ids = unit.subtree_ids()
            unit_filter = unit.pk
        data = stats.unit_dashboard(unit, year=year, unit_ids=unit_ids)
        tasks = data["tasks"]
        _task_links(tasks["by_quarter"], year=year, unit=unit_filter, by_quarter=True)
        _nomination_links(data["nominations"], year=year, unit=unit_filter)
        history = history_matrix(stats.award_records_of_units(unit_ids))
        ctx.update(data)
        ctx["history"] = history
        ctx["history_url"] = url("reports:history", unit=unit.pk)
        ctx["history_base_query"] = urlencode({"unit": unit.pk})
        ctx["unit_history_url"] = reverse("reports:history-unit", args=[unit.pk])
        ctx["tasks_url"] = url(
            "plans:task-list", when="all", year=year, unit=unit_filter, below="true" if unit_filter else None
        )
        ctx["chart_data"] = {
            "tasksByQuarter": _task_chart(tasks["by_quarter"], "label"),
            "submissions": _submission_chart(data["submissions"]),
            "history": history.chart,
        }
        return ctx


# ---------------------------------------------------------------------------
# The council
# ---------------------------------------------------------------------------
class CouncilDashboardView(RulesMixin, TemplateView):
    """Sessions of the year, their agendas and results — tallies only, once a session is closed."""

    permission_required = "reports.view_council_dashboard"
    template_name = "reports/council_dashboard.html"

    def dispatch(self, request, *args, **kwargs):
        if not stats.council_installed():
            raise Http404
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        from council.selectors import sessions_visible_to

        ctx = super().get_context_data(**kwargs)
        year = year_from(self.request)
        sessions = sessions_visible_to(self.request.user)
        council = stats.council_stats(year=year, sessions=sessions)
        for row in council["sessions"]:
            row["url"] = reverse("council:session-detail", args=[row["session_id"]])
        ctx.update(_year_context(self.request, year))
        ctx["council"] = council
        ctx["results"] = stats.council_results(year=year, sessions=sessions)
        return ctx


# ---------------------------------------------------------------------------
# Home panels: a link to the figures (registered by ReportsConfig.ready)
# ---------------------------------------------------------------------------
def office_dashboard_panel(user):
    return {
        "title": _("Bảng số liệu"),
        "template": "reports/panels/dashboard_link.html",
        "url": reverse("reports:dashboard"),
        "history_url": reverse("reports:history"),
    }


def unit_dashboard_panel(user):
    return {
        "title": _("Bảng số liệu"),
        "template": "reports/panels/dashboard_link.html",
        "url": reverse("reports:unit-dashboard"),
        "history_url": reverse("reports:history"),
    }
