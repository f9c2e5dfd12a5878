"""Text that a spreadsheet would run as a formula leaves the application as text, in every sheet.

The world's text fields are filled with values starting with ``=``, ``+``, ``-``, ``@``, a tab or a
carriage return (a HYPERLINK to an outside site, a phone number, a sum). Every exporter of the
registry (``reports:export``) and every other .xlsx the application writes (the consolidated
registration, the cluster ranking, the decision's results, the import templates) is read back
with openpyxl: no cell is a formula, the tainted values are there exactly as typed (no stray
apostrophe), as string cells, and those a spreadsheet would evaluate carry the quote-prefix style
that ``units.xlsx.neutralise`` gives them, so that editing the cell keeps it text.
"""

import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from awards.models import DisclosurePeriod, Nomination, NominationCall
from campaigns.models import Campaign, CriteriaSet, Registration, RegistrationRound
from catalog.models import AwardType
from council.models import CouncilSession, Decision, ProposalPack
from notifications.models import ReminderLog
from plans.models import Letter, Plan, PlanTask, SubmissionRequest
from reports.exporters.base import registry
from units.models import Cluster, IssuedDocument, Person, Reorganisation, Unit
from units.xlsx import is_formula

pytestmark = pytest.mark.django_db

FORMULAS = [
    '=HYPERLINK("http://evil.example/","Bấm vào đây")',
    "+84 912 345 678",
    "-2+3+cmd|' /C calc'!A0",
    "@SUM(A1:A9)",
    "\t=1+1",
    "\r=1+1",
]


@pytest.fixture
def tainted(world):
    """Every text field an export shows holds a formula (written as an import or the admin would)."""
    w = world
    f = FORMULAS
    Unit.objects.filter(pk__in=[w.unit_a.pk, w.unit_b.pk]).update(name=f[0])
    Person.objects.filter(pk__in=[w.person_a.pk, w.person_b.pk]).update(full_name=f[1], position=f[2])
    Cluster.objects.filter(pk=w.cluster.pk).update(name=f[3])
    Plan.objects.filter(pk__in=[w.plan_issued.pk, w.plan_draft.pk]).update(title=f[4])
    PlanTask.objects.filter(pk__in=[w.task_a.pk, w.task_b.pk]).update(content=f[5], progress_note=f[0])
    SubmissionRequest.objects.filter(pk=w.request.pk).update(title=f[0])
    Campaign.objects.filter(pk=w.campaign.pk).update(name=f[1])
    RegistrationRound.objects.filter(pk=w.round.pk).update(name=f[2])
    Registration.objects.filter(pk=w.registration_a.pk).update(commitments=f[3])
    CriteriaSet.objects.filter(pk=w.criteria_set.pk).update(name=f[4])
    Nomination.objects.filter(pk=w.nomination_a.pk).update(status="submitted", achievements=f[5])
    DisclosurePeriod.objects.filter(pk=w.disclosure.pk).update(note=f[0])
    NominationCall.objects.filter(pk=w.call.pk).update(note=f[1])
    CouncilSession.objects.all().update(title=f[2], place=f[3])
    Decision.objects.all().update(title=f[4])
    ProposalPack.objects.all().update(title=f[5])
    Letter.objects.all().update(signer_name=f[1], addressees=[f[2]])
    ReminderLog.objects.all().update(title=f[0])
    AwardType.objects.filter(code="LDTT").update(name=f[1])
    Reorganisation.objects.filter(pk=w.reorganisation.pk).update(issuer=f[2])
    # the register's rows are never changed by the application; tainted here as a bulk write would
    IssuedDocument.objects.all().update(subject=f[2], signer=f[3], issuer=f[4])
    return w


def _cells(content: bytes):
    book = load_workbook(io.BytesIO(content))
    return [cell for sheet in book for row in sheet.iter_rows() for cell in row if cell.value is not None]


def _read(response) -> bytes:
    assert response.status_code == 200, response.status_code
    return b"".join(response.streaming_content) if response.streaming else response.content


def _check(content: bytes):
    cells = _cells(content)
    formulas = [cell.coordinate for cell in cells if cell.data_type == "f"]
    raw = [
        repr(cell.value)
        for cell in cells
        if isinstance(cell.value, str) and is_formula(cell.value) and not cell.quotePrefix
    ]
    neutralised = [cell.value for cell in cells if cell.value in FORMULAS]
    return formulas, raw, neutralised


# Query strings that make a list show the world's rows (its default may be another year or view).
EXPORT_QUERY = {"tasks": "when=all", "clusters": "year=2026", "awards": "", "verify-queue": ""}


@pytest.mark.parametrize("identifier", sorted(registry))
def test_every_list_export_writes_formulas_as_text(client, tainted, identifier):
    client.force_login(tainted.admin)
    query = EXPORT_QUERY.get(identifier, "")

    content = _read(client.get(reverse("reports:export", args=[identifier]) + (f"?{query}" if query else "")))

    formulas, raw, neutralised = _check(content)
    assert formulas == []
    assert raw == []
    assert neutralised, f"the {identifier} export shows none of the tainted fields: taint one it shows"


OTHER_SHEETS = {
    "consolidated registration": lambda w: reverse("campaigns:consolidated-xlsx", args=[w.round.pk]),
    "cluster ranking": lambda w: reverse("campaigns:ranking-xlsx", args=[w.criteria_set.pk]),
    "decision results": lambda w: reverse("council:decision-xlsx", args=[w.decision.pk]),
    "staff import template": lambda w: reverse("units:staff-import-template"),
    "award history import template": lambda w: reverse("awards:import-template", args=["records"]),
}


@pytest.mark.parametrize("url", OTHER_SHEETS.values(), ids=OTHER_SHEETS.keys())
def test_every_other_sheet_writes_formulas_as_text(client, tainted, url):
    client.force_login(tainted.office)

    content = _read(client.get(url(tainted)))

    formulas, raw, neutralised = _check(content)
    assert formulas == []
    assert raw == []
    assert neutralised
