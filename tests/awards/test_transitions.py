"""The one transition service: the table, who may move, the audit, the mail, repeats."""

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied

from awards.enums import NOMINATION_TRANSITIONS, OFFICE, UNIT, NominationStatus
from awards.models import InitiativeClaim, NominationEvent
from awards.services import nomination_transition
from notifications.models import Notification
from tests.factories import add_dossier_file, add_required_documents
from units.refusals import Refused

from .builders import evaluate, initiative

pytestmark = pytest.mark.django_db

S = NominationStatus
UNIT_MOVES = [move for move, role in NOMINATION_TRANSITIONS.items() if role == UNIT]
OFFICE_MOVES = [move for move, role in NOMINATION_TRANSITIONS.items() if role == OFFICE]
COUNCIL_MOVES = [move for move, role in NOMINATION_TRANSITIONS.items() if role not in (UNIT, OFFICE)]


def _ready(nomination):
    """Give a nomination what a submit needs (its required documents)."""
    if nomination.status in (S.DRAFT, S.RETURNED):
        add_required_documents(nomination)
    return nomination


def _reason(src, to):
    if to == S.RETURNED:
        return "Bổ sung biên bản họp xét có chữ ký."
    if to == S.VERIFIED:  # these nominations fail the rules: verifying them is the office's call
        return "Thành tích đặc biệt được Giám đốc Sở đồng ý đưa ra Hội đồng."
    return ""


@pytest.mark.parametrize(("src", "to"), UNIT_MOVES)
def test_unit_moves_by_the_unit_head_change_the_state_and_mail_the_office_once(
    src, to, make_nomination, head, office, django_capture_on_commit_callbacks
):
    nomination = _ready(make_nomination(status=src))

    with django_capture_on_commit_callbacks(execute=True):
        changed = nomination_transition(nomination, to=to, by=head)

    assert changed is True
    nomination.refresh_from_db()
    assert nomination.status == to
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == [office.email]
    event = NominationEvent.objects.get(nomination=nomination)
    assert (event.from_status, event.to_status, event.by) == (src, to, head)


@pytest.mark.parametrize(("src", "to"), OFFICE_MOVES)
def test_office_moves_change_the_state_and_mail_the_unit_head_once(
    src, to, make_nomination, head, office, django_capture_on_commit_callbacks
):
    nomination = make_nomination(status=src)

    with django_capture_on_commit_callbacks(execute=True):
        changed = nomination_transition(nomination, to=to, by=office, reason=_reason(src, to))

    assert changed is True
    nomination.refresh_from_db()
    assert nomination.status == to
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == [head.email]


@pytest.mark.parametrize(("src", "to"), COUNCIL_MOVES)
@pytest.mark.parametrize("who", ["office", "admin_user"])
def test_council_results_are_written_by_office_staff_or_a_superuser(
    src, to, who, make_nomination, head, request, django_capture_on_commit_callbacks
):
    nomination = make_nomination(status=src)
    by = request.getfixturevalue(who)

    with django_capture_on_commit_callbacks(execute=True):
        changed = nomination_transition(nomination, to=to, by=by)

    assert changed is True
    nomination.refresh_from_db()
    assert nomination.status == to
    assert len(mail.outbox) == 1


@pytest.mark.parametrize(("src", "to"), UNIT_MOVES)
@pytest.mark.parametrize("who", ["other_head", "council_member"])
def test_unit_moves_by_a_wrong_role_change_nothing(src, to, who, make_nomination, request):
    nomination = _ready(make_nomination(status=src))
    by = request.getfixturevalue(who)

    with pytest.raises(PermissionDenied):
        nomination_transition(nomination, to=to, by=by)

    nomination.refresh_from_db()
    assert nomination.status == src
    assert not NominationEvent.objects.exists()
    assert not Notification.objects.exists()


@pytest.mark.parametrize(("src", "to"), OFFICE_MOVES + COUNCIL_MOVES)
@pytest.mark.parametrize("who", ["head", "council_member"])
def test_office_and_council_moves_by_a_wrong_role_change_nothing(src, to, who, make_nomination, request):
    nomination = make_nomination(status=src)
    by = request.getfixturevalue(who)

    with pytest.raises(PermissionDenied):
        nomination_transition(nomination, to=to, by=by, reason=_reason(src, to))

    nomination.refresh_from_db()
    assert nomination.status == src
    assert not NominationEvent.objects.exists()


@pytest.mark.parametrize(("src", "to"), list(NOMINATION_TRANSITIONS))
def test_a_repeated_move_is_a_no_op(
    src, to, make_nomination, head, office, django_capture_on_commit_callbacks
):
    nomination = _ready(make_nomination(status=src))
    by = head if NOMINATION_TRANSITIONS[(src, to)] == UNIT else office
    nomination_transition(nomination, to=to, by=by, reason=_reason(src, to))
    events = NominationEvent.objects.count()

    with django_capture_on_commit_callbacks(execute=True):
        again = nomination_transition(nomination, to=to, by=by, reason=_reason(src, to))

    assert again is False
    assert NominationEvent.objects.count() == events
    assert len(mail.outbox) == 0


def test_a_move_not_in_the_table_is_refused_in_vietnamese(make_nomination, office):
    nomination = make_nomination(status=S.DRAFT)

    with pytest.raises(Refused) as exc:
        nomination_transition(nomination, to=S.VERIFIED, by=office, reason=_reason(S.SUBMITTED, S.VERIFIED))

    assert "Không thể chuyển đề nghị từ “Đang soạn” sang “Đã thẩm định”" in exc.value.messages[0]
    nomination.refresh_from_db()
    assert nomination.status == S.DRAFT


