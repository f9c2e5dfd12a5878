"""The demo year of the awards app: the call for nominations and nominations on their way.

``demo_awards_load()`` writes, through ``awards.services`` and as the demo logins of
``units.demo.LOGINS`` (each unit head for their own unit, the office for the units without a
login and for every step of its own):

- the call for nominations of the current year, open for another three weeks;
- the year's evaluations (kết quả đánh giá, xếp loại) of the nominees, entered by the office;
- nominations filed on the nomination form (``nomination_save``), their dossiers uploaded as
  small real PDFs (``dossier_file_add``), then moved through ``nomination_transition``: drafts
  still missing a document, sent and waiting for verification, returned with the office's reason
  (one of them judged not eligible: its nominee has no evaluation of the year), and verified,
  ready for the council.

The council's demo (``council.demo``) takes the verified ones further: voted, approved or
rejected, and decided. Idempotent: a nomination is keyed on (year, nominee, award type), the call
on its year, an evaluation on (subject, year); what exists is left as it is.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone

from catalog.enums import AchievementKind, DocumentKind
from catalog.models import AwardType
from units.demo_files import demo_pdf
from units.models import Person, Unit, User

from . import services
from .enums import EvaluationLevel, EvaluationSource, NominationStatus
from .forms import COLLECTIVE, INDIVIDUAL, NominationCallForm, NominationForm
from .models import Evaluation, Nomination, NominationCall

OFFICE_LOGIN = "vanphong"
D, S, R, V = (
    NominationStatus.DRAFT,
    NominationStatus.SUBMITTED,
    NominationStatus.RETURNED,
    NominationStatus.VERIFIED,
)


@dataclass(frozen=True)
class DemoNomination:
    """``nominee`` is a staff code, or ``unit:<code>`` for a collective; ``state`` is where the
    awards demo leaves it (the council's demo moves the verified ones on)."""

    nominee: str
    award: str
    state: str
    achievements: str
    evaluated: bool = True  # the nominee's evaluation of the year is entered
    reason: str = ""  # the office's reason for returning it

    @property
    def unit_code(self) -> str | None:
        return self.nominee.removeprefix("unit:") if self.nominee.startswith("unit:") else None


N = DemoNomination
NOMINATIONS = [
    # Bệnh viện Đa khoa Đồng Nai (login bvdk)
    N(
        "BVDK-DN-004",
        "LDTT",
        S,
        "Hoàn thành xuất sắc nhiệm vụ khám, điều trị; tham gia triển khai bệnh án điện tử.",
    ),
    N(
        "BVDK-DN-005",
        "LDTT",
        S,
        "Điều dưỡng chăm sóc người bệnh tận tình; không để xảy ra sai sót chuyên môn.",
    ),
    N(
        "BVDK-DN-006",
        "LDTT",
        R,
        "Tích cực tham gia cấp cứu, hồi sức; hoàn thành tốt nhiệm vụ được giao.",
        reason="Báo cáo thành tích chưa có xác nhận của Thủ trưởng đơn vị; đề nghị bổ sung bản có chữ ký.",
    ),
    N("BVDK-DN-007", "LDTT", D, "Hoàn thành tốt nhiệm vụ dược lâm sàng, quản lý thuốc an toàn."),
    N(
        "unit:BVDK-DN-CC",
        "GK_GD",
        V,
        "Khoa Cấp cứu tiếp nhận, cấp cứu thành công nhiều ca đa chấn thương nặng; triển khai quy trình "
        "báo động đỏ liên viện.",
    ),
    # Trung tâm Y tế thành phố Biên Hòa (login ttytbh)
    N("TTYT-BH-004", "LDTT", D, "Hoàn thành tốt công tác tiêm chủng mở rộng tại các trạm y tế phường."),
    N("TTYT-BH-005", "LDTT", S, "Chủ động giám sát, xử lý ổ dịch sốt xuất huyết trên địa bàn."),
    N(
        "TTYT-BH-006",
        "LDTT",
        R,
        "Hoàn thành nhiệm vụ khám sức khỏe học đường.",
        evaluated=False,
        reason=(
            "Chưa có kết quả đánh giá, xếp loại năm của cá nhân; đề nghị đơn vị bổ sung quyết định xếp loại."
        ),
    ),
    # Units without a login: the office files what they sent on paper.
    N(
        "BVDK-TN-004",
        "LDTT",
        V,
        "Hoàn thành xuất sắc nhiệm vụ phẫu thuật; hướng dẫn tuyến dưới kỹ thuật mới.",
    ),
    N("BVDK-TN-005", "LDTT", V, "Tích cực cải tiến quy trình khám bệnh, giảm thời gian chờ của người bệnh."),
    N(
        "BVND-DN-004",
        "LDTT",
        V,
        "Điều trị thành công nhiều ca bệnh nhi nặng; tham gia đào tạo điều dưỡng nhi.",
    ),
    N("BVND-DN-005", "LDTT", V, "Thực hiện tốt chăm sóc sơ sinh; không có sự cố y khoa nghiêm trọng."),
    N(
        "unit:BVND-DN-SS",
        "GK_GD",
        V,
        "Khoa Sơ sinh giảm tỷ lệ tử vong sơ sinh; triển khai chăm sóc Kangaroo cho trẻ sinh non.",
    ),
    N("CDC-DN-004", "LDTT", V, "Giám sát dịch tễ kịp thời; tham gia khống chế dịch tay chân miệng."),
    N("CDC-DN-005", "GK_GD", V, "Có thành tích xuất sắc trong chiến dịch tiêm vắc xin sởi cho trẻ em."),
    N("BV-YDCT-003", "GK_GD", V, "Phát triển kỹ thuật châm cứu, phục hồi chức năng sau đột quỵ."),
    N("TTYT-LK-004", "LDTT", V, "Hoàn thành nhiệm vụ khám chữa bệnh tại trạm y tế xã."),
]

# The documents of a draft still being put together: the tờ trình only (the checklist shows the rest).
DRAFT_DOCUMENTS = [DocumentKind.TOTRINH]


def key_of(demo: DemoNomination, year: int) -> dict:
    """The lookup of a demo nomination: year, award type and nominee (staff code or unit code)."""
    lookup = {"year": year, "award_type__code": demo.award}
    if demo.unit_code:
        lookup["unit__code"] = demo.unit_code
    else:
        lookup["person__staff_code"] = demo.nominee
    return lookup


def demo_nomination(nominee: str, award: str, year: int) -> Nomination | None:
    """The demo nomination of ``nominee`` for ``award`` in ``year`` (for the council's demo)."""
    demo = next((n for n in NOMINATIONS if (n.nominee, n.award) == (nominee, award)), None)
    if demo is None:
        return None
    return Nomination.objects.filter(**key_of(demo, year)).first()


def _document(kind: str, nomination: Nomination, year: int):
    unit = nomination.proposing_unit
    letterhead = f"SỞ Y TẾ ĐỒNG NAI\n{unit.name.upper()}"
    subject = nomination.nominee_name
    titles = {
        DocumentKind.TOTRINH: (
            "TỜ TRÌNH",
            (
                f"Về việc đề nghị tặng {nomination.award_type.name} năm {year}.",
                f"{unit.name} kính trình Hội đồng Thi đua - Khen thưởng Sở Y tế xem xét, đề nghị tặng "
                f"{nomination.award_type.name} cho {subject}.",
            ),
        ),
        DocumentKind.BIENBAN: (
            "BIÊN BẢN HỌP HỘI ĐỒNG THI ĐUA - KHEN THƯỞNG",
            (
                f"Hội đồng Thi đua - Khen thưởng {unit.name} họp xét thành tích năm {year}.",
                f"Kết quả: thống nhất đề nghị {subject}, tỷ lệ đồng ý 100% thành viên có mặt.",
            ),
        ),
        DocumentKind.BAOCAO: (
            "BÁO CÁO THÀNH TÍCH",
            (f"Đề nghị tặng {nomination.award_type.name} năm {year} cho {subject}.", nomination.achievements),
        ),
    }
    title, lines = titles.get(kind, (str(DocumentKind(kind).label).upper(), (subject,)))
    return demo_pdf(
        f"{str(kind).lower()}-{nomination.pk}.pdf", title=title, lines=lines, letterhead=letterhead
    )


def _call(year: int, today: datetime.date, office) -> int:
    if NominationCall.objects.filter(year=year).exists():
        return 0
    form = NominationCallForm(
        data={
            "year": year,
            "deadline": (max(today + datetime.timedelta(days=21), datetime.date(year, 1, 31))).isoformat(),
            "note": (
                "Các đơn vị gửi hồ sơ đề nghị khen thưởng công trạng năm về Văn phòng Sở (Thường trực Hội "
                "đồng TĐKT), kèm tờ trình, biên bản họp Hội đồng TĐKT đơn vị và báo cáo thành tích."
            ),
            "remind_units_without_nominations": "on",
            "active": "on",
        }
    )
    if not form.is_valid():
        raise ValueError(form.errors.as_text())
    services.nomination_call_save(form, by=office)
    return 1


def _evaluations(year: int, today: datetime.date, office) -> int:
    """The year's evaluation of every nominee that has one in the story (the office enters them
    from the units' decisions on evaluation and classification)."""
    created = 0
    for demo in NOMINATIONS:
        if not demo.evaluated:
            continue
        lookup = {"unit__code": demo.unit_code} if demo.unit_code else {"person__staff_code": demo.nominee}
        if Evaluation.objects.filter(year=year, **lookup).exists():
            continue
        person = None if demo.unit_code else Person.objects.filter(staff_code=demo.nominee).first()
        unit = Unit.objects.filter(code=demo.unit_code).first() if demo.unit_code else None
        if person is None and unit is None:
            continue
        services.evaluation_add(
            year=year,
            level=EvaluationLevel.HTXSNV if demo.award == "GK_GD" else EvaluationLevel.HTTNV,
            source=EvaluationSource.ENTERED,
            person=person,
            unit=unit,
            decided_by="Thủ trưởng đơn vị",
            decided_on=min(datetime.date(year, 11, 30), today),
            by=office,
            change_reason="Nhập kết quả đánh giá, xếp loại năm",
        )
        created += 1
    return created


def _file(demo: DemoNomination, year: int, *, by) -> Nomination | None:
    award = AwardType.objects.get(code=demo.award)
    if demo.unit_code:
        subject = Unit.objects.select_related("parent").filter(code=demo.unit_code).first()
        if subject is None:
            return None
        home = subject.parent or subject
        data = {"unit": subject.pk}
        kind = COLLECTIVE
    else:
        subject = Person.objects.select_related("unit").filter(staff_code=demo.nominee).first()
        if subject is None:
            return None
        home = subject.unit.parent or subject.unit
        data = {"person": subject.pk}
        kind = INDIVIDUAL
    data.update(
        year=year,
        award_type=award.pk,
        achievement_kind=AchievementKind.ANNUAL,
        achievements=demo.achievements,
        proposing_unit=home.pk,
    )
    form = NominationForm(data=data, user=by, subject=kind)
    if not form.is_valid():
        raise ValueError(form.errors.as_text())
    return services.nomination_save(form, by=by)


@transaction.atomic
def demo_awards_load() -> dict[str, int]:
    """Create the year's call, evaluations and nominations when missing."""
    office = User.objects.filter(username=OFFICE_LOGIN, is_office_staff=True).first()
    if office is None:
        return {}
    today = timezone.localdate()
    year = today.year
    created = {"đợt đề nghị khen thưởng": _call(year, today, office)}
    created["kết quả đánh giá"] = _evaluations(year, today, office)
    heads = {
        user.head_of_unit.code: user
        for user in User.objects.filter(is_active=True, head_of_unit__isnull=False).select_related(
            "head_of_unit"
        )
    }
    created["đề nghị khen thưởng"] = 0
    created["tệp hồ sơ"] = 0
    for demo in NOMINATIONS:
        if Nomination.objects.filter(**key_of(demo, year)).exists():
            continue
        home_code = (demo.unit_code or demo.nominee).rsplit("-", 1)[0]
        by = heads.get(home_code, office)
        nomination = _file(demo, year, by=by)
        if nomination is None:
            continue
        created["đề nghị khen thưởng"] += 1
        kinds = DRAFT_DOCUMENTS if demo.state == D else list(nomination.award_type.required_documents or [])
        for kind in kinds:
            services.dossier_file_add(nomination, kind=kind, file=_document(kind, nomination, year), by=by)
            created["tệp hồ sơ"] += 1
        if demo.state == D:
            continue
        services.nomination_transition(nomination, to=S, by=by)
        if demo.state == R:
            services.nomination_transition(nomination, to=R, by=office, reason=demo.reason)
        elif demo.state == V:
            services.nomination_transition(nomination, to=V, by=office)
    return created
