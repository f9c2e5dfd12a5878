"""Pages of the council: sessions (office), the member's voting page (works on a phone),
decisions and proposals.

Secrecy: no page ever shows one member's choice. The voting page shows "Đã bỏ phiếu" for the items
a member has voted on; while voting, everyone sees only how many have voted; tallies appear only
once the session is closed. The POSTs that carry a choice are marked sensitive, so an error report
never prints it.
"""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.decorators import method_decorator
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View
from django.views.decorators.cache import never_cache
from django.views.decorators.debug import sensitive_post_parameters
from django.views.generic import DetailView, FormView, ListView, TemplateView

from awards.models import Nomination
from units.confirm import ask_first, needs_confirmation
from units.downloads import download_response
from units.ids import id_or_none, ids_from
from units.kept import KeptPageMixin
from units.listing import ListFilterMixin
from units.refusals import RefusalMixin, Refused
from units.search import search
from units.views import PagedListView, RulesMixin
from units.xlsx import XLSX_CONTENT_TYPE

from . import selectors, services
from .enums import SESSION_ACTION_LABELS, SESSION_TRANSITIONS, Attendance, Choice, Outcome, SessionStatus
from .exports import DecisionResultsExporter
from .filters import DecisionFilter, ProposalFilter, SessionFilter
from .forms import (
    CorrectForm,
    DecisionForm,
    MinutesHeadingForm,
    ProposalForm,
    ProposalReplyForm,
    ProposalSentForm,
    RevokeForm,
    SessionForm,
    TieForm,
    VoteForm,
    WrittenOpinionForm,
)
from .models import AgendaItem, AgendaResult, CouncilSession
from .rules import session_membership


class SessionObjectMixin:
    """A session from the URL, scoped to what the user may see (another's session is a 404)."""

    @cached_property
    def session(self) -> CouncilSession:
        return get_object_or_404(selectors.sessions_visible_to(self.request.user), pk=self.kwargs["pk"])

    def get_permission_object(self):
        return self.session


class _IssueFormView(RefusalMixin, RulesMixin, FormView):
    """A form whose valid input creates a session or issues a document (``issue``): a refusal
    lands on the form with the user's input kept; else the page says so (``success_message``)
    and goes on to what was made."""

    def issue(self, data, form):  # pragma: no cover - every form defines it
        raise NotImplementedError

    def success_message(self, made) -> str:  # pragma: no cover - every form defines it
        raise NotImplementedError

    def form_valid(self, form):
        try:
            made = self.issue(form.cleaned_data, form)
        except Refused as exc:
            self.refused(exc, form=form)
            return self.form_invalid(form)
        messages.success(self.request, self.success_message(made))
        return redirect(made)


# ---------------------------------------------------------------------------
# Sessions
# ---------------------------------------------------------------------------
class SessionListView(ListFilterMixin, PagedListView):
    permission_required = "council.list_session"
    template_name = "council/session_list.html"
    context_object_name = "sessions"
    filterset_class = SessionFilter

    def get_rows(self):
        status = self.request.GET.get("status", "")
        if status in SessionStatus.values:
            return selectors.sessions_in_status(self.request.user, status)
        return selectors.sessions_visible_to(self.request.user)

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        status = self.request.GET.get("status", "")
        if status in SessionStatus.values:
            ctx["status_count_label"] = _("phiên họp ở trạng thái “%(status)s”") % {
                "status": SessionStatus(status).label
            }
        return ctx


class SessionCreateView(_IssueFormView):
    permission_required = "council.manage_session"
    template_name = "council/session_form.html"
    form_class = SessionForm

    def issue(self, data, form):
        return services.session_create(
            title=data["title"],
            year=data["year"],
            starts_at=data["starts_at"],
            place=data["place"],
            chair=data["chair"],
            secretary=data["secretary"],
            vice_chairs=data["vice_chairs"],
            members=data["members"],
            by=self.request.user,
        )

    def success_message(self, session):
        return _("Đã tạo phiên họp.")


