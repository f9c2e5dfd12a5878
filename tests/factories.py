"""factory_boy factories and role helpers shared by every test layer."""

import datetime

import factory

from units.enums import ClusterRole, Gender, UnitKind
from units.models import Agency, Cluster, ClusterMembership, Person, Unit, User

PASSWORD = "mat-khau-thu-nghiem"


class AgencyFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Agency

    name = "Sở Y tế"
    short_name = "SYT"
    governing_body = "UBND tỉnh Đồng Nai"
    place_name = "Đồng Nai"


class UnitFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Unit

    code = factory.Sequence(lambda n: f"DV{n:03d}")
    name = factory.Sequence(lambda n: f"Bệnh viện Đa khoa số {n}")
    short_name = factory.Sequence(lambda n: f"BV{n}")
    kind = UnitKind.HOSPITAL
    active = True

    class Params:
        department = factory.Trait(kind=UnitKind.SUB_UNIT)
        inactive = factory.Trait(active=False)


class PersonFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Person

    staff_code = factory.Sequence(lambda n: f"CB{n:05d}")
    full_name = factory.Faker("name", locale="vi_VN")
    gender = factory.Iterator([Gender.MALE, Gender.FEMALE])
    birth_date = factory.Faker(
        "date_between", start_date=datetime.date(1965, 1, 1), end_date=datetime.date(2000, 12, 31)
    )
    unit = factory.SubFactory(UnitFactory)
    position = "Bác sĩ"
    rank = "Bác sĩ hạng III"

    class Params:
        inactive = factory.Trait(active=False)


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    email = factory.LazyAttribute(lambda o: f"{o.username}@example.vn")
    password = factory.PostGenerationMethodCall("set_password", PASSWORD)

    @factory.post_generation
    def _save(obj, create, extracted, **kwargs):  # noqa: N805
        if create:
            obj.save()


class ClusterFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Cluster

    year = 2026
    name = factory.Sequence(lambda n: f"Cụm thi đua số {n}")


def add_cluster_member(cluster, unit, role=ClusterRole.MEMBER):
    return ClusterMembership.objects.create(cluster=cluster, unit=unit, role=role)


def make_office_user(**kwargs):
    return UserFactory(is_office_staff=True, is_staff=True, **kwargs)


def make_unit_head(unit=None, **kwargs):
    unit = unit or UnitFactory()
    person = PersonFactory(unit=unit, position="Giám đốc")
    return UserFactory(head_of_unit=unit, person=person, **kwargs)


def make_council_member(**kwargs):
    return UserFactory(is_council_member=True, **kwargs)


def make_admin(**kwargs):
    return UserFactory(is_superuser=True, is_staff=True, **kwargs)


def make_plain_user(unit=None, **kwargs):
    """A logged-in staff member of a unit with no role at all."""
    person = PersonFactory(unit=unit or UnitFactory())
    return UserFactory(person=person, **kwargs)


# --- units management pages (units, clusters, staff) -------------------------------------------------
def make_cluster(year=2026, members=(), leader=None, deputy=None, **kwargs):
    """A cluster with plain members and, optionally, a leader and a deputy (added as members)."""
    cluster = ClusterFactory(year=year, **kwargs)
    for unit in members:
        if unit not in (leader, deputy):
            add_cluster_member(cluster, unit)
    if leader is not None:
        add_cluster_member(cluster, leader, ClusterRole.LEADER)
    if deputy is not None:
        add_cluster_member(cluster, deputy, ClusterRole.DEPUTY)
    return cluster


STAFF_IMPORT_HEADERS = [
    "Mã cán bộ",
    "Họ và tên",
    "Giới tính (Nam/Nữ)",
    "Ngày sinh (dd/mm/yyyy)",
    "Mã đơn vị",
    "Chức vụ",
    "Ngạch/chức danh",
    "Thư điện tử",
    "Điện thoại",
    "Ngày vào ngành (dd/mm/yyyy)",
]


def make_staff_xlsx(rows, *, headers=None, sheet="Cán bộ"):
    """A real .xlsx (bytes) for the staff import: a header row, then one row per list of values."""
    import io

    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    ws.title = sheet
    ws.append(list(headers if headers is not None else STAFF_IMPORT_HEADERS))
    for row in rows:
        ws.append(list(row))
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()


# --- plans: plans, tasks, key targets, submission requests --------------------------------------


class PlanFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "plans.Plan"

    symbol = "KH-SYT"
    year = 2022
    kind = "annual"
    title = factory.Sequence(lambda n: f"Kế hoạch công tác thi đua, khen thưởng số {n}")
    place = "Đồng Nai"
    authority_line = "UBND TỈNH ĐỒNG NAI"
    issuer_line = "SỞ Y TẾ"
    legal_bases = factory.LazyFunction(lambda: ["Căn cứ Luật Thi đua, Khen thưởng ngày 15 tháng 6 năm 2022;"])
    recipients = factory.LazyFunction(lambda: ["- Ban TĐKT tỉnh;", "- Lưu: VT, VP."])
    signer_prefix = "KT."
    signer_prefix_title = "GIÁM ĐỐC"
    signer_position = "PHÓ GIÁM ĐỐC"
    signer_name = "Lê Quang Trung"

    class Params:
        issued = factory.Trait(
            status="issued",
            number=factory.Sequence(lambda n: n + 1),
            issue_date=factory.LazyAttribute(lambda o: datetime.date(o.year, 1, 27)),
        )
        archived = factory.Trait(
            status="archived",
            number=factory.Sequence(lambda n: n + 1),
            issue_date=factory.LazyAttribute(lambda o: datetime.date(o.year, 1, 27)),
        )


class LetterFactory(factory.django.DjangoModelFactory):
    """A draft công văn of the Sở Y tế Đồng Nai, drafted by its personnel office (TCCB)."""

    class Meta:
        model = "plans.Letter"

    issuer_code = "SYT"
    office_code = "TCCB"
    subject = "phát động phong trào thi đua năm 2026"
    addressees = factory.LazyFunction(lambda: ["Các đơn vị trực thuộc Sở"])
    body = "Thực hiện Kế hoạch của UBND tỉnh, Sở Y tế đề nghị các đơn vị triển khai phong trào thi đua."
    place = "Đồng Nai"
    authority_line = "UBND TỈNH ĐỒNG NAI"
    issuer_line = "SỞ Y TẾ"
    recipients = factory.LazyFunction(lambda: ["Như trên;", "Lưu: VT, TCCB."])
    signer_prefix = "KT."
    signer_prefix_title = "GIÁM ĐỐC"
    signer_position = "PHÓ GIÁM ĐỐC"
    signer_name = "Lê Quang Trung"


class PlanTaskFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "plans.PlanTask"

    plan = factory.SubFactory(PlanFactory)
    order = factory.Sequence(lambda n: n + 1)
    content = factory.Sequence(lambda n: f"Nhiệm vụ số {n}: tổng kết công tác thi đua")
    lead_unit = factory.SubFactory(UnitFactory)
    period_kind = "quarter"
    period_value = 1
    due_date = factory.LazyAttribute(lambda o: datetime.date(o.plan.year, 3, 31))


class PlanTaskAssignmentFactory(factory.django.DjangoModelFactory):
    """A unit's share of a task addressed to a group of units."""

    class Meta:
        model = "plans.PlanTaskAssignment"

    task = factory.SubFactory(PlanTaskFactory, unit_group="all")
    unit = factory.SubFactory(UnitFactory)


def make_group_task(plan, *, units, statuses=None, **kwargs):
    """A task of ``plan`` addressed to a group: a share for each of ``units`` (statuses in order)."""
    task = PlanTaskFactory(plan=plan, unit_group="all", **kwargs)
    for k, unit in enumerate(units):
        status = statuses[k] if statuses else "not_started"
        PlanTaskAssignmentFactory(task=task, unit=unit, status=status)
    return task


class PlanBlockFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "plans.PlanBlock"

    plan = factory.SubFactory(PlanFactory)
    order = factory.Sequence(lambda n: n + 1)
    kind = "paragraph"
    text = factory.Sequence(lambda n: f"Đoạn nội dung số {n}.")


class KeyTargetFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "plans.KeyTarget"

    plan = factory.SubFactory(PlanFactory)
    order = factory.Sequence(lambda n: n + 1)
    indicator = "Tổng số lần khám bệnh"
    unit_of_measure = "Lần"


class KeyTargetValueFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "plans.KeyTargetValue"

    target = factory.SubFactory(KeyTargetFactory)
    order = factory.Sequence(lambda n: n + 1)
    label = ""
    planned = "12.884"


class SubmissionRequestFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "plans.SubmissionRequest"

    title = factory.Sequence(lambda n: f"Kế hoạch TĐKT năm 2022 của đơn vị ({n})")
    due_date = datetime.date(2022, 3, 31)


class UnitSubmissionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "plans.UnitSubmission"

    request = factory.SubFactory(SubmissionRequestFactory)
    unit = factory.SubFactory(UnitFactory)


def make_pdf_bytes() -> bytes:
    """A minimal, valid one-page PDF (hand-written, no library needed)."""
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >>",
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    for offset in offsets:
        out += b"%010d 00000 n \n" % offset
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    return bytes(out)


