"""Pages kept until the data changes: a GET page's title and content, rendered once and kept in
the shared cache under a key that holds everything the content depends on.

``KeptPageMixin`` goes before the view's own ``get()``: the login and permission checks of the
view's ``dispatch()`` (``units.views.RulesMixin``) run on every request, kept or not. It keys
the page on the view and its address (path and the full query string, so every filter, sort
and page number), the user (a unit head's rows are never shown to another unit's head), the
language, today's date (overdue states count from it), the data's generation
(``units.generations``: any ``INSERT``, ``UPDATE`` or ``DELETE`` renews it, so a write shows on
the very next request) and what the view adds in ``kept_key_parts()``. On a hit the view's
``get()`` is not called: no queryset, filter form, paginator or template of the content is
built; the layout around the content (menu, bell, messages, language switch) is rendered as on
every page, from ``kept_page.html``.

A page is kept only when it is shown as it is to everyone with the same key: a request with
messages waiting, a response other than a rendered 200 page and a page whose context holds a
form or filter with errors are neither read from nor stored in the cache; a view returns
``None`` from ``kept_key_parts()`` for a request whose page depends on something else (the home
page of a user with items counted by the clock, the vote page while a ballot may be undone).

The forms inside a kept page (bulk actions, ballots) carry the CSRF token of the request that
shows them: the page is rendered with one token, which is replaced in the kept text by a
placeholder, and every request that shows the kept text puts its own token back in (Django's
masked token of the request's own secret). The key therefore does not hold the CSRF secret, and
one user's pages are shared by the user's browsers.
"""

from __future__ import annotations

import hashlib

from django.contrib.messages import get_messages
from django.core.cache import cache
from django.forms import BaseForm
from django.forms.formsets import BaseFormSet
from django.middleware.csrf import get_token
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.safestring import mark_safe
from django.utils.translation import get_language

from . import generations

KEEP_SECONDS = 60 * 60  # an entry no longer read (its generation renewed) goes after this
KEPT_TEMPLATE = "kept_page.html"
KEPT_BLOCKS = ("title", "content")  # the blocks of base.html a page fills
CSRF_PLACEHOLDER = "\x00kept-csrf-token\x00"


def mark(name: str) -> str:
    """What ``base.html`` writes before block ``name`` when asked (``kept_marks``)."""
    return f"<!--kept:{name}-->"


def end_mark(name: str) -> str:
    return f"<!--/kept:{name}-->"


def has_form_errors(value) -> bool:
    """A bound form, formset or filter (its ``form``) with errors."""
    form = getattr(value, "form", None) if not isinstance(value, (BaseForm, BaseFormSet)) else value
    if isinstance(form, (BaseForm, BaseFormSet)):
        return form.is_bound and bool(form.errors)
    return False


def split_marked(html: str) -> tuple[str, dict[str, str]]:
    """The page without its marks, and the text between each pair of marks."""
    parts = {}
    for name in KEPT_BLOCKS:
        start, end = mark(name), end_mark(name)
        head, found, rest = html.partition(start)
        if not found:
            continue
        inner, found, tail = rest.partition(end)
        if not found:
            continue
        parts[name] = inner
        html = head + inner + tail
    return html, parts


class KeptPageMixin:
    """Keeps the page's title and content in the cache until the data changes (see the module)."""

    kept_seconds = KEEP_SECONDS

    def kept_key_parts(self) -> tuple | None:
        """What the content depends on besides the address, user, language, day and data;
        ``None``: this request's page is not kept."""
        return ()

    def kept_key(self) -> str | None:
        request = self.request
        if request.method != "GET" or len(get_messages(request)):
            return None
        extra = self.kept_key_parts()
        if extra is None:
            return None
        view = type(self)
        parts = (
            f"{view.__module__}.{view.__qualname__}",
            request.path,
            request.META.get("QUERY_STRING", ""),
            request.user.pk,
            get_language() or "",
            timezone.localdate().isoformat(),
            generations.settings_epoch(),
            *extra,
        )
        digest = hashlib.sha256(repr(parts).encode()).hexdigest()
        return f"units:kept:{generations.generation()}:{digest}"

    def get(self, request, *args, **kwargs):
        return self.kept_get(lambda: super(KeptPageMixin, self).get(request, *args, **kwargs))

    def kept_get(self, compute):
        """The kept page of this request, else ``compute()``'s response, kept when it may be.
        A view whose class defines its own ``get()`` calls this from it."""
        key = self.kept_key()
        if key is None:
            return compute()
        kept = cache.get(key)
        if kept is not None:
            return self.kept_response(kept)
        response = compute()
        if (
            not isinstance(response, TemplateResponse)
            or response.is_rendered
            or response.status_code != 200
            or len(get_messages(self.request))
            or any(has_form_errors(value) for value in (response.context_data or {}).values())
        ):
            return response
        token = get_token(self.request)
        response.context_data = {**response.context_data, "kept_marks": True, "csrf_token": token}
        response.render()
        html, parts = split_marked(response.content.decode(response.charset))
        response.content = html
        if set(parts) == set(KEPT_BLOCKS):
            kept = {name: text.replace(token, CSRF_PLACEHOLDER) for name, text in parts.items()}
            cache.set(key, kept, timeout=self.kept_seconds)
        return response

    def kept_response(self, kept: dict) -> TemplateResponse:
        token = get_token(self.request)
        # The blocks are this page's own output, escaped by the template engine when it was
        # rendered; the token is Django's CSRF token (letters and digits).
        context = {
            f"kept_{name}": mark_safe(text.replace(CSRF_PLACEHOLDER, token))  # noqa: S308  # nosec B308 B703
            for name, text in kept.items()
        }
        context["csrf_token"] = token
        return TemplateResponse(self.request, KEPT_TEMPLATE, context)
