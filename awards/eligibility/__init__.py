"""Eligibility: whether a nomination meets the rule of its award, and why not.

- ``facts``: everything the engine reads for a batch of nominations, in a constant number of
  queries (``load_facts``);
- ``engine``: pure functions over those facts (``check``, ``check_many``, ``Verdict``);
- ``verdicts``: the verdict as it is stored, each reason with its legal basis, and the
  fingerprint of the facts it was judged from (``judge``, ``judge_one``).
"""

from .engine import FAIL, FLAG, INFO, Reason, Verdict, check, check_many, quota_allowance
from .facts import Facts, NominationFact, load_facts, nomination_fact

__all__ = [
    "FAIL",
    "FLAG",
    "INFO",
    "Facts",
    "NominationFact",
    "Reason",
    "Verdict",
    "check",
    "check_many",
    "load_facts",
    "nomination_fact",
    "quota_allowance",
]
