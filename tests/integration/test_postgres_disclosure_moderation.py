"""Disclosure comment moderation on a real PostgreSQL: two office users deciding on the same
comment at the same moment decide once (the row is locked)."""

import threading

import pytest
from django.db import connection, transaction

from awards.enums import CommentStatus
from awards.models import DisclosureComment
from awards.services import disclosure_comment_moderate
from tests.factories import DisclosureCommentFactory, make_office_user
from units.refusals import Refused

pytestmark = pytest.mark.integration


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_two_office_users_moderating_one_comment_at_once_moderate_it_once():
    comment = DisclosureCommentFactory()
    first, second = make_office_user(), make_office_user()
    first_decided, let_first_commit = threading.Event(), threading.Event()
    outcome = {}

    def accept_and_hold():
        try:
            with transaction.atomic():
                disclosure_comment_moderate(comment, by=first, accept=True)
                first_decided.set()
                let_first_commit.wait(10)  # still uncommitted while the other one decides
            outcome["first"] = "done"
        finally:
            first_decided.set()
            connection.close()

    def reject():
        first_decided.wait(10)
        try:
            disclosure_comment_moderate(
                DisclosureComment.objects.get(pk=comment.pk), by=second, accept=False, reason="Trùng lặp."
            )
            outcome["second"] = "done"
        except Refused as exc:
            outcome["second"] = exc.messages[0]
        finally:
            connection.close()

    threads = [threading.Thread(target=accept_and_hold), threading.Thread(target=reject)]
    for thread in threads:
        thread.start()
    first_decided.wait(10)
    threads[1].join(1)  # the second waits on the row lock; it cannot finish before the first commits
    second_waited = threads[1].is_alive()
    let_first_commit.set()
    for thread in threads:
        thread.join(20)

    comment.refresh_from_db()
    assert second_waited
    assert outcome["first"] == "done"
    assert "không duyệt lại" in outcome["second"]
    assert (comment.status, comment.moderated_by) == (CommentStatus.ACCEPTED, first)
    assert comment.history.filter(history_type="~").count() == 1
