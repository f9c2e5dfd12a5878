"""The demo year of the campaigns app: this year's campaign and its registrations in every state.

``demo_year_campaigns_load()`` launches the department's thematic campaign of the current year
(launched by the office through ``campaign_transition``, then under way), opens its registration
round, and has the units register through ``campaigns.services``, as the demo logins of
``units.demo.LOGINS``: the two demo unit heads for their own units, the office on behalf of the
units without a login. Every registration state is there: drafts, sent and waiting for the
office, accepted, and returned with the office's reason (Bệnh viện Đa khoa Đồng Nai's, so its
head has it to correct).

Idempotent: the campaign is keyed on its name, the round on (name, year), a registration on
(round, unit); what exists is left as it is.
"""

from __future__ import annotations

import datetime

from django.db import transaction
from django.utils import timezone

from catalog.models import AwardType
from units.models import Person, Unit, User

from . import services
from .enums import CampaignKind, CampaignStatus, LatePolicy, RegistrationStatus
from .models import Campaign, Registration, RegistrationRound

OFFICE_LOGIN = "vanphong"
D, S, A, R = (
    RegistrationStatus.DRAFT,
    RegistrationStatus.SUBMITTED,
    RegistrationStatus.ACCEPTED,
    RegistrationStatus.RETURNED,
)


def campaign_name(year: int) -> str:
    return (
        "Ngành y tế tỉnh Đồng Nai thi đua đẩy mạnh chuyển đổi số, nâng cao chất lượng khám bệnh, "
        f"chữa bệnh và sự hài lòng của người bệnh năm {year}"
    )


def round_name(year: int) -> str:
    return f"Đăng ký hưởng ứng phong trào thi đua chuyển đổi số năm {year}"


PURPOSE = (
    "Phát huy tinh thần chủ động, sáng tạo của công chức, viên chức, người lao động trong ngành; đẩy "
    "mạnh ứng dụng công nghệ thông tin, bệnh án điện tử, thanh toán không dùng tiền mặt; nâng cao chất "
    "lượng khám bệnh, chữa bệnh, hướng tới sự hài lòng của người bệnh.\n"
    "Phong trào thi đua phải thiết thực, hiệu quả, gắn với nhiệm vụ chính trị của từng cơ quan, đơn vị; "
    "kịp thời phát hiện, biểu dương, nhân rộng các điển hình tiên tiến."
)

# (unit code, state, commitments). Units with a demo head register themselves; the office
# enters the others' registrations on their behalf (as it does with the paper ones it receives).
REGISTRATIONS = [
    (
        "BVDK-DN",
        R,
        "Triển khai bệnh án điện tử tại 100% khoa lâm sàng; tỷ lệ hài lòng của người bệnh nội trú đạt "
        "từ 95% trở lên.",
    ),
    (
        "TTYT-BH",
        D,
        "Đạt 95% trẻ em dưới 1 tuổi được tiêm chủng đầy đủ; 100% trạm y tế phường, xã kết nối hồ sơ "
        "sức khỏe điện tử.",
    ),
    (
        "BVDK-TN",
        S,
        "Giảm thời gian chờ khám bình quân xuống dưới 60 phút; 100% viện phí thanh toán không dùng tiền mặt.",
    ),
    ("BVND-DN", S, "Giảm tỷ lệ tử vong sơ sinh tại bệnh viện; triển khai hẹn khám trực tuyến."),
    (
        "CDC-DN",
        S,
        "Giám sát, khống chế kịp thời các ổ dịch sốt xuất huyết, tay chân miệng trên địa bàn tỉnh.",
    ),
    ("BV-YDCT", A, "Phát triển dịch vụ y học cổ truyền kết hợp y học hiện đại; 100% đơn thuốc điện tử."),
    ("TTYT-LK", A, "Hoàn thành 100% chỉ tiêu khám sức khỏe định kỳ cho người cao tuổi trên địa bàn."),
    ("P-NVY", A, "Tham mưu kịp thời các văn bản chuyên môn; thẩm định danh mục kỹ thuật đúng hạn."),
    ("TTYT-VC", D, "Nâng cao chất lượng khám bệnh tại các trạm y tế xã."),
]
RETURN_REASON = (
    "Đề nghị bổ sung danh sách tập thể Khoa Hồi sức tích cực - Chống độc và ghi rõ chỉ tiêu phấn đấu "
    "của từng khoa."
)
INDIVIDUALS_PER_UNIT = 3


