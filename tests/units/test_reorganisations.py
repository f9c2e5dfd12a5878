"""Reorganisations on the ground floor: each kind's effect on the units, the tree and names on a
day, lineage, the signal, and the refusals."""

import datetime

import pytest

from tests.factories import PersonFactory, UnitFactory, make_office_user, make_unit_head
from units import selectors, services
from units.enums import ReorganisationKind, UnitKind
from units.models import Reorganisation, Unit
from units.refusals import Refused
from units.signals import unit_reorganised

pytestmark = pytest.mark.django_db

JULY_1 = datetime.date(2025, 7, 1)
BASIS = services.LegalBasis(
    number="1234/QĐ-UBND", date=datetime.date(2023, 12, 20), issuer="UBND tỉnh Đồng Nai"
)


@pytest.fixture
def heard():
    calls = []

    def receiver(sender, **kwargs):
        calls.append(kwargs)

    unit_reorganised.connect(receiver)
    yield calls
    unit_reorganised.disconnect(receiver)


def _centres():
    a = UnitFactory(name="Trung tâm Y tế huyện Trảng Bom", kind=UnitKind.HEALTH_CENTRE)
    b = UnitFactory(name="Trung tâm Y tế huyện Thống Nhất", kind=UnitKind.HEALTH_CENTRE)
    return a, b


def test_merger_creates_the_successor_and_ends_the_predecessors_the_day_before(heard):
    a, b = _centres()
    nurse = PersonFactory(unit=a)
    ward = UnitFactory(parent=b, kind=UnitKind.SUB_UNIT, name="Khoa Nội")
    new = Unit(code="TTYT-KV1", name="Trung tâm Y tế khu vực Trảng Bom", kind=UnitKind.HEALTH_CENTRE)

    event = services.reorganisation_merge(
        [a, b], successor=new, main=a, effective=JULY_1, basis=BASIS, by=make_office_user()
    )

    a.refresh_from_db(), b.refresh_from_db(), nurse.refresh_from_db(), ward.refresh_from_db()
    assert event.kind == ReorganisationKind.MERGER
    assert new.valid_from == JULY_1
    assert a.valid_to == b.valid_to == datetime.date(2025, 6, 30)
    assert set(new.predecessors.all()) == {a, b}
    assert nurse.unit == new and ward.parent == new
    assert event.main_predecessor == a
    assert heard == [
        {"signal": unit_reorganised, "unit_ids": sorted([a.pk, b.pk, new.pk]), "effective": JULY_1}
    ]


def test_absorption_into_an_existing_unit_keeps_it_and_adds_the_predecessor():
    a, b = _centres()

    event = services.reorganisation_merge([a], successor=b, main=None, effective=JULY_1, basis=BASIS)

    b.refresh_from_db()
    assert event.kind == ReorganisationKind.ABSORPTION
    assert b.valid_to is None and list(b.predecessors.all()) == [a]
    assert set(event.before.all()) == {a, b}


def test_rename_keeps_the_row_and_the_old_name_for_its_days():
    unit = UnitFactory(name="Trung tâm Y tế huyện Long Thành", valid_from=datetime.date(2010, 1, 1))

    services.reorganisation_rename(
        unit, new_name="Trung tâm Y tế khu vực Long Thành", effective=JULY_1, basis=BASIS
    )

    unit.refresh_from_db()
    assert unit.name == "Trung tâm Y tế khu vực Long Thành"
    assert selectors.unit_name_on(unit, datetime.date(2024, 12, 31)) == "Trung tâm Y tế huyện Long Thành"
    assert selectors.unit_name_on(unit, datetime.date(2025, 6, 30)) == "Trung tâm Y tế huyện Long Thành"
    assert selectors.unit_name_on(unit, JULY_1) == "Trung tâm Y tế khu vực Long Thành"


def test_split_names_the_old_unit_as_the_predecessor_of_each_part():
    unit = UnitFactory(name="Trung tâm Y tế thành phố Biên Hòa")
    parts = [
        Unit(code=f"TTYT-BH{i}", name=f"Trung tâm Y tế khu vực Biên Hòa {i}", kind=UnitKind.HEALTH_CENTRE)
        for i in (1, 2)
    ]

    services.reorganisation_split(unit, successors=parts, effective=JULY_1, basis=BASIS)

    for part in parts:
        lineage = selectors.unit_lineage(part)
        assert [(e.unit, e.main, e.effective) for e in lineage] == [(unit, True, JULY_1)]


def test_transfer_moves_a_department_and_the_tree_before_the_day_shows_it_where_it_was():
    old, new = _centres()
    ward = UnitFactory(parent=old, kind=UnitKind.SUB_UNIT, name="Khoa Dược")

    services.reorganisation_transfer(ward, to_parent=new, effective=JULY_1, basis=BASIS)

    def parent_on(day):
        roots = selectors.units_tree_on(day)
        for root in roots:
            if any(child.unit == ward for child in root.children):
                return root.unit
        return None

    assert parent_on(datetime.date(2025, 6, 30)) == old
    assert parent_on(JULY_1) == new


