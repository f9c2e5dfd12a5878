"""Nomination pages: scope, the transition view, the editor, the queue, re-checks."""

import pytest
from django.core import mail
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from awards.models import Nomination, NominationEvent
from tests.factories import (
    NominationFactory,
    PersonFactory,
    UnitFactory,
    add_dossier_file,
    add_required_documents,
    award,
)

pytestmark = pytest.mark.django_db

# These nominations fail the rules: verifying them is the office's call, with its reason.
OVERRIDE = "Giám đốc Sở đồng ý đưa ra Hội đồng dù chưa đủ điều kiện."


def transition_url(nomination, to):
    return reverse("awards:nomination-transition", args=[nomination.pk, to])


def edit_token(client, nomination):
    response = client.get(reverse("awards:nomination-edit", args=[nomination.pk]))
    assert response.status_code == 200
    return response.context["form"]["seen_updated_at"].value()


# ---------------------------------------------------------------------------
# The transition view
# ---------------------------------------------------------------------------
def test_get_of_a_transition_shows_a_confirm_form_and_changes_nothing(client, head, office, make_nomination):
    nomination = make_nomination(status="submitted")
    client.force_login(office)

    response = client.get(transition_url(nomination, "returned"))

    assert response.status_code == 200
    assert "Lý do" in response.content.decode()
    nomination.refresh_from_db()
    assert nomination.status == "submitted"
    assert not NominationEvent.objects.exists()
    assert len(mail.outbox) == 0


def test_submit_by_the_unit_head_through_the_view_sends_one_mail(
    client, head, office, make_nomination, django_capture_on_commit_callbacks
):
    nomination = make_nomination(status="draft")
    add_required_documents(nomination)
    client.force_login(head)

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(transition_url(nomination, "submitted"), {"seen_status": "draft"})

    assert response.status_code == 302
    nomination.refresh_from_db()
    assert nomination.status == "submitted"
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == [office.email]


def test_verify_by_the_office_through_the_view_sends_one_mail_to_the_unit(
    client, head, office, make_nomination, django_capture_on_commit_callbacks
):
    nomination = make_nomination(status="submitted")
    client.force_login(office)

    with django_capture_on_commit_callbacks(execute=True):
        client.post(transition_url(nomination, "verified"), {"seen_status": "submitted", "reason": OVERRIDE})

    nomination.refresh_from_db()
    assert nomination.status == "verified"
    assert [m.to for m in mail.outbox] == [[head.email]]


def test_return_through_the_view_without_a_reason_changes_nothing(client, head, office, make_nomination):
    nomination = make_nomination(status="submitted")
    client.force_login(office)

    response = client.post(transition_url(nomination, "returned"), {"reason": ""})

    assert response.status_code == 200
    assert "Vui lòng ghi lý do" in response.content.decode()
    nomination.refresh_from_db()
    assert nomination.status == "submitted"


def test_verify_by_the_unit_head_is_refused_and_changes_nothing(client, head, office, make_nomination):
    nomination = make_nomination(status="submitted")
    client.force_login(head)

    response = client.post(transition_url(nomination, "verified"), follow=True)

    assert "Chỉ Thường trực TĐKT" in response.content.decode()
    nomination.refresh_from_db()
    assert nomination.status == "submitted"
    assert not NominationEvent.objects.exists()


def test_a_repeated_post_says_already_done(client, head, office, make_nomination):
    nomination = make_nomination(status="submitted")
    client.force_login(office)
    client.post(transition_url(nomination, "verified"), {"reason": OVERRIDE})

    response = client.post(transition_url(nomination, "verified"), {"reason": OVERRIDE}, follow=True)

    assert "đã được thực hiện trước đó" in response.content.decode()
    assert NominationEvent.objects.count() == 1


def test_the_council_results_have_no_page_move(client, office, make_nomination):
    nomination = make_nomination(status="in_council")
    client.force_login(office)

    response = client.post(transition_url(nomination, "approved"))

    assert response.status_code == 404
    nomination.refresh_from_db()
    assert nomination.status == "in_council"