class SessionDetailView(SessionObjectMixin, RulesMixin, TemplateView):
    permission_required = "council.view_session"
    template_name = "council/session_detail.html"

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        session, user = self.session, self.request.user
        memberships = selectors.session_memberships(session)
        ctx.update(
            session=session,
            memberships=memberships,
            agenda=selectors.session_agenda(session),
            absent_members=[m for m in memberships if m.attendance == Attendance.ABSENT],
            attendance_choices=[(a.value, a.label) for a in Attendance if a.value],
            is_member=any(m.user_id == user.pk for m in memberships),
            can_manage=user.has_perm("council.manage_session", session),
            can_edit_agenda=user.has_perm("council.edit_agenda", session),
            can_record_attendance=user.has_perm("council.record_attendance", session),
            can_enter_written=user.has_perm("council.enter_written_opinion", session),
            can_view_tallies=user.has_perm("council.view_tallies", session),
            can_settle_tie=user.has_perm("council.settle_tie", session),
            can_view_minutes=user.has_perm("council.view_minutes", session),
            actions=[
                {"to": dst, "label": SESSION_ACTION_LABELS[dst]}
                for (src, dst) in SESSION_TRANSITIONS
                if src == session.status
            ],
            present_count=sum(1 for m in memberships if m.attendance == Attendance.PRESENT),
            tie_outcome=Outcome.TIE,
            tie_form=TieForm(),
            choices=VoteForm.base_fields["choice"].choices,
        )
        if ctx["can_edit_agenda"]:
            ctx["candidates"] = list(selectors.nominations_for_agenda())
        return ctx


class MinutesHeadingView(RefusalMixin, SessionObjectMixin, RulesMixin, FormView):
    """The header and signature of the session's minutes, until the session closes."""

    permission_required = "council.manage_session"
    template_name = "council/minutes_heading_form.html"
    form_class = MinutesHeadingForm

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "instance": services.session_minutes_heading(self.session)}

    def get_context_data(self, **kwargs):
        return {**super().get_context_data(**kwargs), "session": self.session}

    def form_valid(self, form):
        try:
            services.minutes_heading_save(self.session, heading=form.heading_cleaned(), by=self.request.user)
        except Refused as exc:
            self.refused(exc, form=form)
            return self.form_invalid(form)
        messages.success(self.request, _("Đã lưu người ký và nơi nhận của biên bản."))
        return redirect(self.session)


# What opening and closing the vote do, said before the office confirms.
SESSION_CONFIRM = {
    SessionStatus.VOTING: (
        gettext_lazy("Mở biểu quyết?"),
        [
            gettext_lazy(
                "Số thành viên có mặt được ghi nhận cho từng đề nghị; đề nghị chưa đủ số thành viên "
                "tham dự không được bỏ phiếu."
            ),
            gettext_lazy(
                "Thành viên có mặt bắt đầu bỏ phiếu kín; chương trình họp không thêm, bớt được nữa."
            ),
            gettext_lazy("Thành viên Hội đồng nhận thông báo mở biểu quyết."),
        ],
        gettext_lazy("Mở biểu quyết"),
    ),
    SessionStatus.CLOSED: (
        gettext_lazy("Kết thúc biểu quyết và kiểm phiếu?"),
        [
            gettext_lazy("Không thành viên nào bỏ phiếu thêm được; phiếu chưa bỏ không được tính."),
            gettext_lazy(
                "Phiếu được kiểm và kết quả từng đề nghị được ghi (thông qua, không thông qua, hoặc chờ ý "
                "kiến Chủ tịch Hội đồng khi số phiếu ngang nhau); biểu quyết không mở lại được."
            ),
        ],
        gettext_lazy("Kết thúc biểu quyết và kiểm phiếu"),
    ),
}


class SessionActionView(RefusalMixin, SessionObjectMixin, RulesMixin, View):
    """Base of the POST-only actions on a session: run, report, go back to the session."""

    http_method_names = ["post"]

    def act(self, request):  # pragma: no cover - overridden
        raise NotImplementedError

    def post(self, request, *args, **kwargs):
        try:
            self.act(request)
        except Refused as exc:
            self.refused(exc)
        return redirect(self.redirect_to())

    def redirect_to(self):
        return self.session.get_absolute_url()


