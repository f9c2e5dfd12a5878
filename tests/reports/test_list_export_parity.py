"""A list page and its Excel export read the same selector: for the same querystring and the same
user, the rows the page's table shows are the rows of the .xlsx (read back with openpyxl), in the
same order — registration rounds, registrations, criteria sets and clusters."""

import datetime
import io
from html.parser import HTMLParser

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from campaigns.models import Criterion
from tests.factories import (
    CampaignFactory,
    ClusterFactory,
    CriteriaSetFactory,
    RegistrationFactory,
    RegistrationRoundFactory,
    UnitFactory,
    add_cluster_member,
    add_collective_line,
    add_individual_line,
    make_office_user,
    make_unit_head,
)
from units.enums import ClusterRole

pytestmark = pytest.mark.django_db


class _TableBody(HTMLParser):
    """The text of each cell of each row in the first table body of a page."""

    def __init__(self):
        super().__init__()
        self.rows, self._row, self._cell, self._in_body, self._done = [], None, None, False, False

    def handle_starttag(self, tag, attrs):
        if self._done:
            return
        if tag == "tbody":
            self._in_body = True
        elif self._in_body and tag == "tr":
            self._row = []
        elif self._row is not None and tag == "td":
            self._cell = []

    def handle_endtag(self, tag):
        if tag == "tbody" and self._in_body:
            self._in_body, self._done = False, True
        elif tag == "td" and self._cell is not None:
            self._row.append(" ".join("".join(self._cell).split()))
            self._cell = None
        elif tag == "tr" and self._row is not None:
            self.rows.append(self._row)
            self._row = None

    def handle_data(self, data):
        if self._cell is not None:
            self._cell.append(data)


def page_rows(client, url_name, **params):
    response = client.get(reverse(url_name), params)
    assert response.status_code == 200
    parser = _TableBody()
    parser.feed(response.content.decode())
    return parser.rows


def export_rows(client, name, **params):
    response = client.get(reverse("reports:export", args=[name]), params)
    assert response.status_code == 200
    sheet = load_workbook(io.BytesIO(b"".join(response.streaming_content))).worksheets[0]
    header, *rows = sheet.iter_rows(values_only=True)
    return [dict(zip(header, row, strict=True)) for row in rows]


def _text(value):
    return "" if value is None else str(value)


# ---------------------------------------------------------------------------
# Registration rounds
# ---------------------------------------------------------------------------
@pytest.fixture
def rounds():
    draft = CampaignFactory(name="Phong trào còn dự thảo", draft=True)
    launched = CampaignFactory(name="Phong trào chuyển đổi số")
    RegistrationRoundFactory(name="Đợt của dự thảo", campaign=draft, year=2026)
    with_regs = RegistrationRoundFactory(
        name="Đợt chuyển đổi số", campaign=launched, year=2026, deadline=datetime.date(2026, 3, 1)
    )
    RegistrationRoundFactory(name="Đăng ký cả năm 2025", year=2025, deadline=datetime.date(2025, 2, 1))
    RegistrationFactory(round=with_regs)
    RegistrationFactory(round=with_regs, submitted=True)


def _round_rows_of_page(rows):
    return [(name, int(year), campaign, int(count)) for name, year, campaign, _deadline, _late, count in rows]


def _round_rows_of_export(rows):
    return [(r["Đợt đăng ký"], r["Năm"], r["Phong trào"], r["Số bản đăng ký"]) for r in rows]


def test_the_round_export_holds_the_rows_of_the_round_list(client, rounds):
    client.force_login(make_office_user())

    page = _round_rows_of_page(page_rows(client, "campaigns:round-list"))
    sheet = _round_rows_of_export(export_rows(client, "rounds"))

    assert sheet == page
    assert len(page) == 3
    assert ("Đợt chuyển đổi số", 2026, "Phong trào chuyển đổi số", 2) in page
    assert ("Đăng ký cả năm 2025", 2025, "Cả năm", 0) in page


def test_a_unit_heads_round_export_leaves_out_what_their_list_leaves_out(client, rounds):
    client.force_login(make_unit_head())

    page = _round_rows_of_page(page_rows(client, "campaigns:round-list"))
    sheet = _round_rows_of_export(export_rows(client, "rounds"))

    assert sheet == page
    assert "Đợt của dự thảo" not in [row[0] for row in page]
    assert {row[0] for row in page} == {"Đợt chuyển đổi số", "Đăng ký cả năm 2025"}


# ---------------------------------------------------------------------------
# Registrations
# ---------------------------------------------------------------------------
@pytest.fixture
def mine():
    return UnitFactory(name="Bệnh viện của tôi")


