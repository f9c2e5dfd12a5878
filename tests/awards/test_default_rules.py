"""Every rule of the default rule set (2022 law): one history that passes and one that fails on
exactly that rule, with the reason naming it. Year of achievement 2025."""

import pytest

from awards.enums import EligibilityStatus
from tests.factories import PersonFactory

from .builders import collective, evaluate, evaluate_years, give, give_years, initiative, message_of, nominate
from .builders import verdict_for as judge

pytestmark = pytest.mark.django_db

ELIGIBLE = EligibilityStatus.ELIGIBLE
NOT_ELIGIBLE = EligibilityStatus.NOT_ELIGIBLE
FLAGGED = EligibilityStatus.FLAGGED


@pytest.fixture
def person():
    return PersonFactory()


# --- Lao động tiên tiến: evaluation ≥ HTTNV -----------------------------------------------------
def test_ldtt_passes_with_htxsnv(person):
    evaluate(person, 2025, "HTXSNV")

    assert judge(person, "LDTT").status == ELIGIBLE


def test_ldtt_fails_without_an_evaluation_of_the_year(person):
    evaluate(person, 2024, "HTXSNV")

    verdict = judge(person, "LDTT")

    assert verdict.codes == ["evaluation_missing"]
    assert "Chưa có kết quả đánh giá, xếp loại năm 2025" in message_of(verdict, "evaluation_missing")


# --- Chiến sĩ thi đua cơ sở: LĐTT the same year ∧ (HTXSNV ∨ initiative ∨ research) ----------------
def test_cstdcs_passes_with_ldtt_record_and_htxsnv(person):
    evaluate(person, 2025, "HTXSNV")
    give(person, "LDTT", 2025)

    assert judge(person, "CSTDCS").status == ELIGIBLE


def test_cstdcs_fails_on_missing_ldtt_only(person):
    evaluate(person, 2025, "HTXSNV")

    verdict = judge(person, "CSTDCS")

    assert verdict.status == NOT_ELIGIBLE
    assert verdict.codes == ["same_year_title_missing"]
    assert message_of(verdict, "same_year_title_missing") == "Thiếu danh hiệu Lao động tiên tiến năm 2025"


def test_cstdcs_ldtt_of_another_year_does_not_count(person):
    evaluate(person, 2025, "HTXSNV")
    give(person, "LDTT", 2024)

    assert judge(person, "CSTDCS").codes == ["same_year_title_missing"]


def test_cstdcs_a_rejected_ldtt_nomination_does_not_count(person):
    evaluate(person, 2025, "HTXSNV")
    nominate(person, "LDTT", status="rejected")

    assert judge(person, "CSTDCS").codes == ["same_year_title_missing"]


def test_cstdcs_passes_on_the_research_path(person):
    evaluate(person, 2025, "HTTNV")
    give(person, "LDTT", 2025)
    initiative(person, 2025, "base", kind="research")

    assert judge(person, "CSTDCS").status == ELIGIBLE


def test_cstdcs_an_initiative_of_the_previous_year_does_not_count(person):
    evaluate(person, 2025, "HTTNV")
    give(person, "LDTT", 2025)
    initiative(person, 2024, "base")

    verdict = judge(person, "CSTDCS")

    assert verdict.codes == ["no_path_met"]
    assert "trong năm 2025; hiện có 0" in message_of(verdict, "no_path_met")


# --- Chiến sĩ thi đua tỉnh: 3 consecutive CSTĐCS ∧ provincial-scope initiative ------------------
def test_cstd_tinh_passes_with_research_of_national_scope_in_the_window(person):
    give_years(person, "CSTDCS", [2023, 2024, 2025])
    initiative(person, 2023, "national", kind="research")

    assert judge(person, "CSTD_TINH").status == ELIGIBLE


def test_cstd_tinh_cstdcs_of_2025_proposed_in_the_same_round_completes_the_chain(person):
    give_years(person, "CSTDCS", [2023, 2024])
    nominate(person, "CSTDCS", 2025)
    initiative(person, 2025, "province")

    assert judge(person, "CSTD_TINH").status == ELIGIBLE


