"""The accessibility walk: each role logs in and walks its main pages in Chromium; on every page
axe-core (vendored, pinned, loaded from the repository's file, never from the network) finds no
violation of the rules on names and labels, and a script of our own finds no input without a label.

The rules: 'label' (every input has a label), 'select-name', 'button-name', 'link-name',
'skip-link' (the skip link's target exists). Each page also opens with the skip link
("Bỏ qua đến nội dung chính"), the first stop of the keyboard, shown when focused.
"""

import hashlib
from pathlib import Path

import pytest
from django.urls import reverse

from tests.factories import (
    CampaignFactory,
    CriteriaSetFactory,
    NominationFactory,
    PersonFactory,
    PlanFactory,
    PlanTaskFactory,
    RegistrationFactory,
    RegistrationRoundFactory,
    UnitFactory,
    add_collective_line,
    add_individual_line,
    make_admin,
    make_council_member,
    make_office_user,
    make_unit_head,
)

pytestmark = pytest.mark.e2e
in_the_browser = pytest.mark.django_db(transaction=True, serialized_rollback=True)

AXE = Path(__file__).parent / "vendor" / "axe-core" / "axe.min.js"
AXE_VERSION = "4.14.1"
AXE_SHA256 = "29348999450cdf2849a8e70b7912fc2da85a849da39c0d0d5394f51d4a9ed95c"
RULES = ["label", "select-name", "button-name", "link-name", "skip-link"]

RUN_AXE = """async (rules) => {
  const options = {runOnly: {type: "rule", values: rules}, resultTypes: ["violations"]};
  const result = await axe.run(document, options);
  return result.violations.map((v) => v.id + ": " + v.nodes.map((n) => n.html.slice(0, 160)).join(" | "));
}"""

# Every control a person fills in (hidden inputs and buttons aside), also those not shown yet
# (a collapsed section), with no name: no <label> with text, no aria-label(ledby), no title.
UNLABELLED = """() => {
  const named = (el) => {
    if (el.labels && Array.from(el.labels).some((l) => l.textContent.trim())) return true;
    if ((el.getAttribute("aria-label") || "").trim()) return true;
    const by = (el.getAttribute("aria-labelledby") || "").split(/\\s+/).filter(Boolean);
    const text = (id) => (document.getElementById(id) || {textContent: ""}).textContent.trim();
    if (by.some(text)) return true;
    return Boolean((el.getAttribute("title") || "").trim());
  };
  const controls = document.querySelectorAll(
    "input:not([type=hidden]):not([type=submit]):not([type=button]):not([type=reset]):not([type=image]),"
    + " select, textarea"
  );
  return Array.from(controls).filter((el) => !named(el)).map((el) => el.outerHTML.slice(0, 160));
}"""


def test_the_vendored_axe_core_is_the_pinned_release():
    assert hashlib.sha256(AXE.read_bytes()).hexdigest() == AXE_SHA256
    assert AXE.read_text(encoding="utf-8").startswith(f"/*! axe v{AXE_VERSION}")


@pytest.fixture
def walk_data():
    unit = UnitFactory(name="Bệnh viện Đa khoa Đồng Nai")
    for n in range(20):  # a long list of units: its pickers are searchable
        UnitFactory(name=f"Trung tâm Y tế khu vực số {n + 1}")
    head = make_unit_head(unit, username="bvdk")
    office = make_office_user(username="vanphong", first_name="Lan", last_name="Lê")
    make_council_member(username="hoidong")
    make_admin(username="quantri")
    person = PersonFactory(unit=unit, full_name="Nguyễn Thị Hồng Nhung", position="Điều dưỡng")
    plan = PlanFactory(year=2026)
    task = PlanTaskFactory(plan=plan, lead_unit=unit)
    issued = PlanFactory(year=2026, issued=True)
    issued_task = PlanTaskFactory(plan=issued, lead_unit=unit)
    campaign = CampaignFactory()
    registration = RegistrationFactory(unit=unit, round=RegistrationRoundFactory(campaign=campaign))
    add_individual_line(registration, person)
    add_collective_line(registration)
    criteria = CriteriaSetFactory()
    nomination = NominationFactory(person=person, year=2025)
    nomination.achievements = "Hoàn thành xuất sắc nhiệm vụ năm 2025."
    nomination._history_user = head
    nomination.save()
    return {
        "office": office,
        "plan": plan,
        "task": task,
        "issued_task": issued_task,
        "campaign": campaign,
        "registration": registration,
        "criteria": criteria,
        "nomination": nomination,
        "unit": unit,
        "person": person,
    }