def test_tree_on_a_day_holds_only_the_units_in_force_and_their_names_then():
    a, b = _centres()
    new = Unit(code="TTYT-KV2", name="Trung tâm Y tế khu vực 2", kind=UnitKind.HEALTH_CENTRE)
    services.reorganisation_merge([a, b], successor=new, main=b, effective=JULY_1, basis=BASIS)

    before = {node.unit for node in selectors.units_tree_on(datetime.date(2025, 6, 30))}
    after = {node.unit for node in selectors.units_tree_on(JULY_1)}

    assert {a, b} <= before and new not in before
    assert new in after and not ({a, b} & after)


def test_lineage_follows_predecessors_transitively_and_marks_the_main_chain():
    a, b = _centres()
    c = UnitFactory(name="Bệnh viện huyện Cẩm Mỹ")
    first = Unit(code="KV1", name="Trung tâm Y tế khu vực 1", kind=UnitKind.HEALTH_CENTRE)
    services.reorganisation_merge(
        [a, b], successor=first, main=b, effective=datetime.date(2024, 1, 1), basis=BASIS
    )
    second = Unit(code="KV2", name="Trung tâm Y tế khu vực 2", kind=UnitKind.HEALTH_CENTRE)
    services.reorganisation_merge([first, c], successor=second, main=first, effective=JULY_1, basis=BASIS)

    lineage = {entry.unit: entry for entry in selectors.unit_lineage(second)}

    assert set(lineage) == {first, c, a, b}
    assert lineage[first].main and lineage[b].main
    assert not lineage[a].main and not lineage[c].main
    assert lineage[b].depth == 2
    assert [e.unit for e in selectors.main_chain(second)] == [first, b]


def test_the_office_can_change_which_predecessor_continues_the_chain(heard):
    a, b = _centres()
    new = Unit(code="KV3", name="Trung tâm Y tế khu vực 3", kind=UnitKind.HEALTH_CENTRE)
    event = services.reorganisation_merge([a, b], successor=new, main=a, effective=JULY_1, basis=BASIS)

    services.reorganisation_choose_main(event, main=b, by=make_office_user())

    assert [e.unit for e in selectors.main_chain(new)] == [b]
    assert len(heard) == 2
    latest = Reorganisation.history.filter(id=event.pk).latest("history_date", "history_id")
    assert latest.main_predecessor_id == b.pk and latest.history_change_reason == "main"


def test_dissolution_ends_the_unit_with_no_successor():
    unit = UnitFactory()

    services.reorganisation_dissolve(unit, effective=JULY_1, basis=BASIS)

    unit.refresh_from_db()
    assert unit.valid_to == datetime.date(2025, 6, 30)
    assert not unit.successors.exists()


def test_dissolving_a_unit_with_staff_is_refused_at_the_field():
    unit = UnitFactory()
    PersonFactory(unit=unit)

    with pytest.raises(Refused) as caught:
        services.reorganisation_dissolve(unit, effective=JULY_1, basis=BASIS)

    assert "còn cán bộ đang công tác" in caught.value.message_dict["units_before"][0]


def test_a_merger_without_a_decision_number_or_main_predecessor_is_refused_and_writes_nothing():
    a, b = _centres()
    new = Unit(code="KV4", name="Trung tâm Y tế khu vực 4", kind=UnitKind.HEALTH_CENTRE)
    basis = services.LegalBasis(number=" ", date=BASIS.date, issuer=BASIS.issuer)

    with pytest.raises(Refused) as caught:
        services.reorganisation_merge([a, b], successor=new, main=None, effective=JULY_1, basis=basis)

    errors = caught.value.message_dict
    assert errors["decision_number"] == ["Nhập số quyết định sắp xếp, tổ chức lại."]
    assert "main_predecessor" in errors
    assert not Unit.objects.filter(code="KV4").exists() and not Reorganisation.objects.exists()


def test_a_unit_ended_earlier_cannot_be_merged_again():
    a, b = _centres()
    services.reorganisation_dissolve(a, effective=datetime.date(2025, 1, 1), basis=BASIS)

    with pytest.raises(Refused) as caught:
        services.reorganisation_merge([b, a], successor=b, main=None, effective=JULY_1, basis=BASIS)

    assert "đã hết hiệu lực" in caught.value.message_dict["units_before"][0]


def test_a_unit_head_may_not_record_a_reorganisation():
    a, b = _centres()

    with pytest.raises(Exception) as caught:
        services.reorganisation_dissolve(a, effective=JULY_1, basis=BASIS, by=make_unit_head(a))

    assert caught.type.__name__ == "PermissionDenied"


def test_the_signal_is_sent_inside_the_transaction_so_a_failing_listener_undoes_the_event():
    a, b = _centres()

    def refuse(sender, **kwargs):
        raise RuntimeError("listener failed")

    unit_reorganised.connect(refuse)
    try:
        with pytest.raises(RuntimeError):
            services.reorganisation_merge([a], successor=b, main=None, effective=JULY_1, basis=BASIS)
    finally:
        unit_reorganised.disconnect(refuse)

    a.refresh_from_db()
    assert not Reorganisation.objects.exists() and a.valid_to is None and not b.predecessors.exists()
