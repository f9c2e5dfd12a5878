"""Bulk reminders on the list of reports not sent (``?status=overdue`` or ``pending``): the office
reminds the ticked units at once (``units.bulk``), each through ``services.submission_remind`` —
a notification to the unit's heads signed by the sender, once a day at most per report."""

from django.utils.translation import gettext_lazy as _

from units.bulk import BulkAction, BulkActionView

from . import selectors
from .services import submission_remind

REMIND = BulkAction(
    name="remind",
    label=_("Gửi nhắc nhở"),
    question=_("Nhắc %(n)s đơn vị gửi báo cáo?"),
    consequences=(
        _(
            "Thủ trưởng của mỗi đơn vị nhận một thông báo (chuông và thư điện tử) nhắc gửi báo cáo, ghi tên "
            "người nhắc; đơn vị đã được nhắc tay hôm nay không bị nhắc lần nữa."
        ),
        _("Việc nhắc hạn tự động (trước hạn 7 ngày, 1 ngày và ngày sau hạn) vẫn diễn ra như thường."),
    ),
    button=_("Gửi nhắc nhở cho %(n)s đơn vị"),
    done=_("Đã nhắc %(n)s báo cáo"),
    run=lambda obj, *, by, reason: submission_remind(obj, by=by),
)
SUBMISSION_BULK_ACTIONS = (REMIND,)


class SubmissionRemindBulkView(BulkActionView):
    permission_required = "plans.remind_unitsubmission"
    actions = SUBMISSION_BULK_ACTIONS
    list_url_name = "plans:submission-list"
    noun = _("báo cáo")
    row_format = "{obj.unit.name} ({obj.request.title})"

    def get_queryset(self):
        return selectors.unit_submissions_visible_to(self.request.user).published().pending()