def pages_of(role, data):
    common = [reverse("home"), reverse("notifications:list"), reverse("password_change")]
    if role == "vanphong":
        return common + [
            reverse("plans:list"),
            reverse("plans:create"),
            reverse("plans:detail", args=[data["plan"].pk]),
            reverse("plans:edit", args=[data["plan"].pk]),
            reverse("plans:task-list"),
            reverse("plans:submission-list"),
            reverse("plans:letter-list"),
            reverse("plans:letter-create"),
            reverse("campaigns:list"),
            reverse("campaigns:create"),
            reverse("campaigns:detail", args=[data["campaign"].pk]),
            reverse("campaigns:update", args=[data["campaign"].pk]),
            reverse("campaigns:round-list"),
            reverse("campaigns:registration-list"),
            reverse("campaigns:registration-detail", args=[data["registration"].pk]),
            reverse("campaigns:criteria-list"),
            reverse("campaigns:criteria-create"),
            reverse("campaigns:criteria-update", args=[data["criteria"].pk]),
            reverse("awards:nomination-list"),
            reverse("awards:nomination-detail", args=[data["nomination"].pk]),
            reverse("awards:verify-queue"),
            reverse("awards:call-list"),
            reverse("awards:disclosure-list"),
            reverse("council:session-list"),
            reverse("council:decision-list"),
            reverse("council:proposal-list"),
            reverse("reports:dashboard"),
            reverse("reports:history"),
            reverse("reports:summary-list"),
            reverse("units:list"),
            reverse("units:detail", args=[data["unit"].pk]),
            reverse("units:person-list"),
            reverse("units:person-detail", args=[data["person"].pk]),
            reverse("units:cluster-list"),
            reverse("units:reorganisation-list"),
        ]
    if role == "bvdk":
        return common + [
            reverse("plans:task-list"),
            reverse("plans:task-progress", args=[data["issued_task"].pk]),
            reverse("plans:submission-list"),
            reverse("campaigns:registration-list"),
            reverse("campaigns:registration-detail", args=[data["registration"].pk]),
            reverse("campaigns:registration-edit", args=[data["registration"].pk]),
            reverse("awards:nomination-list"),
            reverse("awards:nomination-create"),
            reverse("awards:nomination-detail", args=[data["nomination"].pk]),
            reverse("awards:nomination-edit", args=[data["nomination"].pk]),
            reverse("reports:history"),
        ]
    if role == "hoidong":
        return common + [reverse("council:my-sessions")]
    return common + [reverse("units:list"), reverse("notifications:sent")]


ROLES = ["vanphong", "bvdk", "hoidong", "quantri"]


@in_the_browser
def test_every_main_page_of_each_role_has_labels_names_and_a_skip_link(walk_data, page, login, live_server):
    page.context.add_init_script(path=str(AXE))
    found = {}

    for role in ROLES:  # one walk, one data set: the roles log in one after the other
        page.context.clear_cookies()
        login(role)
        for path in pages_of(role, walk_data):
            response = page.goto(f"{live_server.url}{path}")
            assert response.ok, f"{role} {path}: {response.status}"
            assert page.evaluate("() => axe.version") == AXE_VERSION
            problems = page.evaluate(RUN_AXE, RULES) + [
                f"unlabelled: {html}" for html in page.evaluate(UNLABELLED)
            ]
            skip = page.locator("a.skip-link")
            if skip.count() != 1 or skip.inner_text().strip() != "Bỏ qua đến nội dung chính":
                problems.append("no skip link")
            if problems:
                found[f"{role} {path}"] = problems

    assert not found, "\n".join(f"{where}\n  " + "\n  ".join(p) for where, p in found.items())


@in_the_browser
def test_the_skip_link_is_the_first_stop_of_the_keyboard_and_leads_to_the_content(page, login, live_server):
    make_office_user(username="vanphong")
    login("vanphong")
    page.goto(f"{live_server.url}{reverse('plans:list')}")

    page.keyboard.press("Tab")

    focused = page.evaluate("() => document.activeElement.textContent.trim()")
    assert focused == "Bỏ qua đến nội dung chính"
    box = page.locator("a.skip-link").bounding_box()
    assert box is not None and box["y"] >= 0  # shown on the screen once focused
    outline = page.evaluate("() => getComputedStyle(document.activeElement).outlineStyle")
    assert outline not in ("", "none")
    page.keyboard.press("Enter")
    assert page.evaluate("() => document.activeElement.id") == "main"


@in_the_browser
def test_a_formset_row_is_added_in_the_page_and_a_long_list_is_filtered_without_accents(
    page, login, live_server
):
    for n in range(20):
        UnitFactory(name=f"Trung tâm Y tế khu vực số {n + 1}")
    make_office_user(username="vanphong")
    campaign = CampaignFactory()
    login("vanphong")
    page.goto(f"{live_server.url}{reverse('campaigns:update', args=[campaign.pk])}")
    rows = page.locator('[data-formset-rows="duties"] tr')
    before = rows.count()
    url = page.url

    page.get_by_role("button", name="Thêm dòng").last.click()

    assert rows.count() == before + 1 and page.url == url
    added = rows.last.locator("select")
    assert added.get_attribute("name") == f"duties-{before}-unit"
    label = page.locator(f'label[for="{added.get_attribute("id")}"]')
    assert f"dòng {before + 1}" in label.inner_text()
    assert added.locator("option").first.inner_text() == "— Chọn —"
    box = rows.last.get_by_role("searchbox", name="Lọc danh sách")
    box.fill("khu vuc so 12")
    box.press("Enter")
    assert added.evaluate("(s) => s.options[s.selectedIndex].text") == "Trung tâm Y tế khu vực số 12"


@in_the_browser
def test_the_checks_find_an_input_without_a_label_and_a_button_without_a_name(page, live_server):
    page.context.add_init_script(path=str(AXE))
    page.goto(f"{live_server.url}/accounts/login/")
    assert page.evaluate(RUN_AXE, RULES) == [] and page.evaluate(UNLABELLED) == []

    page.evaluate(
        """() => document.querySelector("main").insertAdjacentHTML(
          "beforeend", '<input name="lost" type="text"><button type="button"></button>')"""
    )

    found = page.evaluate(RUN_AXE, RULES)
    assert {line.split(":")[0] for line in found} == {"label", "button-name"}
    assert page.evaluate(UNLABELLED) == ['<input name="lost" type="text">']
