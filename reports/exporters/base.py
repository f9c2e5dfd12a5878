"""Excel exports: one base class, one registry, one view (``reports:export <identifier>``).

Shaped like pretix's exporters: an exporter names itself, says
which permission the list page behind it asks for, and yields plain rows from the same scoped
selector and the same filterset as that page — so a unit head's export holds their unit's rows
and nothing else, whatever the querystring says. The writing is the one export base of every
sheet (``units.xlsx.SheetExporter``): openpyxl in write-only mode into a temporary file handed
to a ``FileResponse``, so memory stays flat for a list of any length; real dates, numbers,
amounts with thousands separators, text never a formula; an autofilter on the header row and
the A4 print set-up.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence

from django.conf import settings
from django.db.models import QuerySet, Value
from django.db.models.functions import Coalesce, Concat, NullIf
from django.utils import translation
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _

from units.search import fold
from units.xlsx import SheetExporter, label_map

ACTIVE_LABELS = {True: _("Đang hoạt động"), False: _("Ngừng hoạt động")}


# ---------------------------------------------------------------------------
# The base
# ---------------------------------------------------------------------------
class Exporter(SheetExporter):
    """One .xlsx export of a list page.

    Subclasses set ``identifier``, ``verbose_name``, ``permission_required`` (the list page's) and
    ``columns`` (``filename_stem`` only where the file is not named after the title), and
    implement ``queryset()`` (the page's selector and filterset). When every column names its
    ``field`` (or ``fields``) the base ``iter_rows()`` reads them; otherwise the subclass writes
    ``iter_rows()``: one sequence of plain values per row, in column order, read with
    ``values_list()`` and ``iterator()``.
    """

    identifier: str = ""
    permission_required: str = ""
    chunk_size = 2000
    direct_rows = True  # list pages run long (150,000 staff): see units.xlsx.DirectRows

    def __init__(self, request):
        self.request = request
        self.user = request.user
        self.params = request.GET

    @property
    def filename_stem(self) -> str:
        """The title as written (not translated), without accents: "Phong trào thi đua" names
        ``phong-trao-thi-dua-20261206.xlsx``. An exporter whose file is named otherwise sets it."""
        with translation.override(settings.LANGUAGE_CODE):
            return slugify(fold(str(self.verbose_name)))

    def queryset(self) -> QuerySet:  # pragma: no cover - every exporter defines it
        raise NotImplementedError

    def iter_rows(self) -> Iterator[Sequence]:
        """The columns' fields, each value made by its column's ``shown`` and named by its labels."""
        readers = []
        start = 0
        for column in self.columns:
            names = label_map(column.labels) if column.labels is not None else None
            end = start + len(column.paths)
            readers.append((slice(start, end), column.shown, names))
            start = end
        paths = [path for column in self.columns for path in column.paths]
        for row in self.stream(self.queryset(), *paths):
            values = []
            for part, shown, names in readers:
                value = shown(*row[part]) if shown is not None else row[part.start]
                values.append(value if names is None else names.get(value, value))
            yield values

    def has_permission(self) -> bool:
        return self.user.has_perm(self.permission_required)

    def stream(self, queryset: QuerySet, *fields: str) -> Iterator[tuple]:
        """Plain tuples from the database, fetched ``chunk_size`` rows at a time."""
        return queryset.prefetch_related(None).values_list(*fields).iterator(chunk_size=self.chunk_size)


# ---------------------------------------------------------------------------
# The registry
# ---------------------------------------------------------------------------
registry: dict[str, type[Exporter]] = {}


def register(cls: type[Exporter]) -> type[Exporter]:
    if not cls.identifier or cls.identifier in registry:
        raise ValueError(f"exporter identifier missing or taken: {cls.identifier!r}")
    registry[cls.identifier] = cls
    return cls


def exporter_for(identifier: str) -> type[Exporter] | None:
    return registry.get(identifier)


def filtered_rows(filterset) -> QuerySet:
    """The filterset's rows, as a plain list page shows them (an invalid field is ignored)."""
    return filterset.qs


def strict_rows(filterset) -> QuerySet:
    """A ``FilterView`` page's rows: nothing when the filter form is invalid (its strict mode)."""
    if filterset.is_bound and not filterset.is_valid():
        return filterset.queryset.none()
    return filterset.qs


def user_name(prefix: str) -> Coalesce:
    """A user's name as ``str(user)`` prints it: their staff record's name, else the login."""
    return Coalesce(
        NullIf(f"{prefix}__person__full_name", Value("")),
        NullIf(Concat(f"{prefix}__first_name", Value(" "), f"{prefix}__last_name"), Value(" ")),
        f"{prefix}__username",
    )
