"""Generations of the data: tokens in the shared cache that every write through the application
replaces, so that what is cached under a generation is never read after a change.

A value that depends on the data is kept under a key that holds the current generation of its
*topic*; a write renews the token and the next request computes the value afresh under the new
key (the old entry is left to expire). The home page's panels and inbox of a user are kept in
Django's cache, shared by the web nodes; small values read on every page (the agency row, the
bell's count, the menu's permission answers) in each process's memory (``Kept``), which is safe
because the value under a given token never changes. A request reads the tokens of every topic
in one round trip to the cache, once.

Writes are noticed where they reach the database, not by model signals: every connection runs
its statements through ``watch_writes`` (installed by ``units.apps``), which reads the table name
of each ``INSERT``, ``UPDATE`` and ``DELETE``. ``QuerySet.update()``, ``bulk_create()`` and raw
SQL, which send no signal, are seen as well as ``save()`` and ``delete()``, in the web processes,
the workers and the management commands alike. Inside a transaction the topic is renewed at the
first write (readers in the same transaction, and tests, see the change at once) and again when
the transaction commits (a value computed by another process from the data before the commit is
stored under a token that is already gone); a rolled-back transaction renews nothing more.

A login's time on the user (``LAST_LOGIN``) and bookkeeping tables written on their own schedule
and read by no cached value (sessions, login throttling, the beat schedule, task results) renew
nothing. With several processes the cache must be shared (``CACHE_URL``, Redis in production)
for a write in one of them to reach the others; with the local-memory cache each process sees
only its own writes, which is right for a single process and for the tests.
"""

from __future__ import annotations

import functools
import re
import secrets
import threading
from collections import OrderedDict

from django.core.cache import cache
from django.core.signals import setting_changed

DATA = "data"  # every table but the bookkeeping ones
AGENCY = "agency"  # units_agency: the agency row every page shows
NOTIFICATIONS = "notifications"  # notifications_notification: the bell's count

IGNORED_TABLES = ("django_session", "axes_", "django_celery_beat_", "django_celery_results_")
TOPIC_TABLES = {AGENCY: "units_agency", NOTIFICATIONS: "notifications_notification"}
TOPICS = (DATA, AGENCY, NOTIFICATIONS)

# The login's time (``units.sessions.stamp_last_login``), which no kept value shows: a login
# leaves everyone's kept pages as they are.
LAST_LOGIN = re.compile(
    r'\s*UPDATE\s+[`"]?units_user[`"]?\s+SET\s+[`"]?last_login[`"]?\s*=\s*%s\s+WHERE', re.IGNORECASE
)
_WRITE = re.compile(r'\s*(?:INSERT\s+INTO|UPDATE|DELETE\s+FROM)\s+[`"]?(\w+)', re.IGNORECASE)


def key(topic: str) -> str:
    return f"units:generation:{topic}"


_local = threading.local()


def _read() -> set[str]:
    """The topics this thread has read a token of since it last renewed them."""
    topics = getattr(_local, "topics", None)
    if topics is None:
        topics = _local.topics = set()
    return topics


def generation(topic: str = DATA) -> str:
    """The current token of ``topic``; a new one when the cache has none (restart, eviction).

    The tokens of every topic are read together, once per request (``request_started`` to
    ``request_finished``: a request works from the tokens it began with, and its own writes
    renew them); outside a request (workers, commands) on every call."""
    memo = getattr(_local, "request_tokens", None)
    token = memo.get(topic) if memo else None
    if token is None:
        found = cache.get_many([key(name) for name in TOPICS])
        tokens = {}
        for name in TOPICS:
            tokens[name] = found.get(key(name))
            if tokens[name] is None:
                tokens[name] = secrets.token_hex(8)
                if not cache.add(key(name), tokens[name], timeout=None):
                    tokens[name] = cache.get(key(name), tokens[name])
        if memo is not None:
            memo.update(tokens)
        token = tokens[topic]
    _read().add(topic)
    return token


def renew(topics) -> None:
    """Replace the tokens of ``topics``: every value cached under the old ones is forgotten."""
    tokens = {topic: secrets.token_hex(8) for topic in topics}
    cache.set_many({key(topic): token for topic, token in tokens.items()}, timeout=None)
    memo = getattr(_local, "request_tokens", None)
    if memo is not None:
        memo.update(tokens)
    _read().difference_update(topics)


# The settings' own generation: a change of settings in a running process (the tests' override
# of templates, translations, page sizes) renews it, and what a process keeps of its templates'
# output (kept pages, ``{% once %}`` blocks) is kept under a key holding it.
_settings_epoch = 0


def settings_epoch() -> int:
    return _settings_epoch


def settings_changed(**kwargs) -> None:
    global _settings_epoch
    _settings_epoch += 1


setting_changed.connect(settings_changed, dispatch_uid="units.generations.settings_changed")


def request_began(**kwargs) -> None:
    _local.request_tokens = {}


def request_ended(**kwargs) -> None:
    _local.request_tokens = None


class Kept:
    """Values kept in this process's memory under keys that hold a generation token: the value of
    such a key never changes (a change renews the token, so a new key), so several processes may
    each keep their own copy. The least recently used are forgotten beyond ``size``."""

    def __init__(self, size: int):
        self.size = size
        self.values: OrderedDict = OrderedDict()
        self.lock = threading.Lock()

    def get(self, key, compute):
        with self.lock:
            if key in self.values:
                self.values.move_to_end(key)
                return self.values[key]
        value = compute()
        with self.lock:
            self.values[key] = value
            if len(self.values) > self.size:
                self.values.popitem(last=False)
        return value


@functools.lru_cache(maxsize=1024)
def topics_of(table: str) -> frozenset[str]:
    """The topics a write to ``table`` renews."""
    table = table.lower()
    if table.startswith(IGNORED_TABLES):
        return frozenset()
    return frozenset({DATA} | {topic for topic, name in TOPIC_TABLES.items() if name == table})


class _Renewal:
    """The commit hook of one transaction: renews its topics once more when it commits."""

    def __init__(self, topics: frozenset[str]):
        self.topics = topics

    def __call__(self) -> None:
        renew(self.topics)


def written(connection, table: str) -> None:
    """A statement wrote to ``table`` on ``connection``: renew its topics now and, inside a
    transaction, once more at the commit.

    Only this thread sees a transaction's writes before the commit, so within one transaction a
    topic is renewed again only when this thread read its token since: a loop of ten thousand
    saves renews it twice, not ten thousand times."""
    topics = topics_of(table)
    if not topics:
        return
    if not connection.in_atomic_block:
        renew(topics)
        return
    # The hooks still pending on this transaction (a rolled-back savepoint drops its own).
    pending = set()
    for _sids, func, _robust in connection.run_on_commit:
        if isinstance(func, _Renewal):
            pending |= func.topics
    new = topics - pending
    now = new | (topics & _read())
    if now:
        renew(now)
    if new:
        connection.on_commit(_Renewal(frozenset(new)))


def watch_writes(execute, sql, params, many, context):
    """A database execute wrapper: runs the statement, then notes a write (``written``)."""
    result = execute(sql, params, many, context)
    found = _WRITE.match(sql)
    if found and not LAST_LOGIN.match(sql):
        written(context["connection"], found.group(1))
    return result


def install(connection, **kwargs) -> None:
    """Watch the writes of ``connection`` (a ``connection_created`` receiver)."""
    if watch_writes not in connection.execute_wrappers:
        connection.execute_wrappers.append(watch_writes)
