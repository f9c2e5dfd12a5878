"""Figures for the plan importer: its recall on the corpus of tests/fixtures/documents.

    python -m bench.importer

Each document of the corpus (plans and official letters of six provinces, four of them .docx)
has its truth beside it. The figures, one per line as ``name value unit``, are shares of that
truth the importer reads right (figures, not thresholds; the tests assert the rules per document):

- ``importer_recall_tasks``: expected tasks found (a parsed task starts with the expected text);
- ``importer_recall_deadlines``: expected tasks found with the right due date or recurrence;
- ``importer_recall_addressees``: expected tasks found with the right lead unit or group;
- ``importer_recall_signers``: documents whose signer (prefix, title, position, name) is right;
- ``importer_recall_recipients``: recipient lines read as written (Nơi nhận);
- ``importer_recall_headers``: documents whose number, date, place and issuing body are right;
- ``importer_recall_kinds``: documents whose kind (annual, review, campaign, ...) is right;
- ``importer_recall_marks``: bold and italic pieces of the .docx kept;
- ``importer_broken_lines_flagged``: lines with words broken by a PDF extraction that are flagged;
- ``importer_parse_median``: time to read one document (median over the corpus, 5 rounds).
"""

import importlib.util
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "thiduakt.settings")

import django  # noqa: E402

django.setup()

from bench.figures import figure  # noqa: E402

CORPUS = Path(__file__).resolve().parents[1] / "tests" / "fixtures" / "documents" / "corpus.py"


def _corpus():
    spec = importlib.util.spec_from_file_location("import_corpus", CORPUS)
    module = sys.modules.setdefault("import_corpus", importlib.util.module_from_spec(spec))
    spec.loader.exec_module(module)
    return module


def _share(hits: int, total: int) -> float:
    return hits / total if total else 1.0


def main() -> int:
    corpus = _corpus()
    counts = dict.fromkeys(
        ["tasks", "deadlines", "addressees", "signers", "recipients", "headers", "kinds", "marks", "broken"],
        0,
    )
    totals = dict.fromkeys(counts, 0)
    timings = []
    with tempfile.TemporaryDirectory() as build:
        documents = corpus.documents(Path(build))
        for doc in documents:
            truth = doc.expected
            plan = doc.parse()
            for _round in range(5):
                start = time.perf_counter()
                doc.parse()
                timings.append(time.perf_counter() - start)
            for item in truth["tasks"]:
                totals["tasks"] += 1
                totals["deadlines"] += 1
                totals["addressees"] += 1
                task = corpus.matching_task(plan, item)
                if task is None:
                    continue
                counts["tasks"] += 1
                addressee, deadline = corpus.task_is_right(task, item)
                counts["addressees"] += addressee
                counts["deadlines"] += deadline
            signer = truth["signer"]
            totals["signers"] += 1
            counts["signers"] += (
                plan.signer_prefix,
                plan.signer_prefix_title,
                plan.signer_position,
                plan.signer_name,
            ) == (signer["prefix"], signer["prefix_title"], signer["position"], signer["name"])
            totals["recipients"] += len(truth["recipients"])
            counts["recipients"] += sum(
                1 for a, b in zip(plan.recipients, truth["recipients"], strict=False) if a == b
            )
            totals["headers"] += 1
            counts["headers"] += (
                plan.number == truth["number"]
                and plan.symbol == truth["symbol"]
                and plan.issue_date == corpus.day(truth["date"])
                and plan.place == truth["place"]
                and (plan.authority_line, plan.issuer_line) == (truth["authority_line"], truth["issuer_line"])
            )
            totals["kinds"] += 1
            counts["kinds"] += plan.kind == truth["kind"]
            for mark in truth.get("marks", []):
                totals["marks"] += 1
                counts["marks"] += corpus.marked(plan, mark["text"], mark["mark"])
            totals["broken"] += len(truth["broken_lines"])
            counts["broken"] += len(set(truth["broken_lines"]) & set(plan.broken_lines))
    figure("importer_corpus_documents", len(documents), "documents")
    for name in ["tasks", "deadlines", "addressees", "signers", "recipients", "headers", "kinds", "marks"]:
        figure(f"importer_recall_{name}", _share(counts[name], totals[name]), f"of {totals[name]}")
    figure(
        "importer_broken_lines_flagged", _share(counts["broken"], totals["broken"]), f"of {totals['broken']}"
    )
    figure("importer_parse_median", statistics.median(timings), "s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
