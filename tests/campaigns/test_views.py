import datetime
import types

import pytest
from django.core.cache import cache
from django.urls import reverse

from campaigns.enums import CampaignStatus, RegistrationStatus
from campaigns.models import Campaign, Registration
from tests.factories import (
    CampaignFactory,
    PersonFactory,
    RegistrationFactory,
    RegistrationRoundFactory,
    UnitFactory,
    add_collective_line,
    add_individual_line,
    award,
    make_council_member,
    make_office_user,
    make_unit_head,
)

pytestmark = pytest.mark.django_db


def _lines_post(reg, *, individuals=(), collectives=(), commitments="", version=None, extra=None):
    data = {
        "commitments": commitments,
        "seen_updated_at": version if version is not None else reg.updated_at.isoformat(),
        "ind-TOTAL_FORMS": str(len(individuals)),
        "ind-INITIAL_FORMS": "0",
        "col-TOTAL_FORMS": str(len(collectives)),
        "col-INITIAL_FORMS": "0",
    }
    for i, (person, code) in enumerate(individuals):
        data[f"ind-{i}-person"] = str(person.pk)
        data[f"ind-{i}-award_type"] = str(award(code).pk)
    for i, (unit, code) in enumerate(collectives):
        data[f"col-{i}-unit"] = str(unit.pk)
        data[f"col-{i}-award_type"] = str(award(code).pk)
    data.update(extra or {})
    return data


# ---------------------------------------------------------------------------
# The registration cycle through the pages
# ---------------------------------------------------------------------------
def test_registration_cycle_through_the_pages(client):
    head = make_unit_head()
    office = make_office_user()
    staff = PersonFactory(unit=head.head_of_unit, full_name="Nguyễn Thị Lan")
    round_ = RegistrationRoundFactory()
    client.force_login(head)

    response = client.post(reverse("campaigns:registration-start", args=[round_.pk]))
    reg = Registration.objects.get(round=round_, unit=head.head_of_unit)
    assert response.url == reverse("campaigns:registration-edit", args=[reg.pk])
    response = client.post(
        response.url,
        _lines_post(
            reg,
            individuals=[(staff, "LDTT")],
            collectives=[(head.head_of_unit, "TTLDXS")],
            commitments="Phấn đấu 100% hoàn thành nhiệm vụ.",
            extra={"save_submit": "1"},
        ),
    )
    reg.refresh_from_db()
    assert reg.status == RegistrationStatus.SUBMITTED

    client.force_login(office)
    client.post(
        reverse("campaigns:registration-transition", args=[reg.pk]),
        {"to": "returned", "reason": "Đề nghị bổ sung danh sách khoa."},
    )
    client.force_login(head)
    detail = client.get(reverse("campaigns:registration-detail", args=[reg.pk])).content.decode()
    assert "Đề nghị bổ sung danh sách khoa." in detail
    client.post(reverse("campaigns:registration-transition", args=[reg.pk]), {"to": "submitted"})
    client.force_login(office)
    client.post(reverse("campaigns:registration-transition", args=[reg.pk]), {"to": "accepted"})

    reg.refresh_from_db()
    assert reg.status == RegistrationStatus.ACCEPTED
    assert [e.to_status for e in reg.events.all()] == ["submitted", "returned", "submitted", "accepted"]
    assert reg.commitments == "Phấn đấu 100% hoàn thành nhiệm vụ."


def test_get_on_a_transition_changes_nothing(client):
    reg = RegistrationFactory(submitted=True)
    client.force_login(make_office_user())

    response = client.get(reverse("campaigns:registration-transition", args=[reg.pk]) + "?to=accepted")

    reg.refresh_from_db()
    assert response.status_code == 405
    assert reg.status == RegistrationStatus.SUBMITTED