# ---------------------------------------------------------------------------
# Scope
# ---------------------------------------------------------------------------
def test_a_unit_head_cannot_see_another_units_nomination(client, head, other_head, make_nomination):
    mine = make_nomination(status="draft")
    theirs = NominationFactory(person=PersonFactory(unit=other_head.head_of_unit, full_name="Trần Văn Khác"))
    file = add_dossier_file(theirs, "TOTRINH")
    client.force_login(head)

    listing = client.get(reverse("awards:nomination-list"))

    assert mine.person.full_name in listing.content.decode()
    assert "Trần Văn Khác" not in listing.content.decode()
    for name in ("awards:nomination-detail", "awards:nomination-edit", "awards:dossier-upload"):
        assert client.get(reverse(name, args=[theirs.pk])).status_code == 404
    assert client.get(reverse("awards:dossier-download", args=[theirs.pk, file.pk])).status_code == 404
    assert client.post(transition_url(theirs, "submitted")).status_code == 404


def test_anonymous_users_are_sent_to_the_login_page(client, make_nomination):
    nomination = make_nomination()

    response = client.get(reverse("awards:nomination-detail", args=[nomination.pk]))

    assert response.status_code == 302
    assert reverse("login") in response["Location"]


def test_the_list_runs_the_same_number_of_queries_for_one_and_three_nominations(client, office, unit):
    client.force_login(office)
    url = reverse("awards:nomination-list")

    def count(n):
        for _ in range(n):
            nomination = NominationFactory(person=PersonFactory(unit=unit))
            add_dossier_file(nomination)
        client.get(url)  # warm the session and caches
        cache.clear()  # the page computed afresh, as after a write (units.generations)
        with CaptureQueriesContext(connection) as ctx:
            response = client.get(url)
        assert response.status_code == 200
        return len(ctx.captured_queries)

    one = count(1)
    Nomination.objects.all().delete()
    three = count(3)

    assert one == three


def test_the_list_filters_by_year_status_and_eligibility(client, office, make_nomination):
    make_nomination(status="submitted", year=2025)
    other = make_nomination(status="draft", year=2024, person=PersonFactory(full_name="Lê Thị Năm Trước"))
    client.force_login(office)

    response = client.get(reverse("awards:nomination-list"), {"year": 2024, "status": "draft"})

    assert list(response.context["nominations"]) == [other]


def test_the_verify_queue_is_for_the_office(client, head, office, make_nomination):
    submitted = make_nomination(status="submitted")
    make_nomination(status="draft", code="CSTDCS")

    client.force_login(head)
    assert client.get(reverse("awards:verify-queue")).status_code == 403
    client.force_login(office)
    response = client.get(reverse("awards:verify-queue"))

    assert list(response.context["nominations"]) == [submitted]


# ---------------------------------------------------------------------------
# The editor
# ---------------------------------------------------------------------------
def test_a_unit_head_files_a_nomination_for_their_staff(client, head, staff):
    client.force_login(head)

    response = client.post(
        reverse("awards:nomination-create") + "?subject=individual",
        {
            "year": 2025,
            "person": staff.pk,
            "award_type": award("LDTT").pk,
            "achievement_kind": "annual",
            "achievements": "Hoàn thành xuất sắc nhiệm vụ chăm sóc người bệnh.",
        },
    )

    nomination = Nomination.objects.get()
    assert response.status_code == 302
    assert nomination.proposing_unit == head.head_of_unit
    assert nomination.created_by == head
    assert nomination.eligibility  # judged on save


def test_a_nominee_from_another_unit_is_refused_at_the_field_with_the_input_kept(client, head):
    stranger = PersonFactory(unit=UnitFactory(), full_name="Phạm Văn Lạ")
    client.force_login(head)

    response = client.post(
        reverse("awards:nomination-create"),
        {
            "subject": "individual",
            "year": 2025,
            "person": stranger.pk,
            "award_type": award("LDTT").pk,
            "achievement_kind": "annual",
            "achievements": "Nội dung thành tích đã nhập.",
        },
    )

    assert response.status_code == 200
    assert "Cán bộ này không thuộc đơn vị của bạn" in str(response.context["form"].errors["person"])
    assert "Nội dung thành tích đã nhập." in response.content.decode()
    assert not Nomination.objects.exists()


