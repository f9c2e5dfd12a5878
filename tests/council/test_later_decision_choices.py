"""Correcting and revoking award records when the province keeps many of them: the list to pick
from shows the record the decision page linked to, those already picked and the first records
matching the search, never every record on file; any standing record can still be picked."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from awards.models import AwardRecord
from council.views import _LaterDecisionView
from tests.factories import AwardRecordFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def limit(monkeypatch):
    monkeypatch.setattr(_LaterDecisionView, "SHOWN_RECORDS", 3)
    return 3


def offered(response, name):
    select = re.search(rf'<select name="{name}".*?</select>', response.content.decode(), re.S).group(0)
    return [int(v) for v in re.findall(r'<option value="(\d+)"', select)]


@pytest.mark.parametrize(
    ("url_name", "field"), [("council:decision-revoke", "records"), ("council:decision-correct", "record")]
)
def test_the_list_offers_the_linked_record_and_at_most_the_limit_more(office_client, limit, url_name, field):
    records = AwardRecordFactory.create_batch(6)
    linked = records[-1]

    response = office_client.get(reverse(url_name) + f"?record={linked.pk}")

    shown = offered(response, field)
    assert response.status_code == 200
    assert shown[0] == linked.pk
    assert len(shown) == 1 + limit
    assert len(set(shown)) == len(shown)


def test_the_search_finds_a_record_by_decision_number_or_name(office_client, limit):
    records = AwardRecordFactory.create_batch(6)
    target = records[4]
    AwardRecord.objects.filter(pk=target.pk).update(
        recipient_name="Trần Thị Bích Ngọc", decision_number="77/QĐ-UBND"
    )  # the factory numbers its records "<n>/QĐ-SYT": "77/QĐ" alone would find its 77th too

    by_number = offered(office_client.get(reverse("council:decision-revoke") + "?q=77/QĐ-UB"), "records")
    by_name = offered(office_client.get(reverse("council:decision-revoke") + "?q=bích ngọc"), "records")

    assert by_number == [target.pk]
    assert by_name == [target.pk]


def test_a_record_beyond_the_list_can_still_be_revoked(office_client, limit):
    # The list is ordered by the name as issued: the last name in order is beyond the limit.
    records = [AwardRecordFactory(recipient_name=f"Cán bộ {i:02d}") for i in range(6)]
    beyond = records[-1]
    assert beyond.pk not in offered(office_client.get(reverse("council:decision-revoke")), "records")

    response = office_client.post(
        reverse("council:decision-revoke"),
        {
            "records": [beyond.pk],
            "date": timezone.localdate().isoformat(),
            "signer_position": "Giám đốc",
            "signer_name": "Nguyễn Văn An",
            "reason": "Khen thưởng không đúng đối tượng.",
        },
    )

    assert response.status_code == 302, response.content.decode()[:2000]
    beyond.refresh_from_db()
    assert beyond.revoked


def test_the_pages_run_the_same_queries_for_2_and_20_records(office_client):
    counts = []
    for total in (2, 20):
        AwardRecord.objects.all().delete()
        AwardRecordFactory.create_batch(total, recipient_name="")  # labels then name the person
        for url_name in ("council:decision-revoke", "council:decision-correct"):
            office_client.get(reverse(url_name))
            with CaptureQueriesContext(connection) as queries:
                assert office_client.get(reverse(url_name)).status_code == 200
            counts.append((url_name, len(queries)))

    assert counts[:2] == counts[2:]
