"""Verdicts that follow the facts: a change to a fact the eligibility engine reads re-judges the
open nominations of the people and units concerned, in the same transaction; the final ones and
everybody else's stay as they were. Each verdict keeps the facts it was judged from, and a change
after submission is recorded, shown and told to the office and the unit heads."""

import datetime

import pytest
from django.core import mail
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from awards import imports
from awards.enums import EligibilityStatus, NominationStatus
from awards.models import AwardRecord, AwardRule, Evaluation, Initiative, Nomination
from awards.services import nomination_check_eligibility, nomination_transition, nominations_rejudge
from council.services import decision_correct
from notifications.models import Notification
from tests.factories import (
    PersonFactory,
    UnitFactory,
    add_required_documents,
    make_admin,
    make_office_user,
    make_staff_xlsx,
    make_unit_head,
)
from units.signals import unit_reorganised

from .builders import SIGNER, evaluate, give, give_years, nominate, revoke, unit_with_staff

pytestmark = pytest.mark.django_db

ELIGIBLE = EligibilityStatus.ELIGIBLE
NOT_ELIGIBLE = EligibilityStatus.NOT_ELIGIBLE
BK_UBND_BASIS = "Luật Thi đua, khen thưởng số 06/2022/QH15, Điều 74 khoản 1 điểm d"


@pytest.fixture
def office(db):
    return make_office_user(username="vanphong", email="vanphong@example.vn")


@pytest.fixture
def unit(db):
    return UnitFactory(name="Trung tâm Y tế khu vực Biên Hòa")


@pytest.fixture
def head(unit):
    return make_unit_head(unit, username="thutruong", email="thutruong@example.vn")


def submitted(subject, code, *, by, year=2025):
    """A nomination filed and sent through the workflow (its verdict judged on sending)."""
    nomination = nominate(subject, code, year)
    add_required_documents(nomination)
    nomination_transition(nomination, to=NominationStatus.SUBMITTED, by=by)
    nomination.refresh_from_db()
    return nomination


def judged(subject, code, year=2025, **kwargs):
    nomination = nominate(subject, code, year, **kwargs)
    nomination_check_eligibility(nomination)
    return nomination


@pytest.fixture
def twice_cstdcs(unit):
    """A person with CSTĐCS 2024 and 2025: eligible for the Bằng khen of the province (path d)."""
    person = PersonFactory(unit=unit, full_name="Phạm Thị Thu")
    records = [give(person, "CSTDCS", 2024), give(person, "CSTDCS", 2025)]
    return person, records


# ---------------------------------------------------------------------------
# Award records: revoked, corrected
# ---------------------------------------------------------------------------
def test_a_revocation_rejudges_the_open_nominations_of_the_person_only(office, head, twice_cstdcs):
    person, (cstdcs_2024, _cstdcs_2025) = twice_cstdcs
    open_nomination = submitted(person, "BK_UBND", by=head)
    final = judged(person, "LDTT", 2024, status=NominationStatus.DECIDED)
    other = PersonFactory(unit=person.unit)
    give_years(other, "CSTDCS", [2024, 2025])
    others = judged(other, "BK_UBND")
    assert open_nomination.eligibility == ELIGIBLE
    final_checked, others_checked = final.eligibility_checked_at, others.eligibility_checked_at

    revoke(cstdcs_2024, by=office)

    open_nomination.refresh_from_db()
    final.refresh_from_db()
    others.refresh_from_db()
    assert open_nomination.eligibility == NOT_ELIGIBLE
    assert "2024" in open_nomination.reasons_text[0]
    assert final.eligibility_checked_at == final_checked
    assert (others.eligibility, others.eligibility_checked_at) == (ELIGIBLE, others_checked)


def test_a_correction_that_moves_the_year_rejudges_the_nomination(office, head, twice_cstdcs):
    person, (cstdcs_2024, _cstdcs_2025) = twice_cstdcs
    nomination = submitted(person, "BK_UBND", by=head)

    decision_correct(
        [(cstdcs_2024, {"year": 2023})],
        date=datetime.date(2026, 2, 1),
        reason="Sai năm thành tích",
        by=office,
        **SIGNER,
    )

    nomination.refresh_from_db()
    assert nomination.eligibility == NOT_ELIGIBLE
    assert nomination.verdict_changes.get().cause.startswith("Đính chính khen thưởng theo Quyết định số")