def test_a_repeated_accept_says_already_done(client):
    reg = RegistrationFactory(submitted=True)
    add_individual_line(reg)
    client.force_login(make_office_user())
    url = reverse("campaigns:registration-transition", args=[reg.pk])
    client.post(url, {"to": "accepted"})

    response = client.post(url, {"to": "accepted"}, follow=True)

    assert "đã được thực hiện trước đó" in response.content.decode()
    assert reg.events.count() == 1


def test_the_wrong_role_changes_nothing(client):
    reg = RegistrationFactory(submitted=True)
    client.force_login(make_unit_head(reg.unit))

    response = client.post(
        reverse("campaigns:registration-transition", args=[reg.pk]), {"to": "accepted"}, follow=True
    )

    reg.refresh_from_db()
    assert reg.status == RegistrationStatus.SUBMITTED
    assert "Chỉ Thường trực TĐKT" in response.content.decode()


# ---------------------------------------------------------------------------
# Scope: another unit's registration is a 404
# ---------------------------------------------------------------------------
@pytest.mark.parametrize("name", ["registration-detail", "registration-edit"])
def test_a_unit_head_trying_another_units_registration_by_url_gets_404(client, name):
    other = RegistrationFactory()
    add_individual_line(other, PersonFactory(unit=other.unit, full_name="Trần Văn Bí Mật"))
    head = make_unit_head()
    client.force_login(head)

    response = client.get(reverse(f"campaigns:{name}", args=[other.pk]))
    listing = client.get(reverse("campaigns:registration-list")).content.decode()

    assert response.status_code == 404
    assert other.unit.name not in listing
    assert "Trần Văn Bí Mật" not in listing


def test_a_unit_head_cannot_post_lines_into_another_units_registration(client):
    other = RegistrationFactory()
    head = make_unit_head()
    client.force_login(head)

    response = client.post(
        reverse("campaigns:registration-edit", args=[other.pk]),
        _lines_post(other, individuals=[(PersonFactory(unit=head.head_of_unit), "LDTT")]),
    )

    assert response.status_code == 404
    assert other.individual_lines.count() == 0


# ---------------------------------------------------------------------------
# Bad input: a Vietnamese message at the field, what was typed kept
# ---------------------------------------------------------------------------
def _edit(client, reg, **kwargs):
    client.force_login(make_unit_head(reg.unit))
    return client.post(reverse("campaigns:registration-edit", args=[reg.pk]), _lines_post(reg, **kwargs))


def test_a_person_of_another_unit_is_refused_as_not_found_without_naming_them(client):
    reg = RegistrationFactory()
    outsider = PersonFactory(full_name="Lê Văn Khác", unit=UnitFactory(name="Bệnh viện Phổi"))
    missing = types.SimpleNamespace(pk=10**9)

    response = _edit(client, reg, individuals=[(outsider, "LDTT")], commitments="Giữ nguyên nội dung này")
    other = _edit(client, reg, individuals=[(missing, "LDTT")], commitments="Giữ nguyên nội dung này")

    body = response.content.decode()
    assert response.status_code == 200
    assert "Không tìm thấy cán bộ này." in body
    assert "Lê Văn Khác" not in body and "Bệnh viện Phổi" not in body
    assert response.context["individuals"].errors == other.context["individuals"].errors
    assert "Giữ nguyên nội dung này" in body
    assert reg.individual_lines.count() == 0


def test_a_unit_outside_the_registering_unit_is_refused_as_not_found(client):
    reg = RegistrationFactory()
    stranger = UnitFactory(name="Bệnh viện Phổi")

    body = _edit(client, reg, collectives=[(stranger, "TTLDTT")]).content.decode()

    assert "Không tìm thấy đơn vị này." in body and "Bệnh viện Phổi" not in body


def test_an_inactive_person_is_refused_at_the_field(client):
    reg = RegistrationFactory()
    gone = PersonFactory(unit=reg.unit, inactive=True, full_name="Phạm Thị Nghỉ")

    body = _edit(client, reg, individuals=[(gone, "LDTT")]).content.decode()

    assert "Phạm Thị Nghỉ đã nghỉ công tác, không thể đăng ký." in body


