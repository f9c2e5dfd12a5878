"""Another unit's ids, posted by the head of unit A into every form, URL and filter they can reach.

Forms: the head opens their own form (so that every other field, the version token included,
is as the page gave it), puts one of unit B's ids into one field and posts: the form comes back
with a Vietnamese message at that field, and nothing is written. URLs: unit B's objects under
the head's own URLs (or an object of A paired with one of B) answer 404 and write nothing.
Filters and query strings: unit B's id in the query leaves the page or file with unit A's rows.
"""

import io
from collections.abc import Callable
from dataclasses import dataclass

import pytest
from django import forms
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from openpyxl import load_workbook

from tests.factories import award, make_pdf_bytes, make_upload

from .helpers import page_values, writes

pytestmark = pytest.mark.django_db


@pytest.fixture
def head_client(client, world):
    client.force_login(world.head)
    return client


# ---------------------------------------------------------------------------
# Forms: one field carries an id of unit B
# ---------------------------------------------------------------------------
@dataclass(frozen=True)
class FormAttack:
    url: Callable  # the head's own form
    contexts: tuple  # the forms and formsets the page renders
    field: tuple  # (context name, field name or formset form index and field) where the message shows
    posted: Callable  # the fields overridden with unit B's ids
    message: str  # the Vietnamese message expected at the field
    unchanged: Callable  # what must read the same after the post


FORM_ATTACKS = {
    "new staff member placed in unit B": FormAttack(
        url=lambda w: reverse("units:person-create"),
        contexts=("form",),
        field=("form", "unit"),
        posted=lambda w: {
            "staff_code": "CB-LA",
            "full_name": "Người Lạ",
            "gender": "male",
            "unit": w.unit_b.pk,
        },
        message="Đơn vị này không có trong danh sách đơn vị bạn được quản lý",
        unchanged=lambda w: list(w.unit_b.staff.values_list("pk", flat=True)),
    ),
    "own staff member moved to unit B": FormAttack(
        url=lambda w: reverse("units:person-edit", args=[w.person_a.pk]),
        contexts=("form",),
        field=("form", "unit"),
        posted=lambda w: {"unit": w.unit_b.pk},
        message="Đơn vị này không có trong danh sách đơn vị bạn được quản lý",
        unchanged=lambda w: type(w.person_a).objects.get(pk=w.person_a.pk).unit_id,
    ),
    "nomination of unit B's staff member": FormAttack(
        url=lambda w: reverse("awards:nomination-create") + "?subject=individual",
        contexts=("form",),
        field=("form", "person"),
        posted=lambda w: {
            "year": 2025,
            "person": w.person_b.pk,
            "award_type": award("CSTDCS").pk,
            "achievement_kind": "annual",
        },
        message="Cán bộ này không thuộc đơn vị của bạn",
        unchanged=lambda w: type(w.nomination_a).objects.count(),
    ),
    "collective nomination of unit B": FormAttack(
        url=lambda w: reverse("awards:nomination-create") + "?subject=collective",
        contexts=("form",),
        field=("form", "unit"),
        posted=lambda w: {
            "subject": "collective",
            "year": 2025,
            "unit": w.unit_b.pk,
            "award_type": award("TTLDTT").pk,
            "achievement_kind": "annual",
        },
        message="Tập thể này không thuộc đơn vị của bạn",
        unchanged=lambda w: type(w.nomination_a).objects.count(),
    ),
    "own nomination switched to unit B's staff member": FormAttack(
        url=lambda w: reverse("awards:nomination-edit", args=[w.nomination_a.pk]),
        contexts=("form",),
        field=("form", "person"),
        posted=lambda w: {"person": w.person_b.pk},
        message="Cán bộ này không thuộc đơn vị của bạn",
        unchanged=lambda w: type(w.nomination_a).objects.get(pk=w.nomination_a.pk).person_id,
    ),
    "registration line for unit B's staff member": FormAttack(
        url=lambda w: reverse("campaigns:registration-edit", args=[w.registration_a.pk]),
        contexts=("form", "collectives", "individuals"),
        field=("individuals", 1, "person"),
        posted=lambda w: {"ind-1-person": w.person_b.pk, "ind-1-award_type": award("LDTT").pk},
        message="Không tìm thấy cán bộ này.",
        unchanged=lambda w: list(w.registration_a.individual_lines.values_list("person_id", flat=True)),
    ),
    "registration line for unit B as a collective": FormAttack(
        url=lambda w: reverse("campaigns:registration-edit", args=[w.registration_a.pk]),
        contexts=("form", "collectives", "individuals"),
        field=("collectives", 0, "unit"),
        posted=lambda w: {"col-0-unit": w.unit_b.pk, "col-0-award_type": award("TTLDTT").pk},
        message="Không tìm thấy đơn vị này.",
        unchanged=lambda w: w.registration_a.collective_lines.count(),
    ),
}


