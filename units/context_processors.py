from django.core.cache import cache
from django.utils.functional import SimpleLazyObject

from . import generations


def kept_agency():
    """The agency row (``Agency.load``), kept in the cache until the row is written
    (``units.generations``): every page shows it, and it changes a few times a year."""
    from .models import Agency

    key = f"units:agency:{generations.generation(generations.AGENCY)}"
    agency = cache.get(key)
    if agency is None:
        agency = Agency.load()
        cache.set(key, agency, timeout=None)
    return agency


def agency(request):
    return {"agency": SimpleLazyObject(kept_agency)}
