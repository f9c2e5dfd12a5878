"""Searching lists without accents: "nguyen" finds "Nguyễn", "benh vien" finds "Bệnh viện",
"duong" finds "Đường".

One rule, ``fold``: drop the accents (every combining mark once the text is decomposed), write
đ and Đ as d (a letter of its own that Unicode does not decompose), then lower the case. A column
is compared folded through the ``fold`` transform
(``Person.objects.filter(full_name__fold__contains="nguyen")``):

- on PostgreSQL it is ``thiduakt_fold(column)``, ``lower(unaccent(column))`` declared IMMUTABLE
  (migration ``units.0006_folded_search_indexes``) so that indexes can hold it: the ``unaccent``
  extension (installed by ``units.0005_unaccent_extension``) drops the marks of precomposed and
  decomposed letters alike and maps đ/Đ to d/D; ``lower`` then lowers what is left, plain ASCII
  for Vietnamese, whatever the database's collation;
- on SQLite it is ``thiduakt_fold(column)``, this module's ``fold`` registered on every new
  connection.

The words typed are folded in Python by the same rule, and a row matches when each word is
found in one of the list's search columns. On PostgreSQL the staff's folded name and staff code
have trigram indexes that serve ``LIKE '%…%'``; the other lists read the rows of their scope; see
README "Search and sorting".
"""

import unicodedata

from django.db import models
from django.db.backends.signals import connection_created
from django.db.models import Q, QuerySet

FUNCTION = "thiduakt_fold"  # a Python function on SQLite, a SQL one on PostgreSQL
SEARCH_MAX_LENGTH = 100  # characters read from what was typed
SEARCH_MAX_WORDS = 8

_D = str.maketrans({"đ": "d", "Đ": "d"})


def fold(text: str | None) -> str | None:
    """``text`` without accents and in lower case, đ and Đ as d (None stays None)."""
    if text is None:
        return None
    decomposed = unicodedata.normalize("NFD", str(text).translate(_D))
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch)).lower()


class Fold(models.Transform):
    """``<text column>__fold``: the column folded by the rule of ``fold``, in the database."""

    lookup_name = "fold"
    function = FUNCTION


models.CharField.register_lookup(Fold)
models.TextField.register_lookup(Fold)


def register_sqlite_fold(sender, connection, **kwargs):
    """Give each new SQLite connection the ``thiduakt_fold`` function of ``fold``."""
    if connection.vendor == "sqlite":
        connection.connection.create_function(FUNCTION, 1, fold, deterministic=True)


connection_created.connect(register_sqlite_fold, dispatch_uid="thiduakt.sqlite-fold")


def search_words(text: str | None) -> list[str]:
    """The words of what was typed, folded: at most ``SEARCH_MAX_WORDS`` words of the first
    ``SEARCH_MAX_LENGTH`` characters."""
    return fold((text or "")[:SEARCH_MAX_LENGTH]).split()[:SEARCH_MAX_WORDS]


def search(queryset: QuerySet, fields, text: str | None) -> QuerySet:
    """The rows of ``queryset`` in which each word of ``text`` is found, accents and case aside,
    in one of ``fields`` (text columns, or a single-valued relation's: ``"unit__name"``)."""
    for word in search_words(text):
        condition = Q()
        for name in fields:
            condition |= Q(**{f"{name}__fold__contains": word})
        queryset = queryset.filter(condition)
    return queryset
