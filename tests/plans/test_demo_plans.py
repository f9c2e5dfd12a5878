"""The demo plans: seeds 000 and 003 through the importer, with the hand fixes listed in plans.demo."""

import datetime
import io
from pathlib import Path

import pytest
from django.core.management import call_command

from plans.demo import DATA_DIR, DEMO_PLANS, demo_plans_load
from plans.enums import PlanStatus
from plans.models import Plan
from units.demo import demo_load, demo_loaders
from units.models import IssuedNumber

pytestmark = pytest.mark.django_db

SEEDS = Path(__file__).resolve().parents[1] / "fixtures" / "seeds"


@pytest.fixture
def demo(db):
    demo_load(year=2026)
    demo_plans_load()


def _plan(year: int) -> Plan:
    return Plan.objects.get(year=year)


def test_the_demo_data_are_the_seed_texts_unchanged():
    for demo_plan, prefix in zip(DEMO_PLANS, ("000", "003"), strict=True):
        (seed,) = SEEDS.glob(f"{prefix}_*.txt")

        assert (DATA_DIR / demo_plan.filename).read_bytes() == seed.read_bytes()


def test_plans_registers_its_loader_with_the_units_demo():
    names = [name for name, _loader in demo_loaders()]

    assert "plans" in names


def test_dong_nai_2021_is_issued_as_number_01_of_27_january_2021(demo):
    plan = _plan(2021)

    assert plan.status == PlanStatus.ISSUED
    assert (plan.number, plan.symbol, plan.issue_date) == (1, "KH-SYT", datetime.date(2021, 1, 27))
    assert plan.number_label == "Số: 01/KH-SYT"
    assert (plan.authority_line, plan.issuer_line, plan.place) == (
        "UBND TỈNH ĐỒNG NAI",
        "SỞ Y TẾ",
        "Đồng Nai",
    )
    assert plan.title == "Công tác thi đua, khen thưởng Ngành Y tế tỉnh Đồng Nai năm 2021"
    assert (plan.signer_prefix, plan.signer_prefix_title) == ("KT.", "GIÁM ĐỐC")
    assert (plan.signer_position, plan.signer_name) == ("PHÓ GIÁM ĐỐC", "Lê Quang Trung")
    assert plan.tasks.count() == 21
    assert IssuedNumber.objects.filter(year=2021, symbol="KH-SYT", number=1).exists()


def test_ha_nam_2022_stays_a_draft_with_its_own_header_lines(demo):
    plan = _plan(2022)

    assert plan.status == PlanStatus.DRAFT
    assert plan.number is None
    assert (plan.symbol, plan.place) == ("KH-HĐTĐKT", "Hà Nam")
    assert (plan.authority_line, plan.issuer_line) == ("SỞ Y TẾ HÀ NAM", "HỘI ĐỒNG THI ĐUA, KHEN THƯỞNG")
    assert plan.tasks.count() == 38
    assert plan.targets.count() == 13
    assert plan.submission_requests.count() == 1


@pytest.mark.parametrize(
    ("year", "start", "code"),
    [
        (2021, "Xây dựng kế hoạch thực hiện kinh phí sử dụng quỹ thi đua", "P-KHTC"),
        (2021, "Tổ chức thanh tra, kiểm tra công tác thi đua", "TTRA-SYT"),
        (2021, "Tập huấn công tác thi đua khen thưởng", "P-TCCB"),
        (2021, "Họp Hội đồng Thi đua khen thưởng ngành Y tế", "VP-SYT"),
        (2022, "Chỉ đạo rà soát các chỉ tiêu thi đua 9 tháng", "P-KHTC"),
        (2022, "Tổ chức các hoạt động kiểm tra, đánh giá thi đua", "TTRA-SYT"),
        (2022, "Tiếp nhận hồ sơ, thẩm định thành tích", "P-TCCB"),
        (2022, "Ban hành văn bản hướng dẫn đăng ký thi đua năm 2022", "VP-SYT"),
    ],
)
def test_lead_units_are_mapped_to_demo_units(demo, year, start, code):
    task = _plan(year).tasks.select_related("lead_unit").get(content__startswith=start)

    assert task.lead_unit.code == code


def test_a_second_load_creates_nothing(demo):
    before = list(Plan.objects.order_by("pk").values_list("pk", "status", "number", "updated_at"))

    counts = demo_plans_load()

    assert counts == {"kế hoạch": 0}
    assert list(Plan.objects.order_by("pk").values_list("pk", "status", "number", "updated_at")) == before


def test_without_the_units_demo_nothing_is_created(db):
    assert demo_plans_load() == {"kế hoạch": 0}
    assert Plan.objects.count() == 0


def test_load_demo_command_loads_the_plans_once():
    out = io.StringIO()

    call_command("load_demo", stdout=out)
    call_command("load_demo", stdout=out)

    first, second = out.getvalue().strip().splitlines()
    assert "2 kế hoạch" in first
    assert "không tạo thêm bản ghi nào" in second
    assert Plan.objects.filter(year__in=(2021, 2022)).count() == 2  # beside the demo year's own plan


@pytest.mark.django_db
def test_the_2021_demo_plan_reads_as_a_year_done_but_two_tasks():
    demo_load()
    demo_plans_load()

    plan = Plan.objects.get(year=2021)
    statuses = list(plan.tasks.values_list("status", flat=True))

    assert statuses.count("done") == len(statuses) - 2
