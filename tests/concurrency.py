"""Calls run at the same instant, as concurrent requests would: the one thread barrier of the unit and
the integration concurrency tests."""

import threading
from collections.abc import Callable, Sequence

from django.db import connection


def run_together(calls: Sequence[Callable[[], object]], *, timeout: float = 60) -> list:
    """Run each call in a thread of its own, all released at the same moment by a barrier.

    Every thread opens its own database connection on first use and closes it at the end. Returns,
    in the order of the calls, what each returned or the exception it raised (the test inspects
    what each thread met); a thread still running after `timeout` seconds gives a TimeoutError.
    """
    barrier = threading.Barrier(len(calls))
    results: list = [None] * len(calls)

    def worker(index: int, call: Callable[[], object]) -> None:
        try:
            barrier.wait()
            results[index] = call()
        except BaseException as exc:  # noqa: BLE001 - a failed assertion or pytest.fail in a thread too
            results[index] = exc
        finally:
            connection.close()

    threads = [threading.Thread(target=worker, args=(i, call)) for i, call in enumerate(calls)]
    for thread in threads:
        thread.start()
    for index, thread in enumerate(threads):
        thread.join(timeout=timeout)
        if thread.is_alive():
            results[index] = TimeoutError(f"call {index} still running after {timeout} s")
    return results