class SessionTransitionView(SessionActionView):
    permission_required = "council.manage_session"

    def post(self, request, *args, **kwargs):
        to = request.POST.get("to", "")
        if needs_confirmation(request) and to in SESSION_CONFIRM and self.session.status != to:
            title, consequences, button = SESSION_CONFIRM[to]
            return ask_first(
                request,
                title=title,
                subject=self.session.title,
                consequences=consequences,
                button=button,
                cancel_url=self.session.get_absolute_url(),
                danger=to == SessionStatus.CLOSED,
            )
        return super().post(request, *args, **kwargs)

    def act(self, request):
        to = request.POST.get("to", "")
        if to not in SessionStatus.values:
            raise Refused(_("Thao tác không hợp lệ."))
        if services.session_transition(self.session, to=to, by=request.user):
            messages.success(request, _("Phiên họp: %(status)s.") % {"status": SessionStatus(to).label})
        else:
            messages.info(request, _("Thao tác đã được thực hiện trước đó."))


class AttendanceView(SessionActionView):
    permission_required = "council.record_attendance"

    def act(self, request):
        attendance = {}
        for membership in self.session.memberships.all():
            value = request.POST.get(f"attendance-{membership.user_id}")
            if value in (Attendance.PRESENT, Attendance.ABSENT):
                attendance[membership.user_id] = value
        services.attendance_record(self.session, attendance=attendance, by=request.user)
        messages.success(request, _("Đã lưu điểm danh."))


class AgendaAddView(SessionActionView):
    permission_required = "council.edit_agenda"

    def act(self, request):
        ids = request.POST.getlist("nomination")
        nominations = list(selectors.nominations_for_agenda().filter(pk__in=ids_from(ids)))
        if not nominations:
            raise Refused(_("Chọn ít nhất một đề nghị đã thẩm định."))
        for nomination in nominations:
            services.agenda_add(self.session, nomination, by=request.user)
        messages.success(request, _("Đã thêm %(n)s đề nghị vào chương trình họp.") % {"n": len(nominations)})


class AgendaRemoveView(SessionActionView):
    permission_required = "council.edit_agenda"

    def act(self, request):
        item = get_object_or_404(AgendaItem, session=self.session, pk=self.kwargs["item_pk"])
        services.agenda_remove(item, by=request.user)
        messages.success(request, _("Đã bỏ đề nghị khỏi chương trình họp."))


@method_decorator(sensitive_post_parameters("choice"), name="dispatch")
class WrittenOpinionView(SessionActionView):
    permission_required = "council.enter_written_opinion"

    def act(self, request):
        form = WrittenOpinionForm(request.POST)
        if not form.is_valid():
            raise Refused(_("Chọn thành viên, đề nghị và ý kiến."))
        member = get_object_or_404(selectors.session_members(self.session), pk=form.cleaned_data["member"])
        nomination = get_object_or_404(
            selectors.agenda_nominations(self.session), pk=form.cleaned_data["nomination"]
        )
        services.ballot_cast(
            self.session,
            nomination=nomination,
            member=member,
            choice=form.cleaned_data["choice"],
            by=request.user,
            written_opinion=True,
            opinion_file=request.FILES.get("opinion_file"),
        )
        messages.success(request, _("Đã ghi nhận ý kiến bằng văn bản của %(name)s.") % {"name": member})


class TieSettleView(SessionActionView):
    permission_required = "council.settle_tie"

    def act(self, request):
        result = get_object_or_404(AgendaResult, item__session=self.session, pk=self.kwargs["result_pk"])
        form = TieForm(request.POST)
        if not form.is_valid():
            raise Refused(_("Chọn ý kiến của Chủ tịch Hội đồng và ghi chú."))
        services.agenda_result_settle_tie(
            result, approve=form.cleaned_data["approve"], note=form.cleaned_data["note"], by=request.user
        )
        messages.success(request, _("Đã ghi ý kiến của Chủ tịch Hội đồng."))


