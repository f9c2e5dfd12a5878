"""The data migration accepts the disclosure comments sent before moderation existed: they were
already shown to the council."""

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from awards.enums import CommentStatus

BEFORE = [("awards", "0013_disclosure_heading_as_printed")]
AFTER = [("awards", "0014_disclosure_comment_moderation")]


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_the_migration_accepts_the_comments_shown_before_moderation_existed():
    executor = MigrationExecutor(connection)
    executor.migrate(BEFORE)
    old_apps = executor.loader.project_state(BEFORE).apps
    user = old_apps.get_model("units", "User").objects.create(username="gopy")
    period = old_apps.get_model("awards", "DisclosurePeriod").objects.create(
        year=2025, opens="2026-01-05", closes="2026-01-15"
    )
    old_comment = old_apps.get_model("awards", "DisclosureComment").objects.create(
        period=period, author=user, text="Ý kiến đã gửi trước đây."
    )

    executor = MigrationExecutor(connection)
    executor.migrate(AFTER)
    new_apps = executor.loader.project_state(AFTER).apps
    migrated = new_apps.get_model("awards", "DisclosureComment").objects.get(pk=old_comment.pk)
    new = new_apps.get_model("awards", "DisclosureComment").objects.create(
        period_id=period.pk, author_id=user.pk
    )

    assert migrated.status == CommentStatus.ACCEPTED
    assert new.status == CommentStatus.PENDING
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(executor.loader.graph.leaf_nodes())
