"""The permission matrix: who may open every named URL of the project, declared once.

Each URL name maps to one or more ``Case``: the object ids to put in the URL (from the world of
``world.py``) and the ``Access`` expected for GET and for POST. A role is

* **let in** (``ok``): GET answers 200 (or what the case says), POST anything but a refusal;
* **hidden** (``hidden``): 404 — the object is looked up in what the role may see (a scoped
  queryset), so the role cannot even learn that it exists;
* **refused with a message** (``redirected``): a redirect back to the object with an error message,
  for a role that may see the object but not act on it, where the view says why;
* **refused** (every other logged-in role): 403;
* and the anonymous visitor is sent to the login page unless the URL is public.

A method the view does not take answers 405 to a role that is let in; to another role it answers
either 405 or that role's refusal (the refusal may come first). Whatever a refused role sends,
nothing is written to the database.
"""

from collections.abc import Callable
from dataclasses import dataclass

from django.urls import URLPattern, URLResolver, get_resolver

from .world import ADMIN, ANONYMOUS, COUNCIL, HEAD, OFFICE, OTHER_HEAD, PLAIN, ROLES

# Namespaces and names outside the project's own pages: the admin has its own test.
SKIPPED_NAMESPACES = {"admin"}

LOGIN, OK, REDIRECTED, FORBIDDEN, HIDDEN, NOT_ALLOWED = "login", "ok", "redirected", "403", "404", "405"


def roles(*names) -> frozenset:
    return frozenset(names)


LOGGED_IN = roles(PLAIN, OTHER_HEAD, HEAD, OFFICE, COUNCIL, ADMIN)
OFFICE_ROLES = roles(OFFICE, ADMIN)  # the administrator is office staff too
HEADS = roles(HEAD, OTHER_HEAD)
HEADS_OFFICE = HEADS | OFFICE_ROLES
ANY_ROLE = HEADS | OFFICE_ROLES | roles(COUNCIL)  # every role but a plain staff member
OFFICE_COUNCIL = OFFICE_ROLES | roles(COUNCIL)


@dataclass(frozen=True)
class Access:
    """Who gets what for one method; see the module docstring."""

    ok: frozenset
    hidden: frozenset = frozenset()
    redirected: frozenset = frozenset()
    public: bool = False
    get_ok: tuple = (200,)  # what an allowed GET answers
    to_login: frozenset = frozenset()  # roles sent to the login page whatever they are

    def expected(self, role: str) -> str:
        if role in self.to_login or (role == ANONYMOUS and not self.public):
            return LOGIN
        if role in self.ok or (role == ANONYMOUS and self.public):
            return OK
        if role in self.hidden:
            return HIDDEN
        if role in self.redirected:
            return REDIRECTED
        return FORBIDDEN


# --- the rules the table uses -----------------------------------------------------------------
PUBLIC = Access(ok=LOGGED_IN, public=True)
ANY_LOGGED_IN = Access(ok=LOGGED_IN)
OFFICE_ONLY = Access(ok=OFFICE_ROLES)
ROLE_HOLDERS = Access(ok=ANY_ROLE)  # office, council members and unit heads; not plain staff
UNIT_HEADS_AND_OFFICE = Access(ok=HEADS_OFFICE)
OFFICE_AND_COUNCIL = Access(ok=OFFICE_COUNCIL)
# An object of unit A, looked up in what the role sees: unit B's head gets a 404.
OWN_UNIT = Access(ok=roles(HEAD) | OFFICE_ROLES, hidden=roles(OTHER_HEAD))
# ... and a role that sees no such objects at all gets a 404 too (the queryset is empty).
OWN_UNIT_HIDDEN = Access(ok=roles(HEAD) | OFFICE_ROLES, hidden=roles(OTHER_HEAD, PLAIN, COUNCIL))
# A draft letter: the office's alone; every other role is told nothing of it.
LETTER_DRAFT = Access(ok=OFFICE_ROLES, hidden=roles(HEAD, OTHER_HEAD, PLAIN, COUNCIL))
# A council session the council member sits on; nobody else but the office sees it.
SESSION_MEMBERS = Access(ok=OFFICE_COUNCIL, hidden=roles(PLAIN, OTHER_HEAD, HEAD))
# An action on a session: office only; members see the session but may not act (403).
SESSION_OFFICE = Access(ok=OFFICE_ROLES, hidden=roles(PLAIN, OTHER_HEAD, HEAD))