# ---------------------------------------------------------------------------
# The member's voting page
# ---------------------------------------------------------------------------
class MySessionsView(RulesMixin, ListView):
    permission_required = "council.list_session"
    template_name = "council/my_sessions.html"
    context_object_name = "sessions"

    def get_queryset(self):
        return selectors.my_sessions(self.request.user)


# The undo tickets of the ballots a member has just cast (``council.sealing``), kept by the member's
# browser only: an HttpOnly cookie per session, sent to the session's addresses alone.
UNDO_COOKIE = "ballot_undo_%s"
UNDO_COOKIE_MAX = 20  # tickets kept at most (a member voting quickly down the agenda)


def _undo_cookie_path(session: CouncilSession) -> str:
    return reverse("council:session-detail", args=[session.pk])


def pending_undos(request, session: CouncilSession) -> dict[int, tuple[str, object]]:
    """{agenda item id: (ticket, deadline)} of the member's ballots that may still be taken back."""
    raw = request.COOKIES.get(UNDO_COOKIE % session.pk, "")
    now = timezone.now()
    pending = {}
    for token in [t for t in raw.split(".") if t][:UNDO_COOKIE_MAX]:
        ticket = services.ballot_undo_ticket(session, member=request.user, token=token)
        if ticket is not None and ticket.deadline >= now:
            pending[ticket.item_id] = (token, ticket.deadline)
    return pending


def _keep_undos(response, session: CouncilSession, tokens: list[str]) -> None:
    name, path = UNDO_COOKIE % session.pk, _undo_cookie_path(session)
    if tokens:
        response.set_cookie(
            name,
            ".".join(tokens[-UNDO_COOKIE_MAX:]),
            max_age=settings.BALLOT_UNDO_SECONDS + 60,
            path=path,
            secure=settings.SESSION_COOKIE_SECURE,
            httponly=True,
            samesite="Lax",
        )
    else:
        response.delete_cookie(name, path=path, samesite="Lax")


def _ballot_words(item: selectors.BallotItem, choice: str) -> str:
    values = {"award": item.award, "year": item.year, "subject": item.subject}
    if choice == Choice.AGREE:
        return _("ĐỒNG Ý tặng “%(award)s” năm %(year)s cho %(subject)s.") % values
    return _("KHÔNG ĐỒNG Ý tặng “%(award)s” năm %(year)s cho %(subject)s.") % values


