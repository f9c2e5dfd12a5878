"""Nothing irreversible on one click: a move that cannot be undone asks first.

The page's button posts as before; a POST without ``confirmed=1`` changes nothing and answers with a
page that says in words what will happen, and a form that posts the same fields again with
``confirmed=1`` (plain HTML: it works without JavaScript), beside a link back. A view calls
``ask_first(request, ...)`` at the top of its ``post`` when ``needs_confirmation(request)``.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.template.response import TemplateResponse

CONFIRM_FIELD = "confirmed"
_NOT_REPOSTED = {"csrfmiddlewaretoken", CONFIRM_FIELD}


def needs_confirmation(request) -> bool:
    return request.method == "POST" and request.POST.get(CONFIRM_FIELD) != "1"


def ask_first(
    request,
    *,
    title: str,
    consequences: Iterable[str],
    button: str,
    cancel_url: str,
    danger: bool = False,
    subject: str = "",
) -> TemplateResponse:
    """The confirmation page of the move the request asked for: ``title`` (the question),
    ``subject`` (what it applies to), ``consequences`` (what will happen, one sentence each)."""
    fields = [
        (name, value)
        for name in request.POST
        if name not in _NOT_REPOSTED
        for value in request.POST.getlist(name)
    ]
    return TemplateResponse(
        request,
        "core/confirm.html",
        {
            "title": title,
            "subject": subject,
            "consequences": list(consequences),
            "button": button,
            "cancel_url": cancel_url,
            "danger": danger,
            "fields": fields,
            "action": request.get_full_path(),
            "confirm_field": CONFIRM_FIELD,
        },
    )