@dataclass(frozen=True)
class Case:
    """One concrete URL of a name: its kwargs from the world, and the access for GET and POST."""

    access: Access
    kwargs: Callable = lambda w: {}
    post: Access | None = None  # None: as for GET
    query: Callable | None = None  # a query string from the world
    label: str = ""
    data: Callable = lambda w: {}  # what the POST sends (an empty form unless told)

    def access_for(self, method: str) -> Access:
        return self.post if method == "post" and self.post is not None else self.access


def case(access, kwargs=None, *, post=None, query=None, label="", data=None):
    return Case(access, kwargs or (lambda w: {}), post, query, label, data or (lambda w: {}))


def pk(attr):
    return lambda w: {"pk": getattr(w, attr).pk}


def agenda_file(w):
    return {"pk": w.session_scheduled.pk, "item_pk": w.agenda_item.pk, "file_pk": w.agenda_file.pk}


MATRIX: dict[str, list[Case]] = {
    # --- the project's own pages ---------------------------------------------------------------
    "home": [case(ANY_LOGGED_IN)],
    "login": [case(Access(ok=LOGGED_IN, public=True, get_ok=(200, 302)))],  # logged in: to home
    # POST only: whoever asks is logged out and lands on the login page
    "logout": [case(PUBLIC, post=Access(ok=frozenset(), public=True, to_login=frozenset(ROLES)))],
    "password_change": [case(ANY_LOGGED_IN)],
    "password_change_done": [case(ANY_LOGGED_IN)],
    "set_language": [case(Access(ok=LOGGED_IN, public=True, get_ok=(302,)))],
    "healthz": [case(PUBLIC)],  # the container's health probe: says "ok" and nothing else
    # anyone holding a PDF checks whether the system issued it; nothing is stored
    "verify-document": [case(PUBLIC)],
    # --- units ----------------------------------------------------------------------------------
    "units:list": [case(ROLE_HOLDERS)],
    "units:create": [case(OFFICE_ONLY)],
    "units:detail": [
        case(Access(ok=roles(HEAD, COUNCIL) | OFFICE_ROLES, hidden=roles(OTHER_HEAD)), pk("unit_a"))
    ],
    "units:edit": [case(Access(ok=OFFICE_ROLES, hidden=roles(OTHER_HEAD)), pk("unit_a"))],
    "units:deactivate": [case(Access(ok=OFFICE_ROLES, hidden=roles(OTHER_HEAD)), pk("unit_a"))],
    "units:reorganisation-list": [case(OFFICE_ONLY)],
    "units:reorganisation-create": [case(OFFICE_ONLY)],
    "units:reorganisation-detail": [case(OFFICE_ONLY, pk("reorganisation"))],
    # GET goes back to the event's page; POST names the main predecessor (an empty form: refused
    # at its field, as the office may not leave a merger without one)
    "units:reorganisation-main": [case(Access(ok=OFFICE_ROLES, get_ok=(302,)), pk("reorganisation"))],
    "units:cluster-list": [case(ANY_LOGGED_IN)],
    "units:cluster-create": [case(OFFICE_ONLY)],
    "units:cluster-copy": [case(OFFICE_ONLY)],
    "units:cluster-detail": [case(ANY_LOGGED_IN, pk("cluster"))],
    "units:cluster-edit": [case(OFFICE_ONLY, pk("cluster"))],
    "units:cluster-deactivate": [case(OFFICE_ONLY, pk("cluster"))],
    "units:person-list": [case(UNIT_HEADS_AND_OFFICE)],
    "units:person-create": [case(UNIT_HEADS_AND_OFFICE)],
    "units:person-detail": [case(OWN_UNIT, pk("person_a"))],
    "units:person-edit": [case(OWN_UNIT, pk("person_a"))],
    "units:person-deactivate": [case(OWN_UNIT, pk("person_a"))],
    "units:staff-import": [case(OFFICE_ONLY)],
    "units:staff-import-template": [case(OFFICE_ONLY)],
    "units:staff-import-confirm": [case(OFFICE_ONLY)],
    "units:issued-register": [case(OFFICE_ONLY)],
    "units:issued-download": [
        case(OFFICE_ONLY, lambda w: {"pk": w.issued_decision.pk, "fmt": "pdf"}),
        case(OFFICE_ONLY, lambda w: {"pk": w.issued_decision.pk, "fmt": "docx"}, label="docx"),
    ],
    # --- notifications --------------------------------------------------------------------------
    "notifications:list": [case(ANY_LOGGED_IN)],
    # another user's notification is not found, whoever asks (the office too)
    "notifications:read": [
        case(
            Access(ok=roles(HEAD), hidden=LOGGED_IN - roles(HEAD)),
            pk("notification_a"),
            label="the head of A's own notification",
        )
    ],
    "notifications:read-all": [case(ANY_LOGGED_IN)],
    "notifications:partial-bell": [case(ANY_LOGGED_IN)],
    "notifications:settings": [case(ANY_LOGGED_IN)],
    "notifications:calendar-reset": [case(ANY_LOGGED_IN)],
    # no login: the secret token in the address is the key (a wrong token: see test_attacks)
    "notifications:calendar-feed": [case(PUBLIC, lambda w: {"token": w.calendar_token})],
    "notifications:sent": [case(OFFICE_ONLY)],
    "notifications:resend": [case(OFFICE_ONLY, pk("reminder"))],
    "notifications:scan": [case(OFFICE_ONLY)],
    # --- plans ----------------------------------------------------------------------------------
    "plans:list": [case(ROLE_HOLDERS)],
    "plans:create": [case(OFFICE_ONLY)],
    "plans:import": [case(OFFICE_ONLY)],
    # without a pasted text or an uploaded file in the session, back to the import page
    "plans:import-preview": [case(Access(ok=OFFICE_ROLES, get_ok=(302,)))],
    "plans:import-save": [case(Access(ok=OFFICE_ROLES, get_ok=(302,)))],
    "plans:detail": [
        case(Access(ok=ANY_ROLE, hidden=roles(PLAIN)), pk("plan_issued"), label="issued"),
        case(
            Access(ok=OFFICE_COUNCIL, hidden=roles(PLAIN, HEAD, OTHER_HEAD)), pk("plan_draft"), label="draft"
        ),
    ],
    "plans:edit": [case(OFFICE_ONLY, pk("plan_draft"))],
    "plans:issue": [case(OFFICE_ONLY, pk("plan_draft"))],
    "plans:archive": [case(OFFICE_ONLY, pk("plan_issued"))],
    "plans:clone": [case(OFFICE_ONLY, pk("plan_issued"))],
    "plans:new-version": [case(OFFICE_ONLY, pk("plan_issued"))],
    "plans:block-add": [case(OFFICE_ONLY, pk("plan_draft"))],
    "plans:block-edit": [case(OFFICE_ONLY, lambda w: {"block_pk": w.block.pk})],
    "plans:block-move": [case(OFFICE_ONLY, lambda w: {"block_pk": w.block.pk})],
    "plans:block-delete": [case(OFFICE_ONLY, lambda w: {"block_pk": w.block.pk})],
    "plans:task-list": [case(UNIT_HEADS_AND_OFFICE)],
    "plans:task-progress": [case(OWN_UNIT_HIDDEN, pk("task_a"))],
    "plans:assignment-list": [case(UNIT_HEADS_AND_OFFICE)],
    "plans:assignment-progress": [case(OWN_UNIT_HIDDEN, pk("assignment_a"))],
    "plans:submission-list": [case(UNIT_HEADS_AND_OFFICE)],
    "plans:submission-remind-bulk": [case(OFFICE_ONLY)],  # POST only: reminders by hand, in bulk
    "plans:submission-create": [case(OFFICE_ONLY)],
    "plans:submission-matrix": [case(OFFICE_ONLY)],
    # both units are asked to send a file: both heads see the request, each only their own row
    "plans:submission-detail": [case(Access(ok=HEADS_OFFICE, hidden=roles(PLAIN, COUNCIL)), pk("request"))],
    "plans:submission-upload": [case(OWN_UNIT_HIDDEN, pk("submission_a"))],
    # uploaded files leave through these views only (never a media URL)
    "plans:task-evidence": [
        case(Access(ok=roles(HEAD, COUNCIL) | OFFICE_ROLES, hidden=roles(OTHER_HEAD, PLAIN)), pk("task_a"))
    ],
    "plans:submission-file": [case(OWN_UNIT_HIDDEN, pk("submission_a"))],
    # the department's consolidated report upward: the office's own task (POST only)
    "plans:submission-forward": [case(OFFICE_ONLY, pk("request"))],
    # official letters: the office writes them; a unit head reads an issued letter sent to the
    # unit, nothing else (a draft or another unit's letter is hidden)
    "plans:letter-list": [case(UNIT_HEADS_AND_OFFICE)],
    "plans:letter-create": [case(OFFICE_ONLY)],
    "plans:letter-import": [case(OFFICE_ONLY)],
    "plans:letter-detail": [
        case(OWN_UNIT_HIDDEN, pk("letter_issued"), label="issued"),
        case(LETTER_DRAFT, pk("letter_draft"), label="draft"),
    ],
    "plans:letter-edit": [case(LETTER_DRAFT, pk("letter_draft"))],
    "plans:letter-issue": [case(LETTER_DRAFT, pk("letter_draft"))],
    # --- campaigns ------------------------------------------------------------------------------
    "campaigns:list": [case(ROLE_HOLDERS)],
    "campaigns:create": [case(OFFICE_ONLY)],
    "campaigns:detail": [case(Access(ok=ANY_ROLE, hidden=roles(PLAIN)), pk("campaign"))],
    "campaigns:update": [case(Access(ok=OFFICE_ROLES, hidden=roles(PLAIN)), pk("campaign"))],
    "campaigns:transition": [case(Access(ok=OFFICE_ROLES, hidden=roles(PLAIN)), pk("campaign"))],
    "campaigns:catalog": [case(ROLE_HOLDERS)],
    "campaigns:round-list": [case(ROLE_HOLDERS)],
    "campaigns:round-create": [case(OFFICE_ONLY)],
    "campaigns:round-detail": [case(Access(ok=ANY_ROLE, hidden=roles(PLAIN)), pk("round"))],
    "campaigns:round-update": [case(OFFICE_ONLY, pk("round"))],
    # a head registers their own unit; the office names the unit
    "campaigns:registration-start": [
        case(UNIT_HEADS_AND_OFFICE, pk("round"), data=lambda w: {"unit": w.unit_a.pk})
    ],
    "campaigns:consolidated": [case(OFFICE_AND_COUNCIL, pk("round"))],
    "campaigns:consolidated-xlsx": [case(OFFICE_AND_COUNCIL, pk("round"))],
    "campaigns:registration-list": [case(UNIT_HEADS_AND_OFFICE)],
    "campaigns:registration-bulk": [case(OFFICE_ONLY)],  # POST only: accept or return in bulk
    "campaigns:registration-detail": [
        case(
            Access(ok=roles(HEAD, COUNCIL) | OFFICE_ROLES, hidden=roles(OTHER_HEAD, PLAIN)),
            pk("registration_a"),
        )
    ],
    # the council sees the registration, so it is told why it may not edit it
    "campaigns:registration-edit": [
        case(
            Access(ok=roles(HEAD) | OFFICE_ROLES, hidden=roles(OTHER_HEAD, PLAIN), redirected=roles(COUNCIL)),
            pk("registration_a"),
        )
    ],
    "campaigns:registration-add-staff": [
        case(Access(ok=roles(HEAD) | OFFICE_ROLES, hidden=roles(OTHER_HEAD, PLAIN)), pk("registration_a"))
    ],
    # the service decides who moves a registration: the council is refused with a message
    "campaigns:registration-transition": [
        case(
            Access(ok=roles(HEAD) | OFFICE_ROLES, hidden=roles(OTHER_HEAD, PLAIN), redirected=roles(COUNCIL)),
            pk("registration_a"),
        )
    ],
    "campaigns:criteria-list": [case(ROLE_HOLDERS)],
    "campaigns:criteria-create": [case(OFFICE_ONLY)],
    "campaigns:criteria-detail": [case(ROLE_HOLDERS, pk("criteria_set"))],
    "campaigns:criteria-update": [case(OFFICE_ONLY, pk("criteria_set"))],
    # both units are scored with this set; each head scores their own unit (no unit in the URL)
    "campaigns:score-self": [case(Access(ok=HEADS), pk("criteria_set"))],
    "campaigns:score-assess": [
        case(OFFICE_ONLY, lambda w: {"pk": w.criteria_set.pk, "unit_pk": w.unit_a.pk})
    ],
    "campaigns:score-evidence": [case(OWN_UNIT_HIDDEN, pk("score_a"))],
    "campaigns:ranking": [case(ROLE_HOLDERS, pk("criteria_set"))],
    "campaigns:ranking-xlsx": [case(ROLE_HOLDERS, pk("criteria_set"))],
    # --- awards ---------------------------------------------------------------------------------
    "awards:nomination-list": [case(UNIT_HEADS_AND_OFFICE)],
    "awards:nomination-create": [case(UNIT_HEADS_AND_OFFICE)],
    # the form's person search and the chosen person's initiatives (htmx), each within the form's scope
    "awards:nomination-person-search": [case(UNIT_HEADS_AND_OFFICE, query=lambda w: "person_q=nguyen")],
    "awards:nomination-initiatives": [
        case(UNIT_HEADS_AND_OFFICE, query=lambda w: f"person={w.person_a.pk}", label="?person=A")
    ],
    "awards:verify-queue": [case(OFFICE_ONLY)],
    "awards:nomination-bulk": [case(OFFICE_ONLY)],  # POST only: verify in bulk
    "awards:recheck-year": [case(OFFICE_ONLY)],
    "awards:nomination-detail": [case(OWN_UNIT_HIDDEN, pk("nomination_a"))],
    "awards:nomination-edit": [case(OWN_UNIT_HIDDEN, pk("nomination_a"))],
    "awards:nomination-transition": [
        case(OWN_UNIT_HIDDEN, lambda w: {"pk": w.nomination_a.pk, "to": "submitted"})
    ],
    "awards:nomination-recheck": [case(OWN_UNIT_HIDDEN, pk("nomination_a"))],
    "awards:dossier-upload": [case(OWN_UNIT_HIDDEN, pk("nomination_a"))],
    "awards:dossier-download": [
        case(OWN_UNIT_HIDDEN, lambda w: {"pk": w.nomination_a.pk, "file_pk": w.file_a.pk})
    ],
    "awards:dossier-preview": [
        case(OWN_UNIT_HIDDEN, lambda w: {"pk": w.nomination_a.pk, "file_pk": w.file_a.pk})
    ],
    "awards:dossier-inline": [
        case(OWN_UNIT_HIDDEN, lambda w: {"pk": w.nomination_a.pk, "file_pk": w.file_a.pk})
    ],
    "awards:dossier-delete": [
        case(OWN_UNIT_HIDDEN, lambda w: {"pk": w.nomination_a.pk, "file_pk": w.file_a.pk})
    ],
    "awards:disclosure-list": [case(ANY_LOGGED_IN)],
    "awards:disclosure-create": [case(OFFICE_ONLY)],
    "awards:disclosure-detail": [case(ANY_LOGGED_IN, pk("disclosure"))],  # everyone may comment
    "awards:disclosure-edit": [case(OFFICE_ONLY, pk("disclosure"))],
    "awards:disclosure-issue": [case(OFFICE_ONLY, pk("disclosure"))],
    # POST only: the office accepts or rejects a pending comment; nobody else may, whatever is sent
    "awards:disclosure-comment-moderate": [
        case(
            OFFICE_ONLY,
            lambda w: {"pk": w.disclosure.pk, "comment_pk": w.disclosure_comment.pk},
            data=lambda w: {"decision": "accept"},
        )
    ],
    "awards:call-list": [case(OFFICE_ONLY)],
    "awards:call-create": [case(OFFICE_ONLY)],
    "awards:call-detail": [case(OFFICE_ONLY, pk("call"))],
    "awards:call-edit": [case(OFFICE_ONLY, pk("call"))],
    "awards:person-history": [case(OWN_UNIT_HIDDEN, pk("person_a"))],
    "awards:unit-history": [
        case(Access(ok=roles(HEAD, COUNCIL) | OFFICE_ROLES, hidden=roles(OTHER_HEAD, PLAIN)), pk("unit_a"))
    ],
    "awards:import": [case(OFFICE_ONLY, lambda w: {"kind": "evaluations"})],
    "awards:import-template": [case(OFFICE_ONLY, lambda w: {"kind": "records"})],
    "awards:import-confirm": [case(OFFICE_ONLY, lambda w: {"kind": "evaluations"})],
    # --- council --------------------------------------------------------------------------------
    "council:session-list": [case(OFFICE_AND_COUNCIL)],
    "council:my-sessions": [case(OFFICE_AND_COUNCIL)],
    "council:session-create": [case(OFFICE_ONLY)],
    "council:session-detail": [case(SESSION_MEMBERS, pk("session_scheduled"))],
    "council:session-transition": [case(SESSION_OFFICE, pk("session_scheduled"))],
    "council:attendance": [case(SESSION_OFFICE, pk("session_scheduled"))],
    "council:minutes-heading": [case(SESSION_OFFICE, pk("session_scheduled"))],
    "council:agenda-add": [case(SESSION_OFFICE, pk("session_scheduled"))],
    "council:agenda-remove": [
        case(SESSION_OFFICE, lambda w: {"pk": w.session_scheduled.pk, "item_pk": w.agenda_item.pk})
    ],
    # an item's dossier, read only, for the session's members and the office
    "council:item-dossier": [
        case(SESSION_MEMBERS, lambda w: {"pk": w.session_scheduled.pk, "item_pk": w.agenda_item.pk})
    ],
    **{
        f"council:item-file-{view}": [case(SESSION_MEMBERS, agenda_file)]
        for view in ("download", "preview", "inline")
    },
    # the ballot page exists only for the session's members; the office is told it cannot vote
    "council:vote": [
        case(
            Access(ok=roles(COUNCIL), hidden=roles(PLAIN, OTHER_HEAD, HEAD) | OFFICE_ROLES),
            pk("session_voting"),
            post=Access(ok=roles(COUNCIL), hidden=roles(PLAIN, OTHER_HEAD, HEAD), redirected=OFFICE_ROLES),
        )
    ],
    "council:written-opinion": [case(SESSION_OFFICE, pk("session_voting"))],
    # POST only: a member's ballot taken back with the ticket of their own browser (none here)
    "council:vote-undo": [case(SESSION_MEMBERS, pk("session_voting"))],
    "council:tie-settle": [
        case(SESSION_OFFICE, lambda w: {"pk": w.session_closed.pk, "result_pk": w.agenda_result.pk})
    ],
    "council:decision-list": [case(OFFICE_ONLY)],
    "council:decision-create": [case(OFFICE_ONLY)],
    "council:decision-revoke": [case(OFFICE_ONLY)],
    "council:decision-correct": [case(OFFICE_ONLY)],
    "council:decision-detail": [case(OFFICE_ONLY, pk("decision"))],
    "council:decision-xlsx": [case(OFFICE_ONLY, pk("decision"))],
    "council:proposal-list": [case(OFFICE_ONLY)],
    "council:proposal-create": [case(OFFICE_ONLY)],
    "council:proposal-detail": [case(OFFICE_ONLY, pk("proposal"))],
    "council:proposal-sent": [case(OFFICE_ONLY, pk("proposal"))],
    "council:proposal-reply": [case(OFFICE_ONLY, pk("proposal"))],
    # --- reports --------------------------------------------------------------------------------
    "reports:plan-pdf": [case(Access(ok=ANY_ROLE, hidden=roles(PLAIN)), pk("plan_issued"))],
    "reports:plan-docx": [
        case(Access(ok=ANY_ROLE, hidden=roles(PLAIN)), pk("plan_issued"), label="issued"),
        case(
            Access(ok=OFFICE_COUNCIL, hidden=roles(PLAIN, HEAD, OTHER_HEAD)), pk("plan_draft"), label="draft"
        ),
    ],
    "reports:letter-pdf": [
        case(OWN_UNIT_HIDDEN, pk("letter_issued"), label="issued"),
        case(LETTER_DRAFT, pk("letter_draft"), label="draft"),
    ],
    "reports:letter-docx": [case(OWN_UNIT_HIDDEN, pk("letter_issued"))],
    "reports:campaign-pdf": [case(Access(ok=ANY_ROLE, hidden=roles(PLAIN)), pk("campaign"))],
    "reports:campaign-docx": [case(Access(ok=ANY_ROLE, hidden=roles(PLAIN)), pk("campaign"))],
    "reports:consolidated-pdf": [case(OFFICE_ONLY, pk("round"))],
    "reports:consolidated-docx": [case(OFFICE_ONLY, pk("round"))],
    "reports:council-minutes-pdf": [case(SESSION_MEMBERS, pk("session_closed"))],
    "reports:council-minutes-docx": [case(SESSION_MEMBERS, pk("session_closed"))],
    "reports:decision-pdf": [case(OFFICE_ONLY, pk("decision"))],
    "reports:decision-docx": [case(OFFICE_ONLY, pk("decision"))],
    "reports:proposal-pdf": [case(OFFICE_ONLY, pk("proposal"))],
    "reports:proposal-docx": [case(OFFICE_ONLY, pk("proposal"))],
    "reports:disclosure-pdf": [case(ANY_LOGGED_IN, pk("disclosure"))],
    "reports:disclosure-docx": [case(ANY_LOGGED_IN, pk("disclosure"))],
    "reports:dashboard": [case(OFFICE_ONLY)],
    "reports:summary-list": [case(OFFICE_ONLY)],
    "reports:summary-create": [case(OFFICE_ONLY)],
    "reports:summary-detail": [case(OFFICE_ONLY, pk("summary"))],
    "reports:summary-edit": [case(OFFICE_ONLY, pk("summary"))],
    "reports:summary-refresh": [case(OFFICE_ONLY, pk("summary"))],
    "reports:summary-issue": [case(OFFICE_ONLY, pk("summary"))],
    "reports:summary-preview": [case(OFFICE_ONLY, pk("summary"))],
    "reports:summary-pdf": [case(OFFICE_ONLY, pk("summary"))],
    "reports:summary-docx": [case(OFFICE_ONLY, pk("summary"))],
    "reports:unit-dashboard": [
        case(
            Access(ok=roles(HEAD) | OFFICE_ROLES, hidden=roles(OTHER_HEAD)),
            query=lambda w: f"unit={w.unit_a.pk}",
            label="?unit=A",
        )
    ],
    "reports:council-dashboard": [case(OFFICE_AND_COUNCIL)],
    "reports:export": [case(UNIT_HEADS_AND_OFFICE, lambda w: {"name": "persons"})],
    "reports:history": [case(UNIT_HEADS_AND_OFFICE)],
    "reports:history-person": [case(OWN_UNIT, pk("person_a"))],
    "reports:history-unit": [case(OWN_UNIT, pk("unit_a"))],
}