def test_an_award_that_does_not_apply_to_a_person_is_refused(client, head, staff):
    client.force_login(head)

    response = client.post(
        reverse("awards:nomination-create"),
        {
            "subject": "individual",
            "year": 2025,
            "person": staff.pk,
            "award_type": award("TTLDTT").pk,
            "achievement_kind": "annual",
        },
    )

    assert response.status_code == 200
    assert "award_type" in response.context["form"].errors
    assert not Nomination.objects.exists()


def test_the_individual_form_offers_only_individual_awards(client, head):
    client.force_login(head)

    response = client.get(reverse("awards:nomination-create") + "?subject=individual")

    offered = set(response.context["form"].fields["award_type"].queryset.values_list("code", flat=True))
    assert "LDTT" in offered
    assert "TTLDTT" not in offered


def test_a_unit_head_files_a_collective_nomination_for_a_sub_unit(client, head, unit):
    ward = UnitFactory(parent=unit, department=True, name="Khoa Hồi sức tích cực")
    client.force_login(head)

    client.post(
        reverse("awards:nomination-create"),
        {
            "subject": "collective",
            "year": 2025,
            "unit": ward.pk,
            "award_type": award("TTLDTT").pk,
            "achievement_kind": "annual",
        },
    )

    nomination = Nomination.objects.get()
    assert nomination.unit == ward
    assert nomination.proposing_unit == unit


@pytest.mark.parametrize("subject", ["individual", "collective"])
def test_a_second_nomination_of_the_same_nominee_for_the_same_award_and_year_is_refused_at_the_field(
    client, head, unit, staff, subject
):
    nominee = {"individual": ("person", staff.pk, "LDTT"), "collective": ("unit", unit.pk, "TTLDTT")}
    field, pk, code = nominee[subject]
    data = {"year": 2025, field: pk, "award_type": award(code).pk, "achievement_kind": "annual"}
    url = reverse("awards:nomination-create") + f"?subject={subject}"
    client.force_login(head)
    assert client.post(url, {**data, "achievements": "Lần đầu."}).status_code == 302

    response = client.post(url, {**data, "achievements": "Lần thứ hai, đã nhập."})

    assert response.status_code == 200
    errors = str(response.context["form"].errors[field])
    assert "đã được đề nghị danh hiệu/hình thức này cho năm này" in errors
    assert "Lần thứ hai, đã nhập." in response.content.decode()
    assert Nomination.objects.count() == 1


def test_a_rejected_nomination_does_not_stop_a_new_one_for_the_same_award_and_year(client, head, staff):
    NominationFactory(person=staff, award_type=award("LDTT"), year=2025, status="rejected")
    client.force_login(head)

    response = client.post(
        reverse("awards:nomination-create") + "?subject=individual",
        {"year": 2025, "person": staff.pk, "award_type": award("LDTT").pk, "achievement_kind": "annual"},
    )

    assert response.status_code == 302
    assert Nomination.objects.filter(person=staff).count() == 2


def test_a_concurrent_edit_by_the_office_and_the_unit_head_is_detected(client, head, office, make_nomination):
    nomination = make_nomination(status="draft", achievements="Bản đầu.")
    client.force_login(office)
    office_token = edit_token(client, nomination)
    client.force_login(head)
    head_token = edit_token(client, nomination)
    data = {
        "year": 2025,
        "person": nomination.person_id,
        "award_type": nomination.award_type_id,
        "achievement_kind": "annual",
    }
    client.post(
        reverse("awards:nomination-edit", args=[nomination.pk]),
        {**data, "achievements": "Bản của thủ trưởng.", "seen_updated_at": head_token},
    )
    client.force_login(office)

    response = client.post(
        reverse("awards:nomination-edit", args=[nomination.pk]),
        {
            **data,
            "proposing_unit": nomination.proposing_unit_id,
            "achievements": "Bản của văn phòng.",
            "seen_updated_at": office_token,
        },
    )

    assert response.status_code == 409
    assert "vừa được người khác sửa" in response.content.decode()
    nomination.refresh_from_db()
    assert nomination.achievements == "Bản của thủ trưởng."


