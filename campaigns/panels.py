"""Home-page panels of the campaigns app."""

from django.db.models import Count, Q
from django.utils.translation import gettext_lazy as _

from units.enums import Role
from units.home import register_panel
from units.inbox import earliest_item, register_inbox, url_with
from units.inbox import item as inbox_item

from .enums import RegistrationStatus
from .models import RegistrationRound
from .selectors import open_rounds_for_unit, registrations_in_status


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
        "awaiting": registrations_in_status(user, RegistrationStatus.SUBMITTED).count(),
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


# ---------------------------------------------------------------------------
# The inbox (units.inbox): each count read by the selector the linked list reads
# ---------------------------------------------------------------------------
@register_inbox(Role.OFFICE, order=20)
def office_inbox(user, *, today):
    yield inbox_item(
        "registrations_to_accept",
        _("Đăng ký thi đua chờ tiếp nhận"),
        registrations_in_status(user, RegistrationStatus.SUBMITTED).count(),
        url_with("campaigns:registration-list", status=RegistrationStatus.SUBMITTED),
        today=today,
    )


@register_inbox(Role.UNIT_HEAD, order=20)
def unit_head_inbox(user, *, today):
    yield earliest_item(
        "registrations_returned",
        _("Đăng ký thi đua bị trả lại, cần sửa và gửi lại"),
        registrations_in_status(user, RegistrationStatus.RETURNED),
        url_with("campaigns:registration-list", status=RegistrationStatus.RETURNED),
        due_field="round__deadline",
        today=today,
        due_label=_("hạn đăng ký sớm nhất"),
    )