# ---------------------------------------------------------------------------
# Evaluations, initiatives, imports, rules: through the admin and the import
# ---------------------------------------------------------------------------
def test_an_evaluation_entered_then_changed_in_the_admin_rejudges_the_nomination(client, office, unit):
    person = PersonFactory(unit=unit)
    nomination = judged(person, "LDTT")
    assert nomination.eligibility == NOT_ELIGIBLE  # no evaluation yet
    client.force_login(office)
    data = {"person": person.pk, "unit": "", "year": 2025, "level": "HTTNV", "source": "entered"}

    response = client.post(reverse("admin:awards_evaluation_add"), data)

    assert response.status_code == 302, response.content.decode()[:2000]
    nomination.refresh_from_db()
    assert nomination.eligibility == ELIGIBLE
    evaluation = Evaluation.objects.get(person=person)
    assert nomination.eligibility_facts["evaluations"] == [evaluation.pk]

    response = client.post(
        reverse("admin:awards_evaluation_change", args=[evaluation.pk]), {**data, "level": "HTNV"}
    )

    assert response.status_code == 302, response.content.decode()[:2000]
    nomination.refresh_from_db()
    assert nomination.eligibility == NOT_ELIGIBLE
    assert "dưới mức Hoàn thành tốt nhiệm vụ" in nomination.reasons_text[0]


def _initiative_data(person, *, author_id="", initiative_id="", delete=False):
    data = {
        "title": "Quy trình nhắc lịch tiêm chủng qua tin nhắn",
        "kind": "initiative",
        "year": 2025,
        "field": "",
        "recognised_by": "Hội đồng sáng kiến cơ sở",
        "decision_number": "12/QĐ-TTYT",
        "decision_date": "",
        "scope": "base",
        "authorships-TOTAL_FORMS": 1,
        "authorships-INITIAL_FORMS": 1 if author_id else 0,
        "authorships-MIN_NUM_FORMS": 0,
        "authorships-MAX_NUM_FORMS": 1000,
        "authorships-0-id": author_id,
        "authorships-0-initiative": initiative_id,
        "authorships-0-person": person.pk,
        "authorships-0-share": "",
    }
    if delete:
        data["authorships-0-DELETE"] = "on"
    return data


def test_an_initiative_recognised_then_withdrawn_in_the_admin_rejudges_the_author(client, unit):
    person = PersonFactory(unit=unit)
    evaluate(person, 2025, "HTTNV")
    give(person, "LDTT", 2025)
    nomination = judged(person, "CSTDCS")
    assert nomination.eligibility == NOT_ELIGIBLE  # E4: neither HTXSNV nor an initiative
    client.force_login(make_admin())  # authors are edited by the administrator

    response = client.post(reverse("admin:awards_initiative_add"), _initiative_data(person))

    assert response.status_code == 302, response.content.decode()[:2000]
    nomination.refresh_from_db()
    assert list(Initiative.objects.values_list("authorships__person_id", flat=True)) == [person.pk]
    assert nomination.eligibility == ELIGIBLE, nomination.eligibility_reasons  # E5
    item = Initiative.objects.get()
    assert nomination.eligibility_facts["initiatives"] == [item.pk]

    author = item.authorships.get()
    response = client.post(
        reverse("admin:awards_initiative_change", args=[item.pk]),
        _initiative_data(person, author_id=author.pk, initiative_id=item.pk, delete=True),
    )

    assert response.status_code == 302, response.content.decode()[:2000]
    nomination.refresh_from_db()
    assert nomination.eligibility == NOT_ELIGIBLE
    assert nomination.eligibility_facts["initiatives"] == []


