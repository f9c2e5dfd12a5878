"""Store the documents issued before the register of issued documents existed.

Every object already issued (a numbered plan, a launched campaign drafted here, a decision, an
issued notice, closed minutes, a sent tờ trình, an issued report) that has no stored document gets
one, rendered from today's data: run it once after upgrading, so that from then on those
documents too are served as stored. ``--dry-run`` only counts them.
"""

from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils import timezone

from awards.enums import DISCLOSURE_SYMBOL
from awards.models import DisclosurePeriod
from campaigns.enums import CampaignStatus
from campaigns.models import Campaign
from council.enums import MINUTES_SYMBOL, PROPOSAL_SYMBOL, SessionStatus
from council.models import CouncilSession, Decision, ProposalPack
from plans.enums import PlanStatus
from plans.models import Plan
from units.documents import issued_document_for, issued_document_store
from units.enums import IssuedKind
from units.numbering import number_label

from ...enums import SummaryStatus
from ...models import SummaryReport


def _register(number, symbol: str, issued_on, subject: str = "") -> dict:
    """The register's fields of a document numbered from the register under ``symbol``."""
    return {
        "number": number,
        "number_label": number_label(number, symbol),
        "issued_on": issued_on,
        "subject": subject,
    }


def issued_sources():
    """(kind, object, the register's fields) of every issued object of every kind."""
    plans = Plan.objects.filter(
        status__in=[PlanStatus.ISSUED, PlanStatus.ARCHIVED], number__isnull=False, issue_date__isnull=False
    )
    for plan in plans:
        yield IssuedKind.PLAN, plan, _register(plan.number, plan.symbol, plan.issue_date, plan.title)
    for campaign in Campaign.objects.exclude(status=CampaignStatus.DRAFT).filter(plan__isnull=True):
        yield (
            IssuedKind.CAMPAIGN,
            campaign,
            {
                "number_label": campaign.document_number.strip(),
                "issued_on": campaign.document_date or campaign.start_date,
                "subject": campaign.name,
            },
        )
    for decision in Decision.objects.all():
        fields = _register(decision.number, "", decision.date, decision.title)
        yield IssuedKind.DECISION, decision, {**fields, "number_label": decision.number_label}
    for period in DisclosurePeriod.objects.filter(number__isnull=False, issued_on__isnull=False):
        yield IssuedKind.DISCLOSURE, period, _register(period.number, DISCLOSURE_SYMBOL, period.issued_on)
    for session in CouncilSession.objects.filter(status=SessionStatus.CLOSED, minutes_number__isnull=False):
        day = timezone.localtime(session.starts_at).date()
        fields = _register(session.minutes_number, MINUTES_SYMBOL, day, session.title)
        yield IssuedKind.MINUTES, session, fields
    for pack in ProposalPack.objects.filter(number__isnull=False, sent_on__isnull=False):
        yield IssuedKind.PROPOSAL, pack, _register(pack.number, PROPOSAL_SYMBOL, pack.sent_on, pack.title)
    for report in SummaryReport.objects.filter(status=SummaryStatus.ISSUED, issue_date__isnull=False):
        yield (
            IssuedKind.SUMMARY,
            report,
            _register(report.number, report.symbol, report.issue_date, report.title),
        )


class Command(BaseCommand):
    help = "Lưu tệp PDF, DOCX của các văn bản đã ban hành trước khi có sổ văn bản đã ban hành."

    def add_arguments(self, parser):
        parser.add_argument("--dry-run", action="store_true", help="only count what would be stored")

    def handle(self, *args, dry_run=False, **options):
        stored = 0
        for kind, obj, fields in issued_sources():
            if issued_document_for(obj, kind=kind) is not None:
                continue
            stored += 1
            if not dry_run:
                with transaction.atomic():
                    issued_document_store(obj, kind=kind, **fields)
        verb = "would store" if dry_run else "stored"
        self.stdout.write(f"{verb} {stored} issued documents")