@pytest.fixture
def registrations(mine):
    round_ = RegistrationRoundFactory(name="Đăng ký thi đua năm 2026", year=2026)
    earlier = RegistrationRoundFactory(name="Đăng ký thi đua năm 2025", year=2025)
    other = RegistrationFactory(round=round_, unit=UnitFactory(name="Đơn vị khác"), submitted=True)
    add_collective_line(other)
    own = RegistrationFactory(round=round_, unit=mine, submitted=True)
    add_individual_line(own)
    add_individual_line(own)
    RegistrationFactory(round=earlier, unit=mine, accepted=True)
    RegistrationFactory(round=round_, unit=UnitFactory(name="Đơn vị đang soạn"))


def _registration_rows_of_page(rows):
    # The office's rows start with a checkbox.
    return [
        (round_, unit, int(collectives), int(individuals))
        for *_tick, round_, unit, _s, collectives, individuals in rows
    ]


def _registration_rows_of_export(rows):
    return [(r["Đợt đăng ký"], r["Đơn vị"], r["Tập thể"], r["Cá nhân"]) for r in rows]


@pytest.mark.parametrize("status", ["", "submitted", "accepted", "no-such-state"])
def test_the_registration_export_holds_the_rows_of_the_registration_list(client, registrations, status):
    client.force_login(make_office_user())

    page = _registration_rows_of_page(page_rows(client, "campaigns:registration-list", status=status))
    sheet = _registration_rows_of_export(export_rows(client, "registration-list", status=status))

    assert sheet == page
    assert page  # every state filtered here has rows, and an unknown one is ignored


def test_a_unit_heads_registration_export_holds_only_their_units_rows_as_the_list_does(
    client, registrations, mine
):
    client.force_login(make_unit_head(mine))

    for status in ("", "submitted"):
        page = _registration_rows_of_page(page_rows(client, "campaigns:registration-list", status=status))
        sheet = _registration_rows_of_export(export_rows(client, "registration-list", status=status))

        assert sheet == page
        assert {unit for _round, unit, _c, _i in page} == {"Bệnh viện của tôi"}
    assert ("Đăng ký thi đua năm 2026", "Bệnh viện của tôi", 0, 2) in page


# ---------------------------------------------------------------------------
# Criteria sets
# ---------------------------------------------------------------------------
def test_the_criteria_set_export_holds_the_rows_of_the_criteria_set_list(client):
    cluster = ClusterFactory(year=2026, name="Khối bệnh viện")
    scored = CriteriaSetFactory(name="Bảng chấm khối bệnh viện", year=2026, cluster=cluster)
    for code in ("1", "2"):
        Criterion.objects.create(criteria_set=scored, code=code, title=f"Tiêu chí {code}", max_points=10)
    CriteriaSetFactory(name="Bảng chung", year=2025)
    for user in (make_office_user(), make_unit_head()):
        client.force_login(user)

        page = [
            (name, int(year), cluster_name, int(count))
            for name, year, cluster_name, count, _ranking in page_rows(client, "campaigns:criteria-list")
        ]
        sheet = [
            (r["Bảng tiêu chí"], r["Năm"], r["Cụm, khối"], r["Số tiêu chí"])
            for r in export_rows(client, "criteria-sets")
        ]

        assert sheet == page
        assert ("Bảng chấm khối bệnh viện", 2026, "Khối bệnh viện", 2) in page
        assert len(page) == 2


# ---------------------------------------------------------------------------
# Clusters
# ---------------------------------------------------------------------------
@pytest.mark.parametrize("year", ["2025", "2026"])
def test_the_cluster_export_holds_the_clusters_of_the_list_for_the_same_year(client, year):
    leader, deputy = UnitFactory(name="BV Trưởng cụm"), UnitFactory(name="BV Phó cụm")
    with_roles = ClusterFactory(year=2025, name="Cụm bệnh viện tuyến tỉnh")
    add_cluster_member(with_roles, leader, ClusterRole.LEADER)
    add_cluster_member(with_roles, deputy, ClusterRole.DEPUTY)
    add_cluster_member(with_roles, UnitFactory())
    ClusterFactory(year=2025, name="Cụm chưa có thành viên")
    ClusterFactory(year=2026, name="Cụm năm sau")
    for user in (make_office_user(), make_unit_head(leader)):
        client.force_login(user)

        page = [
            (name, int(count), leader_name, deputy_name)
            for name, count, leader_name, deputy_name, _state in page_rows(
                client, "units:cluster-list", year=year
            )
        ]
        sheet = [
            (
                r["Tên cụm/khối"],
                r["Số đơn vị"],
                _text(r["Trưởng cụm/khối"]) or "—",
                _text(r["Phó cụm/khối"]) or "—",
            )
            for r in export_rows(client, "clusters", year=year)
        ]

        assert sheet == page
        assert page
    if year == "2025":
        assert ("Cụm bệnh viện tuyến tỉnh", 3, "BV Trưởng cụm", "BV Phó cụm") in page