def test_an_initiative_withdrawn_by_deleting_it_in_the_admin_rejudges_its_author(client, unit):
    person = PersonFactory(unit=unit)
    evaluate(person, 2025, "HTTNV")
    give(person, "LDTT", 2025)
    client.force_login(make_admin())
    client.post(reverse("admin:awards_initiative_add"), _initiative_data(person))
    item = Initiative.objects.get()
    nomination = judged(person, "CSTDCS")
    assert nomination.eligibility == ELIGIBLE  # E5: the initiative counts

    response = client.post(reverse("admin:awards_initiative_delete", args=[item.pk]), {"post": "yes"})

    assert response.status_code == 302, response.content.decode()[:2000]
    assert not Initiative.objects.exists()
    nomination.refresh_from_db()
    assert nomination.eligibility == NOT_ELIGIBLE
    assert nomination.verdict_changes.get().cause.startswith("Xóa")


def test_evaluations_deleted_from_the_admin_list_rejudge_their_nominations(client, unit):
    people = [PersonFactory(unit=unit), PersonFactory(unit=unit)]
    evaluations = [evaluate(person, 2025, "HTTNV") for person in people]
    nominations = [judged(person, "LDTT") for person in people]
    assert [n.eligibility for n in nominations] == [ELIGIBLE, ELIGIBLE]
    client.force_login(make_admin())

    response = client.post(
        reverse("admin:awards_evaluation_changelist"),
        {"action": "delete_selected", "_selected_action": [e.pk for e in evaluations], "post": "yes"},
    )

    assert response.status_code == 302, response.content.decode()[:2000]
    assert not Evaluation.objects.exists()
    for nomination in nominations:
        nomination.refresh_from_db()
        assert nomination.eligibility == NOT_ELIGIBLE
        assert nomination.eligibility_facts["evaluations"] == []


def test_an_imported_history_rejudges_the_people_imported(office, unit):
    person = PersonFactory(unit=unit, staff_code="YT-777")
    nomination = judged(person, "BK_UBND")
    bystander = judged(PersonFactory(unit=unit), "BK_UBND")
    bystander_checked = bystander.eligibility_checked_at
    assert nomination.eligibility == NOT_ELIGIBLE
    content = make_staff_xlsx(
        [
            ["YT-777", "", 2024, "Chiến sĩ thi đua cơ sở"],
            ["YT-777", "", 2025, "Chiến sĩ thi đua cơ sở"],
        ],
        headers=["Mã cán bộ", "Mã đơn vị (tập thể)", "Năm thành tích", "Danh hiệu / hình thức"],
        sheet="Khen thưởng",
    )

    imports.apply("records", imports.parse("records", content), by=office)

    nomination.refresh_from_db()
    bystander.refresh_from_db()
    assert nomination.eligibility == ELIGIBLE
    assert sorted(nomination.eligibility_facts["records"]) == sorted(
        AwardRecord.objects.filter(person=person).values_list("pk", flat=True)
    )
    assert bystander.eligibility_checked_at == bystander_checked


def _admin_post_data(response) -> dict:
    """The values an admin change page shows, as its form would post them back."""
    data = {}

    def put(form, name):
        value = form[name].value()
        key = form.add_prefix(name)
        if value is None or value is False:
            return
        if value is True:
            data[key] = "on"
        elif isinstance(value, list | tuple):
            data[key] = [str(v) for v in value]
        else:
            data[key] = str(value)

    admin_form = response.context["adminform"].form
    for name in admin_form.fields:
        put(admin_form, name)
    for inline in response.context["inline_admin_formsets"]:
        formset = inline.formset
        management = formset.management_form
        for name in management.fields:
            data[management.add_prefix(name)] = str(management[name].value())
        for form in formset.forms:
            for name in form.fields:
                put(form, name)
    return data


def test_a_rule_edited_in_the_admin_rejudges_the_open_nominations_it_judges(client, office, unit):
    person = PersonFactory(unit=unit)
    evaluate(person, 2025, "HTTNV")
    nomination = judged(person, "LDTT")
    decided = judged(PersonFactory(unit=unit), "LDTT", status=NominationStatus.DECIDED)
    decided_checked = decided.eligibility_checked_at
    assert nomination.eligibility == ELIGIBLE
    rule = AwardRule.objects.get(rule_set=nomination.rule_set, award_type__code="LDTT")
    url = reverse("admin:awards_awardrule_change", args=[rule.pk])
    client.force_login(office)
    data = _admin_post_data(client.get(url))
    data["min_evaluation"] = "HTXSNV"

    response = client.post(url, data)

    assert response.status_code == 302, response.content.decode()[:3000]
    nomination.refresh_from_db()
    decided.refresh_from_db()
    assert nomination.eligibility == NOT_ELIGIBLE
    assert nomination.eligibility_facts["rule"] != ""
    assert decided.eligibility_checked_at == decided_checked