def test_a_collective_title_for_a_person_is_refused_at_the_field(client):
    reg = RegistrationFactory()
    person = PersonFactory(unit=reg.unit)

    body = _edit(client, reg, individuals=[(person, "TTLDXS")]).content.decode()

    assert "“Tập thể lao động xuất sắc” không áp dụng cho cá nhân." in body


def test_an_individual_title_for_a_collective_is_refused_at_the_field(client):
    reg = RegistrationFactory()

    body = _edit(client, reg, collectives=[(reg.unit, "CSTDCS")]).content.decode()

    assert "“Chiến sĩ thi đua cơ sở” không áp dụng cho tập thể." in body


def test_the_same_person_twice_is_refused_at_the_field(client):
    reg = RegistrationFactory()
    person = PersonFactory(unit=reg.unit, full_name="Võ Minh Hai")

    body = _edit(client, reg, individuals=[(person, "LDTT"), (person, "CSTDCS")]).content.decode()

    assert "Võ Minh Hai đã có ở một dòng khác" in body
    assert reg.individual_lines.count() == 0


def test_a_unit_head_editing_after_acceptance_is_sent_back_with_a_message(client):
    reg = RegistrationFactory(accepted=True)
    person = PersonFactory(unit=reg.unit)

    response = _edit(client, reg, individuals=[(person, "LDTT")])

    assert response.status_code == 302
    assert response.url == reg.get_absolute_url()
    assert reg.individual_lines.count() == 0


def test_a_concurrent_edit_is_refused_and_keeps_the_input(client):
    reg = RegistrationFactory()
    stale = reg.updated_at.isoformat()
    add_individual_line(reg)
    reg.save()  # someone else saved meanwhile
    person = PersonFactory(unit=reg.unit)

    response = _edit(client, reg, individuals=[(person, "CSTDCS")], commitments="Bản của tôi", version=stale)

    body = response.content.decode()
    assert response.status_code == 409
    assert "vừa được người khác cập nhật" in body
    assert "Bản của tôi" in body
    assert not reg.individual_lines.filter(person=person).exists()


# ---------------------------------------------------------------------------
# Campaigns
# ---------------------------------------------------------------------------
def formset(prefix: str, rows: list[dict]) -> dict:
    """A new formset's POST data: its management form and each row's fields."""
    data = {f"{prefix}-TOTAL_FORMS": str(len(rows)), f"{prefix}-INITIAL_FORMS": "0"}
    for index, row in enumerate(rows):
        data |= {f"{prefix}-{index}-{name}": value for name, value in row.items()}
    return data


def test_a_campaign_ending_before_it_starts_is_refused_with_input_kept(client):
    client.force_login(make_office_user())
    data = {
        "name": "Phong trào thi đua chào mừng Ngày Thầy thuốc Việt Nam",
        "kind": "thematic",
        "start_date": "2026-03-01",
        "end_date": "2026-02-01",
        "review_date": "2026-01-15",
        **formset("items", [{"label": "a)", "text": "Thi đua nâng cao chất lượng khám bệnh"}]),
        **formset("duties", []),
    }

    body = client.post(reverse("campaigns:create"), data).content.decode()

    assert "không được trước ngày bắt đầu" in body
    assert "Thời gian sơ kết, tổng kết không được trước ngày bắt đầu phong trào." in body
    assert "Thi đua nâng cao chất lượng khám bệnh" in body
    assert not Campaign.objects.exists()


def test_a_new_campaign_starts_from_the_agencys_signer_and_the_launching_plans_recipients(
    office_client, agency
):
    form = office_client.get(reverse("campaigns:create")).context["form"]

    fields = ("signer_prefix", "signer_prefix_title", "signer_position", "signer_name")
    signer = [form.initial[name] for name in fields]
    assert signer == ["KT.", "GIÁM ĐỐC", "PHÓ GIÁM ĐỐC", "Lê Quang Trung"]  # a deputy signs for the director
    assert form.initial["recipients_text"].splitlines() == [
        "Ban Giám đốc Sở;",
        "Các phòng chuyên môn Sở;",
        "Các đơn vị trực thuộc;",
        "Lưu: VT, VP.",
    ]


