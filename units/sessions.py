"""Session clocks: a session ends after its maximum age or after a period without requests."""

import time

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.views import redirect_to_login
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext
from django_htmx.http import HttpResponseClientRedirect


class SessionIdleTimeoutMiddleware:
    """Log out a user idle for more than SESSION_IDLE_TIMEOUT seconds; cap a session at
    SESSION_COOKIE_AGE seconds after the login.

    The time of the last request is kept in the session and written at most once a minute, so an
    active user costs one session write a minute, not one per request. A session saved on a
    request also has its database expiry moved on, which is why the cap after login is checked
    here too rather than left to Django's expiry date.

    The pages' own polling (the notification bell, every minute) is not the user's activity: it
    does not move the idle clock on, or an open tab would never end its session. A session that
    ends on such a background (htmx) request sends the whole page to the login form, rather than
    the login form into the navigation bar.
    """

    LAST_SEEN = "_last_seen"
    LOGIN_AT = "_login_at"
    WRITE_EVERY = 60
    POLLING_URL_NAMES = ("notifications:partial-bell",)

    def __init__(self, get_response):
        self.get_response = get_response
        self._polling_paths = None

    def __call__(self, request):
        if request.user.is_authenticated:
            expired = self._touch(request)
            if expired:
                return expired
        return self.get_response(request)

    def _is_polling(self, request) -> bool:
        if self._polling_paths is None:
            self._polling_paths = frozenset(reverse(name) for name in self.POLLING_URL_NAMES)
        return request.path in self._polling_paths

    def _touch(self, request):
        now = int(time.time())
        session = request.session
        last_seen = session.get(self.LAST_SEEN)
        login_at = session.get(self.LOGIN_AT)
        idle = settings.SESSION_IDLE_TIMEOUT
        too_idle = idle and last_seen is not None and now - last_seen > idle
        too_old = login_at is not None and now - login_at > settings.SESSION_COOKIE_AGE
        if too_idle or too_old:
            logout(request)
            if too_idle:
                text = gettext("Phiên làm việc đã kết thúc vì không thao tác quá %(minutes)d phút.") % {
                    "minutes": idle // 60
                }
            else:
                text = gettext("Phiên làm việc đã kết thúc sau %(hours)d giờ.") % {
                    "hours": settings.SESSION_COOKIE_AGE // 3600
                }
            messages.info(request, text + " " + gettext("Vui lòng đăng nhập lại."))
            if request.htmx:  # back to the page that polled, if it is one of this site's
                back_to = request.htmx.current_url_abs_path or "/"
                return HttpResponseClientRedirect(redirect_to_login(back_to)["Location"])
            return redirect_to_login(request.get_full_path())
        if not self._is_polling(request) and (last_seen is None or now - last_seen >= self.WRITE_EVERY):
            session[self.LAST_SEEN] = now
        if login_at is None:
            session[self.LOGIN_AT] = now
        return None


def stamp_session_on_login(sender, request, user, **kwargs):
    """Start the idle and age clocks at the login itself (connected in units' app config)."""
    if request is not None and hasattr(request, "session"):
        now = int(time.time())
        request.session[SessionIdleTimeoutMiddleware.LAST_SEEN] = now
        request.session[SessionIdleTimeoutMiddleware.LOGIN_AT] = now


def stamp_last_login(sender, request, user, **kwargs):
    """The login's time on the user, as Django's ``update_last_login`` keeps it, but written by
    itself: no save of the whole user, so no history row of an unchanged user, and a write that
    ``units.generations`` knows to leave the kept pages alone for (``LAST_LOGIN``)."""
    user.last_login = timezone.now()
    type(user)._default_manager.filter(pk=user.pk).update(last_login=user.last_login)
