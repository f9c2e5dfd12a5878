"""The change history told in Vietnamese sentences (``units.history``): who, when, what changed with
the fields' names and the values as a reader knows them, the system signing what no user did, and
never a raw Python value, a choice's code or the library's "+", "~", "-"."""

import datetime
import re

import pytest
from django.urls import reverse
from django.utils import timezone

from tests.factories import (
    PersonFactory,
    UnitFactory,
    make_cluster,
    make_office_user,
)
from units import services
from units.history import FieldChange, display, history_of, when_text
from units.models import Person, Unit
from units.selectors import cluster_membership_history

pytestmark = pytest.mark.django_db

RAW = re.compile(r"\b(True|False|None)\b|\{'|\[\{|^[+~-]$")


def everything_said(entries) -> list[str]:
    said = []
    for entry in entries:
        said.append(entry.headline)
        said.extend(change.sentence for change in entry.changes)
    return said


def test_an_edit_is_a_sentence_naming_the_author_the_field_and_the_values():
    office = make_office_user(first_name="Lan", last_name="Lê")
    person = PersonFactory(position="Bác sĩ")
    person = Person.objects.get(pk=person.pk)
    person.position = "Trưởng khoa"
    services.person_save(person, by=office)

    latest = history_of(person)[0]

    assert latest.headline == f"{office.get_full_name()} sửa cán bộ."
    assert "Chức vụ: Bác sĩ → Trưởng khoa" in [c.sentence for c in latest.changes]
    assert not latest.is_system


def test_a_change_without_a_user_is_signed_by_the_system():
    unit = UnitFactory(name="Trung tâm Y tế Long Khánh")
    unit = Unit.objects.get(pk=unit.pk)
    unit.name = "Trung tâm Y tế khu vực Long Khánh"
    services.unit_save(unit, by=None)

    latest = history_of(unit)[0]

    assert latest.is_system and latest.actor == "Hệ thống"
    assert latest.headline.startswith("Hệ thống sửa đơn vị")
    assert "Tên đơn vị: Trung tâm Y tế Long Khánh → Trung tâm Y tế khu vực Long Khánh" in [
        c.sentence for c in latest.changes
    ]


def test_a_related_record_is_named_as_it_was_at_the_change():
    office = make_office_user()
    old_unit, new_unit = UnitFactory(name="Khoa Nội"), UnitFactory(name="Khoa Ngoại")
    person = Person.objects.get(pk=PersonFactory(unit=old_unit).pk)
    person.unit = new_unit
    services.person_save(person, by=office)
    renamed = Unit.objects.get(pk=old_unit.pk)
    renamed.name = "Khoa Nội tổng hợp"
    services.unit_save(renamed, by=office)

    latest = history_of(person)[0]

    assert "Đơn vị: Khoa Nội → Khoa Ngoại" in [c.sentence for c in latest.changes]


def test_values_are_shown_as_a_reader_knows_them_never_as_python_values():
    unit_field = Unit._meta.get_field("active")
    kind_field = Unit._meta.get_field("kind")
    code, label = kind_field.choices[0]

    assert display(unit_field, True) == "Có"
    assert display(unit_field, False) == "Không"
    assert display(unit_field, None) == "(trống)"
    assert display(kind_field, code) == str(label)
    reasons = Person._meta.get_field("full_name")  # any field: lists of reasons read as lines
    assert display(reasons, [{"message": "Thiếu 2 năm", "basis": "Điều 74"}]) == "Thiếu 2 năm"
    assert display(reasons, datetime.date(2026, 3, 1)) == "01/03/2026"


def test_the_time_is_written_out_in_local_time():
    moment = datetime.datetime(2026, 12, 6, 8, 40, tzinfo=datetime.UTC)

    assert when_text(moment) == "lúc 15:40 ngày 06/12/2026"


def test_no_entry_holds_a_raw_value_or_an_english_action_name():
    office = make_office_user()
    unit = UnitFactory(name="Bệnh viện Da liễu")
    unit = Unit.objects.get(pk=unit.pk)
    unit.active = False
    services.unit_save(unit, by=office)

    entries = history_of(unit)

    assert entries, "the unit has a history"
    for sentence in everything_said(entries):
        assert not RAW.search(sentence), sentence
    for entry in entries:
        assert entry.action not in {"+", "~", "-", "create", "edit", "Created", "Changed"}
    assert "Đang hoạt động: Có → Không" in everything_said(entries)


def test_the_technical_details_are_kept_apart_from_the_sentences():
    office = make_office_user()
    person = Person.objects.get(pk=PersonFactory().pk)
    person.position = "Điều dưỡng trưởng"
    services.person_save(person, by=office)

    latest = history_of(person)[0]

    labels = [label for label, _value in latest.details]
    assert "Mã bản ghi lịch sử" in labels and "Mã đối tượng" in labels
    assert not re.search(rf"(?<!\w){person.pk}(?!\w)", latest.headline)  # no record number in the sentence


def test_a_cluster_membership_entry_names_the_unit_and_its_role():
    office = make_office_user(first_name="Hoa", last_name="Trần")
    a, b = UnitFactory(name="Bệnh viện A"), UnitFactory(name="Bệnh viện B")
    cluster = make_cluster(members=[a])

    services.cluster_save(cluster, members=[b], by=office)

    said = [e.headline for e in cluster_membership_history(cluster)]
    assert any(s.startswith(f"{office.get_full_name()} thêm") and "Bệnh viện B" in s for s in said)
    assert any(" bỏ " in s and "Bệnh viện A" in s for s in said)


def test_an_explained_field_reads_its_reasons_after_a_dash():
    change = FieldChange(
        label="Kết quả kiểm tra điều kiện",
        old="Đủ điều kiện",
        new="Không đủ điều kiện",
        note="thiếu 2 năm Chiến sĩ thi đua cơ sở",
    )

    assert change.sentence == (
        "Kết quả kiểm tra điều kiện: Đủ điều kiện → Không đủ điều kiện — thiếu 2 năm Chiến sĩ thi đua cơ sở"
    )


def test_the_unit_page_shows_the_history_as_sentences_with_the_details_folded(client):
    office = make_office_user(first_name="Hoa", last_name="Nguyễn")
    unit = Unit.objects.get(pk=UnitFactory(name="Tên cũ").pk)
    unit.name = "Tên mới"
    services.unit_save(unit, by=office)
    client.force_login(office)

    body = client.get(reverse("units:detail", args=[unit.pk])).content.decode()

    history = body[body.index('id="history"') :]
    assert f"{office.get_full_name()} sửa đơn vị." in history
    assert "Tên cũ → Tên mới" in history
    assert "<details" in history and "Chi tiết kỹ thuật" in history
    local = timezone.localtime(unit.history.latest("history_date").history_date)
    assert f"ngày {local:%d/%m/%Y}" in history