def test_a_submitted_nomination_cannot_be_edited(client, head, make_nomination):
    nomination = make_nomination(status="submitted")
    client.force_login(head)

    response = client.get(reverse("awards:nomination-edit", args=[nomination.pk]), follow=True)

    assert "không sửa được" in response.content.decode()


# ---------------------------------------------------------------------------
# Detail and re-checks
# ---------------------------------------------------------------------------
def test_the_detail_shows_the_verdict_the_rule_set_and_unconfirmed_rules(client, head, make_nomination):
    nomination = make_nomination(status="draft")
    client.force_login(head)
    client.post(reverse("awards:nomination-recheck", args=[nomination.pk]))

    response = client.get(reverse("awards:nomination-detail", args=[nomination.pk]))

    page = response.content.decode()
    nomination.refresh_from_db()
    assert nomination.rule_set.name in page
    assert "chưa xác nhận" in page
    for reason in nomination.reasons_text:
        assert reason in page


def test_the_office_rechecks_a_whole_year(client, office, make_nomination):
    first = make_nomination(status="submitted")
    second = make_nomination(status="draft", code="CSTDCS")
    client.force_login(office)

    response = client.post(reverse("awards:recheck-year"), {"year": 2025}, follow=True)

    assert "Đã kiểm tra lại 2 đề nghị năm 2025" in response.content.decode()
    first.refresh_from_db()
    second.refresh_from_db()
    assert first.eligibility and second.eligibility


def test_a_unit_head_cannot_recheck_a_whole_year(client, head):
    client.force_login(head)

    assert client.post(reverse("awards:recheck-year"), {"year": 2025}).status_code == 403


def test_the_home_page_shows_the_panels(client, head, office, make_nomination):
    make_nomination(status="returned")
    make_nomination(status="submitted", code="CSTDCS")

    client.force_login(head)
    assert "Đề nghị khen thưởng của đơn vị" in client.get(reverse("home")).content.decode()
    client.force_login(office)
    assert "Đề nghị khen thưởng chờ thẩm định" in client.get(reverse("home")).content.decode()


# ---------------------------------------------------------------------------
# Award history pages (linked from the units pages by name)
# ---------------------------------------------------------------------------
def test_the_unit_head_sees_the_history_of_their_unit_and_staff_only(client, head, other_head, unit, staff):
    from tests.factories import AwardRecordFactory

    AwardRecordFactory(
        person=staff, award_type=award("CSTDCS"), year=2024, name_as_issued="Chiến sĩ thi đua cơ sở"
    )
    AwardRecordFactory(person=None, unit=unit, award_type=award("TTLDTT"), year=2023)
    stranger = PersonFactory(unit=other_head.head_of_unit)
    client.force_login(head)

    person_page = client.get(reverse("awards:person-history", args=[staff.pk]))
    unit_page = client.get(reverse("awards:unit-history", args=[unit.pk]))

    assert "Chiến sĩ thi đua cơ sở" in person_page.content.decode()
    assert "Tập thể lao động tiên tiến" in unit_page.content.decode()
    assert client.get(reverse("awards:person-history", args=[stranger.pk])).status_code == 404
    assert client.get(reverse("awards:unit-history", args=[other_head.head_of_unit_id])).status_code == 404


@pytest.mark.parametrize(
    "name", ["awards:disclosure-list", "awards:disclosure-create", "awards:nomination-create"]
)
def test_the_office_pages_render(client, office, name):
    client.force_login(office)

    assert client.get(reverse(name)).status_code == 200


def test_the_import_pages_render_for_both_kinds(client, office):
    client.force_login(office)

    for kind in ("evaluations", "records"):
        assert client.get(reverse("awards:import", args=[kind])).status_code == 200
    assert client.get(reverse("awards:import", args=["other"])).status_code == 404
