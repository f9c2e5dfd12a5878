"""The pages the benchmarks measure, each with the role that opens it, on the generated data."""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import urlencode

from django.urls import reverse


@dataclass(frozen=True)
class Page:
    name: str
    role: str  # office, head or council: which bench logins open it
    path: str


def pages(year: int) -> list[Page]:
    """The main pages in the order they are measured; ``minimal`` (the yardstick) first."""
    from campaigns.models import RegistrationRound
    from catalog.models import AwardType
    from council.models import CouncilSession

    round_ = RegistrationRound.objects.filter(year=year).order_by("pk").first()
    session = CouncilSession.objects.filter(year=year, status="voting").order_by("pk").first()
    ldtt = AwardType.objects.get(code="LDTT")
    nomination_filters = {"year": year, "award_type": ldtt.pk, "status": "submitted"}
    staff_search = {"q": "nguyen thi", "sort": "name"}  # accents aside, over every staff member
    return [
        Page("minimal", "office", reverse("bench-minimal")),
        Page("layout", "office", reverse("bench-layout")),
        Page("home", "office", reverse("home")),
        Page("tasks", "office", f"{reverse('plans:task-list')}?{urlencode({'when': 'all', 'year': year})}"),
        Page("registrations", "office", reverse("campaigns:consolidated", args=[round_.pk])),
        Page("nominations", "office", f"{reverse('awards:nomination-list')}?{urlencode(nomination_filters)}"),
        Page("nomination_form", "office", f"{reverse('awards:nomination-create')}?subject=individual"),
        Page("staff_search", "office", f"{reverse('units:person-list')}?{urlencode(staff_search)}"),
        Page("vote", "council", reverse("council:vote", args=[session.pk])),
        Page("dashboard", "office", f"{reverse('reports:dashboard')}?{urlencode({'year': year})}"),
    ]
