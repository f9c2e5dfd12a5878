"""Home-page panels of the units app."""

from django.db.models import Count, Q
from django.utils.translation import gettext_lazy as _

from .enums import Role
from .home import register_panel
from .models import Person, Unit


@register_panel(Role.OFFICE, order=90)
def office_organisation(user):
    counts = Unit.objects.aggregate(active=Count("pk", filter=Q(active=True)), total=Count("pk"))
    staff = Person.objects.aggregate(active=Count("pk", filter=Q(active=True)))
    return {
        "title": _("Tổ chức"),
        "template": "units/panels/office_organisation.html",
        "units": counts,
        "staff": staff,
    }


@register_panel(Role.UNIT_HEAD, order=90)
def unit_head_unit(user):
    unit = user.head_of_unit
    return {
        "title": unit.name,
        "template": "units/panels/unit_head_unit.html",
        "unit": unit,
        "staff_active": unit.staff.filter(active=True).count(),
        "children": unit.children.filter(active=True).count(),
    }
