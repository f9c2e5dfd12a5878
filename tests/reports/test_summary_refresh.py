"""Refreshing the figures of a summary report that someone issued after the page was opened: the
permission check still saw the draft, the service refuses the issued report, and the office gets
the refusal as a message on the report's page, not a server error."""

import datetime

import pytest
from django.contrib.messages import constants, get_messages
from django.contrib.messages.storage.fallback import FallbackStorage
from django.test import RequestFactory
from django.urls import reverse

from reports import services
from reports.models import SummaryReport
from reports.views_summary import SummaryRefreshView
from tests.factories import AgencyFactory, make_office_user

pytestmark = pytest.mark.django_db

REFUSAL = "Báo cáo đã ban hành nên không thể sửa nội dung hay số liệu."


def refresh_with(report_as_read: SummaryReport, user, client):
    """The refresh request as it runs when the report was read (and the permission checked)
    before another request issued it: the view works on the copy it read."""
    request = RequestFactory().post(reverse("reports:summary-refresh", args=[report_as_read.pk]))
    request.user = user
    request.session = client.session
    request._messages = FallbackStorage(request)
    view = SummaryRefreshView()
    view.setup(request, pk=report_as_read.pk)
    view.report = report_as_read
    response = view.dispatch(request, pk=report_as_read.pk)
    request._messages.update(response)
    return request, response


def test_a_refresh_of_a_report_issued_meanwhile_says_so_and_goes_back_to_the_report(client):
    AgencyFactory()
    office = make_office_user()
    report = services.summary_report_create(year=2026, kind="half_year", by=office)
    as_read = SummaryReport.objects.get(pk=report.pk)  # the draft the refresh request read
    services.summary_report_issue(report, by=make_office_user(), issue_date=datetime.date(2026, 7, 10))
    report.refresh_from_db()
    figures_at = report.statistics_at
    client.force_login(office)

    request, response = refresh_with(as_read, office, client)

    assert response.status_code == 302 and response.url == report.get_absolute_url()
    shown = [(m.level, m.message) for m in get_messages(request)]
    assert shown == [(constants.ERROR, REFUSAL)]
    report.refresh_from_db()
    assert report.status == "issued" and report.statistics_at == figures_at
    # the message is on the report's page the browser is sent to
    client.cookies["messages"] = response.cookies["messages"].value
    page = client.get(response.url).content.decode()
    assert REFUSAL in page


def test_a_refresh_of_a_draft_still_updates_the_figures(client):
    AgencyFactory()
    office = make_office_user()
    report = services.summary_report_create(year=2026, kind="half_year", by=office)
    before = report.statistics_at
    client.force_login(office)

    request, response = refresh_with(SummaryReport.objects.get(pk=report.pk), office, client)

    assert response.status_code == 302 and response.url == report.get_absolute_url()
    assert [m.level for m in get_messages(request)] == [constants.SUCCESS]
    report.refresh_from_db()
    assert report.statistics_at > before