# ---------------------------------------------------------------------------
# campaigns: campaigns, registration rounds, registrations, criteria sets
# ---------------------------------------------------------------------------
def award(code):
    """A catalog award type by its code (the catalog is seeded by a data migration)."""
    from catalog.models import AwardType

    return AwardType.objects.get(code=code)


class CampaignFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "campaigns.Campaign"

    name = factory.Sequence(lambda n: f"Phong trào thi đua số {n}")
    kind = "thematic"
    start_date = datetime.date(2026, 1, 1)
    end_date = datetime.date(2026, 12, 31)
    review_date = datetime.date(2026, 12, 15)
    status = "launched"

    class Params:
        draft = factory.Trait(status="draft")
        closed = factory.Trait(status="closed")


def _days_from_today(days):
    from django.utils import timezone

    return timezone.localdate() + datetime.timedelta(days=days)


class RegistrationRoundFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "campaigns.RegistrationRound"

    name = factory.Sequence(lambda n: f"Đăng ký thi đua đợt {n}")
    year = 2026
    deadline = factory.LazyFunction(lambda: _days_from_today(30))
    late_policy = "accept"

    class Params:
        past = factory.Trait(deadline=factory.LazyFunction(lambda: _days_from_today(-3)))
        refuse_late = factory.Trait(late_policy="refuse")


class RegistrationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "campaigns.Registration"

    round = factory.SubFactory(RegistrationRoundFactory)
    unit = factory.SubFactory(UnitFactory)
    status = "draft"

    class Params:
        submitted = factory.Trait(status="submitted")
        accepted = factory.Trait(status="accepted")
        returned = factory.Trait(status="returned", return_reason="Thiếu danh sách cá nhân.")


def add_individual_line(registration, person=None, code="LDTT"):
    from campaigns.models import RegistrationIndividualLine

    person = person or PersonFactory(unit=registration.unit)
    return RegistrationIndividualLine.objects.create(
        registration=registration, person=person, award_type=award(code)
    )


def add_collective_line(registration, unit=None, code="TTLDTT"):
    from campaigns.models import RegistrationCollectiveLine

    return RegistrationCollectiveLine.objects.create(
        registration=registration, unit=unit or registration.unit, award_type=award(code)
    )


class CriteriaSetFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "campaigns.CriteriaSet"

    name = factory.Sequence(lambda n: f"Bảng chấm điểm số {n}")
    year = 2026


# ---------------------------------------------------------------------------
# awards: evaluations, initiatives, award history, nominations
# ---------------------------------------------------------------------------
class EvaluationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "awards.Evaluation"

    person = factory.SubFactory(PersonFactory)
    year = 2025
    level = "HTTNV"
    decided_by = "Thủ trưởng đơn vị"


class InitiativeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "awards.Initiative"

    title = factory.Sequence(lambda n: f"Sáng kiến cải tiến quy trình số {n}")
    kind = "initiative"
    year = 2025
    scope = "base"
    recognised_by = "Hội đồng sáng kiến cơ sở"
    decision_number = factory.Sequence(lambda n: f"{n + 1:02d}/QĐ-BV")


def add_initiative_author(initiative, person, share=None):
    from awards.models import InitiativeAuthor

    return InitiativeAuthor.objects.create(initiative=initiative, person=person, share=share)


class AwardRecordFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "awards.AwardRecord"

    person = factory.SubFactory(PersonFactory)
    award_type = factory.LazyFunction(lambda: award("LDTT"))
    year = 2025
    achievement_kind = "annual"
    decision_number = factory.Sequence(lambda n: f"{n + 1:02d}/QĐ-SYT")
    authority = "Giám đốc Sở Y tế"
    source = "imported"


class NominationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "awards.Nomination"

    year = 2025
    award_type = factory.LazyFunction(lambda: award("LDTT"))
    person = factory.SubFactory(PersonFactory)
    proposing_unit = factory.LazyAttribute(lambda o: o.person.unit if o.person else o.unit)
    status = "draft"

    class Params:
        submitted = factory.Trait(status="submitted")
        rejected = factory.Trait(status="rejected")


# ---------------------------------------------------------------------------
# awards: dossier files, disclosure periods
# ---------------------------------------------------------------------------
def make_upload(name="to-trinh.pdf", content=None, content_type="application/pdf"):
    """An uploaded file as a form would receive it (a real PDF unless told otherwise)."""
    from django.core.files.uploadedfile import SimpleUploadedFile

    data = make_pdf_bytes() if content is None else content
    return SimpleUploadedFile(name, data, content_type=content_type)


