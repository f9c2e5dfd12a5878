"""Ids typed into a form or an address, read safely.

``str.isdigit`` accepts "²" and "١٢٣" (which ``int`` then refuses or reads) and numbers past
the database's integers (10^23 overflows SQLite's and PostgreSQL's bigint): an id is a plain
ASCII number from 1 to 2^63 - 1, or it is not an id.
"""

from django.core.exceptions import ValidationError
from django.forms import ModelMultipleChoiceField

MAX_ID = 2**63 - 1


def id_or_none(value) -> int | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        number = value
    else:
        text = str(value if value is not None else "").strip()
        if not (text.isascii() and text.isdigit()) or len(text) > 19:
            return None
        number = int(text)
    return number if 0 < number <= MAX_ID else None


def ids_from(values) -> list[int]:
    """The ids among the values, in order; anything else dropped."""
    found = (id_or_none(value) for value in values)
    return [number for number in found if number is not None]


class IdMultipleChoiceField(ModelMultipleChoiceField):
    """A multiple choice of rows by id where a value that is not an id (text, a negative number or
    one past the database's integers) is refused like an id that does not exist, never queried."""

    def _check_values(self, value):
        if (self.to_field_name or "pk") == "pk":
            for item in value:
                if id_or_none(item) is None:
                    raise ValidationError(
                        self.error_messages["invalid_pk_value"], code="invalid_pk_value", params={"pk": item}
                    )
        return super()._check_values(value)
