"""The acceptance cases E1–E16 (docs/legal-rules.md, "Acceptance cases"), default rule set, year 2025."""

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


def test_e1_httnv_is_eligible_for_ldtt(person):
    evaluate(person, 2025, "HTTNV")

    verdict = judge(person, "LDTT")

    assert verdict.status == ELIGIBLE
    assert verdict.reasons == []
    assert verdict.rule_set.name == "Mặc định theo Luật TĐKT 2022 (NĐ 152/2025)"


def test_e2_htnv_is_below_httnv_for_ldtt(person):
    evaluate(person, 2025, "HTNV")

    verdict = judge(person, "LDTT")

    assert verdict.status == NOT_ELIGIBLE
    assert verdict.codes == ["evaluation_below"]
    assert message_of(verdict, "evaluation_below") == (
        "Đánh giá năm 2025 là Hoàn thành nhiệm vụ, dưới mức Hoàn thành tốt nhiệm vụ"
    )


def test_e3_htxsnv_with_ldtt_proposed_in_the_same_round_is_eligible_for_cstdcs(person):
    evaluate(person, 2025, "HTXSNV")
    nominate(person, "LDTT")

    verdict = judge(person, "CSTDCS")

    assert verdict.status == ELIGIBLE
    assert verdict.reasons == []
    assert any("Lao động tiên tiến năm 2025 trong cùng đợt" in note for note in verdict.notes)


def test_e4_httnv_and_ldtt_without_initiative_or_research_is_not_eligible_for_cstdcs(person):
    evaluate(person, 2025, "HTTNV")
    give(person, "LDTT", 2025)

    verdict = judge(person, "CSTDCS")

    assert verdict.status == NOT_ELIGIBLE
    assert verdict.codes == ["no_path_met"]
    message = message_of(verdict, "no_path_met")
    assert "Hoàn thành xuất sắc nhiệm vụ năm 2025" in message
    assert "sáng kiến phạm vi cấp cơ sở trở lên" in message
    assert "đề tài, đề án khoa học" in message
    assert "Đánh giá năm 2025 là Hoàn thành tốt nhiệm vụ, dưới mức Hoàn thành xuất sắc nhiệm vụ" in message


def test_e5_base_level_initiative_in_2025_makes_cstdcs_eligible(person):
    evaluate(person, 2025, "HTTNV")
    give(person, "LDTT", 2025)
    item = initiative(person, 2025, "base")

    verdict = judge(person, "CSTDCS")

    assert verdict.status == ELIGIBLE
    assert any(item.title in note for note in verdict.notes)


def test_e6_three_consecutive_cstdcs_and_provincial_initiative_is_eligible_for_cstd_tinh(person):
    give_years(person, "CSTDCS", [2023, 2024, 2025])
    initiative(person, 2025, "province")

    verdict = judge(person, "CSTD_TINH")

    assert verdict.status == ELIGIBLE
    assert verdict.reasons == []


def test_e7_chain_broken_in_2023_is_not_eligible_for_cstd_tinh(person):
    give_years(person, "CSTDCS", [2022, 2024, 2025])
    initiative(person, 2025, "province")

    verdict = judge(person, "CSTD_TINH")

    assert verdict.status == NOT_ELIGIBLE
    assert verdict.codes == ["consecutive_title_broken"]
    assert message_of(verdict, "consecutive_title_broken") == (
        "Cần 03 năm liên tục đạt Chiến sĩ thi đua cơ sở (2023–2025); chuỗi bị gián đoạn năm 2023"
    )


def test_e8_two_consecutive_cstdcs_is_eligible_for_bk_ubnd(person):
    give_years(person, "CSTDCS", [2024, 2025])

    verdict = judge(person, "BK_UBND")

    assert verdict.status == ELIGIBLE