# Each .xlsx export of ``reports:export <identifier>`` is the list page behind it: it must let in
# exactly whom that page lets in (its rows are scoped the same way; see test_cross_unit).
EXPORT_LIST_PAGES = {
    "units": "units:list",
    "persons": "units:person-list",
    "clusters": "units:cluster-list",
    "reorganisations": "units:reorganisation-list",
    "plans": "plans:list",
    "letters": "plans:letter-list",
    "tasks": "plans:task-list",
    "task-assignments": "plans:assignment-list",
    "submissions": "plans:submission-list",
    "campaigns": "campaigns:list",
    "rounds": "campaigns:round-list",
    "registrations": "campaigns:registration-list",
    "registration-list": "campaigns:registration-list",
    "criteria-sets": "campaigns:criteria-list",
    "nominations": "awards:nomination-list",
    "verify-queue": "awards:verify-queue",
    "disclosures": "awards:disclosure-list",
    "calls": "awards:call-list",
    "awards": "reports:history",
    "sessions": "council:session-list",
    "decisions": "council:decision-list",
    "proposals": "council:proposal-list",
    "reminders": "notifications:sent",
    "issued-documents": "units:issued-register",
}


# --- the URL conf ------------------------------------------------------------------------------
def named_patterns(resolver=None, prefix=""):
    """(name, pattern) of every named URL of the project, the admin left out."""
    resolver = resolver or get_resolver()
    for entry in resolver.url_patterns:
        if isinstance(entry, URLResolver):
            if entry.namespace in SKIPPED_NAMESPACES:
                continue
            ns = f"{prefix}{entry.namespace}:" if entry.namespace else prefix
            yield from named_patterns(entry, ns)
        elif isinstance(entry, URLPattern) and entry.name:
            yield prefix + entry.name, entry


def accepted_methods(pattern) -> set[str] | None:
    """The methods a class-based view answers among GET and POST (None for a function view)."""
    view_class = getattr(pattern.callback, "view_class", None)
    if view_class is None:
        return None
    return {m for m in ("get", "post") if m in view_class.http_method_names and hasattr(view_class, m)}


FUNCTION_VIEW_METHODS = {"set_language": {"get", "post"}, "healthz": {"get"}}
