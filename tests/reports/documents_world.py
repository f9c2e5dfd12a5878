"""Every kind of official document the application prints, built from the demo department and a
closed council session: the two demo plans (Đồng Nai 2021, Hà Nam 2022 with its two-valued key
targets), the demo campaign, a consolidated registration, the minutes, a decision, the proposal
pack (tờ trình and minutes), the disclosure notice and a half-year summary report."""

from __future__ import annotations

import datetime

from django.utils import timezone

from reports.documents import OfficialDocument

NAMES = (
    "Nguyễn Thị Hồng Nhung",
    "Trần Văn Đức",
    "Lê Thị Ánh Tuyết",
    "Phạm Quốc Việt",
)


def build_documents() -> dict[str, list[OfficialDocument]]:
    from awards.models import Nomination
    from campaigns.demo import demo_campaigns_load
    from campaigns.models import Campaign, Registration
    from campaigns.selectors import consolidated_lines
    from council.enums import Choice
    from council.services import (
        ballot_cast,
        decision_issue,
        proposal_create,
        session_close,
        session_open_voting,
    )
    from plans.demo import DONG_NAI_2021, HA_NAM_2022, demo_plan_import
    from reports import services as report_services
    from reports.awards_documents import disclosure_document
    from reports.campaign_documents import campaign_document, consolidated_document
    from reports.council_documents import decision_document, minutes_document, proposal_pack_documents
    from reports.plan_document import plan_document
    from reports.summary import summary_document
    from tests.factories import (
        DisclosurePeriodFactory,
        PersonFactory,
        RegistrationFactory,
        RegistrationRoundFactory,
        add_collective_line,
        add_individual_line,
        make_council_session,
        make_verified_nomination,
    )
    from units.demo import demo_load
    from units.models import Unit, User

    demo_load(year=2025)
    office = User.objects.get(username="vanphong")
    lead = Unit.objects.get(code="VP-SYT")
    dong_nai = demo_plan_import(DONG_NAI_2021, by=office, lead_unit_default=lead)
    ha_nam = demo_plan_import(HA_NAM_2022, by=office, lead_unit_default=lead)
    demo_campaigns_load(year=2025)
    campaign = Campaign.objects.order_by("pk").first()

    hospital = Unit.objects.active().top_level().order_by("order", "pk").first()
    round_ = RegistrationRoundFactory(year=2025)
    registration = RegistrationFactory(round=round_, unit=hospital, submitted=True)
    add_collective_line(registration)
    for name in NAMES:
        add_individual_line(registration, PersonFactory(full_name=name, unit=hospital, position="Bác sĩ"))
    collectives, individuals = consolidated_lines(Registration.objects.filter(round=round_))

    nominations = [
        make_verified_nomination(
            "LDTT" if k % 2 else "CSTDCS",
            person=PersonFactory(full_name=name, unit=hospital, position="Điều dưỡng trưởng"),
            year=2025,
            achievements="Hoàn thành xuất sắc nhiệm vụ được giao; có sáng kiến cải tiến quy trình "
            "tiếp đón người bệnh được Hội đồng sáng kiến cơ sở công nhận.",
        )
        for k, name in enumerate(NAMES)
    ]
    higher = [  # beyond the director's power: the proposal to the province
        make_verified_nomination(
            "BK_UBND",
            person=PersonFactory(full_name=name, unit=hospital, position="Bác sĩ"),
            year=2025,
            achievements="Chủ trì kỹ thuật can thiệp mạch vành cấp cứu.",
        )
        for name in ("Đặng Thu Hằng", "Võ Minh Khoa")
    ]
    starts = timezone.now() - datetime.timedelta(hours=2)
    council = make_council_session(
        5, office=office, starts_at=starts, nominations=nominations + higher, year=2025
    )
    session_open_voting(council.session, by=office)
    for nomination in nominations + higher:
        for member in council.members:
            ballot_cast(council.session, nomination=nomination, member=member, choice=Choice.AGREE)
    session_close(council.session, by=office)
    council.session.refresh_from_db()
    approved = list(Nomination.objects.filter(pk__in=[n.pk for n in nominations]))
    decision = decision_issue(
        approved,
        date=datetime.date(2026, 1, 15),
        signer_prefix="KT. GIÁM ĐỐC",
        signer_position="PHÓ GIÁM ĐỐC",
        signer_name="Lê Quang Trung",
        by=office,
    )
    pack = proposal_create(
        authority="province_chair",
        year=2025,
        nominations=higher,
        session=council.session,
        signer_name="Phan Huy Anh Vũ",
        signer_position="GIÁM ĐỐC",
        by=office,
    )
    period = DisclosurePeriodFactory(
        year=2025, opens=datetime.date(2026, 1, 5), closes=datetime.date(2026, 1, 14), note=""
    )
    report = report_services.summary_report_create(
        year=2025, kind="half_year", by=office, today=datetime.date(2025, 7, 5)
    )
    report_services.summary_report_update(
        report,
        by=office,
        fields={
            "general_situation": "Sáu tháng đầu năm, ngành y tế tỉnh triển khai nhiều nhiệm vụ trọng tâm.",
            "next_tasks": "Tổ chức sơ kết, đánh giá các phong trào thi đua.",
        },
    )
    report_services.summary_report_issue(report, by=office, issue_date=datetime.date(2025, 7, 10))
    report.refresh_from_db()
    return {
        "plan_dong_nai": [plan_document(dong_nai)],
        "plan_ha_nam": [plan_document(ha_nam)],
        "campaign": [campaign_document(campaign)],
        "consolidated": [consolidated_document(round_, collectives, individuals)],
        "minutes": [minutes_document(council.session)],
        "decision": [decision_document(decision)],
        "proposal": proposal_pack_documents(pack),
        "disclosure": [disclosure_document(period)],
        "summary": [summary_document(report)],
    }