def _errors_at(response, field) -> str:
    name, *rest = field
    item = response.context[name]
    if isinstance(item, forms.BaseFormSet):
        index, field_name = rest
        return " ".join(item.forms[index].errors.get(field_name, []))
    return " ".join(item.errors.get(rest[0], []))


@pytest.mark.parametrize("attack", FORM_ATTACKS.values(), ids=FORM_ATTACKS.keys())
def test_a_unit_b_id_in_a_unit_heads_form_is_refused_at_the_field(head_client, world, attack):
    url = attack.url(world)
    page = head_client.get(url)
    assert page.status_code == 200
    data = {**page_values(page, *attack.contexts), **attack.posted(world)}
    before = attack.unchanged(world)

    with CaptureQueriesContext(connection) as queries:
        response = head_client.post(url, data)

    assert response.status_code == 200, "the form should come back with its errors"
    assert attack.message in _errors_at(response, attack.field)
    assert writes(queries.captured_queries) == []
    assert attack.unchanged(world) == before


def test_a_unit_head_registering_for_unit_b_opens_their_own_units_registration(head_client, world):
    registrations = sorted(world.round.registrations.values_list("pk", "unit_id"))

    response = head_client.post(
        reverse("campaigns:registration-start", args=[world.round.pk]), {"unit": world.unit_b.pk}
    )

    assert response.status_code == 302
    assert response["Location"] == reverse("campaigns:registration-edit", args=[world.registration_a.pk])
    assert sorted(world.round.registrations.values_list("pk", "unit_id")) == registrations


# ---------------------------------------------------------------------------
# URLs: unit B's objects under the head's URLs, or paired with unit A's
# ---------------------------------------------------------------------------
def _upload(name="bao-cao.pdf"):
    return make_upload(name, make_pdf_bytes())


URL_ATTACKS = {
    "progress of unit B's task": (
        lambda w: reverse("plans:task-progress", args=[w.task_b.pk]),
        lambda w: {"status": "done", "progress_note": "Đã xong"},
    ),
    "file for unit B's submission": (
        lambda w: reverse("plans:submission-upload", args=[w.submission_b.pk]),
        lambda w: {"file": _upload(), "note": "Gửi thay"},
    ),
    "dossier file into unit B's nomination": (
        lambda w: reverse("awards:dossier-upload", args=[w.nomination_b.pk]),
        lambda w: {"kind": "TOTRINH", "file": _upload()},
    ),
    "unit B's dossier file under unit A's nomination (download)": (
        lambda w: reverse("awards:dossier-download", args=[w.nomination_a.pk, w.file_b.pk]),
        None,
    ),
    "unit B's dossier file under unit A's nomination (delete)": (
        lambda w: reverse("awards:dossier-delete", args=[w.nomination_a.pk, w.file_b.pk]),
        lambda w: {},
    ),
    "submitting unit B's nomination": (
        lambda w: reverse("awards:nomination-transition", args=[w.nomination_b.pk, "submitted"]),
        lambda w: {"seen_status": "draft"},
    ),
    "editing unit B's nomination": (
        lambda w: reverse("awards:nomination-edit", args=[w.nomination_b.pk]),
        lambda w: {"year": 2025, "person": w.person_b.pk, "award_type": award("LDTT").pk},
    ),
    "editing unit B's registration": (
        lambda w: reverse("campaigns:registration-edit", args=[w.registration_b.pk]),
        lambda w: {"commitments": "Sửa hộ", "ind-TOTAL_FORMS": 0, "ind-INITIAL_FORMS": 0},
    ),
    "submitting unit B's registration": (
        lambda w: reverse("campaigns:registration-transition", args=[w.registration_b.pk]),
        lambda w: {"to": "submitted"},
    ),
    "editing unit B's staff member": (
        lambda w: reverse("units:person-edit", args=[w.person_b.pk]),
        lambda w: {"full_name": "Đổi tên", "unit": w.unit_a.pk},
    ),
    "marking the head of B's notification read": (
        lambda w: reverse("notifications:read", args=[w.notification_b.pk]),
        lambda w: {},
    ),
    "award history of unit B's staff member": (
        lambda w: reverse("reports:history-person", args=[w.person_b.pk]),
        None,
    ),
    "award history of unit B": (lambda w: reverse("reports:history-unit", args=[w.unit_b.pk]), None),
    "dashboard of unit B": (lambda w: reverse("reports:unit-dashboard") + f"?unit={w.unit_b.pk}", None),
}