def _lines(registration: Registration, awards: dict[str, AwardType]):
    """A few staff of the unit aiming at Lao động tiên tiến (the leader at Chiến sĩ thi đua cơ sở),
    and the unit itself at Tập thể lao động tiên tiến."""
    people = list(
        Person.objects.active().filter(unit=registration.unit).order_by("staff_code")[:INDIVIDUALS_PER_UNIT]
    )
    individuals = [
        services.IndividualLine(person=person, award_type=awards["CSTDCS" if i == 0 else "LDTT"])
        for i, person in enumerate(people)
    ]
    collectives = [services.CollectiveLine(unit=registration.unit, award_type=awards["TTLDTT"])]
    return individuals, collectives


@transaction.atomic
def demo_year_campaigns_load() -> dict[str, int]:
    """Create this year's demo campaign, round and registrations when missing."""
    office = User.objects.filter(username=OFFICE_LOGIN, is_office_staff=True).first()
    if office is None:
        return {}
    today = timezone.localdate()
    year = today.year
    created = {"phong trào năm nay": 0, "đợt đăng ký": 0, "bản đăng ký": 0}

    campaign = Campaign.objects.filter(name=campaign_name(year)).first()
    if campaign is None:
        start = datetime.date(year, 1, 1)
        campaign = Campaign(
            name=campaign_name(year),
            kind=CampaignKind.THEMATIC,
            purpose=PURPOSE,
            document_number="28/KH-SYT",
            document_date=min(datetime.date(year, 2, 10), today),
            document_issuer="Sở Y tế tỉnh Đồng Nai",
            start_date=start,
            end_date=datetime.date(year, 12, 31),
            review_date=datetime.date(year, 12, 20),
            collective_subjects="Các phòng chức năng, chi cục và các đơn vị sự nghiệp trực thuộc Sở Y tế.",
            individual_subjects=(
                "Công chức, viên chức, người lao động các cơ quan, đơn vị trực thuộc Sở Y tế."
            ),
            created_by=office,
            **services.campaign_defaults(),
        )
        campaign.full_clean()
        campaign._history_user = office
        campaign.save()
        services.campaign_transition(campaign, to=CampaignStatus.LAUNCHED, by=office)
        services.campaign_transition(campaign, to=CampaignStatus.UNDER_WAY, by=office)
        created["phong trào năm nay"] += 1

    round_ = RegistrationRound.objects.filter(name=round_name(year), year=year).first()
    if round_ is None:
        round_ = RegistrationRound(
            name=round_name(year),
            year=year,
            campaign=campaign,
            opens_on=min(datetime.date(year, 2, 10), today),
            deadline=max(today + datetime.timedelta(days=15), datetime.date(year, 3, 31)),
            late_policy=LatePolicy.ACCEPT_MARK_LATE,
            note=(
                "Các đơn vị đăng ký hưởng ứng phong trào, ghi rõ cam kết, chỉ tiêu phấn đấu; đăng ký danh "
                "hiệu cho tập thể và cá nhân."
            ),
        )
        round_.full_clean()
        round_._history_user = office
        round_.save()
        created["đợt đăng ký"] += 1

    awards = {a.code: a for a in AwardType.objects.filter(code__in=["LDTT", "CSTDCS", "TTLDTT"])}
    units = {u.code: u for u in Unit.objects.filter(code__in=[code for code, _s, _c in REGISTRATIONS])}
    heads = {
        u.head_of_unit_id: u for u in User.objects.filter(is_active=True, head_of_unit__in=units.values())
    }
    taken = set(Registration.objects.filter(round=round_).values_list("unit__code", flat=True))
    for code, state, commitments in REGISTRATIONS:
        unit = units.get(code)
        if unit is None or code in taken:
            continue
        by = heads.get(unit.pk, office)
        registration, _new = services.registration_open(round_, unit, by=by)
        individuals, collectives = _lines(registration, awards)
        services.registration_save(
            registration,
            commitments=commitments,
            individual_lines=individuals,
            collective_lines=collectives,
            by=by,
        )
        if state != D:
            services.registration_transition(registration, to=S, by=by)
        if state == A:
            services.registration_transition(registration, to=A, by=office)
        elif state == R:
            services.registration_transition(registration, to=R, by=office, reason=RETURN_REASON)
        created["bản đăng ký"] += 1
    return created
