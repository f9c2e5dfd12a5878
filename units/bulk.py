"""Bulk actions on a list: the office ticks rows and moves them all at once.

Each row of the list carries a checkbox ``ids`` tied by its ``form`` attribute to the action bar's
form (``templates/includes/bulk_bar.html``, ``{% bulk_checkbox %}`` of ``units.templatetags.ui``),
so the list's own markup and its filter form stay as they are; it is a plain form POST (works
without JavaScript), and the header's "select all on this page" box is a small script (app.js).

A view subclasses :class:`BulkActionView`, names its actions (:class:`BulkAction`, each with the
service one row goes through), the scoped selector queryset of its rows and how a row is named in
the messages. On a POST it

1. takes the ticked ids and fetches them again through that queryset: an id the user cannot see
   is counted and reported, never acted on;
2. asks first (``units.confirm``): what will happen, in words, to how many rows and which;
3. once confirmed, calls the service row by row, each in its own transaction, so one refusal
   (``units.refusals.Refused``) leaves the others done; the services write the history as they
   do for one row;
4. reports in one message what was done and, row by row, what was refused and why:
   "Đã thẩm định đạt 12 đề nghị; 2 đề nghị không được: <tên> — <lý do>".
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views import View

from .confirm import ask_first, needs_confirmation
from .ids import ids_from
from .refusals import RefusalMixin, refusal_text
from .views import RulesMixin

BULK_MAX_ROWS = 500  # a page is 25 rows (PAGINATE_BY); a post naming more is cut here
NAMES_SHOWN = 10  # rows named on the confirmation page; the others are counted


@dataclass(frozen=True)
class BulkAction:
    """One move of the action bar. Texts are lazy translations; ``%(n)s`` is the number of rows.
    ``run(obj, by=user, reason=text)`` is the service on one row: True when it changed the row,
    False when it was already done."""

    name: str
    label: str  # the bar's button
    question: str  # the confirmation page's title: "Thẩm định đạt %(n)s đề nghị?"
    consequences: Sequence[str]  # what will happen, one sentence each
    button: str  # the confirming button
    done: str  # "Đã thẩm định đạt %(n)s đề nghị"
    needs_reason: bool = False
    reason_missing: str = ""
    danger: bool = False
    run: Callable[..., bool] | None = field(default=None, compare=False, repr=False)


class BulkActionView(RefusalMixin, RulesMixin, View):
    """POST only: the ticked rows, the confirmation page, then the service row by row."""

    http_method_names = ["post"]
    actions: Sequence[BulkAction] = ()
    list_url_name = ""
    noun = ""  # what a row is, in the messages: "đề nghị", "bản đăng ký", "báo cáo"
    row_format = "{obj}"  # how a row is named in the messages: "{obj.unit.name} ({obj.round.name})"

    def get_queryset(self):  # pragma: no cover - every view defines it
        raise NotImplementedError

    def perform(self, action: BulkAction, obj, *, by, reason: str) -> bool:
        """Run the action's service on one row: True when it changed, False when it was already done."""
        return action.run(obj, by=by, reason=reason)

    def row_label(self, obj) -> str:
        return self.row_format.format(obj=obj)

    # -- the request ---------------------------------------------------------------------------
    def back_url(self) -> str:
        target = self.request.POST.get("next", "")
        # A path of this site only: anything else ("2026-02-30") would be taken for a view's name.
        if target.startswith("/") and url_has_allowed_host_and_scheme(
            target, allowed_hosts={self.request.get_host()}, require_https=self.request.is_secure()
        ):
            return target
        return reverse(self.list_url_name)

    def post(self, request, *args, **kwargs):
        back = self.back_url()
        action = next((a for a in self.actions if a.name == request.POST.get("action")), None)
        if action is None:
            messages.error(request, _("Chọn thao tác cần thực hiện."))
            return redirect(back)
        wanted = list(dict.fromkeys(ids_from(request.POST.getlist("ids"))))[:BULK_MAX_ROWS]
        found = {obj.pk: obj for obj in self.get_queryset().filter(pk__in=wanted)}
        rows = [found[pk] for pk in wanted if pk in found]
        unseen = len(wanted) - len(rows)
        if not rows:
            messages.error(
                request,
                _("Chưa chọn %(noun)s nào trong danh sách của bạn; không có gì thay đổi.")
                % {"noun": self.noun},
            )
            return redirect(back)
        reason = (request.POST.get("reason") or "").strip()
        if action.needs_reason and not reason:
            messages.error(request, str(action.reason_missing))
            return redirect(back)
        if needs_confirmation(request):
            return self.ask(action, rows, unseen=unseen, reason=reason, back=back)
        done, already, refused = 0, 0, []
        for obj in rows:
            try:
                with transaction.atomic():
                    changed = self.perform(action, obj, by=request.user, reason=reason)
            except (ValidationError, PermissionDenied) as exc:
                refused.append((self.row_label(obj), refusal_text(exc)))
            else:
                done += bool(changed)
                already += not changed
        self.report(action, done=done, already=already, refused=refused, unseen=unseen)
        return redirect(back)

    def ask(self, action: BulkAction, rows: list, *, unseen: int, reason: str, back: str):
        n = len(rows)
        names = [self.row_label(obj) for obj in rows[:NAMES_SHOWN]]
        listed = "; ".join(names)
        if n > NAMES_SHOWN:
            listed += _(" và %(more)s %(noun)s khác") % {"more": n - NAMES_SHOWN, "noun": self.noun}
        consequences = [str(line) % {"n": n} for line in action.consequences]
        consequences.append(_("Các %(noun)s đã chọn: %(names)s.") % {"noun": self.noun, "names": listed})
        if reason:
            consequences.append(_("Lý do gửi kèm: %(reason)s") % {"reason": reason})
        consequences.append(
            _(
                "Mỗi %(noun)s được xử lý riêng: %(noun)s nào không thực hiện được thì giữ nguyên và được "
                "báo lại kèm lý do; các %(noun)s khác vẫn được thực hiện."
            )
            % {"noun": self.noun}
        )
        if unseen:
            consequences.append(
                _("%(n)s %(noun)s đã chọn không thuộc phạm vi của bạn hoặc không còn tồn tại: bỏ qua.")
                % {"n": unseen, "noun": self.noun}
            )
        return ask_first(
            self.request,
            title=str(action.question) % {"n": n},
            consequences=consequences,
            button=str(action.button) % {"n": n},
            cancel_url=back,
            danger=action.danger,
        )

    def report(self, action: BulkAction, *, done: int, already: int, refused: list, unseen: int) -> None:
        parts = [str(action.done) % {"n": done}]
        if already:
            parts.append(
                _("%(n)s %(noun)s đã được thực hiện trước đó, không thay đổi")
                % {"n": already, "noun": self.noun}
            )
        if refused:
            parts.append(
                _("%(n)s %(noun)s không được: %(rows)s")
                % {
                    "n": len(refused),
                    "noun": self.noun,
                    "rows": "; ".join(f"{name} — {why.rstrip('.')}" for name, why in refused),
                }
            )
        if unseen:
            parts.append(
                _("%(n)s %(noun)s không thuộc phạm vi của bạn, bỏ qua") % {"n": unseen, "noun": self.noun}
            )
        text = "; ".join(parts) + "."
        if refused or unseen:
            messages.warning(self.request, text)
        else:
            messages.success(self.request, text)


class BulkBarMixin:
    """List views: the action bar and the checkbox column (``bulk`` in the context) for the users
    who hold ``bulk_permission``; the others see the list as before."""

    bulk_url_name = ""
    bulk_form_id = "bulk-actions"
    bulk_actions: Sequence[BulkAction] = ()
    bulk_permission = ""

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        if self.request.user.has_perm(self.bulk_permission):
            ctx["bulk"] = {
                "url": reverse(self.bulk_url_name),
                "form": self.bulk_form_id,  # the action bar's form's id attribute
                "actions": self.bulk_actions,
                "reason": any(action.needs_reason for action in self.bulk_actions),
            }
        return ctx
