"""The demo year: ``manage.py load_demo`` loads a year in progress, every page has something to show.

The demo is loaded once for the module (it writes through every app's services and prints real
PDFs: a few seconds) inside a transaction rolled back at the end; each test runs in its own
savepoint on top of it.
"""

import datetime
import io
import re
from urllib.parse import urljoin, urlsplit

import pytest
from django.apps import apps
from django.core.management import call_command
from django.db import connection, transaction
from django.test import override_settings
from django.utils import timezone
from pypdf import PdfReader

from awards.enums import NominationStatus
from awards.models import AwardRecord, DossierFile, Nomination, NominationCall
from campaigns.demo_year import campaign_name
from campaigns.enums import CampaignStatus, RegistrationStatus
from campaigns.models import Campaign, Registration
from catalog.enums import DocumentKind
from council.demo import session_titles
from council.enums import Outcome, SessionStatus
from council.models import AgendaResult, CouncilSession, Decision
from council.selectors import ballots_remaining
from plans.demo_year import SYMBOL, title_of
from plans.enums import PlanStatus, TaskStatus
from plans.models import Plan, UnitSubmission
from reports.enums import SummaryKind, SummaryStatus
from reports.models import SummaryReport
from tests.security.fuzz import SKIP_PATHS, SKIP_SUFFIXES, FormParser, routes
from units.demo import LOGINS
from units.documents import issued_document_for
from units.enums import IssuedKind
from units.inbox import inbox_sections
from units.models import User

pytestmark = pytest.mark.django_db

MEDIA = {}
PAGES_PER_LOGIN = 120  # every route without an id, then the first pages of each kind with an id


