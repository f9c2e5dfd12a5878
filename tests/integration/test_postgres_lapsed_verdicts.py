"""The mark of a verdict that lapsed since submission, on a real PostgreSQL: the list's subqueries
(the submission event, the recorded changes) mark the revoked nominee's row with the day and the
filter keeps it only; an unaffected nomination stays unmarked."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from awards.enums import EligibilityStatus, NominationStatus
from awards.models import VerdictChange
from awards.services import nomination_transition
from council.services import decision_revoke
from tests.factories import (
    AwardRecordFactory,
    NominationFactory,
    PersonFactory,
    UnitFactory,
    add_required_documents,
    award,
    make_office_user,
    make_unit_head,
)

pytestmark = [pytest.mark.integration, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def test_the_office_list_marks_and_filters_a_verdict_that_lapsed_after_submission(client):
    office = make_office_user(username="vanphong-lapsed")
    centre = UnitFactory(name="Trung tâm Y tế khu vực Long Khánh")
    head = make_unit_head(centre, username="thutruong-lapsed")
    sent = []
    for name in ("Hoàng Văn Sơn", "Lý Thị Hoa"):
        person = PersonFactory(unit=centre, full_name=name)
        cstdcs_2024 = AwardRecordFactory(person=person, award_type=award("CSTDCS"), year=2024)
        AwardRecordFactory(person=person, award_type=award("CSTDCS"), year=2025)
        nomination = NominationFactory(
            person=person, award_type=award("BK_UBND"), year=2025, proposing_unit=centre
        )
        add_required_documents(nomination)
        nomination_transition(nomination, to=NominationStatus.SUBMITTED, by=head)
        sent.append((nomination, cstdcs_2024))
    (lapsed, revoked), (kept, _) = sent
    decision_revoke(
        [revoked],
        date=datetime.date(2026, 3, 1),
        reason="Kê khai thành tích không đúng",
        signer_name="Lê Quang Trung",
        signer_position="Giám đốc",
        by=office,
    )
    client.force_login(office)

    everything = client.get(reverse("awards:nomination-list"))
    only = client.get(reverse("awards:nomination-list"), {"verdict_lapsed": "true"})

    rows = {n.pk: n for n in everything.context["nominations"]}
    change = VerdictChange.objects.get(nomination=lapsed)
    assert rows[lapsed.pk].eligibility == EligibilityStatus.NOT_ELIGIBLE
    assert (rows[lapsed.pk].verdict_lapsed_at, rows[kept.pk].verdict_lapsed_at) == (change.at, None)
    day = timezone.localtime(change.at).strftime("%d/%m/%Y")
    assert f"Kết luận đã đổi: không đủ điều kiện (ngày {day})" in everything.content.decode()
    assert everything.context["lapsed_count"] == 1
    assert [n.pk for n in only.context["nominations"]] == [lapsed.pk]
