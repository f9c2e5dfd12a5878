"""Bulk moves on the nomination lists: the office verifies the ticked nominations at once
(``units.bulk``). Each goes through ``services.nomination_transition`` as from its own page —
judged again first, its history and event written, the unit notified — and one the rules judged
not eligible is refused with the reason the office must give on its own page."""

from django.utils.translation import gettext_lazy as _

from units.bulk import BulkAction, BulkActionView

from . import selectors, services
from .enums import NominationStatus

VERIFY = BulkAction(
    name="verify",
    label=_("Thẩm định đạt"),
    question=_("Thẩm định đạt %(n)s đề nghị?"),
    consequences=(
        _(
            "Mỗi đề nghị được kiểm tra lại điều kiện rồi chuyển sang “Đã thẩm định”; đơn vị đề nghị nhận "
            "thông báo; lịch sử đề nghị ghi người thẩm định và thời điểm."
        ),
        _(
            "Đề nghị hệ thống đánh giá không đủ điều kiện không được thẩm định hàng loạt: mở từng đề nghị "
            "để ghi lý do."
        ),
    ),
    button=_("Thẩm định đạt %(n)s đề nghị"),
    done=_("Đã thẩm định đạt %(n)s đề nghị"),
    run=lambda obj, *, by, reason: services.nomination_transition(obj, to=NominationStatus.VERIFIED, by=by),
)
NOMINATION_BULK_ACTIONS = (VERIFY,)


class NominationBulkView(BulkActionView):
    permission_required = "awards.verify_nomination"
    actions = NOMINATION_BULK_ACTIONS
    list_url_name = "awards:verify-queue"
    noun = _("đề nghị")
    row_format = "{obj.nominee_name} ({obj.award_type.name} {obj.year})"

    def get_queryset(self):
        return selectors.nominations_visible_to(self.request.user).select_related(
            "person", "unit", "award_type"
        )