@method_decorator(sensitive_post_parameters("choice"), name="dispatch")
@method_decorator(never_cache, name="dispatch")
class VoteView(RefusalMixin, SessionObjectMixin, RulesMixin, KeptPageMixin, TemplateView):
    """One card per agenda item with "Đồng ý" / "Không đồng ý". A button asks first: a page that
    states the choice in words (``units.confirm``), whose button casts the ballot. For
    ``BALLOT_UNDO_SECONDS`` after that the card offers "Hoàn tác phiếu"; otherwise it says only
    "Đã bỏ phiếu" — never which way."""

    permission_required = "council.view_session"
    template_name = "council/vote.html"

    @cached_property
    def session(self) -> CouncilSession:
        return get_object_or_404(selectors.session_rows_visible_to(self.request.user), pk=self.kwargs["pk"])

    def kept_key_parts(self):
        """Not kept while a ballot may still be undone: its card counts down with the clock."""
        return None if self.request.COOKIES.get(UNDO_COOKIE % self.session.pk) else ()

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        session, user = self.session, self.request.user
        membership = session_membership(user, session)  # the one the permission check read
        if membership is None:
            raise Http404
        voted = selectors.voted_item_ids(session, user)
        agenda = selectors.ballot_agenda(session)
        undo = {}
        if session.status == SessionStatus.VOTING:
            undo = {pk: deadline for pk, (_token, deadline) in pending_undos(self.request, session).items()}
        ctx.update(
            session=session,
            membership=membership,
            agenda=agenda,
            voted=voted,
            undo={pk: deadline for pk, deadline in undo.items() if pk in voted},
            undo_seconds=settings.BALLOT_UNDO_SECONDS,
            remaining=selectors.ballots_remaining(user, session=session).get(session.pk, 0),
            can_vote=user.has_perm("council.vote", session) and membership.attendance == Attendance.PRESENT,
            can_view_minutes=user.has_perm("council.view_minutes", session),
        )
        return ctx

    def post(self, request, *args, **kwargs):
        back = reverse("council:vote", args=[self.session.pk])
        if not request.user.has_perm("council.vote", self.session):
            messages.error(request, _("Phiên họp không ở giai đoạn biểu quyết."))
            return redirect(back)
        form = VoteForm(request.POST)
        if not form.is_valid():
            messages.error(request, _("Phiếu không hợp lệ: chọn “Đồng ý” hoặc “Không đồng ý”."))
            return redirect(back)
        choice = form.cleaned_data["choice"]
        item = next(
            (
                i
                for i in selectors.ballot_agenda(self.session)
                if i.nomination_id == form.cleaned_data["nomination"]
            ),
            None,
        )
        if item is None:
            messages.error(request, _("Đề nghị này không có trong chương trình họp."))
            return redirect(back)
        if needs_confirmation(request):
            return self.ask(request, item, choice, cancel_url=f"{back}#item-{item.pk}")
        try:
            token = services.ballot_cast(
                self.session, nomination=Nomination(pk=item.nomination_id), member=request.user, choice=choice
            )
        except Refused as exc:
            self.refused(exc)
            return redirect(f"{back}#item-{item.pk}")
        seconds = settings.BALLOT_UNDO_SECONDS
        if token:
            messages.success(
                request,
                _(
                    "Đã ghi nhận phiếu của bạn. Bạn còn %(n)s giây để hoàn tác; "
                    "sau đó phiếu là phiếu cuối cùng."
                )
                % {"n": seconds},
            )
        else:
            messages.success(request, _("Đã ghi nhận phiếu của bạn."))
        response = redirect(f"{back}#item-{item.pk}")
        if token:
            kept = [t for t, _deadline in pending_undos(request, self.session).values()]
            _keep_undos(response, self.session, [*kept, token])
        return response

    def ask(self, request, item, choice: str, *, cancel_url: str):
        seconds = settings.BALLOT_UNDO_SECONDS
        consequences = [_("Phiếu của bạn: %(words)s") % {"words": _ballot_words(item, choice)}]
        if seconds > 0:
            consequences.append(
                _(
                    "Phiếu được ghi ngay khi bạn xác nhận. Trong %(n)s giây sau đó bạn còn hoàn tác được "
                    "(rồi bỏ phiếu lại); hết %(n)s giây, hoặc khi Hội đồng kết thúc biểu quyết, phiếu là "
                    "phiếu cuối cùng, không sửa được."
                )
                % {"n": seconds}
            )
        else:
            consequences.append(
                _("Phiếu được ghi ngay khi bạn xác nhận và là phiếu cuối cùng, không sửa được.")
            )
        consequences.append(
            _("Bỏ phiếu kín: hệ thống chỉ ghi nhận bạn đã bỏ phiếu, không lưu bạn chọn gì gắn với tên bạn.")
        )
        response = ask_first(
            request,
            title=_("Xác nhận phiếu của bạn"),
            subject=f"{item.order}. {item.subject} — {item.award} {item.year}",
            consequences=consequences,
            button=_("Xác nhận: %(choice)s") % {"choice": Choice(choice).label},
            cancel_url=cancel_url,
            danger=choice == Choice.DISAGREE,
        )
        return response


class VoteUndoView(RefusalMixin, SessionObjectMixin, RulesMixin, View):
    """ "Hoàn tác phiếu": the ballot of one agenda item taken back with the ticket the member's
    browser holds (``services.ballot_undo``); the card then offers the two buttons again."""

    permission_required = "council.view_session"
    http_method_names = ["post"]

    def post(self, request, *args, **kwargs):
        session = self.session
        back = reverse("council:vote", args=[session.pk])
        item_id = id_or_none(request.POST.get("item"))
        pending = pending_undos(request, session)
        token = pending.get(item_id, ("", None))[0]
        try:
            if not token:
                raise Refused(_("Đã hết thời gian hoàn tác: phiếu của bạn là phiếu cuối cùng."))
            services.ballot_undo(session, member=request.user, token=token)
        except Refused as exc:
            self.refused(exc)
        else:
            messages.success(
                request, _("Đã hoàn tác phiếu của bạn; bạn có thể bỏ phiếu lại cho đề nghị này.")
            )
        response = redirect(f"{back}#item-{item_id}" if item_id else back)
        _keep_undos(response, session, [t for pk, (t, _d) in pending.items() if pk != item_id])
        return response