# ---------------------------------------------------------------------------
# A reorganisation (units.signals.unit_reorganised)
# ---------------------------------------------------------------------------
def test_a_reorganisation_rejudges_the_nominations_of_the_units_it_touched(office):
    centre, staff = unit_with_staff(20, name="Khoa Dược")
    evaluate(centre, 2025, "HTTNV")
    for person in staff[:11]:
        give(person, "LDTT", 2025)
    nomination = judged(centre, "TTLDTT")
    assert nomination.eligibility == ELIGIBLE  # E13: 11 of 20
    elsewhere, _staff = unit_with_staff(3, name="Khoa Nhi")
    untouched = judged(elsewhere, "TTLDTT")
    untouched_checked = untouched.eligibility_checked_at
    successor = UnitFactory(name="Khoa Dược – Vật tư")
    type(staff[0]).objects.filter(pk__in=[staff[0].pk, staff[1].pk]).update(unit=successor)

    unit_reorganised.send(
        sender=None, unit_ids=[centre.pk, successor.pk], effective=datetime.date(2025, 7, 1)
    )

    nomination.refresh_from_db()
    untouched.refresh_from_db()
    assert nomination.eligibility == NOT_ELIGIBLE  # 9 of 18: exactly half
    assert nomination.verdict_changes.get().cause == "Tổ chức lại đơn vị (hiệu lực 01/07/2025)"
    assert untouched.eligibility_checked_at == untouched_checked


def test_the_reorganisation_receiver_is_a_named_function_connected_once():
    from awards.services import rejudge_after_reorganisation

    receivers = [entry[1]() for entry in unit_reorganised.receivers]  # (key, weak reference, ...)

    assert receivers.count(rejudge_after_reorganisation) == 1


# ---------------------------------------------------------------------------
# What a verdict records; the history; the page
# ---------------------------------------------------------------------------
@pytest.mark.parametrize("id_filter_limit", [500, 0], ids=["by ids", "whole window"])
def test_a_verdict_records_when_and_from_which_facts(monkeypatch, head, twice_cstdcs, id_filter_limit):
    monkeypatch.setattr("awards.eligibility.facts.ID_FILTER_LIMIT", id_filter_limit)
    person, records = twice_cstdcs
    give(PersonFactory(), "CSTDCS", 2024)  # somebody else's: never among the facts

    nomination = submitted(person, "BK_UBND", by=head)

    facts = nomination.eligibility_facts
    assert nomination.eligibility_checked_at is not None
    assert facts["records"] == sorted(r.pk for r in records)
    assert facts["rule_set"] == nomination.rule_set_id
    assert len(facts["rule"]) == 16 and len(facts["fingerprint"]) == 64


def test_a_system_rejudgement_is_in_the_history_as_done_by_the_system(office, head, twice_cstdcs):
    person, (cstdcs_2024, _) = twice_cstdcs
    nomination = submitted(person, "BK_UBND", by=head)

    revoke(cstdcs_2024, by=office)

    latest = nomination.history.order_by("-history_date", "-history_id").first()
    assert latest.history_user is None
    assert latest.history_change_reason.startswith("Hệ thống kiểm tra lại điều kiện: Thu hồi khen thưởng")
    assert latest.eligibility == NOT_ELIGIBLE


