import pytest
from django.urls import reverse

from tests.factories import make_council_session, make_verified_nomination
from units.ids import id_or_none, ids_from


@pytest.mark.parametrize(
    "value,expected",
    [("42", 42), (7, 7), (" 9 ", 9), ("0", None), ("-1", None), ("²", None), ("١٢٣", None),
     (str(10**23), None), (str(2**63), None), ("1.5", None), ("", None), (None, None), (True, None)],
)  # fmt: skip
def test_an_id_is_a_plain_number_within_the_databases_integers(value, expected):
    assert id_or_none(value) == expected


def test_ids_from_keeps_the_ids_in_order_and_drops_the_rest():
    assert ids_from(["3", "x", str(10**40), "1"]) == [3, 1]


@pytest.mark.django_db
def test_adding_a_nomination_of_id_ten_to_the_fortieth_to_an_agenda_is_refused_not_a_server_error(client):
    ctx = make_council_session(3, nominations=[make_verified_nomination()])
    client.force_login(ctx.office)

    response = client.post(
        reverse("council:agenda-add", args=[ctx.session.pk]),
        {"nomination": ["9" * 40, "²", "١٢٣"]},
        follow=True,
    )

    assert response.status_code == 200
    assert "Chọn ít nhất một đề nghị đã thẩm định" in response.content.decode()


@pytest.mark.django_db
@pytest.mark.parametrize("value", ["-100000000000000000000000", str(10**23), "abc", "1.5"])
def test_a_multiple_choice_of_ids_refuses_what_is_not_an_id_as_an_unknown_one(value):
    from django.core.exceptions import ValidationError

    from units.ids import IdMultipleChoiceField
    from units.models import Unit

    field = IdMultipleChoiceField(queryset=Unit.objects.all())

    with pytest.raises(ValidationError) as caught:
        field.clean([value])

    assert caught.value.code == "invalid_pk_value"
