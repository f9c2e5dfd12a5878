"""Home-page panels of the campaigns app."""

from django.db.models import Count, Q
from django.utils.translation import gettext_lazy as _

from units.enums import Role
from units.home import register_panel

from .enums import RegistrationStatus
from .models import Registration, RegistrationRound
from .selectors import open_rounds_for_unit


@register_panel(Role.OFFICE, order=30)
def office_registrations(user):
    rounds = list(
        RegistrationRound.objects.order_by("-year", "-deadline")[:3].annotate(
            submitted=Count("registrations", filter=Q(registrations__status=RegistrationStatus.SUBMITTED)),
            returned=Count("registrations", filter=Q(registrations__status=RegistrationStatus.RETURNED)),
            accepted=Count("registrations", filter=Q(registrations__status=RegistrationStatus.ACCEPTED)),
            late=Count("registrations", filter=Q(registrations__is_late=True)),
        )
    )
    return {
        "title": _("Đăng ký thi đua"),
        "template": "campaigns/panels/office_registrations.html",
        "rounds": rounds,
        "awaiting": Registration.objects.filter(status=RegistrationStatus.SUBMITTED).count(),
    }


@register_panel(Role.UNIT_HEAD, order=30)
def unit_head_registrations(user):
    rows = open_rounds_for_unit(user.head_of_unit)
    if not rows:
        return None
    return {
        "title": _("Đăng ký thi đua của đơn vị"),
        "template": "campaigns/panels/unit_head_registrations.html",
        "rows": rows,
    }