def test_the_nomination_page_shows_the_old_and_new_verdict_and_the_reason(client, office, head, twice_cstdcs):
    person, (cstdcs_2024, _) = twice_cstdcs
    nomination = submitted(person, "BK_UBND", by=head)
    revoke(cstdcs_2024, by=office)
    client.force_login(head)

    page = client.get(nomination.get_absolute_url()).content.decode()

    section = page[page.index('id="verdict-changes"') :]
    assert "Đủ điều kiện" in section and "Không đủ điều kiện" in section
    assert "Thu hồi khen thưởng theo Quyết định số" in section
    assert BK_UBND_BASIS in section
    assert "sau khi gửi" in section
    history = page[page.index('id="history"') :]
    assert ", Hệ thống kiểm tra lại điều kiện: Thu hồi khen thưởng" in history
    assert "Kết quả kiểm tra điều kiện: Đủ điều kiện → Không đủ điều kiện — " in history
    assert "Hệ thống: Hệ thống" not in history


# ---------------------------------------------------------------------------
# Notifications
# ---------------------------------------------------------------------------
def test_a_verdict_changed_after_submission_tells_the_office_and_the_unit_head_once_each(
    office, head, twice_cstdcs, django_capture_on_commit_callbacks
):
    person, (cstdcs_2024, _) = twice_cstdcs
    nomination = submitted(person, "BK_UBND", by=head)
    mail.outbox.clear()
    Notification.objects.all().delete()

    with django_capture_on_commit_callbacks(execute=True):
        revoke(cstdcs_2024, by=office)

    told = Notification.objects.filter(kind="verdict_changed")
    assert sorted(told.values_list("recipient__username", flat=True)) == ["thutruong", "vanphong"]
    assert all(n.url.endswith(f"/{nomination.pk}/#verdict-changes") for n in told)
    sent = [m for m in mail.outbox if "Kết quả kiểm tra điều kiện thay đổi" in m.subject]
    assert sorted(address for m in sent for address in m.to) == [
        "thutruong@example.vn",
        "vanphong@example.vn",
    ]
    assert "Đủ điều kiện → Không đủ điều kiện" in sent[0].subject
    assert BK_UBND_BASIS in sent[0].body


def test_the_verdict_change_mail_says_the_cause_the_reasons_with_their_basis_and_links_the_nomination(
    office, head, twice_cstdcs, django_capture_on_commit_callbacks
):
    person, (cstdcs_2024, _) = twice_cstdcs
    nomination = submitted(person, "BK_UBND", by=head)
    mail.outbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        revoke(cstdcs_2024, by=office)

    message = next(m for m in mail.outbox if m.to == ["thutruong@example.vn"])
    html = message.alternatives[0][0]
    link = f"/{nomination.pk}/#verdict-changes"
    assert person.full_name in message.subject
    for body in (message.body, html):
        assert "Nguyên nhân: Thu hồi khen thưởng theo Quyết định số" in body
        assert f"(căn cứ: {BK_UBND_BASIS})" in body
        assert link in body
        assert "sẽ bị từ chối khi đề nghị không còn đủ điều kiện" in body
    assert "Kính gửi" in message.body and "<a href=" in html


def test_a_draft_whose_verdict_changes_tells_nobody(
    office, head, twice_cstdcs, django_capture_on_commit_callbacks
):
    person, (cstdcs_2024, _) = twice_cstdcs
    nomination = judged(person, "BK_UBND")

    with django_capture_on_commit_callbacks(execute=True):
        revoke(cstdcs_2024, by=office)

    change = nomination.verdict_changes.get()
    assert (change.old_eligibility, change.new_eligibility, change.after_submission) == (
        ELIGIBLE,
        NOT_ELIGIBLE,
        False,
    )
    assert not Notification.objects.filter(kind="verdict_changed").exists()


# ---------------------------------------------------------------------------
# Reasons cite the law
# ---------------------------------------------------------------------------
def test_each_reason_cites_the_legal_basis_of_its_rule(unit):
    person = PersonFactory(unit=unit)
    evaluate(person, 2025, "HTNV")

    nomination = judged(person, "LDTT")

    assert (
        nomination.eligibility_reasons[0]["basis"]
        == "Luật Thi đua, khen thưởng số 06/2022/QH15, Điều 24 khoản 1"
    )


