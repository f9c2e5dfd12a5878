"""Model choices of list filters read as two columns, not as model instances.

A list page's filter holds a select of every unit of the province (150 and more): through
Django's ``ModelChoiceIterator`` each option built a model instance (on PostgreSQL through a
server-side cursor) and a wrapper value, which made the units select alone a tenth of a list
page's time. ``NameChoiceFilter`` reads ``(pk, name)`` pairs in one query instead; validating a
chosen value still goes through the field's queryset, so nothing outside it is accepted.
"""

from __future__ import annotations

import django_filters
from django_filters import fields


class NameChoiceIterator(fields.ModelChoiceIterator):
    """``(pk, <label column>)`` per option; the empty and null options as django-filter gives them."""

    def __iter__(self):
        field = self.field
        if field.empty_label is not None:
            yield ("", field.empty_label)
        if getattr(field, "null_label", None) is not None:
            yield (field.null_value, field.null_label)
        yield from self.queryset.values_list("pk", field.label_column)


class NameChoiceField(fields.ModelChoiceField):
    iterator = NameChoiceIterator

    def __init__(self, *args, label_column: str = "name", **kwargs):
        self.label_column = label_column
        super().__init__(*args, **kwargs)


class NameChoiceFilter(django_filters.ModelChoiceFilter):
    """A ``ModelChoiceFilter`` whose options are labelled by one column (``name`` unless
    ``label_column`` says otherwise), which must be what the model's ``__str__`` writes."""

    field_class = NameChoiceField
