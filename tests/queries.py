"""How many queries a page runs, to compare one page over few rows and over many."""

from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext


def page_queries(client, url) -> int:
    """The queries of one GET of ``url``, after a first one (the session and content types are
    looked up once) and with the cache emptied, so that the parts kept until a write (the
    layout's bell and agency, the home page's sections: ``units.generations``) are computed as
    after a change."""
    client.get(url)
    cache.clear()
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    assert response.status_code == 200
    return len(ctx)
