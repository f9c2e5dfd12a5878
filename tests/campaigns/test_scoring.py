import io
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from openpyxl import load_workbook

from campaigns.models import UnitScore
from campaigns.selectors import cluster_rankings
from campaigns.services import CriterionRow, criteria_set_save, unit_scores_assess, unit_scores_self_save
from tests.factories import (
    ClusterFactory,
    CriteriaSetFactory,
    UnitFactory,
    add_cluster_member,
    make_office_user,
    make_unit_head,
)
from units.enums import ClusterRole

pytestmark = pytest.mark.django_db

ROWS = [
    CriterionRow("1", "Nhiệm vụ chuyên môn", Decimal(60)),
    CriterionRow("1.1", "Chỉ tiêu kế hoạch", Decimal(40)),
    CriterionRow("1.2", "Chất lượng dịch vụ", Decimal(20)),
    CriterionRow("2", "Công tác thi đua", Decimal(40)),
]


@pytest.fixture
def scored():
    office = make_office_user()
    cluster = ClusterFactory(name="Khối bệnh viện", year=2026)
    units = {
        name: UnitFactory(name=name)
        for name in ["Bệnh viện Cam", "Bệnh viện Bưởi", "Bệnh viện An", "Bệnh viện Dừa"]
    }
    for name, unit in units.items():
        add_cluster_member(
            cluster, unit, ClusterRole.LEADER if name == "Bệnh viện Dừa" else ClusterRole.MEMBER
        )
    criteria_set = criteria_set_save(CriteriaSetFactory(year=2026), ROWS, by=office)
    leaves = {c.code: c for c in criteria_set.criteria.all()}
    return office, criteria_set, units, leaves


def _self(criteria_set, unit, leaves, **scores):
    head = make_unit_head(unit)
    unit_scores_self_save(
        criteria_set,
        unit,
        {leaves[code.replace("_", ".")].pk: {"score": Decimal(v)} for code, v in scores.items()},
        by=head,
    )


def test_criteria_hierarchy_follows_the_dotted_codes(scored):
    _office, criteria_set, _units, leaves = scored

    assert leaves["1.1"].parent == leaves["1"]
    assert leaves["2"].parent is None
    assert criteria_set.max_total == 100


def test_a_child_without_its_parent_code_is_refused():
    with pytest.raises(ValidationError, match="thiếu tiêu chí cha"):
        criteria_set_save(
            CriteriaSetFactory(), [CriterionRow("3.1", "Con mồ côi", Decimal(5))], by=make_office_user()
        )


def test_ranking_uses_assessed_scores_then_the_stated_tie_rule(scored):
    office, criteria_set, units, leaves = scored
    # Three units total 90: Bưởi leads on criterion 1 (60); An and Cam are equal on every top-level
    # criterion (50, 40), so the name decides. Dừa self-scores 100 but the office assesses 1.1 at 20.
    _self(criteria_set, units["Bệnh viện An"], leaves, **{"1_1": 30, "1_2": 20, "2": 40})
    _self(criteria_set, units["Bệnh viện Bưởi"], leaves, **{"1_1": 40, "1_2": 20, "2": 30})
    _self(criteria_set, units["Bệnh viện Cam"], leaves, **{"1_1": 35, "1_2": 15, "2": 40})
    _self(criteria_set, units["Bệnh viện Dừa"], leaves, **{"1_1": 40, "1_2": 20, "2": 40})
    unit_scores_assess(
        criteria_set, units["Bệnh viện Dừa"], {leaves["1.1"].pk: {"score": Decimal(20)}}, by=office
    )

    (entry,) = cluster_rankings(criteria_set)

    ranking = [(r.rank, r.unit.name, r.total, r.leader) for r in entry["rows"]]
    assert ranking == [
        (1, "Bệnh viện Bưởi", Decimal(90), True),   # 90, criterion 1: 60
        (2, "Bệnh viện An", Decimal(90), False),    # 90, criterion 1: 50, criterion 2: 40, name A < C
        (3, "Bệnh viện Cam", Decimal(90), False),   # 90, criterion 1: 50, criterion 2: 40
        (4, "Bệnh viện Dừa", Decimal(80), False),   # self 100, assessed 1.1 = 20 -> 20+20+40
    ]  # fmt: skip
    assert all(r.tied for r in entry["rows"][:3])
    assert entry["rows"][3].cluster_role == "Trưởng cụm/khối"