def test_office_creates_a_campaign_with_items_in_order_and_launches_it(client):
    client.force_login(make_office_user())
    data = {
        "name": "Phong trào thi đua chuyên đề chuyển đổi số",
        "kind": "thematic",
        "start_date": "2026-03-01",
        "end_date": "2026-12-31",
        **formset(
            "items",
            [
                {"label": "a)", "text": "Thứ nhất"},
                {"label": "b)", "text": "Thứ hai"},
                {"label": "", "text": ""},
            ],
        ),
        **formset("duties", [{"assignee": "Các đơn vị trực thuộc", "text": "Triển khai"}]),
    }

    response = client.post(reverse("campaigns:create"), data)
    campaign = Campaign.objects.get()
    client.post(reverse("campaigns:transition", args=[campaign.pk]), {"to": "launched"})

    campaign.refresh_from_db()
    assert response.url == campaign.get_absolute_url()
    assert [i.label for i in campaign.items.all()] == ["a)", "b)"]
    assert campaign.duties.get().assignee_label == "Các đơn vị trực thuộc"
    assert campaign.status == CampaignStatus.LAUNCHED


def test_campaign_detail_shows_a_timeline_with_round_deadlines(client):
    campaign = CampaignFactory(start_date=datetime.date(2026, 1, 5), end_date=datetime.date(2026, 11, 30))
    RegistrationRoundFactory(campaign=campaign, name="Đăng ký đợt 1", deadline=datetime.date(2026, 2, 15))
    client.force_login(make_unit_head())

    body = client.get(campaign.get_absolute_url()).content.decode()

    assert (
        body.index("Bắt đầu phong trào")
        < body.index("Hạn đăng ký: Đăng ký đợt 1")
        < body.index("Kết thúc phong trào")
    )
    assert "15/02/2026" in body


def test_a_draft_campaign_is_hidden_from_unit_heads(client):
    draft = CampaignFactory(draft=True, name="Dự thảo bí mật")
    client.force_login(make_unit_head())

    assert client.get(draft.get_absolute_url()).status_code == 404
    assert "Dự thảo bí mật" not in client.get(reverse("campaigns:list")).content.decode()


# ---------------------------------------------------------------------------
# Office overview and consolidated registration
# ---------------------------------------------------------------------------
def test_office_overview_lists_missing_returned_and_late_units(client):
    round_ = RegistrationRoundFactory()
    missing = UnitFactory(name="Trung tâm Chưa Đăng Ký")
    RegistrationFactory(round=round_, returned=True, unit=UnitFactory(name="Bệnh viện Bị Trả"))
    RegistrationFactory(
        round=round_, submitted=True, is_late=True, unit=UnitFactory(name="Trung tâm Nộp Muộn")
    )
    client.force_login(make_office_user())

    response = client.get(round_.get_absolute_url())

    overview = response.context["overview"]
    assert [r.unit for r in overview["missing"]] == [missing]
    assert [r.unit.name for r in overview["returned"]] == ["Bệnh viện Bị Trả"]
    assert [r.registration.unit.name for r in overview["late"]] == ["Trung tâm Nộp Muộn"]
    assert "Chưa đăng ký" in response.content.decode()


