"""Home-page panels and inbox items of the units app."""

from django.conf import settings
from django.db.models import Count, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .enums import Role
from .home import register_panel
from .inbox import item as inbox_item
from .inbox import register_inbox, url_with
from .models import Person, Unit
from .selectors import locked_logins


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


# ---------------------------------------------------------------------------
# The inbox (units.inbox)
# ---------------------------------------------------------------------------
@register_inbox(Role.ADMIN, order=90, live=True)  # a lockout ends with its cool-off time
def admin_inbox(user, *, today):
    now = timezone.now()
    since = timezone.localtime(now - settings.AXES_COOLOFF_TIME).isoformat(timespec="seconds")
    yield inbox_item(
        "locked_logins",
        _("Tài khoản đang bị khóa đăng nhập do nhập sai mật khẩu nhiều lần"),
        locked_logins(now).count(),
        url_with("admin:axes_accessattempt_changelist", locked_out="yes", attempt_time__gte=since),
        today=today,
    )
