"""The office's own documents (decisions, proposals, calls for nominations, summary reports) come
through scoped querysets that hold them for the office and nothing for any other role, and the
disclosure periods for every logged-in user; the pages check the role first, so another role is
still told 403 (the permission matrix), and an id the office does not have is a 404."""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.urls import reverse

from awards.selectors import calls_visible_to, disclosure_periods_visible_to
from campaigns.selectors import unit_scores_visible_to
from council.selectors import decisions_visible_to, proposals_visible_to
from plans.selectors import blocks_visible_to, task_evidence_visible_to
from reports.selectors import summaries_visible_to

pytestmark = pytest.mark.django_db


@pytest.fixture
def w(world):
    return world


def test_the_office_documents_are_the_offices_alone(w):
    for user in (w.office, w.admin):
        assert list(decisions_visible_to(user)) == [w.decision]
        assert list(proposals_visible_to(user)) == [w.proposal]
        assert w.call in calls_visible_to(user)
        assert list(summaries_visible_to(user)) == [w.summary]
    for user in (w.head, w.other_head, w.plain, w.council):
        assert not decisions_visible_to(user).exists()
        assert not proposals_visible_to(user).exists()
        assert not calls_visible_to(user).exists()
        assert not summaries_visible_to(user).exists()


def test_every_logged_in_user_sees_the_disclosure_periods_and_no_one_else(w):
    for user in (w.office, w.head, w.other_head, w.plain, w.council):
        assert w.disclosure in disclosure_periods_visible_to(user)
    assert not disclosure_periods_visible_to(AnonymousUser()).exists()


def test_an_office_document_or_action_the_office_does_not_have_is_not_found(client, w):
    client.force_login(w.office)
    pages = [
        "council:decision-detail",
        "council:decision-xlsx",
        "council:proposal-detail",
        "awards:call-detail",
        "reports:summary-detail",
        "reports:summary-pdf",
        "reports:decision-pdf",
        "reports:proposal-pdf",
    ]
    actions = ["council:proposal-sent", "council:proposal-reply"]

    answers = {name: client.get(reverse(name, args=[987654])).status_code for name in pages}
    answers |= {name: client.post(reverse(name, args=[987654]), {}).status_code for name in actions}

    assert set(answers.values()) == {404}


def test_a_units_evidence_files_come_only_through_the_querysets_of_who_may_download_them(w):
    for user in (w.office, w.admin, w.council, w.head):
        assert w.task_a in task_evidence_visible_to(user)
    for user in (w.office, w.admin, w.head):
        assert w.score_a in unit_scores_visible_to(user)
    for user in (w.other_head, w.plain):
        assert w.task_a not in task_evidence_visible_to(user)
    for user in (w.other_head, w.plain, w.council):
        assert w.score_a not in unit_scores_visible_to(user)
    assert w.task_b not in task_evidence_visible_to(w.office)  # no file: nothing to download


def test_a_draft_plans_blocks_are_the_offices_and_the_councils(w):
    for user in (w.office, w.council):
        assert w.block in blocks_visible_to(user)
    for user in (w.head, w.other_head, w.plain):
        assert w.block not in blocks_visible_to(user)