def test_submit_without_a_required_document_is_refused_naming_it(make_nomination, head):
    nomination = make_nomination(status=S.DRAFT)
    add_dossier_file(nomination, "TOTRINH")

    with pytest.raises(Refused) as exc:
        nomination_transition(nomination, to=S.SUBMITTED, by=head)

    assert exc.value.messages == ["Thiếu hồ sơ: Biên bản họp xét của Hội đồng TĐKT."]
    nomination.refresh_from_db()
    assert nomination.status == S.DRAFT


def test_a_return_needs_a_reason(make_nomination, office):
    nomination = make_nomination(status=S.SUBMITTED)

    with pytest.raises(Refused):
        nomination_transition(nomination, to=S.RETURNED, by=office, reason="  ")

    nomination.refresh_from_db()
    assert nomination.status == S.SUBMITTED


def test_the_return_reason_is_kept_in_the_event_and_the_mail(
    make_nomination, head, office, django_capture_on_commit_callbacks
):
    nomination = make_nomination(status=S.SUBMITTED)

    with django_capture_on_commit_callbacks(execute=True):
        nomination_transition(nomination, to=S.RETURNED, by=office, reason="Thiếu chữ ký thủ trưởng.")

    assert NominationEvent.objects.get().reason == "Thiếu chữ ký thủ trưởng."
    assert "Thiếu chữ ký thủ trưởng." in mail.outbox[0].body


def test_a_unit_head_can_recall_until_the_nomination_is_verified(make_nomination, head, office):
    nomination = make_nomination(status=S.SUBMITTED)
    nomination_transition(nomination, to=S.VERIFIED, by=office, reason=_reason(S.SUBMITTED, S.VERIFIED))

    with pytest.raises(Refused):
        nomination_transition(nomination, to=S.DRAFT, by=head)

    nomination.refresh_from_db()
    assert nomination.status == S.VERIFIED


def test_a_move_on_a_stale_copy_is_refused(make_nomination, head, office):
    nomination = make_nomination(status=S.SUBMITTED)
    stale = type(nomination).objects.get(pk=nomination.pk)
    nomination_transition(nomination, to=S.VERIFIED, by=office, reason=_reason(S.SUBMITTED, S.VERIFIED))

    with pytest.raises(Refused) as exc:
        nomination_transition(stale, to=S.RETURNED, by=office, reason="Sai năm.")

    assert "vừa được chuyển sang “Đã thẩm định”" in exc.value.messages[0]
    nomination.refresh_from_db()
    assert nomination.status == S.VERIFIED


def test_submit_stores_the_verdict_and_a_failing_nomination_is_still_sent(make_nomination, staff, head):
    evaluate(staff, 2025, "HTNV")
    nomination = _ready(make_nomination(status=S.DRAFT))

    nomination_transition(nomination, to=S.SUBMITTED, by=head)

    nomination.refresh_from_db()
    assert nomination.status == S.SUBMITTED
    assert nomination.eligibility == "not_eligible"
    assert nomination.submitted_at is not None
    assert NominationEvent.objects.get().eligibility == "not_eligible"


def test_submit_claims_the_proposed_initiatives(make_nomination, staff, head):
    work = initiative(staff, 2025)
    nomination = _ready(make_nomination(status=S.DRAFT, code="CSTDCS"))
    nomination.proposed_initiatives.add(work)

    nomination_transition(nomination, to=S.SUBMITTED, by=head)

    assert InitiativeClaim.objects.get().nomination == nomination


def test_submit_is_refused_when_a_proposed_initiative_is_already_claimed(make_nomination, staff, head):
    work = initiative(staff, 2025)
    earlier = _ready(make_nomination(status=S.DRAFT, code="CSTDCS"))
    earlier.proposed_initiatives.add(work)
    nomination_transition(earlier, to=S.SUBMITTED, by=head)
    later = _ready(make_nomination(status=S.DRAFT, code="GK_GD"))
    later.proposed_initiatives.add(work)

    with pytest.raises(Refused) as exc:
        nomination_transition(later, to=S.SUBMITTED, by=head)

    assert "đã được dùng làm căn cứ" in exc.value.messages[0]
    later.refresh_from_db()
    assert later.status == S.DRAFT


def test_a_rejection_releases_the_claims(make_nomination, staff, head, office):
    work = initiative(staff, 2025)
    nomination = _ready(make_nomination(status=S.DRAFT, code="CSTDCS"))
    nomination.proposed_initiatives.add(work)
    nomination_transition(nomination, to=S.SUBMITTED, by=head)
    nomination.status = S.IN_COUNCIL
    nomination.save(update_fields=["status"])

    nomination_transition(nomination, to=S.REJECTED, by=office)

    assert not InitiativeClaim.objects.exists()


def test_each_move_leaves_a_history_row_with_its_author(make_nomination, head):
    nomination = _ready(make_nomination(status=S.DRAFT))

    nomination_transition(nomination, to=S.SUBMITTED, by=head)

    latest = nomination.history.order_by("-history_date").first()
    assert latest.status == S.SUBMITTED
    assert latest.history_user == head


def test_an_unknown_state_is_refused(make_nomination, office):
    nomination = make_nomination(status=S.DRAFT)

    with pytest.raises(Refused):
        nomination_transition(nomination, to="archived", by=office)
