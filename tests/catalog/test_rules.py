import pytest

from catalog.models import AwardType
from tests.factories import make_council_member, make_office_user, make_unit_head

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("maker", "view", "change", "delete"),
    [
        (make_office_user, True, True, False),
        (make_unit_head, True, False, False),
        (make_council_member, True, False, False),
    ],
)
def test_everyone_reads_the_catalog_and_only_the_office_edits_it(maker, view, change, delete):
    user = maker()
    award = AwardType.objects.get(code="LDTT")

    assert user.has_perm(AwardType.get_perm("view"), award) is view
    assert user.has_perm(AwardType.get_perm("change"), award) is change
    assert user.has_perm(AwardType.get_perm("delete"), award) is delete


def test_office_staff_edit_an_award_in_the_admin(client):
    office = make_office_user()
    award = AwardType.objects.get(code="LDTT")
    client.force_login(office)

    listing = client.get("/admin/catalog/awardtype/")
    change = client.get(f"/admin/catalog/awardtype/{award.pk}/change/")

    assert listing.status_code == 200
    assert "Lao động tiên tiến" in listing.content.decode()
    assert change.status_code == 200


def test_a_unit_head_with_admin_access_may_read_but_not_change_an_award(client):
    head = make_unit_head(is_staff=True)
    award = AwardType.objects.get(code="LDTT")
    client.force_login(head)

    response = client.post(f"/admin/catalog/awardtype/{award.pk}/change/", {"name": "Đã sửa"})

    award.refresh_from_db()
    assert response.status_code == 403
    assert award.name == "Lao động tiên tiến"
