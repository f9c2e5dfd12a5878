"""Bulk moves on the registration list: the office accepts, or returns with one reason, the ticked
registrations at once (``units.bulk``). Each goes through ``services.registration_transition``
as from its own page: its event and history written, the unit notified."""

from django.utils.translation import gettext_lazy as _

from units.bulk import BulkAction, BulkActionView

from . import selectors
from .enums import RegistrationStatus
from .services import registration_transition

ACCEPT = BulkAction(
    name="accept",
    label=_("Chấp nhận"),
    question=_("Chấp nhận %(n)s bản đăng ký?"),
    consequences=(
        _(
            "Mỗi bản đăng ký đang chờ duyệt chuyển sang “Đã chấp nhận” và bị khóa: đơn vị không sửa được "
            "nữa (Thường trực TĐKT có thể mở lại kèm lý do); đơn vị nhận thông báo."
        ),
    ),
    button=_("Chấp nhận %(n)s bản đăng ký"),
    done=_("Đã chấp nhận %(n)s bản đăng ký"),
    run=lambda obj, *, by, reason: registration_transition(obj, to=RegistrationStatus.ACCEPTED, by=by),
)
RETURN = BulkAction(
    name="return",
    label=_("Trả lại kèm lý do"),
    question=_("Trả lại %(n)s bản đăng ký?"),
    consequences=(
        _(
            "Mỗi bản đăng ký đang chờ duyệt chuyển sang “Bị trả lại” với cùng một lý do; đơn vị nhận thông "
            "báo kèm lý do, sửa rồi gửi lại."
        ),
    ),
    button=_("Trả lại %(n)s bản đăng ký"),
    done=_("Đã trả lại %(n)s bản đăng ký"),
    needs_reason=True,
    reason_missing=_("Ghi lý do trả lại để đơn vị biết cần sửa gì."),
    danger=True,
    run=lambda obj, *, by, reason: registration_transition(
        obj, to=RegistrationStatus.RETURNED, by=by, reason=reason
    ),
)
REGISTRATION_BULK_ACTIONS = (ACCEPT, RETURN)


class RegistrationBulkView(BulkActionView):
    permission_required = "campaigns.decide_registrations"
    actions = REGISTRATION_BULK_ACTIONS
    list_url_name = "campaigns:registration-list"
    noun = _("bản đăng ký")
    row_format = "{obj.unit.name} ({obj.round.name})"

    def get_queryset(self):
        return selectors.registrations_visible_to(self.request.user)
