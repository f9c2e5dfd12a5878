"""The pieces every list page shares: a search box that ignores accents, sortable columns and a
year filter, as django-filter filters (``SearchFilter``, ``SortFilter``, ``YearFilter``)."""

import django_filters
from django import forms
from django.core.validators import EMPTY_VALUES
from django.db.models import F
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from .search import SEARCH_MAX_LENGTH, Fold, search

SORT_PARAM = "sort"
FIRST_YEAR, LAST_YEAR = 1945, 2100  # the years a year filter accepts


class SearchFilter(django_filters.CharFilter):
    """``q``: every word typed, without its accents, found in one of ``fields`` (``units.search``)."""

    def __init__(self, *, fields, placeholder=None, **kwargs):
        kwargs.setdefault("label", _("Tìm kiếm"))
        attrs = {"type": "search", "maxlength": SEARCH_MAX_LENGTH}
        if placeholder:
            attrs["placeholder"] = placeholder
        kwargs.setdefault("widget", forms.TextInput(attrs=attrs))
        super().__init__(**kwargs)
        self.search_fields = tuple(fields)

    def filter(self, qs, value):
        if value in EMPTY_VALUES:
            return qs
        return search(qs, self.search_fields, value)


def _lenient(field_class):
    """``field_class`` whose value outside its choices is no value rather than an error: an
    unknown ``?sort=`` leaves the list in its own order instead of emptying a strict list."""

    class Lenient(field_class):
        def clean(self, value):
            try:
                return super().clean(value)
            except forms.ValidationError:
                return None

    return Lenient


class SortFilter(django_filters.OrderingFilter):
    """``sort``: the order of a list from a whitelist, ``keys={sort key: (label, column or
    columns)}``; ``-key`` is the reverse, another key no order. The row's id breaks ties, so the
    pages of a sorted list never share a row."""

    def __init__(self, *, keys, **kwargs):
        self.sort_keys = {
            key: (label, tuple(columns) if isinstance(columns, (list, tuple)) else (columns,))
            for key, (label, columns) in keys.items()
        }
        kwargs.setdefault("label", _("Sắp xếp"))
        kwargs.setdefault("empty_label", _("Mặc định"))
        super().__init__(fields=[(key, key) for key in self.sort_keys], **kwargs)
        self.field_class = _lenient(self.field_class)

    def build_choices(self, fields, labels):
        choices = []
        for key, (label, _columns) in self.sort_keys.items():
            choices.append((key, format_lazy(_("{label} (tăng dần)"), label=label)))
            choices.append((f"-{key}", format_lazy(_("{label} (giảm dần)"), label=label)))
        return choices

    def filter(self, qs, value):
        if value in EMPTY_VALUES:
            return qs
        ordering = []
        for param in value:
            descending = param.startswith("-")
            _label, columns = self.sort_keys.get(param.removeprefix("-"), (None, ()))
            for column in columns:
                if not isinstance(column, str):  # an expression: folded(...)
                    ordering.append(column.desc() if descending else column.asc())
                    continue
                reverse = descending != column.startswith("-")
                ordering.append(("-" if reverse else "") + column.removeprefix("-"))
        if not ordering:
            return qs
        return qs.order_by(*ordering, "-pk" if value[0].startswith("-") else "pk")


def folded(column: str) -> Fold:
    """A text column as a sort key, accents aside: "Ánh" among the a's, "Đặng" among the d's."""
    return Fold(F(column))


class YearFilter(django_filters.Filter):
    """``year``: the rows of one year (``field_name`` a year column or a date's ``…__year``),
    typed as a number; empty is every year. It asks the database nothing to draw itself (a
    select of the years present would cost the page a query)."""

    field_class = forms.IntegerField

    def __init__(self, **kwargs):
        kwargs.setdefault("label", _("Năm"))
        kwargs.setdefault("min_value", FIRST_YEAR)
        kwargs.setdefault("max_value", LAST_YEAR)
        kwargs.setdefault(
            "widget",
            forms.NumberInput(
                attrs={"placeholder": _("Tất cả các năm"), "min": FIRST_YEAR, "max": LAST_YEAR}
            ),
        )
        super().__init__(**kwargs)


class ListFilterMixin:
    """A list view whose rows (``get_rows()``, from a selector) go through ``filterset_class``:
    the search box, the year, the order; the page gets it as ``filter``."""

    filterset_class = None

    def get_rows(self):  # pragma: no cover - every list defines it
        raise NotImplementedError

    def get_queryset(self):
        self.filterset = self.filterset_class(self.request.GET or None, queryset=self.get_rows())
        return self.filterset.qs

    def get_context_data(self, **kwargs):
        return super().get_context_data(filter=self.filterset, **kwargs)
