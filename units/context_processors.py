from django.utils.functional import SimpleLazyObject

from . import generations

_agency = generations.Kept(size=4)


def kept_agency():
    """The agency row (``Agency.load``), kept in memory until the row is written
    (``units.generations``): every page shows it, and it changes a few times a year."""
    from .models import Agency

    return _agency.get(generations.generation(generations.AGENCY), Agency.load)


def agency(request):
    return {"agency": SimpleLazyObject(kept_agency)}