@pytest.mark.parametrize("attack", URL_ATTACKS.values(), ids=URL_ATTACKS.keys())
def test_unit_b_ids_in_a_unit_heads_urls_are_not_found(head_client, world, attack):
    url, data = attack[0](world), attack[1]

    with CaptureQueriesContext(connection) as queries:
        response = head_client.post(url, data(world)) if data else head_client.get(url)

    assert response.status_code == 404
    assert writes(queries.captured_queries) == []


def test_the_office_cannot_pair_a_session_with_another_sessions_agenda_item_or_result(client, world):
    client.force_login(world.office)
    other_item = world.session_voting.agenda.get()
    urls = [
        reverse("council:agenda-remove", args=[world.session_scheduled.pk, other_item.pk]),
        reverse("council:tie-settle", args=[world.session_closed.pk, world.earlier_result.pk]),
    ]

    with CaptureQueriesContext(connection) as queries:
        answers = [client.post(url, {"approve": "1", "note": "x"}).status_code for url in urls]

    assert answers == [404, 404]
    assert writes(queries.captured_queries) == []


# ---------------------------------------------------------------------------
# Filters and query strings: unit B's id leaves unit A's rows
# ---------------------------------------------------------------------------
def _sheet_text(response) -> str:
    book = load_workbook(io.BytesIO(b"".join(response.streaming_content)))
    return " ".join(
        str(cell) for row in book.active.iter_rows(values_only=True) for cell in row if cell is not None
    )


def test_unit_b_in_the_staff_export_filter_gives_no_row_of_unit_b(head_client, world):
    url = reverse("reports:export", args=["persons"]) + f"?unit={world.unit_b.pk}"
    response = head_client.get(url)

    text = _sheet_text(response)
    assert response.status_code == 200
    assert world.person_b.full_name not in text
    assert world.unit_b.name not in text
    # The same export for the office holds unit B's row: the absence above is the guard's work.
    head_client.force_login(world.office)
    assert world.person_b.full_name in _sheet_text(head_client.get(url))


@pytest.mark.parametrize(
    ("name", "query", "row_b"),
    [
        ("awards:nomination-list", lambda w: f"unit={w.unit_b.pk}", lambda w: w.person_b.full_name),
        ("campaigns:registration-list", lambda w: f"unit={w.unit_b.pk}", lambda w: w.unit_b.name),
        ("units:person-list", lambda w: f"unit={w.unit_b.pk}", lambda w: w.person_b.full_name),
        ("plans:task-list", lambda w: f"lead_unit={w.unit_b.pk}&when=all", lambda w: w.task_b.content),
        (
            "reports:history",
            lambda w: f"unit={w.unit_b.pk}&person={w.person_b.pk}",
            lambda w: w.person_b.full_name,
        ),
    ],
    ids=lambda value: value if isinstance(value, str) else "",
)
def test_unit_b_in_a_list_filter_shows_no_row_of_unit_b(head_client, world, name, query, row_b):
    url = reverse(name) + "?" + query(world)
    response = head_client.get(url)

    body = response.content.decode()
    assert response.status_code == 200
    assert world.person_b.full_name not in body
    assert world.task_b.content not in body
    assert row_b(world) not in body
    # The same filter for the office shows unit B's row: the absence above is the guard's work.
    head_client.force_login(world.office)
    assert row_b(world) in head_client.get(url).content.decode()
