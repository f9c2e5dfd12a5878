"""Pages of the notifications app: the user's list and bell, their settings and calendar feed,
the office's log of reminders sent."""

from urllib.parse import urlsplit

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpResponseRedirect
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import FormView, ListView, TemplateView

from units.downloads import download_response
from units.listing import ListFilterMixin
from units.views import PagedListView, RulesMixin

from . import selectors, services
from .calendar import calendar_feed
from .filters import NotificationFilter, ReminderLogFilter
from .forms import PreferenceForm
from .tasks import enqueue, task_reminders_scan


class NotificationListView(ListFilterMixin, PagedListView):
    permission_required = "notifications.list_notification"
    template_name = "notifications/list.html"
    context_object_name = "notifications"
    filterset_class = NotificationFilter

    def get_rows(self):
        return selectors.notifications_of(self.request.user)

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        ctx["unread_count"] = selectors.notifications_unread_count(self.request.user)
        self.request._unread_notifications_count = ctx["unread_count"]  # the bell reuses it
        return ctx


class NotificationReadView(RulesMixin, View):
    """POST: mark one of the user's own notifications read; ``open`` goes on to its page."""

    permission_required = "notifications.list_notification"  # another's notification: 404

    def post(self, request, pk):
        notification = get_object_or_404(selectors.notifications_of(request.user), pk=pk)
        services.notification_mark_read(notification, by=request.user)
        if (
            request.POST.get("open")
            and notification.url
            and url_has_allowed_host_and_scheme(notification.url, allowed_hosts={request.get_host()})
        ):
            return HttpResponseRedirect(notification.url)
        return redirect("notifications:list")


class NotificationReadAllView(RulesMixin, View):
    permission_required = "notifications.list_notification"

    def post(self, request):
        count = services.notifications_mark_all_read(request.user)
        if count:
            messages.success(request, _("Đã đánh dấu %(count)d thông báo là đã đọc.") % {"count": count})
        return redirect("notifications:list")


class PartialBellView(RulesMixin, TemplateView):
    """htmx: the bell with the unread count (polled by the navbar)."""

    permission_required = "notifications.list_notification"

    template_name = "notifications/bell.html"


class PreferenceView(RulesMixin, FormView):
    """The user's settings: digest or single mails; the calendar feed address."""

    permission_required = "notifications.change_preference"

    template_name = "notifications/settings.html"
    form_class = PreferenceForm

    def get_initial(self):
        return {"digest": services.preference_for(self.request.user).digest}

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        token = services.preference_for(self.request.user).calendar_token
        ctx["feed_url"] = services.absolute_url(reverse("notifications:calendar-feed", args=[token]))
        return ctx

    def form_valid(self, form):
        services.preference_update(self.request.user, digest=form.cleaned_data["digest"])
        messages.success(self.request, _("Đã lưu cách nhận thông báo."))
        return redirect("notifications:settings")


class CalendarTokenResetView(RulesMixin, View):
    permission_required = "notifications.change_preference"

    def post(self, request):
        services.calendar_token_reset(request.user)
        messages.success(request, _("Đã tạo địa chỉ lịch mới; địa chỉ cũ không còn dùng được."))
        return redirect("notifications:settings")


class CalendarFeedView(View):
    """The personal iCalendar feed. No login: the secret token in the address identifies the user.

    An unknown or reset token is refused (403), like a wrong password.
    """

    def get(self, request, token):
        user = selectors.user_by_calendar_token(token)
        if user is None:
            raise PermissionDenied
        deadlines = selectors.deadlines_for(user, today=services.local_today())
        body = calendar_feed(
            deadlines,
            name=_("Hạn công việc TĐKT — %(name)s") % {"name": user.get_full_name() or user.username},
            host=urlsplit(settings.SITE_URL).hostname or request.get_host().split(":")[0],
            absolute=services.absolute_url,
        )
        return download_response(
            body,
            filename="thiduakt.ics",
            content_type="text/calendar; charset=utf-8",
            as_attachment=False,
            cache_control="private, max-age=900",
        )


class ReminderLogView(RulesMixin, ListView):
    """The office: every reminder sent, to whom and when; resend one; run the scan now."""

    permission_required = "notifications.list_reminderlog"
    template_name = "notifications/sent.html"
    context_object_name = "logs"
    paginate_by = settings.PAGINATE_BY

    def get_queryset(self):
        self.filterset = ReminderLogFilter(self.request.GET or None, queryset=selectors.reminder_logs())
        return self.filterset.qs

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        ctx["filter"] = self.filterset
        query = self.request.GET.copy()
        query.pop("page", None)
        ctx["query"] = query.urlencode()
        return ctx


class ReminderResendView(RulesMixin, View):
    permission_required = "notifications.resend_reminder"

    def post(self, request, pk):
        log = get_object_or_404(selectors.reminder_logs(), pk=pk)
        services.reminder_resend(log, by=request.user)
        messages.success(request, _("Đã gửi lại nhắc việc cho %(name)s.") % {"name": log.recipient})
        # an address, never a view name: redirect() would try to reverse "-1" and fail
        nxt = request.POST.get("next")
        return HttpResponseRedirect(nxt if _safe(request, nxt) else reverse("notifications:sent"))


class ReminderScanView(RulesMixin, View):
    """POST: queue a scan now (after deadlines were changed). A broker that is down is not an error:
    the daily scan catches up within the grace days."""

    permission_required = "notifications.run_reminder_scan"

    def post(self, request):
        if enqueue(task_reminders_scan):
            messages.success(request, _("Đã yêu cầu quét nhắc việc; thư sẽ được gửi trong ít phút."))
        else:
            messages.info(
                request,
                _("Hàng đợi tạm thời chưa sẵn sàng; nhắc việc sẽ được gửi ở lần quét tự động kế tiếp."),
            )
        return redirect("notifications:sent")


def _safe(request, url):
    return bool(url) and url_has_allowed_host_and_scheme(url, allowed_hosts={request.get_host()})
