"""Secrecy by construction: no page, export, admin page or log maps a member to a choice.

The strongest check is a swap: the same council votes twice, from the same starting point — once
A agrees and B disagrees, once the other way round (the tally is the same: C and the chair agree both times).
Every page, admin page, PDF and sheet anyone can fetch must then be the same in both worlds (up to
random keys and tokens): what differs between the worlds — who chose what — is shown nowhere.
"""

import datetime
import difflib
import io
import logging
import re

import pytest
import time_machine
from django.apps import apps
from django.conf import settings
from django.contrib import admin
from django.db import models, transaction
from django.urls import reverse
from openpyxl import load_workbook
from pypdf import PdfReader

from council.enums import Choice
from council.models import BallotCast, BallotTally
from council.services import ballot_cast, decision_issue, session_close, session_open_voting
from tests.factories import make_admin, make_council_session, make_verified_nomination

pytestmark = pytest.mark.django_db

UUID = re.compile(rb"[0-9a-f]{8}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{12}")
FROZEN = datetime.datetime(2026, 1, 12, 9, 30, tzinfo=datetime.UTC)
TOKEN = re.compile(rb'(csrfmiddlewaretoken" value="|X-CSRFToken": ")[^"]+')


# --- the schema --------------------------------------------------------------------------------
def test_no_row_per_choice_exists_only_one_sealed_tally_per_item():
    fields = {f.name: f for f in BallotTally._meta.get_fields()}

    assert set(fields) == {"item", "sealed"}
    user_model = apps.get_model(settings.AUTH_USER_MODEL)
    assert not any(getattr(f, "related_model", None) is user_model for f in fields.values())
    assert fields["item"].one_to_one and fields["item"].primary_key


def test_a_cast_has_no_choice_and_no_timestamp():
    fields = {f.name for f in BallotCast._meta.get_fields()}

    assert fields == {"id", "item", "member", "is_written_opinion"}
    assert not any(isinstance(f, models.DateField) for f in BallotCast._meta.get_fields())


def test_ballots_have_no_audit_history_and_the_choice_no_admin():
    history_models = {m.__name__ for m in apps.get_app_config("council").get_models()}

    assert "HistoricalBallotTally" not in history_models
    assert "HistoricalBallotCast" not in history_models
    assert BallotTally not in admin.site._registry


# --- the swap ----------------------------------------------------------------------------------
def _normalise(content: bytes) -> bytes:
    return UUID.sub(b"<uuid>", TOKEN.sub(rb"\1<token>", content))


def _pdf_text(content: bytes) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(content)).pages)


def _sheet(content: bytes) -> list:
    workbook = load_workbook(io.BytesIO(content), read_only=True)
    return [[list(row) for row in sheet.iter_rows(values_only=True)] for sheet in workbook.worksheets]


def _council_admin_urls(client):
    urls = []
    for model in admin.site._registry:
        if model._meta.app_label != "council":
            continue
        info = (model._meta.app_label, model._meta.model_name)
        urls.append(reverse("admin:{}_{}_changelist".format(*info)))
        for obj in model.objects.all()[:3]:
            urls.append(reverse("admin:{}_{}_change".format(*info), args=[obj.pk]))
            if hasattr(model, "history"):
                urls.append(reverse("admin:{}_{}_history".format(*info), args=[obj.pk]))
    return urls


