"""Settings of ``make bench``: the project's own (from the environment, as in production) with
the bench's URLs, which add the minimal pages every page is compared with (``bench.views``).
Never used outside the benchmarks."""

from thiduakt.settings import *  # noqa: F403

ROOT_URLCONF = "bench.urls"