def add_dossier_file(nomination, kind="TOTRINH", *, name=None, by=None):
    """A stored dossier document, written directly (bypasses the editable-state check)."""
    import hashlib

    from awards.models import DossierFile

    data = make_pdf_bytes()
    item = DossierFile(
        nomination=nomination,
        kind=kind,
        original_name=name or f"{kind.lower()}.pdf",
        checksum=hashlib.sha256(data).hexdigest(),
        size=len(data),
        uploaded_by=by,
    )
    item.file.save(item.original_name, make_upload(item.original_name, data), save=False)
    item.save()
    return item


def add_required_documents(nomination):
    """Every document the nomination's award type requires."""
    return [add_dossier_file(nomination, code) for code in nomination.award_type.required_documents]


class DisclosurePeriodFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "awards.DisclosurePeriod"

    year = 2025
    opens = factory.LazyFunction(lambda: _days_from_today(-2))
    closes = factory.LazyFunction(lambda: _days_from_today(8))
    note = "Lấy ý kiến về danh sách đề nghị khen thưởng."

    class Params:
        closed = factory.Trait(
            opens=factory.LazyFunction(lambda: _days_from_today(-20)),
            closes=factory.LazyFunction(lambda: _days_from_today(-10)),
        )


class DisclosureCommentFactory(factory.django.DjangoModelFactory):
    """A comment on a disclosure period, pending the office's moderation unless told."""

    class Meta:
        model = "awards.DisclosureComment"

    period = factory.SubFactory(DisclosurePeriodFactory)
    author = factory.LazyFunction(make_plain_user)
    text = factory.Sequence(lambda n: f"Ý kiến góp ý số {n}.")


# ---------------------------------------------------------------------------
# council: sessions with members and attendance, verified nominations
# ---------------------------------------------------------------------------
def make_verified_nomination(code="LDTT", year=2025, status="verified", **kwargs):
    """A nomination the office has verified (the state a council agenda takes)."""
    return NominationFactory(award_type=award(code), year=year, status=status, **kwargs)


def make_council_session(
    size=9, *, absent=0, office=None, year=2025, starts_at=None, title=None, nominations=()
):
    """A scheduled session of ``size`` council members (the first chairs it, the last is its
    secretary), attendance recorded (the ``absent`` members just before the secretary are absent),
    and the given verified nominations on its agenda. Returns a namespace: session, office,
    members, present, absent."""
    from types import SimpleNamespace

    from django.utils import timezone

    from council.services import agenda_add, attendance_record, session_create

    office = office or make_office_user()
    members = [make_council_member(person=PersonFactory(position="Trưởng phòng")) for _ in range(size)]
    session = session_create(
        title=title or f"Phiên họp xét khen thưởng năm {year}",
        year=year,
        starts_at=starts_at or timezone.now() + datetime.timedelta(days=3),
        place="Hội trường Sở Y tế",
        chair=members[0],
        secretary=members[-1],
        members=members[1:-1],
        by=office,
    )
    absent_members = members[size - 1 - absent : size - 1] if absent else []
    attendance_record(
        session,
        attendance={m.pk: ("absent" if m in absent_members else "present") for m in members},
        by=office,
    )
    for nomination in nominations:
        agenda_add(session, nomination, by=office)
    return SimpleNamespace(
        session=session,
        office=office,
        members=members,
        present=[m for m in members if m not in absent_members],
        absent=absent_members,
    )


def open_tallies(session=None) -> dict:
    """{agenda item id: (agree, disagree)} of the sealed tallies of a vote still open, opened with
    the server's key as the close does (tests only: no page opens them)."""
    from council.models import BallotTally
    from council.sealing import unseal

    tallies = BallotTally.objects.select_related("item")
    if session is not None:
        tallies = tallies.filter(item__session=session)
    return {t.item_id: unseal(t.item.session_id, t.item_id, t.sealed) for t in tallies}


def ballots_counted(session=None) -> int:
    """How many ballots the open tallies hold."""
    return sum(agree + disagree for agree, disagree in open_tallies(session).values())


class AgencySignerFactory(factory.django.DjangoModelFactory):
    """One of the agency's signers; its agency is the agency row (made when missing)."""

    class Meta:
        model = "units.AgencySigner"

    agency = factory.LazyFunction(lambda: Agency.load())
    signer_prefix = "KT."
    signer_prefix_title = "GIÁM ĐỐC"
    position = "PHÓ GIÁM ĐỐC"
    full_name = factory.Sequence(lambda n: f"Phó Giám đốc số {n}")
    order = factory.Sequence(lambda n: n)