def test_e9_two_years_htxsnv_with_one_initiative_is_not_eligible_for_bk_ubnd(person):
    evaluate_years(person, [2024, 2025], "HTXSNV")
    initiative(person, 2024, "base")

    verdict = judge(person, "BK_UBND")

    assert verdict.status == NOT_ELIGIBLE
    assert verdict.codes == ["no_path_met"]
    message = message_of(verdict, "no_path_met")
    assert "02 năm liên tục đạt Chiến sĩ thi đua cơ sở" in message
    assert "02 năm liên tục Hoàn thành xuất sắc nhiệm vụ và 02 sáng kiến/đề tài" in message
    assert "hiện có 1" in message


def test_e10_unit_of_40_with_70_percent_ldtt_and_one_cstdcs_is_eligible_for_ttldxs():
    unit, _staff = collective(40, ldtt=28, cstdcs=1)

    verdict = judge(unit, "TTLDXS")

    assert verdict.status == ELIGIBLE
    assert verdict.reasons == []


def test_e11_unit_of_40_with_67_5_percent_ldtt_is_not_eligible_for_ttldxs():
    unit, _staff = collective(40, ldtt=27, cstdcs=1)

    verdict = judge(unit, "TTLDXS")

    assert verdict.status == NOT_ELIGIBLE
    assert verdict.codes == ["member_title_share"]
    assert message_of(verdict, "member_title_share") == "Tỷ lệ Lao động tiên tiến 67,5% (27/40) dưới mức 70%"


def test_e12_unit_without_cstdcs_is_not_eligible_for_ttldxs():
    unit, _staff = collective(40, ldtt=30, cstdcs=0)

    verdict = judge(unit, "TTLDXS")

    assert verdict.status == NOT_ELIGIBLE
    assert verdict.codes == ["member_title_missing"]
    assert (
        message_of(verdict, "member_title_missing")
        == "Không có thành viên đạt Chiến sĩ thi đua cơ sở năm 2025"
    )


def test_e13_unit_with_more_than_half_ldtt_is_eligible_for_ttldtt():
    unit, _staff = collective(20, unit_level="HTTNV", ldtt=11)

    verdict = judge(unit, "TTLDTT")

    assert verdict.status == ELIGIBLE


def test_e14_exactly_half_ldtt_is_not_more_than_half_for_ttldtt():
    unit, _staff = collective(20, unit_level="HTTNV", ldtt=10)

    verdict = judge(unit, "TTLDTT")

    assert verdict.status == NOT_ELIGIBLE
    assert verdict.codes == ["member_title_share"]
    assert message_of(verdict, "member_title_share") == "Tỷ lệ Lao động tiên tiến 50% (10/20), cần trên 50%"


def test_e15_seventh_cstdcs_nomination_over_15_percent_of_40_ldtt_is_flagged():
    unit, staff = collective(40, unit_level=None, member_level="HTXSNV", ldtt=40)
    for person in staff[:6]:
        nominate(person, "CSTDCS")

    verdict = judge(staff[6], "CSTDCS")

    assert verdict.status == FLAGGED
    assert verdict.codes == ["quota_exceeded"]
    assert message_of(verdict, "quota_exceeded") == (
        "Vượt tỷ lệ 15%: 15% của 40 Lao động tiên tiến là 6 (làm tròn xuống, tối thiểu 1); "
        "đây là đề nghị thứ 7"
    )


def test_e16_thematic_giay_khen_does_not_count_toward_bk_ubnd(person):
    give(person, "GK_GD", 2025, kind="thematic")
    give(person, "CSTDCS", 2024)

    verdict = judge(person, "BK_UBND")

    assert verdict.status == NOT_ELIGIBLE
    assert "excluded_achievement" in verdict.codes
    assert message_of(verdict, "excluded_achievement") == (
        "Khen thưởng theo chuyên đề/đột xuất không được tính làm căn cứ đề nghị khen thưởng cao hơn: "
        "Giấy khen của Giám đốc Sở Y tế năm 2025 (theo chuyên đề)"
    )
    assert "chuỗi bị gián đoạn năm 2025" in message_of(verdict, "no_path_met")
