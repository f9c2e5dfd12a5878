"""HTML and script typed into a text field come back as text, on every page and in every file.

The main text fields of the world (unit, staff member, cluster, plan title, task, campaign,
registration commitments, nomination achievements, disclosure comment, notification, council
session) hold ``<script>alert(1)</script><b>x</b>``. Each page that shows them must show the
escaped text and never the tag; the official documents (PDF read back with pypdf, DOCX with
python-docx) and the spreadsheets (openpyxl) must hold the characters literally, not a bold "x".
"""

import datetime
import io
from pathlib import Path

import pytest
from django.core import mail
from django.urls import reverse
from docx import Document
from openpyxl import load_workbook
from pypdf import PdfReader

from awards.models import DisclosureComment, Nomination
from campaigns.models import Campaign, Registration
from council.models import CouncilSession
from council.services import decision_issue
from notifications.models import Notification
from notifications.services import notification_mail_send, notify
from plans.models import Plan, PlanTask
from tests.factories import NominationFactory
from units.models import Cluster, Person, Unit

from .world import COUNCIL, HEAD, OFFICE, SIGNER

pytestmark = pytest.mark.django_db

PAYLOAD = "<script>alert(1)</script><b>x</b>"
ESCAPED = "&lt;script&gt;alert(1)&lt;/script&gt;&lt;b&gt;x&lt;/b&gt;"
RAW_MARKS = ("<script>alert(1)", "<b>x</b>")


@pytest.fixture
def tainted(world):
    """The world with the payload in its main text fields (written as an import or a form would)."""
    w = world
    Unit.objects.filter(pk=w.unit_a.pk).update(name=PAYLOAD)
    Person.objects.filter(pk=w.person_a.pk).update(full_name=PAYLOAD, position=PAYLOAD)
    Cluster.objects.filter(pk=w.cluster.pk).update(name=PAYLOAD)
    Plan.objects.filter(pk=w.plan_issued.pk).update(title=PAYLOAD)
    PlanTask.objects.filter(pk=w.task_a.pk).update(content=PAYLOAD, progress_note=PAYLOAD)
    Campaign.objects.filter(pk=w.campaign.pk).update(name=PAYLOAD, purpose=PAYLOAD)
    Registration.objects.filter(pk=w.registration_a.pk).update(commitments=PAYLOAD)
    Nomination.objects.filter(pk=w.nomination_a.pk).update(achievements=PAYLOAD)
    DisclosureComment.objects.create(period=w.disclosure, author=w.plain, text=PAYLOAD)
    Notification.objects.filter(pk=w.notification_a.pk).update(title=PAYLOAD, body=PAYLOAD)
    CouncilSession.objects.filter(pk=w.session_scheduled.pk).update(title=PAYLOAD, place=PAYLOAD)
    return w


PAGES = [
    (OFFICE, "units:list", None),
    (OFFICE, "units:detail", lambda w: [w.unit_a.pk]),
    (OFFICE, "units:person-list", None),
    (HEAD, "units:person-detail", lambda w: [w.person_a.pk]),
    (OFFICE, "units:cluster-list", None),
    (OFFICE, "units:cluster-detail", lambda w: [w.cluster.pk]),
    (OFFICE, "plans:list", None),
    (HEAD, "plans:detail", lambda w: [w.plan_issued.pk]),
    (HEAD, "plans:task-list", None),
    (HEAD, "plans:task-progress", lambda w: [w.task_a.pk]),
    (OFFICE, "campaigns:list", None),
    (HEAD, "campaigns:detail", lambda w: [w.campaign.pk]),
    (HEAD, "campaigns:registration-detail", lambda w: [w.registration_a.pk]),
    (HEAD, "campaigns:registration-edit", lambda w: [w.registration_a.pk]),
    (OFFICE, "campaigns:consolidated", lambda w: [w.round.pk]),
    (HEAD, "awards:nomination-list", None),
    (HEAD, "awards:nomination-detail", lambda w: [w.nomination_a.pk]),
    (HEAD, "awards:nomination-edit", lambda w: [w.nomination_a.pk]),
    (OFFICE, "awards:disclosure-detail", lambda w: [w.disclosure.pk]),
    (HEAD, "notifications:list", None),
    (HEAD, "home", None),
    (COUNCIL, "council:my-sessions", None),
    (COUNCIL, "council:session-detail", lambda w: [w.session_scheduled.pk]),
    (OFFICE, "reports:dashboard", None),
    (HEAD, "reports:unit-dashboard", None),
    (HEAD, "reports:history-person", lambda w: [w.person_a.pk]),
    (OFFICE, "reports:history", None),
]


