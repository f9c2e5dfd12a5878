"""A small department with two units and one object of every kind, for the access tests.

Unit A and unit B each have staff, a head, a plan task they lead, a submission to send, a
registration, a nomination with a dossier file and award history. Around them: a draft and an
issued plan, a launched campaign with a registration round and a criteria set scoring both units,
an open disclosure period and call for nominations, a draft summary report, four council sessions
(scheduled, voting, two closed) on which the council member sits, a decision, a proposal,
notifications and a reminder sent to the head of A. Unit A's task evidence, submitted file and
score evidence are stored files.

Every role of the matrix is a user here: ``world.users[role]`` (``None`` for the anonymous visitor).
"""

import datetime
from types import SimpleNamespace

from django.core.files.base import ContentFile
from django.utils import timezone

from awards.models import DisclosureComment, DisclosurePeriod, NominationCall
from campaigns.models import Criterion, UnitScore
from council.models import AgendaResult
from council.services import (
    agenda_add,
    attendance_record,
    decision_issue,
    proposal_create,
    session_close,
    session_create,
    session_open_voting,
)
from notifications.models import Notification, ReminderLog
from notifications.services import preference_for
from plans.models import PlanTaskAssignment, SubmissionForward
from reports.enums import SummaryKind
from reports.services import summary_report_create
from tests.factories import (
    AgencyFactory,
    AwardRecordFactory,
    CampaignFactory,
    CriteriaSetFactory,
    EvaluationFactory,
    LetterFactory,
    NominationFactory,
    PersonFactory,
    PlanBlockFactory,
    PlanFactory,
    PlanTaskFactory,
    RegistrationFactory,
    RegistrationRoundFactory,
    SubmissionRequestFactory,
    UnitFactory,
    UnitSubmissionFactory,
    add_dossier_file,
    add_individual_line,
    award,
    make_admin,
    make_cluster,
    make_council_member,
    make_office_user,
    make_pdf_bytes,
    make_plain_user,
    make_unit_head,
    make_verified_nomination,
)
from units.models import IssuedDocument, Unit
from units.services import LegalBasis, reorganisation_merge

ANONYMOUS, PLAIN, OTHER_HEAD, HEAD, OFFICE, COUNCIL, ADMIN = (
    "anonymous",
    "plain",
    "other_head",
    "head",
    "office",
    "council",
    "admin",
)
ROLES = (ANONYMOUS, PLAIN, OTHER_HEAD, HEAD, OFFICE, COUNCIL, ADMIN)
ROLE_LABELS = {
    ANONYMOUS: "anonymous visitor",
    PLAIN: "staff member of unit B without a role",
    OTHER_HEAD: "head of unit B",
    HEAD: "head of unit A",
    OFFICE: "office staff",
    COUNCIL: "council member (sits on every session)",
    ADMIN: "administrator",
}

SIGNER = {"signer_name": "Lê Quang Trung", "signer_position": "Giám đốc"}


def _session(title, *, office, member, chair, secretary, nominations, year=2025):
    session = session_create(
        title=title,
        year=year,
        starts_at=timezone.now() + datetime.timedelta(days=2),
        place="Hội trường Sở Y tế",
        chair=chair,
        secretary=secretary,
        members=[member],
        by=office,
    )
    for nomination in nominations:
        agenda_add(session, nomination, by=office)
    return session


