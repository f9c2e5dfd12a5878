"""The Excel export of the clusters, reorganisations, criteria sets, calls for nominations,
disclosure periods, verification queue, the units' task shares, registration rounds, council
sessions and proposals to a higher authority writes the rows the list's
search and year found, in the order the list's sort shows them (read back with openpyxl); a unit
head's file holds only their unit's rows, whatever is searched."""

import datetime
import io
from collections.abc import Callable
from dataclasses import dataclass

import pytest
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from tests.factories import (
    ClusterFactory,
    CriteriaSetFactory,
    NominationFactory,
    PersonFactory,
    PlanFactory,
    PlanTaskAssignmentFactory,
    PlanTaskFactory,
    RegistrationRoundFactory,
    UnitFactory,
    make_council_session,
    make_office_user,
    make_unit_head,
)
from tests.test_list_search import (  # the same rows as the list pages' tests
    _call,
    _disclosure,
    _proposal,
    _reorganisation,
    _session,
)

pytestmark = pytest.mark.django_db


@dataclass
class ListExport:
    name: str  # the exporter's identifier
    column: str  # the header of the column holding the searched text
    make: Callable  # make(text, year, rank): a row found by ``text``, ``rank``-th under ``sort``
    sort: str  # a sort key of the list page
    yearly: bool = True


def _cluster(text, year, rank=1):
    return ClusterFactory(name=text, year=timezone.localdate().year)  # the year shown by default


def _nomination(text, year, rank=1):
    return NominationFactory(
        person=PersonFactory(full_name=text, unit=UnitFactory(name="Khoa Nội")), year=year, status="submitted"
    )


def _assignment(text, year, rank=1, unit=None):
    task = PlanTaskFactory(
        content=text,
        plan=PlanFactory(year=year, issued=True, title="Kế hoạch công tác"),
        lead_unit=UnitFactory(name="Khoa Nội"),
    )
    return PlanTaskAssignmentFactory(task=task, unit=unit or UnitFactory(name="Khoa Ngoại"))


EXPORTS = {
    "clusters": ListExport("clusters", "Tên cụm/khối", _cluster, "name", yearly=False),
    "reorganisations": ListExport("reorganisations", "Đơn vị sau sắp xếp", _reorganisation, "effective"),
    "criteria sets": ListExport(
        "criteria-sets",
        "Bảng tiêu chí",
        lambda text, year, rank=1: CriteriaSetFactory(name=text, year=year),
        "name",
    ),
    "calls": ListExport("calls", "Ghi chú, hướng dẫn", _call, "deadline"),
    "disclosures": ListExport("disclosures", "Thông báo", _disclosure, "opens"),
    "verification queue": ListExport("verify-queue", "Cá nhân / tập thể", _nomination, "nominee"),
    "task shares": ListExport("task-assignments", "Nhiệm vụ", _assignment, "content"),
    "registration rounds": ListExport(
        "rounds",
        "Đợt đăng ký",
        lambda text, year, rank=1: RegistrationRoundFactory(name=text, year=year),
        "name",
    ),
    "council sessions": ListExport(
        "sessions",
        "Phiên họp",
        _session,
        "title",
    ),
    "proposals": ListExport(
        "proposals",
        "Trích yếu",
        _proposal,
        "title",
    ),
}


@pytest.fixture
def office(client):
    client.force_login(make_office_user())
    return client


def exported(client, export: ListExport, **params) -> list:
    """The searched column of the export's rows, read back from the .xlsx."""
    response = client.get(reverse("reports:export", args=[export.name]), params)
    assert response.status_code == 200
    sheet = load_workbook(io.BytesIO(b"".join(response.streaming_content))).worksheets[0]
    header, *rows = sheet.iter_rows(values_only=True)
    index = list(header).index(export.column)
    return [row[index] for row in rows]