@pytest.mark.parametrize(("role", "name", "args"), PAGES, ids=[f"{name} ({role})" for role, name, _ in PAGES])
def test_a_page_shows_html_typed_into_a_text_field_as_text(client, tainted, role, name, args):
    client.force_login(tainted.users[role])

    response = client.get(reverse(name, args=args(tainted) if args else None))

    body = response.content.decode()
    assert response.status_code == 200
    assert ESCAPED in body, "the page no longer shows any of the tainted fields: pick another page"
    assert not [mark for mark in RAW_MARKS if mark in body]


# ---------------------------------------------------------------------------
# Documents and spreadsheets: the characters, literally
# ---------------------------------------------------------------------------
def _pdf_text(content: bytes) -> str:
    return "".join("".join(page.extract_text() for page in PdfReader(io.BytesIO(content)).pages).split())


def _docx_text(content: bytes) -> str:
    document = Document(io.BytesIO(content))
    texts = [p.text for p in document.paragraphs]
    texts += [cell.text for table in document.tables for row in table.rows for cell in row.cells]
    return "".join("".join(texts).split())


def _xlsx_cells(response) -> list:
    content = b"".join(response.streaming_content) if response.streaming else response.content
    book = load_workbook(io.BytesIO(content))
    return [
        cell
        for sheet in book
        for row in sheet.iter_rows(values_only=True)
        for cell in row
        if cell is not None
    ]


LITERAL = "".join(PAYLOAD.split()).lower()  # PDF titles are set in capitals; spaces are lost


@pytest.fixture
def tainted_decision(tainted):
    nominee = NominationFactory(
        person=tainted.person_a, award_type=tainted.nomination_a.award_type, year=2024
    )
    Nomination.objects.filter(pk=nominee.pk).update(status="approved")
    return decision_issue(
        [Nomination.objects.get(pk=nominee.pk)], date=datetime.date(2026, 1, 15), by=tainted.office, **SIGNER
    )


@pytest.mark.parametrize(
    ("name", "obj", "read"),
    [
        ("reports:plan-pdf", "plan_issued", _pdf_text),
        ("reports:plan-docx", "plan_issued", _docx_text),
        ("reports:campaign-pdf", "campaign", _pdf_text),
        ("reports:campaign-docx", "campaign", _docx_text),
        ("reports:decision-pdf", "decision", _pdf_text),
        ("reports:decision-docx", "decision", _docx_text),
    ],
)
def test_an_official_document_prints_html_typed_into_a_field_literally(
    client, tainted, tainted_decision, name, obj, read
):
    tainted.decision = tainted_decision
    client.force_login(tainted.office)

    response = client.get(reverse(name, args=[getattr(tainted, obj).pk]))

    assert response.status_code == 200
    assert LITERAL in read(response.content).lower()


SHEETS = {
    "persons": lambda w: reverse("reports:export", args=["persons"]),
    "units": lambda w: reverse("reports:export", args=["units"]),
    "tasks": lambda w: reverse("reports:export", args=["tasks"]) + "?when=all",
    "plans": lambda w: reverse("reports:export", args=["plans"]),
    "consolidated registrations": lambda w: reverse("campaigns:consolidated-xlsx", args=[w.round.pk]),
    "decision results": lambda w: reverse("council:decision-xlsx", args=[w.decision.pk]),
}


@pytest.mark.parametrize("url", SHEETS.values(), ids=SHEETS.keys())
def test_a_spreadsheet_holds_html_typed_into_a_field_as_plain_text(client, tainted, tainted_decision, url):
    tainted.decision = tainted_decision
    client.force_login(tainted.office)

    response = client.get(url(tainted))

    assert response.status_code == 200
    assert PAYLOAD in [cell for cell in _xlsx_cells(response) if isinstance(cell, str)]


# ---------------------------------------------------------------------------
# Mail: the HTML part escapes, the text part keeps the characters as typed
# ---------------------------------------------------------------------------
MAIL_KINDS = sorted(
    path.stem
    for path in (Path(__file__).resolve().parents[2] / "templates" / "emails").glob("*.html")
    if path.stem not in {"base", "digest"}
)


@pytest.mark.parametrize("kind", MAIL_KINDS)
def test_a_mail_shows_html_typed_into_a_title_as_text(world, settings, kind):
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    [notification] = notify(kind, to=world.head, title=PAYLOAD, body=PAYLOAD, url="/plans/tasks/")

    notification_mail_send(notification.pk)

    [message] = mail.outbox
    html = message.alternatives[0][0]
    assert ESCAPED in html
    assert not [mark for mark in RAW_MARKS if mark in html]
    assert PAYLOAD in message.body