# ---------------------------------------------------------------------------
# Decisions
# ---------------------------------------------------------------------------
class DecisionListView(ListFilterMixin, PagedListView):
    permission_required = "council.list_decision"
    template_name = "council/decision_list.html"
    context_object_name = "decisions"
    filterset_class = DecisionFilter

    def get_rows(self):
        return selectors.decisions_list()


class _DecisionIssueView(_IssueFormView):
    permission_required = "council.issue_decision"

    def success_message(self, decision):
        return _("Đã ban hành %(decision)s.") % {"decision": decision}


class DecisionCreateView(_DecisionIssueView):
    template_name = "council/decision_form.html"
    form_class = DecisionForm

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "nominations": selectors.nominations_for_decision()}

    def issue(self, data, form):
        return services.decision_issue(
            list(data["nominations"]),
            date=data["date"],
            heading=form.heading_cleaned(),
            title=data["title"],
            session=selectors.approving_session(data["nominations"]),
            by=self.request.user,
        )


class DecisionDetailView(RulesMixin, DetailView):
    role_permission = "council.list_decision"  # another role: 403 before the decision is looked up
    permission_required = "council.list_decision"
    template_name = "council/decision_detail.html"
    context_object_name = "decision"

    def get_queryset(self):
        return selectors.decisions_visible_to(self.request.user)

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        ctx["items"] = selectors.decision_items(self.object)
        ctx["total"] = sum(item.amount or 0 for item in ctx["items"])
        return ctx


class DecisionXlsxView(RulesMixin, DetailView):
    role_permission = "council.list_decision"
    permission_required = "council.list_decision"

    def get_queryset(self):
        return selectors.decisions_visible_to(self.request.user)

    def get(self, request, *args, **kwargs):
        decision = self.get_object()
        stem = decision.number_label.replace("/", "-")
        return download_response(
            DecisionResultsExporter(decision, selectors.decision_items(decision)).content(),
            filename=f"ket-qua-khen-thuong-{stem}.xlsx",
            content_type=XLSX_CONTENT_TYPE,
        )


class _LaterDecisionView(_DecisionIssueView):
    """Correct or revoke standing award records. The list to pick from shows the record the
    decision page linked to, those already picked, and the first ``SHOWN_RECORDS`` records that
    match the search box: a province keeps far more records than a page can list."""

    template_name = "council/decision_later_form.html"
    heading = ""
    SHOWN_RECORDS = 100

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "records": selectors.standing_records(), "shown": self.shown}

    @cached_property
    def query(self) -> str:
        return self.request.GET.get("q", "").strip()

    @cached_property
    def shown(self) -> list:
        records = selectors.standing_records().select_related("person", "unit")  # labels name them
        picked = [self.request.GET.get("record", ""), self.request.POST.get("record", "")]
        picked += self.request.POST.getlist("records")
        picked = ids_from(picked)
        matching = records
        if self.query:
            matching = search(matching, ["recipient_name", "decision_number"], self.query)
        first = list(records.filter(pk__in=picked)) if picked else []
        return first + list(matching.exclude(pk__in=picked)[: self.SHOWN_RECORDS])

    def get_initial(self):
        initial = super().get_initial()
        record = self.request.GET.get("record")
        if id_or_none(record):
            initial["records"] = [id_or_none(record)]
            initial["record"] = id_or_none(record)
        return initial

    def get_context_data(self, **kwargs):
        return {
            **super().get_context_data(**kwargs),
            "heading": self.heading,
            "query": self.query,
            "limit": self.SHOWN_RECORDS,
        }

    def signer(self, data, form):
        return {
            "date": data["date"],
            "heading": form.heading_cleaned(),
            "title": data["title"],
            "reason": data["reason"],
            "by": self.request.user,
        }


