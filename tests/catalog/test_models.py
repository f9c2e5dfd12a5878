from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import translation

from catalog.enums import Authority, AwardKind, Subject
from catalog.models import AwardType, AwardTypeAlias

pytestmark = pytest.mark.django_db

# Luật Thi đua, khen thưởng 2022: every title and form a Sở Y tế uses, with its subject and its
# reward coefficient.
EXPECTED = {
    "LDTT": ("Lao động tiên tiến", AwardKind.TITLE, Subject.INDIVIDUAL, "0.3"),
    "CSTDCS": ("Chiến sĩ thi đua cơ sở", AwardKind.TITLE, Subject.INDIVIDUAL, "1.0"),
    "CSTD_TINH": ("Chiến sĩ thi đua tỉnh", AwardKind.TITLE, Subject.INDIVIDUAL, "3.0"),
    "CSTD_TQ": ("Chiến sĩ thi đua toàn quốc", AwardKind.TITLE, Subject.INDIVIDUAL, "4.5"),
    "TTLDTT": ("Tập thể lao động tiên tiến", AwardKind.TITLE, Subject.COLLECTIVE, "0.8"),
    "TTLDXS": ("Tập thể lao động xuất sắc", AwardKind.TITLE, Subject.COLLECTIVE, "1.5"),
    "CO_TINH": ("Cờ thi đua của Ủy ban nhân dân tỉnh", AwardKind.TITLE, Subject.COLLECTIVE, "8"),
    "CO_BYT": ("Cờ thi đua của Bộ Y tế", AwardKind.TITLE, Subject.COLLECTIVE, "8"),
    "CO_CP": ("Cờ thi đua của Chính phủ", AwardKind.TITLE, Subject.COLLECTIVE, "12"),
    "GK_GD": ("Giấy khen của Giám đốc Sở Y tế", AwardKind.FORM, Subject.BOTH, "0.3"),
    "BK_UBND": ("Bằng khen của Chủ tịch Ủy ban nhân dân tỉnh", AwardKind.FORM, Subject.BOTH, "1.0"),
    "BK_BYT": ("Bằng khen của Bộ trưởng Bộ Y tế", AwardKind.FORM, Subject.BOTH, "1.0"),
    "BK_TTG": ("Bằng khen của Thủ tướng Chính phủ", AwardKind.FORM, Subject.BOTH, "3.5"),
    "KNC_VSKND": ("Kỷ niệm chương “Vì sức khỏe nhân dân”", AwardKind.FORM, Subject.INDIVIDUAL, None),
    "HCLD3": ("Huân chương Lao động hạng Ba", AwardKind.FORM, Subject.BOTH, None),
}


@pytest.mark.parametrize("code", sorted(EXPECTED))
def test_the_data_migration_seeds_every_domain_award(code):
    name, kind, subject, coefficient = EXPECTED[code]

    award = AwardType.objects.get(code=code)

    assert award.name == name
    assert award.kind == kind
    assert award.subject == subject
    assert award.reward_coefficient == (Decimal(coefficient) if coefficient else None)
    assert award.active
    assert award.required_documents and award.required_documents[0] == "TOTRINH"


def test_authorities_and_routes_follow_the_domain():
    by_code = {a.code: a for a in AwardType.objects.all()}

    assert by_code["CSTD_TINH"].authority == Authority.PROVINCE_CHAIR
    assert "Sở Nội vụ" in by_code["BK_UBND"].route
    assert by_code["BK_BYT"].authority == Authority.MINISTER
    assert "Bộ Y tế" in by_code["CO_BYT"].route
    assert by_code["CSTD_TQ"].authority == Authority.PRIME_MINISTER
    assert by_code["HCLD3"].authority == Authority.PRESIDENT
    assert by_code["KNC_VSKND"].achievement_kind == "long_service"


def test_for_individuals_and_for_collectives_split_by_subject():
    individuals = set(AwardType.objects.for_individuals().values_list("code", flat=True))
    collectives = set(AwardType.objects.for_collectives().values_list("code", flat=True))

    assert {"LDTT", "CSTDCS", "CSTD_TINH", "CSTD_TQ", "GK_GD", "BK_UBND"} <= individuals
    assert {"TTLDTT", "TTLDXS", "CO_TINH", "CO_BYT", "CO_CP", "GK_GD", "BK_UBND"} <= collectives
    assert not {"TTLDTT", "TTLDXS", "CO_TINH"} & individuals
    assert not {"LDTT", "CSTDCS", "KNC_VSKND"} & collectives


def test_believed_facts_are_seeded_unconfirmed_and_say_so():
    ldtt = AwardType.objects.get(code="LDTT")
    flag = AwardType.objects.get(code="CO_TINH")

    assert not ldtt.confirmed
    assert "chưa xác nhận" in str(ldtt.unconfirmed_note)
    assert flag.confirmed
    assert flag.unconfirmed_note == ""


def test_old_names_resolve_to_their_current_award():
    assert AwardType.objects.resolve("Chiến sĩ thi đua cấp tỉnh").code == "CSTD_TINH"
    assert AwardType.objects.resolve("  chiến sĩ thi đua  CẤP TỈNH ").code == "CSTD_TINH"
    assert AwardType.objects.resolve("LĐTT").code == "LDTT"
    assert AwardType.objects.resolve("Tập thể lao động xuất sắc").code == "TTLDXS"
    assert AwardType.objects.resolve("Huy chương vàng") is None


def test_an_old_name_given_twice_is_refused_in_vietnamese():
    award = AwardType.objects.get(code="BK_BYT")
    alias = AwardTypeAlias(award_type=award, name="Chiến sĩ thi đua cấp tỉnh")

    with pytest.raises(ValidationError) as exc:
        alias.full_clean()

    assert "đã được gán cho" in str(exc.value)


def test_required_documents_must_be_known_codes():
    award = AwardType.objects.get(code="LDTT")
    award.required_documents = ["TOTRINH", "BANGVANG"]

    with pytest.raises(ValidationError) as exc:
        award.full_clean()

    assert "BANGVANG" in str(exc.value)


def test_registrable_offers_titles_and_merit_certificates_but_not_state_orders():
    codes = set(AwardType.objects.registrable().values_list("code", flat=True))

    assert {"LDTT", "CSTDCS", "TTLDTT", "TTLDXS", "CO_TINH", "BK_UBND"} <= codes
    assert "HCLD3" not in codes
    assert "KNC_VSKND" not in codes


def test_rules_award_records_and_decision_lines_name_a_required_protected_award_type():
    from awards.models import AwardRecord, AwardRule
    from council.models import DecisionItem

    fields = [model._meta.get_field("award_type") for model in (AwardRule, AwardRecord, DecisionItem)]

    for field in fields:
        assert field.related_model is AwardType
        assert (field.null, field.blank) == (False, False)
        assert field.remote_field.on_delete is models.PROTECT
        with translation.override("vi"):
            assert str(field.verbose_name) == "danh hiệu / hình thức"
    assert [field.remote_field.related_name for field in fields] == ["rules", "records", "+"]
