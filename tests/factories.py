"""factory_boy factories and role helpers shared by every test layer."""

import datetime

import factory

from units.enums import ClusterRole, Gender, UnitKind
from units.models import Agency, Cluster, ClusterMembership, Person, Unit, User

PASSWORD = "mat-khau-thu-nghiem"


class AgencyFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Agency

    name = "Sở Y tế"
    short_name = "SYT"
    governing_body = "UBND tỉnh Đồng Nai"
    place_name = "Đồng Nai"


class UnitFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Unit

    code = factory.Sequence(lambda n: f"DV{n:03d}")
    name = factory.Sequence(lambda n: f"Bệnh viện Đa khoa số {n}")
    short_name = factory.Sequence(lambda n: f"BV{n}")
    kind = UnitKind.HOSPITAL
    active = True

    class Params:
        department = factory.Trait(kind=UnitKind.SUB_UNIT)
        inactive = factory.Trait(active=False)


class PersonFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Person

    staff_code = factory.Sequence(lambda n: f"CB{n:05d}")
    full_name = factory.Faker("name", locale="vi_VN")
    gender = factory.Iterator([Gender.MALE, Gender.FEMALE])
    birth_date = factory.Faker("date_between", start_date=datetime.date(1965, 1, 1), end_date=datetime.date(2000, 12, 31))
    unit = factory.SubFactory(UnitFactory)
    position = "Bác sĩ"
    rank = "Bác sĩ hạng III"

    class Params:
        inactive = factory.Trait(active=False)


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    email = factory.LazyAttribute(lambda o: f"{o.username}@example.vn")
    password = factory.PostGenerationMethodCall("set_password", PASSWORD)

    @factory.post_generation
    def _save(obj, create, extracted, **kwargs):  # noqa: N805
        if create:
            obj.save()


class ClusterFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Cluster

    year = 2026
    name = factory.Sequence(lambda n: f"Cụm thi đua số {n}")


def add_cluster_member(cluster, unit, role=ClusterRole.MEMBER):
    return ClusterMembership.objects.create(cluster=cluster, unit=unit, role=role)


def make_office_user(**kwargs):
    return UserFactory(is_office_staff=True, is_staff=True, **kwargs)


def make_unit_head(unit=None, **kwargs):
    unit = unit or UnitFactory()
    person = PersonFactory(unit=unit, position="Giám đốc")
    return UserFactory(head_of_unit=unit, person=person, **kwargs)


def make_council_member(**kwargs):
    return UserFactory(is_council_member=True, **kwargs)


def make_admin(**kwargs):
    return UserFactory(is_superuser=True, is_staff=True, **kwargs)


def make_plain_user(unit=None, **kwargs):
    """A logged-in staff member of a unit with no role at all."""
    person = PersonFactory(unit=unit or UnitFactory())
    return UserFactory(person=person, **kwargs)