def _fetch_everything(client, ctx, *, superuser, stage):
    """Every page a person could open, keyed by (who, what): contents normalised."""
    session = ctx.session
    pages = {}

    def get(who, user, url):
        client.force_login(user)
        response = client.get(url)
        assert response.status_code == 200, (who, url, response.status_code)
        body = response.content
        if response["Content-Type"] == "application/pdf":
            body = _pdf_text(body).encode()
        elif "spreadsheetml" in response["Content-Type"]:
            body = repr(_sheet(body)).encode()
        key = (stage, who, UUID.sub(b"<uuid>", url.encode()).decode())
        n = sum(1 for k in pages if k[:3] == key)  # the same normalised URL: keep them in order
        pages[(*key, n)] = _normalise(body)
        return response

    a, b = ctx.members[1], ctx.members[2]
    for who, user in [("A", a), ("B", b), ("chair", ctx.members[0]), ("secretary", ctx.members[-1])]:
        get(who, user, reverse("council:vote", args=[session.pk]))
        get(who, user, reverse("council:session-detail", args=[session.pk]))
        get(who, user, reverse("council:my-sessions"))
        get(who, user, reverse("notifications:list"))
    get("office", ctx.office, reverse("council:session-detail", args=[session.pk]))
    get("office", ctx.office, reverse("council:session-list"))
    for url in _council_admin_urls(client):
        get("admin", superuser, url)
    if stage == "closed":
        get("A", a, reverse("reports:council-minutes-pdf", args=[session.pk]))
        get("office", ctx.office, reverse("reports:council-minutes-pdf", args=[session.pk]))
        decision = ctx.session.decisions.get()
        get("office", ctx.office, reverse("council:decision-detail", args=[decision.pk]))
        get("office", ctx.office, reverse("council:decision-xlsx", args=[decision.pk]))
        get("office", ctx.office, reverse("reports:decision-pdf", args=[decision.pk]))
    return pages


def _world(client, ctx, nomination, superuser, *, a_agrees: bool, caplog):
    a, b, c = ctx.members[1], ctx.members[2], ctx.members[3]
    first, second = (Choice.AGREE, Choice.DISAGREE) if a_agrees else (Choice.DISAGREE, Choice.AGREE)
    # both worlds happen at the same (frozen) instant, so timestamps cannot tell them apart either
    with time_machine.travel(FROZEN, tick=False), transaction.atomic():
        with caplog.at_level(logging.DEBUG):
            ballot_cast(ctx.session, nomination=nomination, member=c, choice=Choice.AGREE)
            ballot_cast(ctx.session, nomination=nomination, member=ctx.members[0], choice=Choice.AGREE)
            ballot_cast(ctx.session, nomination=nomination, member=a, choice=first)
            ballot_cast(ctx.session, nomination=nomination, member=b, choice=second)
        pages = _fetch_everything(client, ctx, superuser=superuser, stage="voting")
        with caplog.at_level(logging.DEBUG):
            session_close(ctx.session, by=ctx.office)
            nomination.refresh_from_db()
            decision = decision_issue(
                [nomination],
                date=ctx.session.starts_at.date(),
                signer_name="Nguyễn Văn Giám",
                signer_position="Giám đốc",
                session=ctx.session,
                by=ctx.office,
            )
            assert decision.session == ctx.session
        pages.update(_fetch_everything(client, ctx, superuser=superuser, stage="closed"))
        transaction.set_rollback(True)
    ctx.session.refresh_from_db()
    nomination.refresh_from_db()
    return pages


def _differences(world_1, world_2, keys, *, lines=12) -> str:
    """What differs on each page between the two worlds, as a few lines of a unified diff."""
    parts = []
    for key in keys:
        diff = difflib.unified_diff(
            world_1[key].decode(errors="replace").splitlines(),
            world_2[key].decode(errors="replace").splitlines(),
            lineterm="",
            n=1,
        )
        parts.append("\n".join([repr(key), *list(diff)[2 : 2 + lines]]))
    return "\n\n".join(parts)


def test_no_page_export_admin_or_log_maps_a_member_to_a_choice(client, caplog):
    nomination = make_verified_nomination("LDTT")
    ctx = make_council_session(4, nominations=[nomination])
    session_open_voting(ctx.session, by=ctx.office)
    superuser = make_admin()

    world_1 = _world(client, ctx, nomination, superuser, a_agrees=True, caplog=caplog)
    world_2 = _world(client, ctx, nomination, superuser, a_agrees=False, caplog=caplog)

    assert world_1.keys() == world_2.keys()
    different = [key for key in world_1 if world_1[key] != world_2[key]]
    assert different == [], _differences(world_1, world_2, different)
    # the closed pages do show the tally (3 agree, 1 disagree), so they were really fetched
    minutes = world_1[
        ("closed", "A", reverse("reports:council-minutes-pdf", args=[ctx.session.pk]), 0)
    ].decode()
    minutes = " ".join(minutes.split())
    assert "4 3 1 75,00% Thông qua" in minutes and ctx.members[1].get_full_name() in minutes
    # and no log line carried a choice
    logged = "\n".join(record.getMessage() for record in caplog.records)
    assert "agree" not in logged and "Đồng ý" not in logged


