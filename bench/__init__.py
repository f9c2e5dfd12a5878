"""Benchmarks: scripts printing figures (``name value unit``, one per line), not tests; see ``make bench``."""