@pytest.fixture(scope="module")
def demo_year(django_db_setup, django_db_blocker, tmp_path_factory):
    """``load_demo`` run once on an empty database: its output, rolled back after the module."""
    media = tmp_path_factory.mktemp("demo-media")
    MEDIA["root"] = media
    storages = {
        "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }
    with (
        override_settings(
            MEDIA_ROOT=media,
            STORAGES=storages,
            PASSWORD_HASHERS=["django.contrib.auth.hashers.MD5PasswordHasher"],
            LANGUAGE_CODE="vi",
        ),
        django_db_blocker.unblock(),
        transaction.atomic(),
    ):
        out = io.StringIO()
        call_command("load_demo", stdout=out)
        yield out.getvalue()
        transaction.set_rollback(True)


@pytest.fixture(autouse=True)
def _demo_media(settings, demo_year):
    settings.MEDIA_ROOT = MEDIA["root"]  # the dossiers and issued documents the demo stored


def counts_of_every_model():
    tables = set(connection.introspection.table_names())
    return {
        model._meta.label: model._default_manager.count()
        for model in apps.get_models()
        if model._meta.db_table in tables
    }


def this_year() -> int:
    return timezone.localdate().year


def test_loading_the_demo_year_twice_creates_nothing_the_second_time(demo_year):
    counts = counts_of_every_model()
    out = io.StringIO()

    call_command("load_demo", stdout=out)

    for label in ("kế hoạch năm nay", "phong trào năm nay", "bản đăng ký", "đề nghị khen thưởng"):
        assert re.search(rf"\d+ {label}", demo_year), label
    for label in ("phiên họp Hội đồng", "phiếu biểu quyết", "quyết định khen thưởng", "báo cáo sơ kết"):
        assert re.search(rf"\d+ {label}", demo_year), label
    assert "không tạo thêm bản ghi nào" in out.getvalue()
    assert counts_of_every_model() == counts


def test_the_campaign_of_the_year_has_registrations_in_every_state(demo_year):
    campaign = Campaign.objects.get(name=campaign_name(this_year()))

    states = set(Registration.objects.filter(round__campaign=campaign).values_list("status", flat=True))

    assert campaign.status == CampaignStatus.UNDER_WAY
    assert issued_document_for(campaign, kind=IssuedKind.CAMPAIGN) is not None
    assert states == set(RegistrationStatus.values)
    returned = Registration.objects.get(round__campaign=campaign, status=RegistrationStatus.RETURNED)
    assert returned.unit.code == "BVDK-DN" and returned.return_reason
    assert returned.events.count() == 2  # sent by the unit, returned by the office


def test_the_plan_of_the_year_has_tasks_done_late_and_ahead_and_reports_in_every_state(demo_year):
    today = timezone.localdate()
    plan = Plan.objects.get(symbol=SYMBOL, year=this_year(), title=title_of(this_year()))
    tasks = plan.tasks.all()
    rows = UnitSubmission.objects.filter(request__plan=plan).with_display_status(today)

    assert plan.status == PlanStatus.ISSUED and plan.number
    assert tasks.filter(status=TaskStatus.DONE, due_date__lt=today).exists()
    assert tasks.exclude(status=TaskStatus.DONE).filter(due_date__lt=today).exists()  # overdue
    assert tasks.filter(due_date__gte=today).exists()
    assert {"on_time", "late", "overdue", "pending"} <= set(rows.values_list("display_status", flat=True))
    sent = rows.filter(submitted_at__isnull=False).first()
    assert PdfReader(sent.file.open("rb")).pages


def test_nominations_of_the_year_are_in_every_state_with_their_dossiers(demo_year):
    nominations = Nomination.objects.filter(year=this_year())

    assert set(nominations.values_list("status", flat=True)) == set(NominationStatus.values)
    assert not nominations.filter(files__isnull=True).exists()
    assert NominationCall.objects.filter(year=this_year(), active=True).exists()
    draft = nominations.filter(status=NominationStatus.DRAFT).first()
    assert set(draft.files.values_list("kind", flat=True)) == {DocumentKind.TOTRINH}  # more to add
    item = DossierFile.objects.filter(nomination__year=this_year(), kind=DocumentKind.TOTRINH).first()
    text = PdfReader(item.file.open("rb")).pages[0].extract_text()
    assert "TỜ TRÌNH" in text and item.nomination.proposing_unit.name.upper() in text
    assert item.uploaded_by is not None


def test_a_session_was_voted_closed_and_its_decision_issued(demo_year):
    first, second = session_titles(this_year())
    closed = CouncilSession.objects.get(title=first)
    results = AgendaResult.objects.filter(item__session=closed)

    assert closed.status == SessionStatus.CLOSED and closed.minutes_number
    assert issued_document_for(closed, kind=IssuedKind.MINUTES) is not None
    assert {Outcome.APPROVED, Outcome.REJECTED} <= set(results.values_list("outcome", flat=True))
    assert all(r.cast == r.members for r in results)
    decision = Decision.objects.get(session=closed)
    assert issued_document_for(decision, kind=IssuedKind.DECISION) is not None
    assert AwardRecord.objects.filter(nomination__in=decision.items.values("nomination")).count() == 4
    voting = CouncilSession.objects.get(title=second)
    assert voting.status == SessionStatus.VOTING
    assert ballots_remaining(User.objects.get(username="hoidong")) == {voting.pk: 3}


def test_the_review_reports_of_the_year_are_drafted(demo_year):
    reports = SummaryReport.objects.filter(year=this_year())
    second_half = timezone.localdate() > datetime.date(this_year(), 6, 30)
    current = SummaryKind.YEAR_END if second_half else SummaryKind.HALF_YEAR

    draft = reports.get(kind=current)

    assert draft.status == SummaryStatus.DRAFT
    assert draft.general_situation and draft.statistics
    if second_half:
        assert reports.get(kind=SummaryKind.HALF_YEAR).status == SummaryStatus.ISSUED


@pytest.mark.parametrize("username", [login.username for login in LOGINS])
def test_every_demo_login_finds_work_in_their_inbox(client, demo_year, username):
    user = User.objects.get(username=username)
    client.force_login(user)

    response = client.get("/")

    assert response.status_code == 200
    page = response.content.decode()
    for section in inbox_sections(user):
        counted = [item for item in section["items"] if item.count]
        assert counted, f"{username}: nothing waits under {section['label']}"
        for item in counted:
            assert item.url.replace("&", "&amp;") in page, item.label
            assert client.get(item.url).status_code == 200, item.url


def _path(href: str, page: str) -> str | None:
    target = urlsplit(urljoin(page, href))
    if target.netloc or not target.path.startswith("/") or target.path.startswith(SKIP_PATHS):
        return None
    if target.path.endswith(SKIP_SUFFIXES) or "/download" in target.path or "/export" in target.path:
        return None
    return target.path + (f"?{target.query}" if target.query else "")


def _kind(path: str) -> str:
    """Pages of one kind: the same path once the ids are taken out."""
    return re.sub(r"/\d+(?=/|$)", "/<id>", urlsplit(path).path)


@pytest.mark.parametrize("username", [login.username for login in LOGINS])
def test_the_pages_a_demo_login_reaches_answer_without_a_server_error(client, demo_year, username):
    client.force_login(User.objects.get(username=username))
    home = client.get("/").content.decode()
    menu = FormParser("/")
    menu.feed(home)
    main_lists = {p for p in (_path(href, "/") for href in menu.links) if p and "<" not in _kind(p)}
    queue = sorted(main_lists) + [p for p in routes() if not p.startswith(SKIP_PATHS) and p not in main_lists]
    seen, kinds, errors, opened = set(queue), {}, [], 0
    while queue and opened < PAGES_PER_LOGIN:
        path = queue.pop(0)
        response = client.get(path)
        opened += 1
        if response.status_code >= 500:
            errors.append(path)
        if path in main_lists:
            assert response.status_code == 200, path
        if response.status_code != 200 or "text/html" not in response.get("Content-Type", ""):
            continue
        parser = FormParser(path)
        parser.feed(response.content.decode(errors="replace"))
        for href in parser.links:
            link = _path(href, path)
            if link is None or link in seen or "?" in link:
                continue
            kind = _kind(link)
            if "<id>" in kind and kinds.get(kind, 0) >= 2:
                continue
            kinds[kind] = kinds.get(kind, 0) + 1
            seen.add(link)
            queue.append(link)

    assert not errors, errors
    assert main_lists and opened > len(main_lists)
    assert any("<id>" in kind for kind in kinds)  # pages of the demo's own records were opened
