"""Permission predicates of the summary reports: the office's documents, editable while drafts."""

import rules

from units.rules import is_nobody, is_office_staff

from .enums import SummaryStatus

__all__ = ["can_be_edited", "is_nobody", "is_office_staff"]


@rules.predicate
def can_be_edited(user, report):
    return report is not None and report.status == SummaryStatus.DRAFT


rules.add_perm("reports.list_summaryreport", is_office_staff)
rules.add_perm("reports.issue_summaryreport", is_office_staff)  # a repeat is "already issued", not 403