@pytest.mark.parametrize(("value", "message"), [("-1", "không được âm"), ("40.5", "vượt quá điểm tối đa")])
def test_a_score_below_zero_or_above_the_maximum_is_refused(scored, value, message):
    _office, criteria_set, units, leaves = scored
    unit = units["Bệnh viện An"]

    with pytest.raises(ValidationError, match=message):
        unit_scores_self_save(
            criteria_set, unit, {leaves["1.1"].pk: {"score": Decimal(value)}}, by=make_unit_head(unit)
        )

    assert not UnitScore.objects.filter(self_score__isnull=False).exists()


def test_self_score_page_refuses_a_score_above_the_maximum_at_the_field(client, scored):
    _office, criteria_set, units, leaves = scored
    head = make_unit_head(units["Bệnh viện An"])
    client.force_login(head)
    leaf = leaves["1.2"]

    response = client.post(
        reverse("campaigns:score-self", args=[criteria_set.pk]),
        {f"score_{leaf.pk}": "25", f"note_{leaf.pk}": "Có minh chứng kèm theo"},
    )

    body = response.content.decode()
    assert "Điểm không được vượt quá điểm tối đa 20" in body
    assert "Có minh chứng kèm theo" in body
    assert not UnitScore.objects.exists()


def test_a_unit_outside_the_clusters_cannot_self_score(client, scored):
    _office, criteria_set, _units, _leaves = scored
    client.force_login(make_unit_head())

    response = client.get(reverse("campaigns:score-self", args=[criteria_set.pk]))

    assert response.status_code == 403


def test_office_assesses_through_the_page(client, scored):
    office, criteria_set, units, leaves = scored
    client.force_login(office)
    leaf = leaves["2"]

    client.post(
        reverse("campaigns:score-assess", args=[criteria_set.pk, units["Bệnh viện An"].pk]),
        {f"score_{leaf.pk}": "35", f"note_{leaf.pk}": "Trừ 5 điểm do đăng ký chậm"},
    )

    score = UnitScore.objects.get(unit=units["Bệnh viện An"], criterion=leaf)
    assert score.assessed_score == 35
    assert score.assessed_by == office


def test_ranking_page_states_the_tie_rule_and_exports_to_excel(client, scored):
    office, criteria_set, units, leaves = scored
    _self(criteria_set, units["Bệnh viện An"], leaves, **{"1_1": 30, "1_2": 20, "2": 40})
    client.force_login(office)

    page = client.get(reverse("campaigns:ranking", args=[criteria_set.pk])).content.decode()
    response = client.get(reverse("campaigns:ranking-xlsx", args=[criteria_set.pk]))

    assert "Bằng điểm thì đơn vị có điểm cao hơn ở tiêu chí lớn thứ nhất xếp trên" in page
    assert "Dẫn đầu cụm, khối" in page
    sheet = load_workbook(io.BytesIO(response.content))["Xếp hạng"]
    assert [c.value for c in sheet[1]] == [
        "Cụm, khối thi đua", "Hạng", "Đơn vị", "Điểm tự chấm", "Điểm thẩm định", "Điểm xếp hạng",
        "Dẫn đầu cụm, khối",
    ]  # fmt: skip
    assert [c.value for c in sheet[2]] == ["Khối bệnh viện", 1, "Bệnh viện An", 90, 0, 90, "Dẫn đầu"]
    assert sheet.freeze_panes == "A2"
    assert (sheet["A6"].value, sheet["C6"].value) == ("Tổng cộng", "4 đơn vị")


def test_a_self_score_evidence_that_is_not_a_real_document_is_refused():
    from django.core.exceptions import ValidationError
    from django.core.files.uploadedfile import SimpleUploadedFile

    from units.uploads import validate_document_file

    fake = SimpleUploadedFile("minh-chung.pdf", b"just text, not a PDF", content_type="application/pdf")

    with pytest.raises(ValidationError) as excinfo:
        validate_document_file(fake)

    assert "không phải là PDF hợp lệ" in str(excinfo.value)