def test_cstd_tinh_fails_on_initiative_scope_only(person):
    give_years(person, "CSTDCS", [2023, 2024, 2025])
    initiative(person, 2025, "base")

    verdict = judge(person, "CSTD_TINH")

    assert verdict.codes == ["initiative_missing"]
    assert message_of(verdict, "initiative_missing") == (
        "Cần 01 sáng kiến/đề tài phạm vi cấp tỉnh, Bộ trở lên trong năm 2023–2025; hiện có 0"
    )


def test_cstd_tinh_without_any_cstdcs_says_no_year_reached(person):
    initiative(person, 2025, "province")

    verdict = judge(person, "CSTD_TINH")

    assert message_of(verdict, "consecutive_title_broken") == (
        "Cần 03 năm liên tục đạt Chiến sĩ thi đua cơ sở (2023–2025); chưa đạt năm nào"
    )


# --- Chiến sĩ thi đua toàn quốc: CSTĐ tỉnh twice in a row (y-3, y) ∧ national initiative ----------
def test_cstd_tq_passes_with_two_consecutive_cstd_tinh_and_national_initiative(person):
    give_years(person, "CSTD_TINH", [2022, 2025])
    initiative(person, 2024, "national")

    assert judge(person, "CSTD_TQ").status == ELIGIBLE


def test_cstd_tq_fails_on_the_cstd_tinh_chain_only(person):
    give_years(person, "CSTD_TINH", [2021, 2025])
    initiative(person, 2024, "national")

    verdict = judge(person, "CSTD_TQ")

    assert verdict.codes == ["consecutive_title_broken"]
    assert message_of(verdict, "consecutive_title_broken") == (
        "Cần 02 lần liên tục đạt Chiến sĩ thi đua tỉnh (các năm 2022, 2025); chuỗi bị gián đoạn năm 2022"
    )


def test_cstd_tq_fails_on_provincial_scope_only(person):
    give_years(person, "CSTD_TINH", [2022, 2025])
    initiative(person, 2024, "province")

    verdict = judge(person, "CSTD_TQ")

    assert verdict.codes == ["initiative_missing"]
    assert "phạm vi toàn quốc" in message_of(verdict, "initiative_missing")


# --- Bằng khen UBND tỉnh, điểm d ------------------------------------------------------------------
def test_bk_ubnd_passes_with_two_years_htxsnv_and_two_initiatives(person):
    evaluate_years(person, [2024, 2025], "HTXSNV")
    initiative(person, 2024, "base")
    initiative(person, 2025, "base", kind="research")

    assert judge(person, "BK_UBND").status == ELIGIBLE


def test_bk_ubnd_fails_when_one_htxsnv_year_is_missing(person):
    evaluate(person, 2025, "HTXSNV")
    evaluate(person, 2024, "HTTNV")
    initiative(person, 2024, "base")
    initiative(person, 2025, "base")

    verdict = judge(person, "BK_UBND")

    assert verdict.codes == ["no_path_met"]
    assert "năm 2024 là Hoàn thành tốt nhiệm vụ" in message_of(verdict, "no_path_met")


def test_bk_ubnd_for_a_unit_passes_with_two_years_htxsnv():
    unit, _staff = collective(3)
    evaluate(unit, 2024, "HTXSNV")

    verdict = judge(unit, "BK_UBND")

    assert verdict.status == ELIGIBLE
    assert any("chưa được xác nhận" in note for note in verdict.notes)


def test_bk_ubnd_for_a_unit_fails_on_the_unit_evaluation_of_2024():
    unit, _staff = collective(3)
    evaluate(unit, 2024, "HTTNV")

    verdict = judge(unit, "BK_UBND")

    assert verdict.codes == ["consecutive_evaluation_broken"]
    assert message_of(verdict, "consecutive_evaluation_broken") == (
        "Cần 02 năm liên tục Hoàn thành xuất sắc nhiệm vụ (2024–2025); năm 2024 là Hoàn thành tốt nhiệm vụ"
    )


# --- Bằng khen Thủ tướng: BK Bộ/tỉnh ∧ 5 following years HTXSNV ∧ 5 initiatives (unconfirmed) -------
def _bk_ttg_history(person, *, bk_year=2020, htxsnv=range(2021, 2026), initiatives=5):
    give(person, "BK_UBND", bk_year)
    evaluate_years(person, htxsnv, "HTXSNV")
    for year in range(2021, 2021 + initiatives):
        initiative(person, year, "base")


