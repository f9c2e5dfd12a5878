"""Model choices of list filters read as two columns, not as model instances.

A list page's filter holds a select of every unit of the province (150 and more): through
Django's ``ModelChoiceIterator`` each option built a model instance (on PostgreSQL through a
server-side cursor) and a wrapper value, which made the units select alone a tenth of a list
page's time. ``NameChoiceFilter`` reads ``(pk, name)`` pairs in one query instead; validating a
chosen value still goes through the field's queryset, so nothing outside it is accepted.
"""

from __future__ import annotations

import django_filters
from django.forms.models import ModelChoiceIterator
from django_filters import fields


class NameChoiceIterator(fields.ModelChoiceIterator):
    """``(pk, name)`` per option; the empty and null options as django-filter gives them."""

    def __iter__(self):
        field = self.field
        if field.empty_label is not None:
            yield ("", field.empty_label)
        if getattr(field, "null_label", None) is not None:
            yield (field.null_value, field.null_label)
        yield from self.queryset.values_list("pk", "name")


class NameChoiceField(fields.ModelChoiceField):
    iterator = NameChoiceIterator


class NameChoiceFilter(django_filters.ModelChoiceFilter):
    """A ``ModelChoiceFilter`` over a model whose ``__str__`` is its ``name`` (units, awards),
    its options labelled by that column."""

    field_class = NameChoiceField


class NameModelChoiceIterator(ModelChoiceIterator):
    """A form's ``ModelChoiceField`` over units or awards (``__str__`` is the ``name``): the empty
    choice, then ``(pk, name)`` read in one query, no model instance per option."""

    def __iter__(self):
        if self.field.empty_label is not None:
            yield ("", self.field.empty_label)
        yield from self.queryset.values_list("pk", "name")


def one_list_of_choices(form, first: str, *others: str) -> None:
    """Let the selects ``others`` list the same options as ``first`` from one reading of them: the
    task list's two unit filters (lead unit, unit doing the work) each read and wrote the ~150
    units of the province. The fields still check a value sent against their own queryset."""
    choices = list(iter(form.fields[first].widget.choices))  # list() alone would COUNT them first
    for name in (first, *others):
        form.fields[name].widget.choices = choices


def names_only(field, queryset) -> None:
    """Give a form's ``ModelChoiceField`` the ``queryset`` and list its choices as
    ``NameModelChoiceIterator`` reads them; a value sent is still checked against the queryset."""
    field.iterator = NameModelChoiceIterator
    field.queryset = queryset  # sets the widget's choices from the iterator


def offer_only(field, shown) -> None:
    """Let ``field`` accept any record of its queryset but list only ``shown`` (the chosen ones, the
    matches of a search): the province keeps more staff and award records than one page can list.
    ``shown=None`` lists every choice. Call it after the field's queryset is set."""
    if shown is None:
        return
    empty = [("", field.empty_label)] if getattr(field, "empty_label", None) is not None else []
    field.widget.choices = empty + [(record.pk, field.label_from_instance(record)) for record in shown]