def test_consolidated_counts_per_title_per_unit_with_filters(client):
    round_ = RegistrationRoundFactory()
    a = RegistrationFactory(round=round_, submitted=True, unit=UnitFactory(name="Bệnh viện A"))
    b = RegistrationFactory(round=round_, accepted=True, unit=UnitFactory(name="Bệnh viện B"))
    add_individual_line(a, code="LDTT")
    add_individual_line(a, code="LDTT")
    add_individual_line(a, code="CSTDCS")
    add_collective_line(a, code="TTLDXS")
    add_individual_line(b, code="LDTT")
    client.force_login(make_office_user())

    page = client.get(reverse("campaigns:consolidated", args=[round_.pk]))
    table = page.context["table"]
    filtered = client.get(
        reverse("campaigns:consolidated", args=[round_.pk]), {"status": "accepted"}
    ).context["table"]
    by_title = client.get(
        reverse("campaigns:consolidated", args=[round_.pk]), {"award_type": award("CSTDCS").pk}
    ).context["table"]

    codes = [x.code for x in table["awards"]]
    assert codes == ["LDTT", "CSTDCS", "TTLDXS"]
    assert [(r["unit"].name, r["cells"]) for r in table["rows"]] == [
        ("Bệnh viện A", [2, 1, 1]),
        ("Bệnh viện B", [1, 0, 0]),
    ]
    assert table["totals"] == [3, 1, 1]
    assert [r["unit"].name for r in filtered["rows"]] == ["Bệnh viện B"]
    assert [(r["unit"].name, r["cells"]) for r in by_title["rows"]] == [("Bệnh viện A", [1])]
    html = " ".join(page.content.decode().split())
    assert (
        f'<a href="{a.get_absolute_url()}">Bệnh viện A</a>' in html
        and '<td class="text-end">2</td><td class="text-end">1</td><td class="text-end">1</td>' in html
        and '<td class="text-end">1</td><td class="text-end"></td><td class="text-end"></td>' in html  # B
    )


def test_the_consolidated_table_shows_a_page_of_units_numbered_on_with_the_totals_of_all(client, settings):
    settings.PAGINATE_BY = 2
    round_ = RegistrationRoundFactory()
    for order in range(5):
        registration = RegistrationFactory(
            round=round_, submitted=True, unit=UnitFactory(name=f"Đơn vị {order}")
        )
        for _ in range(order + 1):
            add_individual_line(registration, code="LDTT")
    client.force_login(make_office_user())
    url = reverse("campaigns:consolidated", args=[round_.pk])

    second = client.get(url, {"page": 2})
    third = client.get(url, {"page": 3})

    assert [(r["number"], r["unit"].name, r["cells"]) for r in second.context["table"]["rows"]] == [
        (3, "Đơn vị 2", [3]),
        (4, "Đơn vị 3", [4]),
    ]
    assert [r["unit"].name for r in third.context["table"]["rows"]] == ["Đơn vị 4"]
    assert second.context["table"]["totals"] == [15] and second.context["table"]["grand_total"] == 15
    html = " ".join(second.content.decode().split())
    assert "<tr><td>3</td>" in html and "Hiển thị 3–4 trên tổng số 5" in html


def test_a_unit_head_cannot_open_the_consolidated_registration(client):
    round_ = RegistrationRoundFactory()
    client.force_login(make_unit_head())

    assert client.get(reverse("campaigns:consolidated", args=[round_.pk])).status_code == 403
    assert client.get(reverse("campaigns:consolidated-xlsx", args=[round_.pk])).status_code == 403


# ---------------------------------------------------------------------------
# List views: the same number of queries for 1 and 3 rows
# ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("url_name", "make_row", "args"),
    [
        ("campaigns:list", lambda round_: CampaignFactory(), False),
        ("campaigns:round-list", lambda round_: RegistrationRoundFactory(), False),
        (
            "campaigns:registration-list",
            lambda round_: add_individual_line(RegistrationFactory(round=round_)),
            False,
        ),
        (
            "campaigns:consolidated",
            lambda round_: add_individual_line(RegistrationFactory(round=round_)),
            True,
        ),
        (
            "campaigns:round-detail",
            lambda round_: add_individual_line(RegistrationFactory(round=round_)),
            True,
        ),
    ],
)
def test_list_views_run_the_same_queries_for_one_and_three_rows(client, url_name, make_row, args):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    round_ = RegistrationRoundFactory()
    client.force_login(make_office_user())
    url = reverse(url_name, args=[round_.pk] if args else [])
    client.get(url)  # warm caches (agency row, sessions)

    make_row(round_)
    cache.clear()  # the page computed afresh, as after a write (units.generations)
    with CaptureQueriesContext(connection) as one:
        client.get(url)
    make_row(round_)
    make_row(round_)
    cache.clear()  # the page computed afresh, as after a write (units.generations)
    with CaptureQueriesContext(connection) as three:
        response = client.get(url)

    assert response.status_code == 200
    assert len(one.captured_queries) == len(three.captured_queries)