def test_bk_ttg_passes_after_a_bk_ubnd_and_five_years_htxsnv(person):
    _bk_ttg_history(person)

    verdict = judge(person, "BK_TTG")

    assert verdict.status == ELIGIBLE
    assert any("chưa được xác nhận" in note for note in verdict.notes)


def test_bk_ttg_fails_when_the_bk_is_too_recent(person):
    _bk_ttg_history(person, bk_year=2021)

    verdict = judge(person, "BK_TTG")

    assert verdict.codes == ["prior_award_missing"]
    assert message_of(verdict, "prior_award_missing") == (
        "Cần đã có Bằng khen của Chủ tịch Ủy ban nhân dân tỉnh hoặc Bằng khen của Bộ trưởng Bộ Y tế "
        "từ năm 2020 trở về trước"
    )


def test_bk_ttg_fails_on_the_htxsnv_chain(person):
    _bk_ttg_history(person, htxsnv=[2021, 2022, 2024, 2025])

    verdict = judge(person, "BK_TTG")

    assert verdict.codes == ["consecutive_evaluation_broken"]
    assert "năm 2023 chưa có kết quả đánh giá" in message_of(verdict, "consecutive_evaluation_broken")


def test_bk_ttg_fails_on_four_initiatives(person):
    _bk_ttg_history(person, initiatives=4)

    verdict = judge(person, "BK_TTG")

    assert verdict.codes == ["initiative_missing"]
    assert "Cần 05 sáng kiến/đề tài" in message_of(verdict, "initiative_missing")


def test_bk_ttg_for_a_unit_is_flagged_for_the_office():
    unit, _staff = collective(3)

    verdict = judge(unit, "BK_TTG")

    assert verdict.status == FLAGGED
    assert verdict.codes == ["no_path_for_subject"]


# --- Tập thể lao động tiên tiến: unit ≥ HTTNV ∧ > 50% LĐTT ---------------------------------------
def test_ttldtt_fails_on_the_unit_evaluation_only():
    unit, _staff = collective(20, unit_level="HTNV", ldtt=11)

    verdict = judge(unit, "TTLDTT")

    assert verdict.codes == ["evaluation_below"]
    assert message_of(verdict, "evaluation_below") == (
        "Đánh giá của tập thể năm 2025 là Hoàn thành nhiệm vụ, dưới mức Hoàn thành tốt nhiệm vụ"
    )


def test_ttldtt_counts_ldtt_proposed_in_the_same_round_and_staff_of_sub_units():
    from tests.factories import PersonFactory, UnitFactory

    unit, staff = collective(10, unit_level="HTTNV", ldtt=3)
    khoa = UnitFactory(parent=unit, department=True)
    more = PersonFactory.create_batch(10, unit=khoa)
    for person in more[:8]:
        nominate(person, "LDTT")

    verdict = judge(unit, "TTLDTT")

    assert verdict.status == ELIGIBLE  # 11 of 20


def test_ttldtt_inactive_staff_are_not_members():
    unit, staff = collective(20, unit_level="HTTNV", ldtt=10)
    staff[-1].active = False
    staff[-1].save()

    assert judge(unit, "TTLDTT").status == ELIGIBLE  # 10 of 19


# --- Tập thể lao động xuất sắc: unit HTXSNV ∧ 100% ≥ HTNV ∧ ≥ 70% LĐTT ∧ ≥ 1 CSTĐCS -----------------
def test_ttldxs_fails_on_the_unit_evaluation_only():
    unit, _staff = collective(40, unit_level="HTTNV", ldtt=28, cstdcs=1)

    assert judge(unit, "TTLDXS").codes == ["evaluation_below"]


def test_ttldxs_fails_on_one_member_below_htnv():
    unit, staff = collective(40, ldtt=28, cstdcs=1)
    evaluation = staff[-1].evaluations.get(year=2025)
    evaluation.level = "KHTNV"
    evaluation.save()

    verdict = judge(unit, "TTLDXS")

    assert verdict.codes == ["member_evaluation_share"]
    assert message_of(verdict, "member_evaluation_share") == (
        "Cần 100% thành viên đạt từ Hoàn thành nhiệm vụ trở lên năm 2025; đạt 39/40 (97,5%)"
    )