class DecisionRevokeView(_LaterDecisionView):
    form_class = RevokeForm
    heading = _("Quyết định thu hồi khen thưởng")

    def issue(self, data, form):
        return services.decision_revoke(list(data["records"]), **self.signer(data, form))


class DecisionCorrectView(_LaterDecisionView):
    form_class = CorrectForm
    heading = _("Quyết định đính chính khen thưởng")

    def issue(self, data, form):
        return services.decision_correct([(data["record"], form.changes())], **self.signer(data, form))


# ---------------------------------------------------------------------------
# Proposals to a higher authority
# ---------------------------------------------------------------------------
class ProposalListView(ListFilterMixin, PagedListView):
    permission_required = "council.list_proposal"
    template_name = "council/proposal_list.html"
    context_object_name = "proposals"
    filterset_class = ProposalFilter

    def get_rows(self):
        return selectors.proposals_list()


class ProposalCreateView(_IssueFormView):
    permission_required = "council.manage_proposal"
    template_name = "council/proposal_form.html"
    form_class = ProposalForm

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "nominations": selectors.nominations_for_proposal()}

    def issue(self, data, form):
        return services.proposal_create(
            authority=data["authority"],
            year=data["year"],
            nominations=list(data["nominations"]),
            title=data["title"],
            heading=form.heading_cleaned(),
            session=selectors.approving_session(data["nominations"]),
            by=self.request.user,
        )

    def success_message(self, pack):
        return _("Đã lập tờ trình.")


class ProposalDetailView(RulesMixin, DetailView):
    role_permission = "council.list_proposal"  # another role: 403 before the proposal is looked up
    permission_required = "council.list_proposal"
    template_name = "council/proposal_detail.html"
    context_object_name = "pack"

    def get_queryset(self):
        return selectors.proposals_visible_to(self.request.user)

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        nominations = selectors.proposal_nominations(self.object)
        files = selectors.proposal_report_files(self.object)
        for nomination in nominations:
            nomination.report_files = files.get(nomination.pk, [])
        ctx["nominations"] = nominations
        ctx["sent_form"] = ProposalSentForm()
        ctx["reply_form"] = ProposalReplyForm(
            nominations=self.object.nominations.all(), initial={"granted": [n.pk for n in nominations]}
        )
        return ctx


class ProposalSentView(RulesMixin, View):
    permission_required = "council.manage_proposal"
    http_method_names = ["post"]

    def post(self, request, pk):
        pack = get_object_or_404(selectors.proposals_visible_to(request.user), pk=pk)
        form = ProposalSentForm(request.POST)
        if not form.is_valid():
            messages.error(request, _("Ghi ngày gửi."))
        elif services.proposal_mark_sent(pack, sent_on=form.cleaned_data["sent_on"], by=request.user):
            messages.success(
                request, _("Đã ghi nhận gửi tờ trình %(number)s.") % {"number": pack.number_text}
            )
        else:
            messages.info(request, _("Tờ trình đã được gửi trước đó."))
        return redirect(pack)


class ProposalReplyView(RefusalMixin, RulesMixin, View):
    permission_required = "council.manage_proposal"
    http_method_names = ["post"]

    def post(self, request, pk):
        pack = get_object_or_404(selectors.proposals_visible_to(request.user), pk=pk)
        form = ProposalReplyForm(request.POST, nominations=pack.nominations.all())
        if not form.is_valid():
            messages.error(
                request, _("Ghi số, ngày quyết định, cơ quan quyết định và người được khen thưởng.")
            )
            return redirect(pack)
        data = form.cleaned_data
        try:
            records = services.proposal_record_decision(
                pack,
                number=data["number"],
                date=data["date"],
                authority_name=data["authority_name"],
                granted=list(data["granted"]),
                by=request.user,
            )
        except Refused as exc:
            self.refused(exc)
        else:
            messages.success(request, _("Đã ghi %(n)s khen thưởng vào lịch sử.") % {"n": len(records)})
        return redirect(pack)
