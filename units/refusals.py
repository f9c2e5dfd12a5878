"""The one way a service says no, and the one way a view shows it.

A service that will not do what was asked raises :class:`Refused` with a Vietnamese message and
writes nothing (its transaction rolls back). A write that lost a race with another user's save
raises :class:`Conflict` (a kind of refusal). Views mix in :class:`RefusalMixin` and call
``self.refused(exc, form=form)``: on a form the message lands in the form's errors (the user's
input is kept), without a form it goes to the messages shown on the next page.
"""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

DEFAULT_MESSAGE = _("Bạn không có quyền thực hiện thao tác này.")


class Refused(ValidationError):
    """A request the rules do not allow now; the message is Vietnamese and shown as it is."""


class Conflict(Refused):
    """The record was saved by someone else after the user loaded it.

    ``updated_at`` is the version saved meanwhile, when the service knows it: the form then
    carries it, so that submitting again keeps what the user typed (``VersionedFormMixin``).
    """

    def __init__(self, message, code=None, params=None, *, updated_at=None):
        super().__init__(message, code, params)
        self.updated_at = updated_at


def refusal_text(exc: Exception) -> str:
    """The user-facing text of a refusal (or any ValidationError), one sentence after another."""
    if isinstance(exc, ValidationError):
        return " ".join(str(message) for message in exc.messages)
    return str(exc) or str(DEFAULT_MESSAGE)


class RefusalMixin:
    """Views: show a refusal on the form when there is one, else in the messages."""

    def refused(self, exc: Exception, *, form=None):
        if form is not None:
            if isinstance(exc, Conflict) and hasattr(form, "add_conflict_error"):
                form.add_conflict_error(exc)
            elif isinstance(exc, ValidationError) and hasattr(exc, "error_dict"):
                # Each message at its field; a field the form does not show gets it at the top.
                for field, errors in exc.error_dict.items():
                    form.add_error(field if field in form.fields else None, errors)
            elif isinstance(exc, ValidationError):
                form.add_error(None, exc)  # each message of a list on its own line
            else:
                form.add_error(None, refusal_text(exc))
            return form
        messages.error(self.request, refusal_text(exc))
        return None