def test_ttldxs_a_member_without_evaluation_is_counted_as_missing():
    unit, staff = collective(40, ldtt=28, cstdcs=1)
    staff[-1].evaluations.all().delete()

    verdict = judge(unit, "TTLDXS")

    assert "1 người chưa có kết quả đánh giá" in message_of(verdict, "member_evaluation_share")


def test_ttldxs_unit_without_staff_is_not_eligible():
    from tests.factories import UnitFactory

    unit = UnitFactory()
    evaluate(unit, 2025, "HTXSNV")

    assert judge(unit, "TTLDXS").codes == ["no_members"]


# --- Cờ thi đua tỉnh: leads its cluster ------------------------------------------------------------
def test_co_tinh_without_the_cluster_ranking_is_flagged():
    unit, _staff = collective(5)

    verdict = judge(unit, "CO_TINH")

    assert verdict.status == FLAGGED
    assert verdict.codes == ["cluster_ranking_needed"]
    assert "Cần kết quả xếp hạng cụm/khối thi đua năm 2025" in message_of(verdict, "cluster_ranking_needed")


def test_co_tinh_leading_the_cluster_is_eligible():
    unit, _staff = collective(5)

    assert judge(unit, "CO_TINH", leads_cluster=True).status == ELIGIBLE


def test_co_tinh_not_leading_the_cluster_is_not_eligible():
    unit, _staff = collective(5)

    assert judge(unit, "CO_TINH", leads_cluster=False).codes == ["cluster_not_leading"]


# --- Giấy khen: no prerequisites ---------------------------------------------------------------------
def test_giay_khen_has_no_prerequisites(person):
    assert judge(person, "GK_GD").status == ELIGIBLE


def test_giay_khen_for_a_unit_has_no_prerequisites():
    unit, _staff = collective(2, unit_level=None, member_level=None)

    assert judge(unit, "GK_GD").status == ELIGIBLE


# --- the award must fit the nominee; awards without a rule go to the office --------------------------
def test_a_collective_title_for_a_person_is_refused(person):
    verdict = judge(person, "TTLDXS")

    assert verdict.status == NOT_ELIGIBLE
    assert message_of(verdict, "subject_mismatch") == (
        "Tập thể lao động xuất sắc chỉ xét tặng cho tập thể, không xét cho cá nhân."
    )


def test_an_individual_title_for_a_unit_is_refused():
    unit, _staff = collective(2)

    assert judge(unit, "LDTT").codes == ["subject_mismatch"]


def test_an_award_without_a_rule_in_the_set_is_flagged(person):
    verdict = judge(person, "KNC_VSKND")

    assert verdict.status == FLAGGED
    assert verdict.codes == ["no_rule"]
    assert "chưa có tiêu chuẩn cho Kỷ niệm chương" in message_of(verdict, "no_rule")


# --- history rules: revoked awards and old names --------------------------------------------------
def test_a_revoked_cstdcs_does_not_count(person):
    give_years(person, "CSTDCS", [2024, 2025])
    give(person, "CSTDCS", 2024).delete()
    record = person.award_records.get(year=2024)
    record.revoked = True
    record.revoking_decision = "15/QĐ-SYT ngày 10/3/2025"
    record.save()

    verdict = judge(person, "BK_UBND")

    assert verdict.status == NOT_ELIGIBLE


def test_an_award_issued_under_an_old_name_counts_as_its_current_type(person):
    from catalog.models import AwardType

    old = AwardType.objects.resolve("Chiến sĩ thi đua cấp cơ sở")
    give(person, old.code, 2024, name_as_issued="Chiến sĩ thi đua cấp cơ sở")
    give(person, "CSTDCS", 2025)

    verdict = judge(person, "BK_UBND")

    assert verdict.status == ELIGIBLE
    assert person.award_records.get(year=2024).name_as_issued == "Chiến sĩ thi đua cấp cơ sở"


def test_an_ad_hoc_cstdcs_record_is_not_counted_and_is_named(person):
    give(person, "CSTDCS", 2024)
    give(person, "CSTDCS", 2025, kind="ad_hoc")

    verdict = judge(person, "BK_UBND")

    assert verdict.status == NOT_ELIGIBLE
    assert "Chiến sĩ thi đua cơ sở năm 2025 (đột xuất)" in message_of(verdict, "excluded_achievement")