def test_council_members_see_campaigns_but_cannot_change_them(client):
    campaign = CampaignFactory()
    client.force_login(make_council_member())

    assert client.get(campaign.get_absolute_url()).status_code == 200
    assert client.get(reverse("campaigns:update", args=[campaign.pk])).status_code == 403


def test_after_the_deadline_the_overview_names_every_unit_that_has_not_sent(client):
    round_ = RegistrationRoundFactory(past=True)
    UnitFactory(name="Trung tâm Chưa Đăng Ký")
    RegistrationFactory(round=round_, unit=UnitFactory(name="Bệnh viện Còn Soạn"))
    RegistrationFactory(round=round_, returned=True, unit=UnitFactory(name="Bệnh viện Bị Trả"))
    RegistrationFactory(round=round_, submitted=True, is_late=True, unit=UnitFactory(name="Trung tâm Đã Gửi"))
    client.force_login(make_office_user())

    response = client.get(round_.get_absolute_url())

    assert [r.unit.name for r in response.context["overdue_unsent"]] == [
        "Bệnh viện Bị Trả",
        "Bệnh viện Còn Soạn",
        "Trung tâm Chưa Đăng Ký",
    ]
    assert "Đã quá hạn, còn 3 đơn vị chưa gửi đăng ký" in response.content.decode()


def test_before_the_deadline_the_overview_names_nobody_as_late(client):
    round_ = RegistrationRoundFactory()
    UnitFactory(name="Trung tâm Chưa Đăng Ký")
    client.force_login(make_office_user())

    response = client.get(round_.get_absolute_url())

    assert "overdue_unsent" not in response.context
    assert 'id="overdue-unsent"' not in response.content.decode()


@pytest.mark.parametrize(
    "name",
    ["campaigns:list", "campaigns:round-list", "campaigns:registration-list", "campaigns:criteria-list"],
)
def test_anonymous_visitors_are_sent_to_the_login_page(client, name):
    url = reverse(name)

    response = client.get(url)

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))
    assert "next=" in response["Location"]


def test_saving_a_registration_as_shown_keeps_its_lines(client):
    reg = RegistrationFactory(returned=True)
    line = add_individual_line(reg)
    client.force_login(make_unit_head(reg.unit))
    page = client.get(reverse("campaigns:registration-edit", args=[reg.pk]))
    data = {}
    for formset_ in (page.context["collectives"], page.context["individuals"]):
        management = formset_.management_form
        data |= {management.add_prefix(name): value for name, value in management.initial.items()}
        for form in formset_.forms:
            data |= {
                form.add_prefix(name): form.initial.get(name, "")
                for name in form.fields
                if form.initial.get(name) is not None
            }
    data |= {
        "commitments": "Hoàn thành chỉ tiêu",
        "seen_updated_at": page.context["form"].initial["seen_updated_at"],
    }
    data = {key: getattr(value, "pk", value) for key, value in data.items()}

    response = client.post(reverse("campaigns:registration-edit", args=[reg.pk]), data)

    assert response.status_code == 302
    assert [(x.person_id, x.award_type_id) for x in reg.individual_lines.all()] == [
        (line.person_id, line.award_type_id)
    ]