def build_world() -> SimpleNamespace:
    w = SimpleNamespace()
    w.agency = AgencyFactory(signer_name="Lê Quang Trung", signer_position="Giám đốc")

    # --- units, staff, users ------------------------------------------------------------------
    w.unit_a = UnitFactory(name="Bệnh viện Đa khoa A", short_name="BVA")
    w.unit_b = UnitFactory(name="Trung tâm Y tế B", short_name="TTB")
    w.person_a = PersonFactory(unit=w.unit_a, full_name="Nguyễn Văn An")
    w.person_b = PersonFactory(unit=w.unit_b, full_name="Trần Thị Bích")
    w.head = make_unit_head(w.unit_a, username="truong-a")
    w.other_head = make_unit_head(w.unit_b, username="truong-b")
    w.plain = make_plain_user(w.unit_b, username="canbo-b")
    w.office = make_office_user(
        username="vanphong", person=PersonFactory(unit=w.unit_a, position="Chuyên viên")
    )
    w.council = make_council_member(username="hoidong", person=PersonFactory(unit=w.unit_b))
    w.admin = make_admin(username="quantri")
    chair = make_council_member(username="chutich", person=PersonFactory(position="Giám đốc"))
    secretary = make_council_member(username="thuky", person=PersonFactory(position="Chánh Văn phòng"))
    w.users = {
        ANONYMOUS: None,
        PLAIN: w.plain,
        OTHER_HEAD: w.other_head,
        HEAD: w.head,
        OFFICE: w.office,
        COUNCIL: w.council,
        ADMIN: w.admin,
    }
    w.cluster = make_cluster(year=2026, members=[w.unit_a, w.unit_b], leader=w.unit_a)
    merged = [UnitFactory(name="Trung tâm Y tế huyện C"), UnitFactory(name="Trung tâm Y tế huyện D")]
    w.reorganisation = reorganisation_merge(
        merged,
        successor=Unit(code="TTYT-KV-CD", name="Trung tâm Y tế khu vực C-D", kind="health_centre"),
        main=merged[0],
        effective=datetime.date(2025, 7, 1),
        basis=LegalBasis(number="1566/QĐ-UBND", date=datetime.date(2025, 6, 25), issuer="UBND tỉnh"),
    )

    # --- plans ----------------------------------------------------------------------------------
    w.plan_draft = PlanFactory(year=2026)
    w.block = PlanBlockFactory(plan=w.plan_draft)
    w.plan_issued = PlanFactory(year=2026, issued=True)
    w.task_a = PlanTaskFactory(plan=w.plan_issued, lead_unit=w.unit_a)
    w.task_b = PlanTaskFactory(plan=w.plan_issued, lead_unit=w.unit_b)
    w.request = SubmissionRequestFactory(plan=w.plan_issued, due_date=datetime.date(2026, 6, 30))
    w.submission_a = UnitSubmissionFactory(request=w.request, unit=w.unit_a)
    w.submission_b = UnitSubmissionFactory(request=w.request, unit=w.unit_b)
    w.task_a.evidence.save("bien-ban.pdf", ContentFile(make_pdf_bytes()))
    # Unit A's share of a task addressed to a group of units.
    w.assignment_a = PlanTaskAssignment.objects.create(task=w.task_b, unit=w.unit_a)
    w.submission_a.file.save("ke-hoach-don-vi.pdf", ContentFile(make_pdf_bytes()))
    SubmissionForward.objects.create(
        request=w.request, recipient="Bộ Y tế", due_date=datetime.date(2026, 7, 15)
    )
    # Letters: a draft (the office's alone) and one issued to unit A (its head reads it).
    w.letter_draft = LetterFactory()
    w.letter_issued = LetterFactory(status="issued", number=1, issue_date=datetime.date(2026, 3, 5))
    w.letter_issued.recipient_units.set([w.unit_a])

    # --- campaigns ------------------------------------------------------------------------------
    w.campaign = CampaignFactory()
    w.round = RegistrationRoundFactory(campaign=w.campaign)
    w.registration_a = RegistrationFactory(round=w.round, unit=w.unit_a)
    w.registration_b = RegistrationFactory(round=w.round, unit=w.unit_b)
    add_individual_line(w.registration_a, w.person_a)
    add_individual_line(w.registration_b, w.person_b)
    w.criteria_set = CriteriaSetFactory(year=2026, cluster=w.cluster)
    criterion = Criterion.objects.create(
        criteria_set=w.criteria_set, code="1", title="Công tác chuyên môn", max_points=10
    )
    w.score_a = UnitScore.objects.create(criterion=criterion, unit=w.unit_a, self_score=8)
    w.score_a.evidence_file.save("minh-chung.pdf", ContentFile(make_pdf_bytes()))

    # --- awards ---------------------------------------------------------------------------------
    for person in (w.person_a, w.person_b):
        EvaluationFactory(person=person, year=2025, level="HTTNV")
        AwardRecordFactory(person=person, year=2024)
    w.nomination_a = NominationFactory(person=w.person_a, award_type=award("LDTT"), year=2025)
    w.nomination_b = NominationFactory(person=w.person_b, award_type=award("LDTT"), year=2025)
    w.file_a = add_dossier_file(w.nomination_a, by=w.head)
    w.file_b = add_dossier_file(w.nomination_b, by=w.other_head)
    w.disclosure = DisclosurePeriod.objects.create(
        year=2025,
        opens=timezone.localdate() - datetime.timedelta(days=2),
        closes=timezone.localdate() + datetime.timedelta(days=8),
        note="Lấy ý kiến về danh sách đề nghị khen thưởng.",
    )
    # a plain staff member's comment, waiting for the office's moderation
    w.disclosure_comment = DisclosureComment.objects.create(
        period=w.disclosure, author=w.plain, text="Đề nghị xem lại thành tích của đơn vị."
    )
    w.call = NominationCall.objects.create(year=2025, deadline=datetime.date(2026, 1, 15))

    w.call = NominationCall.objects.create(
        year=2025, deadline=timezone.localdate() + datetime.timedelta(days=20), created_by=w.office
    )

    # --- council --------------------------------------------------------------------------------
    people = {"office": w.office, "member": w.council, "chair": chair, "secretary": secretary}
    w.session_scheduled = _session(
        "Phiên họp dự kiến", nominations=[make_verified_nomination("CSTDCS", person=w.person_a)], **people
    )
    w.agenda_item = w.session_scheduled.agenda.get()
    w.agenda_file = add_dossier_file(w.agenda_item.nomination)
    w.session_voting = _session(
        "Phiên họp đang biểu quyết", nominations=[make_verified_nomination()], **people
    )
    w.session_closed = _session("Phiên họp đã kết thúc", nominations=[make_verified_nomination()], **people)
    w.session_earlier = _session("Phiên họp trước", nominations=[make_verified_nomination()], **people)
    for session in (w.session_voting, w.session_closed, w.session_earlier):
        members = session.memberships.values_list("user_id", flat=True)
        attendance_record(session, attendance=dict.fromkeys(members, "present"), by=w.office)
        session_open_voting(session, by=w.office)
    session_close(w.session_closed, by=w.office)
    session_close(w.session_earlier, by=w.office)
    w.agenda_result = AgendaResult.objects.get(item__session=w.session_closed)
    w.earlier_result = AgendaResult.objects.get(item__session=w.session_earlier)
    w.decision = decision_issue(
        [NominationFactory(person=PersonFactory(unit=w.unit_a), status="approved")],
        date=datetime.date(2026, 1, 10),
        by=w.office,
        **SIGNER,
    )
    w.issued_decision = IssuedDocument.objects.for_object(w.decision).get()
    w.proposal = proposal_create(
        authority="province_chair",
        year=2025,
        nominations=[NominationFactory(award_type=award("CSTD_TINH"), status="approved")],
        by=w.office,
    )

    # --- reports --------------------------------------------------------------------------------
    w.summary = summary_report_create(year=2026, kind=SummaryKind.values[0], by=w.office)

    # --- notifications --------------------------------------------------------------------------
    w.notification_a = Notification.objects.create(
        recipient=w.head, kind="test", title="Nhắc hạn báo cáo", url="/plans/tasks/"
    )
    w.notification_b = Notification.objects.create(
        recipient=w.other_head, kind="test", title="Nhắc hạn báo cáo của đơn vị B", url="/plans/tasks/"
    )
    w.reminder = ReminderLog.objects.create(
        key=f"plans.task:{w.task_a.pk}",
        kind="plans.task",
        title=w.task_a.content,
        due_date=w.task_a.due_date,
        offset_days=7,
        recipient=w.head,
        notification=w.notification_a,
    )
    w.calendar_token = preference_for(w.head).calendar_token
    return w