def test_the_quota_reason_cites_the_legal_basis_of_the_quota(unit):
    holders = PersonFactory.create_batch(7, unit=unit)
    for person in holders:
        evaluate(person, 2025, "HTXSNV")
        give(person, "LDTT", 2025)
    nominations = [judged(person, "CSTDCS") for person in holders]  # 15 % of 7 → 1 (at least 1)

    last = Nomination.objects.get(pk=nominations[-1].pk)

    quota = next(r for r in last.eligibility_reasons if r["code"] == "quota_exceeded")
    assert quota["basis"].startswith("Thông tư 07/2014/TT-BNV, Điều 5")
    assert "chưa xác nhận" in quota["basis"]


def test_the_council_result_cites_the_voting_rule_it_applied():
    from council.services import rule_text

    rule = AwardRule.objects.get(rule_set__name__startswith="Mặc định", award_type__code="CSTD_TINH")

    text = rule_text(rule)

    assert text.startswith("Bỏ phiếu kín; có mặt ≥ 2/3 thành viên; đồng ý ≥ 9/10 tổng số thành viên hội đồng")
    assert "căn cứ: Nghị định 91/2017/NĐ-CP, Điều 45 khoản 8" in text


# ---------------------------------------------------------------------------
# Speed: the number of queries does not grow with the number of nominations
# ---------------------------------------------------------------------------
def _people_to_rejudge(count, unit):
    """``count`` people, each with an eligible Bằng khen nomination whose CSTĐCS 2024 is then
    revoked without a trigger (an update), so that every verdict changes on re-judging."""
    people = []
    for _ in range(count):
        person = PersonFactory(unit=unit)
        give_years(person, "CSTDCS", [2024, 2025])
        nomination = judged(person, "BK_UBND", status=NominationStatus.SUBMITTED)
        assert nomination.eligibility == ELIGIBLE
        people.append(person)
    AwardRecord.objects.filter(person__in=people, year=2024).update(revoked=True, revoking_decision="x")
    return people


def _rejudge_queries(people):
    with CaptureQueriesContext(connection) as ctx:
        changes = nominations_rejudge(person_ids=[p.pk for p in people], years=[2024], cause="thử")
    assert len(changes) == len(people)
    return len(ctx.captured_queries)


@pytest.mark.parametrize("id_filter_limit", [500, 0], ids=["by ids", "whole window"])
def test_rejudging_1_or_20_nominations_takes_the_same_number_of_queries(monkeypatch, id_filter_limit):
    monkeypatch.setattr("awards.eligibility.facts.ID_FILTER_LIMIT", id_filter_limit)
    one = _rejudge_queries(_people_to_rejudge(1, UnitFactory()))
    twenty = _rejudge_queries(_people_to_rejudge(20, UnitFactory()))

    assert one == twenty


# ---------------------------------------------------------------------------
# Nominations that read other people's facts: collectives, quotas
# ---------------------------------------------------------------------------
def test_a_members_revoked_title_rejudges_the_collective_above(office):
    department, staff = unit_with_staff(20, name="Khoa Hồi sức tích cực")
    evaluate(department, 2025, "HTTNV")
    records = [give(person, "LDTT", 2025) for person in staff[:11]]
    nomination = judged(department, "TTLDTT")
    assert nomination.eligibility == ELIGIBLE  # E13: 11 of 20

    revoke(records[0], by=office)

    nomination.refresh_from_db()
    assert nomination.eligibility == NOT_ELIGIBLE  # 10 of 20: not more than half
    assert "10/20" in nomination.reasons_text[0]


def test_a_revoked_base_title_rejudges_the_nominations_competing_for_the_quota(office, unit):
    holders = PersonFactory.create_batch(14, unit=unit)
    records = []
    for person in holders:
        evaluate(person, 2025, "HTXSNV")
        records.append(give(person, "LDTT", 2025))
    judged(holders[0], "CSTDCS")
    second = judged(holders[1], "CSTDCS")
    assert second.eligibility == ELIGIBLE  # 15 % of 14 LĐTT: 2 allowed

    revoke(records[-1], by=office)  # a colleague who is not nominated

    second.refresh_from_db()
    assert second.eligibility == EligibilityStatus.FLAGGED  # 15 % of 13: 1 allowed
    quota = next(r for r in second.eligibility_reasons if r["code"] == "quota_exceeded")
    assert quota["basis"].startswith("Thông tư 07/2014/TT-BNV")
