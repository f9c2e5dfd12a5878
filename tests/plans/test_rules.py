"""Who may do what, per role and state: every cell of the table is a test."""

import pytest

from plans.enums import PlanStatus
from tests.factories import (
    PlanFactory,
    PlanTaskFactory,
    SubmissionRequestFactory,
    UnitFactory,
    UnitSubmissionFactory,
    make_council_member,
    make_office_user,
    make_plain_user,
    make_unit_head,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def users():
    unit = UnitFactory()
    return {
        "office": make_office_user(),
        "head": make_unit_head(unit),
        "council": make_council_member(),
        "plain": make_plain_user(unit),
    }


PLAN_TABLE = [
    # perm, status, office, head, council, plain
    ("plans.view_plan", PlanStatus.DRAFT, True, False, True, False),
    ("plans.view_plan", PlanStatus.ISSUED, True, True, True, False),
    ("plans.view_plan", PlanStatus.ARCHIVED, True, True, True, False),
    ("plans.change_plan", PlanStatus.DRAFT, True, False, False, False),
    ("plans.change_plan", PlanStatus.ISSUED, False, False, False, False),
    ("plans.change_plan", PlanStatus.ARCHIVED, False, False, False, False),
    ("plans.issue_plan", PlanStatus.DRAFT, True, False, False, False),
    ("plans.issue_plan", PlanStatus.ISSUED, False, False, False, False),
    ("plans.archive_plan", PlanStatus.DRAFT, False, False, False, False),
    ("plans.archive_plan", PlanStatus.ISSUED, True, False, False, False),
    ("plans.version_plan", PlanStatus.ISSUED, True, False, False, False),
    ("plans.version_plan", PlanStatus.DRAFT, False, False, False, False),
    ("plans.clone_plan", PlanStatus.ARCHIVED, True, False, False, False),
    ("plans.delete_plan", PlanStatus.DRAFT, False, False, False, False),
]


@pytest.mark.parametrize(("perm", "status", "office", "head", "council", "plain"), PLAN_TABLE)
def test_plan_permissions(users, perm, status, office, head, council, plain):
    plan = PlanFactory(status=status, number=None if status == PlanStatus.DRAFT else 1)

    answers = {role: user.has_perm(perm, plan) for role, user in users.items()}

    assert answers == {"office": office, "head": head, "council": council, "plain": plain}


@pytest.mark.parametrize(
    ("perm", "office", "head", "council", "plain"),
    [
        ("plans.list_plan", True, True, True, False),
        ("plans.add_plan", True, False, False, False),
        ("plans.list_plantask", True, True, False, False),
        ("plans.list_submissionrequest", True, True, False, False),
        ("plans.add_submissionrequest", True, False, False, False),
        ("plans.view_submission_matrix", True, False, False, False),
    ],
)
def test_model_level_permissions(users, perm, office, head, council, plain):
    answers = {role: user.has_perm(perm) for role, user in users.items()}

    assert answers == {"office": office, "head": head, "council": council, "plain": plain}


@pytest.mark.parametrize(
    ("status", "own_unit", "expected_head", "expected_office"),
    [
        (PlanStatus.ISSUED, True, True, True),
        (PlanStatus.ISSUED, False, False, True),
        (PlanStatus.DRAFT, True, False, False),
        (PlanStatus.ARCHIVED, True, False, False),
    ],
)
def test_progress_only_on_own_unit_tasks_of_an_issued_plan(
    users, status, own_unit, expected_head, expected_office
):
    head = users["head"]
    lead = head.head_of_unit if own_unit else UnitFactory()
    task = PlanTaskFactory(plan=PlanFactory(status=status, number=1), lead_unit=lead)

    assert head.has_perm("plans.progress_plantask", task) is expected_head
    assert users["office"].has_perm("plans.progress_plantask", task) is expected_office


def test_head_of_a_parent_unit_may_report_for_a_sub_unit(users):
    head = users["head"]
    sub_unit = UnitFactory(parent=head.head_of_unit)
    task = PlanTaskFactory(plan=PlanFactory(status=PlanStatus.ISSUED, number=1), lead_unit=sub_unit)

    assert head.has_perm("plans.progress_plantask", task)


def test_unit_head_cannot_change_tasks_of_a_plan(users):
    task = PlanTaskFactory(lead_unit=users["head"].head_of_unit)

    assert not users["head"].has_perm("plans.change_plantask", task)
    assert users["office"].has_perm("plans.change_plantask", task)


def test_upload_only_for_own_unit(users):
    head = users["head"]
    own = UnitSubmissionFactory(unit=head.head_of_unit)
    other = UnitSubmissionFactory(request=own.request)

    assert head.has_perm("plans.upload_unitsubmission", own)
    assert not head.has_perm("plans.upload_unitsubmission", other)
    assert users["office"].has_perm("plans.upload_unitsubmission", other)
    assert not users["council"].has_perm("plans.upload_unitsubmission", own)


def test_request_of_a_draft_plan_is_hidden_from_unit_heads(users):
    draft_request = SubmissionRequestFactory(plan=PlanFactory())
    loose_request = SubmissionRequestFactory(plan=None)

    assert not users["head"].has_perm("plans.view_submissionrequest", draft_request)
    assert users["head"].has_perm("plans.view_submissionrequest", loose_request)
    assert users["office"].has_perm("plans.view_submissionrequest", draft_request)