def test_during_the_vote_pages_show_only_how_many_have_voted(client):
    nomination = make_verified_nomination("LDTT")
    ctx = make_council_session(3, nominations=[nomination])
    session_open_voting(ctx.session, by=ctx.office)
    ballot_cast(ctx.session, nomination=nomination, member=ctx.members[1], choice=Choice.DISAGREE)

    client.force_login(ctx.office)
    office_page = client.get(reverse("council:session-detail", args=[ctx.session.pk])).content.decode()
    client.force_login(ctx.members[1])
    member_page = client.get(reverse("council:vote", args=[ctx.session.pk])).content.decode()

    assert "1/3" in office_page
    assert "Không đồng ý" not in office_page.split('id="agenda"')[1]
    assert "Đã bỏ phiếu" in member_page
    assert client.get(reverse("reports:council-minutes-pdf", args=[ctx.session.pk])).status_code == 403


def test_each_ballot_rewrites_the_tally_with_a_fresh_nonce_and_the_close_removes_it():
    nomination = make_verified_nomination("LDTT")
    ctx = make_council_session(3, nominations=[nomination])
    session_open_voting(ctx.session, by=ctx.office)
    seen = {bytes(BallotTally.objects.get().sealed)}
    for member in ctx.members:
        ballot_cast(ctx.session, nomination=nomination, member=member, choice=Choice.AGREE)
        seen.add(bytes(BallotTally.objects.get().sealed))

    assert len(seen) == 4 and {len(blob) for blob in seen} == {32}
    session_close(ctx.session, by=ctx.office)

    assert not BallotTally.objects.exists()


def _every_row():
    from django.db import connection

    rows = {}
    with connection.cursor() as cursor:
        for table in connection.introspection.table_names(cursor):
            cursor.execute(f'SELECT rowid, * FROM "{table}"')  # noqa: S608 - our table names
            rows.update({(table, row[0]): row[1:] for row in cursor.fetchall()})
    return rows


def test_on_sqlite_a_ballot_adds_only_its_cast_row_and_rewrites_the_items_tally_in_place():
    nomination = make_verified_nomination("LDTT")
    ctx = make_council_session(5, nominations=[nomination])
    session_open_voting(ctx.session, by=ctx.office)
    for member, choice in zip(ctx.members, [Choice.AGREE, Choice.DISAGREE, Choice.AGREE], strict=False):
        before = _every_row()
        ballot_cast(ctx.session, nomination=nomination, member=member, choice=choice)
        after = _every_row()

        added = {key for key in after if key not in before}
        changed = {key for key in after if key in before and after[key] != before[key]}
        assert {table for table, _rowid in added} == {"council_ballotcast"} and len(added) == 1
        assert {table for table, _rowid in changed} == {"council_ballottally"} and len(changed) == 1
        assert not [key for key in before if key not in after]


def test_a_tally_with_fewer_ballots_than_the_quorum_is_not_shown_and_decides_nothing(client):
    nomination = make_verified_nomination("LDTT")
    ctx = make_council_session(9, nominations=[nomination])  # 2/3 of 9: at least 6 ballots
    session_open_voting(ctx.session, by=ctx.office)
    for member in ctx.members[:5]:
        ballot_cast(ctx.session, nomination=nomination, member=member, choice=Choice.AGREE)

    session_close(ctx.session, by=ctx.office)

    result = ctx.session.agenda.get().result
    assert (result.cast, result.agree, result.disagree, result.outcome) == (5, 0, 0, "no_quorum")
    nomination.refresh_from_db()
    assert nomination.status == "in_council"