@pytest.mark.parametrize("name", EXPORTS)
def test_an_export_holds_only_the_rows_the_search_found(office, name):
    export = EXPORTS[name]
    export.make("Nguyễn Thị Hằng", 2025)
    export.make("Trần Văn Bình", 2025, 2)
    export.make("Bệnh viện Đa khoa Nguyễn Hằng", 2025, 3)

    found = exported(office, export, q="nguyen hang")
    everything = exported(office, export)

    assert sorted(found) == ["Bệnh viện Đa khoa Nguyễn Hằng", "Nguyễn Thị Hằng"]
    assert len(everything) == 3  # no search: every row


@pytest.mark.parametrize("name", EXPORTS)
def test_an_export_writes_its_rows_in_the_order_the_list_sorts_them(office, name):
    export = EXPORTS[name]
    export.make("Đặng Minh", 2025, 2)
    export.make("Vũ Thị Minh", 2025, 3)
    export.make("Ánh Minh", 2025, 1)
    export.make("Lê Thị Hồng", 2025, 4)  # not found

    ascending = exported(office, export, sort=export.sort, q="minh")
    descending = exported(office, export, sort=f"-{export.sort}", q="minh")

    assert ascending == ["Ánh Minh", "Đặng Minh", "Vũ Thị Minh"]
    assert descending == ["Vũ Thị Minh", "Đặng Minh", "Ánh Minh"]


@pytest.mark.parametrize("name", [n for n, export in EXPORTS.items() if export.yearly])
def test_an_export_of_a_list_that_spans_years_keeps_the_year_chosen(office, name):
    export = EXPORTS[name]
    export.make("Năm cũ", 2024)
    export.make("Năm mới", 2025)
    export.make("Năm cũ khác", 2024, 2)

    assert sorted(exported(office, export, year=2024, q="khac")) == ["Năm cũ khác"]
    assert sorted(exported(office, export, year=2024)) == ["Năm cũ", "Năm cũ khác"]


def test_the_cluster_export_searches_within_the_year_shown(office):
    ClusterFactory(name="Cụm bệnh viện", year=2024)
    ClusterFactory(name="Cụm bệnh viện", year=2025)
    ClusterFactory(name="Cụm trung tâm y tế", year=2025)

    assert exported(office, EXPORTS["clusters"], year=2025, q="benh vien") == ["Cụm bệnh viện"]


def test_the_verification_queue_export_adds_its_search_to_the_overdue_filter(office):
    late = timezone.localdate() - datetime.timedelta(days=3)
    for name, due in (("Nguyễn Quá Hạn", late), ("Trần Quá Hạn", late), ("Nguyễn Còn Hạn", None)):
        NominationFactory(person=PersonFactory(full_name=name), submitted=True, verification_due=due)

    found = exported(office, EXPORTS["verification queue"], overdue="1", q="nguyen")

    assert found == ["Nguyễn Quá Hạn"]


def test_a_unit_heads_task_share_export_never_holds_another_units_share(client):
    mine, other = UnitFactory(name="Bệnh viện Đa khoa"), UnitFactory(name="Trung tâm Y tế")
    _assignment("Báo cáo tiêm chủng", 2025, unit=mine)
    _assignment("Báo cáo tiêm chủng mở rộng", 2025, unit=other)
    _assignment("Báo cáo an toàn thực phẩm", 2025, unit=mine)
    client.force_login(make_unit_head(mine))

    searched = exported(client, EXPORTS["task shares"], q="tiem chung")
    sorted_desc = exported(client, EXPORTS["task shares"], sort="-content")

    assert searched == ["Báo cáo tiêm chủng"]
    assert sorted_desc == ["Báo cáo tiêm chủng", "Báo cáo an toàn thực phẩm"]


def test_a_council_members_session_export_never_holds_a_session_they_do_not_sit_on(client):
    theirs = make_council_session(size=3, year=2025, title="Phiên họp xét khen thưởng đợt một")
    make_council_session(size=3, year=2025, title="Phiên họp xét khen thưởng đợt hai")
    client.force_login(theirs.members[1])

    assert exported(client, EXPORTS["council sessions"], q="xet khen thuong") == [
        "Phiên họp xét khen thưởng đợt một"
    ]
