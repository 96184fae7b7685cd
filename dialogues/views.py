"""Pages for dialogue sessions: thin views over selectors and services."""

import calendar as monthgrid
import json
from datetime import date, datetime, time, timedelta

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse, JsonResponse
from django.http.request import RawPostDataException
from django.middleware.csrf import get_token
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_POST

from dialogue_portal import pagebody, policy
from dialogue_portal.accounts.models import User
from dialogue_portal.accounts.services import rotate_feed_token
from dialogue_portal.directory.models import Department, ParticipantGroup
from dialogue_portal.workflow import StaleEdit

from . import month, panels, plans, rows, selectors, services
from .filters import SessionFilter
from .forms import (
    AgendaItemForm,
    AttendanceForm,
    FollowUpForm,
    MinutesForm,
    OpinionForm,
    PlanForm,
    PlanTaskForm,
    RecommendationForm,
    SessionForm,
    TransitionForm,
)
from .ical import session_calendar
from .models import AgendaItem, DialogueSession, PlanTask, Recommendation, SessionOpinion, SessionStatus
from .workflow import allowed_transitions, can_manage

PAGE_SIZE = 25
TRANSITION_VERBS = {
    SessionStatus.PLANNED: gettext_lazy("Mark as planned"),
    SessionStatus.INVITATIONS_SENT: gettext_lazy("Send the invitations"),
    SessionStatus.HELD: gettext_lazy("Mark as held"),
    SessionStatus.SUMMARY_SENT: gettext_lazy("Mark the summary as sent"),
    SessionStatus.POSTPONED: gettext_lazy("Postpone"),
    SessionStatus.CANCELLED: gettext_lazy("Cancel the session"),
}
FEED_PAST_DAYS = 365


def _may_plan(user) -> bool:
    return policy.may_plan(user)


def _visible_session(request, pk) -> DialogueSession:
    return get_object_or_404(selectors.sessions_visible_to(request.user, include_archived=True), pk=pk)


def _managed_session(request, pk) -> DialogueSession:
    session = _visible_session(request, pk)
    if not can_manage(request.user, session):
        raise PermissionDenied
    return session


def _error_messages(request, error: ValidationError) -> None:
    for message in error.messages:
        messages.error(request, message)


@login_required
def session_list(request):
    sessions = selectors.sessions_visible_to(request.user, include_archived=True)
    filterset = SessionFilter(request.GET or None, queryset=sessions, user=request.user)
    qs = filterset.qs if filterset.is_bound else sessions.filter(is_archived=False)
    page = Paginator(qs.order_by("-starts_at", "-pk"), PAGE_SIZE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "dialogues/session_list.html",
        {"filter": filterset, "page": page, "query": query.urlencode(), "may_plan": _may_plan(request.user)},
    )


def _month(request) -> date:
    today = timezone.localdate()
    try:
        year = int(request.GET.get("year", today.year))
        month = int(request.GET.get("month", today.month))
        return date(year, month, 1) if 1900 <= year <= 2200 else today.replace(day=1)
    except (TypeError, ValueError):
        return today.replace(day=1)


@login_required
def session_calendar_view(request):
    first = _month(request)
    weeks = monthgrid.Calendar(firstweekday=0).monthdatescalendar(first.year, first.month)
    zone = timezone.get_current_timezone()
    start = datetime.combine(weeks[0][0], time.min, zone)
    end = datetime.combine(weeks[-1][-1] + timedelta(days=1), time.min, zone)
    sessions = selectors.sessions_between(request.user, start, end).only(*month.FIELDS)
    month_items, grid_rows = month.month_html(sessions, weeks, first, timezone.localdate())
    previous = (first - timedelta(days=1)).replace(day=1)
    following = (first + timedelta(days=32)).replace(day=1)
    feed_url = request.build_absolute_uri(reverse("dialogues:feed", args=[request.user.feed_token]))
    return render(
        request,
        "dialogues/calendar.html",
        {
            "month": first,
            "month_items": month_items,
            "grid_rows": grid_rows,
            "previous": previous,
            "following": following,
            "feed_url": feed_url,
        },
    )


@login_required
def agenda(request):
    page = Paginator(selectors.upcoming_sessions(request.user), PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "dialogues/agenda.html", {"page": page})


def _session_form_view(request, *, session=None):
    initial = {}
    if session is not None:
        initial = {
            "title": session.title,
            "host_unit": session.host_unit,
            "starts_at": timezone.localtime(session.starts_at),
            "ends_at": timezone.localtime(session.ends_at),
            "venue": session.venue,
            "programme": session.programme,
            "theme": session.theme,
            "description": session.description,
            "topics": list(session.topics.all()),
            "departments": [inv.department for inv in session.invitations.select_related("department")],
            "version": session.version,
        }
    form = SessionForm(request.POST or None, initial=initial, user=request.user)
    warnings = []
    if request.method == "POST" and form.is_valid():
        confirmed = form.cleaned_data["confirm"]
        try:
            if session is None:
                saved = services.create_session(actor=request.user, data=form.session_data(), confirmed=confirmed)
                messages.success(request, _("The session was created as a draft."))
            else:
                saved = services.update_session(
                    session=session,
                    actor=request.user,
                    version=form.cleaned_data["version"] or 0,
                    data=form.session_data(),
                    confirmed=confirmed,
                )
                messages.success(request, _("The session was saved."))
            return redirect(saved)
        except services.NeedsConfirmation as exc:
            warnings = exc.warnings
            form.show_confirmation()
        except services.StaleEdit as exc:
            _error_messages(request, exc)
            return redirect("dialogues:edit", pk=session.pk)
        except ValidationError as exc:
            form.add_error(None, exc)
    status = 400 if request.method == "POST" else 200
    return render(
        request, "dialogues/session_form.html", {"form": form, "session": session, "warnings": warnings}, status=status
    )


@login_required
def session_create(request):
    if not _may_plan(request.user):
        raise PermissionDenied
    return _session_form_view(request)


@login_required
def session_edit(request, pk):
    return _session_form_view(request, session=_managed_session(request, pk))


@login_required
def session_detail(request, pk):
    return _session_page(request, pk)


def _session_page(request, pk, *, status: int = 200, **bound):
    """The session page; ``bound`` replaces a form with the one the user sent back (shown with its errors)."""
    kept = pagebody.key(request, "session", pk)  # before the reads (see pagebody.key)
    try:
        session = selectors.session_for_page(request.user, pk)  # the access check, on every request
    except DialogueSession.DoesNotExist:
        raise Http404 from None
    manager = can_manage(request.user, session)
    if bound:
        content = _session_body(request, session, manager, get_token(request), bound)
    else:
        content = pagebody.body(request, kept, lambda csrf: _session_body(request, session, manager, csrf, {}))
    context = {"session": session, "manager": manager, "content": content}
    return render(request, "dialogues/session_detail.html", context, status=status)


def _session_body(request, session, manager: bool, csrf_token: str, bound: dict) -> str:
    """The page's content for ``request.user``, its forms carrying ``csrf_token``."""
    selectors.load_session_parts(session)
    # The summary is sent from the reports app (which numbers, files and mails it), never by a bare status change.
    transitions = [value for value in allowed_transitions(request.user, session) if value != SessionStatus.SUMMARY_SENT]
    # The active departments, read once for every form on the page that offers them.
    departments = list(Department.objects.filter(is_active=True)) if manager else None
    context = {
        "session": session,
        "manager": manager,
        "transitions": [(value, TRANSITION_VERBS[value]) for value in transitions],
        # The petitions and the summary panels, from the apps that own them (dialogues/panels.py).
        "panels": panels.panels_for(request, session, manager=manager),
        "agenda_form": AgendaItemForm(departments=departments) if manager else None,
        "minutes_form": MinutesForm.for_session(session),
        "unreachable": selectors.unreachable_departments(session) if manager else [],
        "expected": selectors.expected_attendance(session),
        # Rows written out in Python (dialogues/rows.py): cheaper than a dozen template tags each.
        "agenda_rows": rows.agenda_html(session, session.agenda_items.all(), manager=manager, csrf_token=csrf_token),
        "invitation_rows": rows.invitations_html(session.invitations.all()),
        "attendance_rows": rows.attendance_html(session.attendance.all()),
        "history_rows": rows.history_html(session.status_changes.all()),
    }
    context.update(_records_context(request, session, manager, departments))
    context.update(bound)
    context["csrf_token"] = csrf_token
    return render_to_string("dialogues/session_body.html", context, request)


@login_required
def session_transition(request, pk, to_status):
    session = _visible_session(request, pk)
    if to_status not in allowed_transitions(request.user, session):
        raise PermissionDenied
    needs_dates = to_status == SessionStatus.POSTPONED
    needs_note = to_status in (SessionStatus.POSTPONED, SessionStatus.CANCELLED)
    initial = {}
    if needs_dates:
        initial = {"starts_at": timezone.localtime(session.starts_at), "ends_at": timezone.localtime(session.ends_at)}
    form = TransitionForm(request.POST or None, initial=initial, needs_dates=needs_dates, needs_note=needs_note)
    if request.method == "POST" and form.is_valid():
        fields = {k: form.cleaned_data[k] for k in ("starts_at", "ends_at") if k in form.cleaned_data}
        try:
            services.transition(
                session=session, to_status=to_status, actor=request.user, note=form.cleaned_data["note"], **fields
            )
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(
                request, _("The session is now “%(status)s”.") % {"status": SessionStatus(to_status).label}
            )
            return redirect(session)
    return render(
        request,
        "dialogues/transition.html",
        {"session": session, "form": form, "verb": TRANSITION_VERBS[to_status], "to_status": to_status},
        status=400 if request.method == "POST" else 200,
    )


@login_required
@require_POST
def agenda_add(request, pk):
    session = _managed_session(request, pk)
    form = AgendaItemForm(request.POST)
    if not form.is_valid():
        for errors in form.errors.values():
            for error in errors:
                messages.error(request, error)
        return redirect(reverse("dialogues:detail", args=[pk]) + "#agenda")
    try:
        services.add_agenda_item(session=session, actor=request.user, **form.cleaned_data)
    except ValidationError as exc:
        _error_messages(request, exc)
    return redirect(reverse("dialogues:detail", args=[pk]) + "#agenda")


def _agenda_item(request, pk, item_pk) -> AgendaItem:
    session = _managed_session(request, pk)
    return get_object_or_404(AgendaItem.objects.select_related("session__host_unit"), session=session, pk=item_pk)


@login_required
@require_POST
def agenda_move(request, pk, item_pk, direction):
    if direction not in ("up", "down"):
        raise Http404
    item = _agenda_item(request, pk, item_pk)
    try:
        services.move_agenda_item(item=item, actor=request.user, direction=direction)
    except ValidationError as exc:
        _error_messages(request, exc)
    return redirect(reverse("dialogues:detail", args=[pk]) + "#agenda")


@login_required
@require_POST
def agenda_remove(request, pk, item_pk):
    item = _agenda_item(request, pk, item_pk)
    try:
        services.remove_agenda_item(item=item, actor=request.user)
    except ValidationError as exc:
        _error_messages(request, exc)
    return redirect(reverse("dialogues:detail", args=[pk]) + "#agenda")


@login_required
@require_POST
def agenda_reorder(request, pk):
    """JSON endpoint for agenda.js: {"order": [item ids]}."""
    session = _managed_session(request, pk)
    try:
        order = [int(value) for value in json.loads(request.body or b"{}").get("order", [])]
        services.reorder_agenda(session=session, actor=request.user, item_ids=order)
    except (ValueError, TypeError, AttributeError, RawPostDataException):  # the last: a form post, read already
        return JsonResponse({"ok": False, "error": _("The order sent was not understood.")}, status=400)
    except ValidationError as exc:
        return JsonResponse({"ok": False, "error": " ".join(exc.messages)}, status=409)
    return JsonResponse({"ok": True})


@login_required
def attendance(request, pk):
    session = selectors.load_session_parts(_managed_session(request, pk))
    groups = ParticipantGroup.objects.filter(is_active=True)
    form = AttendanceForm(request.POST or None, session=session, groups=groups)
    if request.method == "POST" and form.is_valid():
        departments, counts = form.attendance()
        try:
            services.record_attendance(session=session, actor=request.user, departments=departments, groups=counts)
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, _("Attendance was recorded."))
            return redirect(reverse("dialogues:detail", args=[pk]) + "#attendance")
    return render(request, "dialogues/attendance.html", {"session": session, "form": form})


@login_required
@require_POST
def minutes(request, pk):
    session = _managed_session(request, pk)
    form = MinutesForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("The minutes could not be saved; check the fields marked below."))
        return _session_page(request, pk, status=400, minutes_form=form)
    try:
        services.record_minutes(session=session, actor=request.user, **form.cleaned_data)
    except StaleEdit as exc:
        _error_messages(request, exc)
        # Keep what the user typed, on the current version: saving again is a conscious overwrite.
        data = request.POST.copy()
        data["version"] = DialogueSession.objects.values_list("version", flat=True).get(pk=session.pk)
        return _session_page(request, pk, status=409, minutes_form=MinutesForm(data))
    except ValidationError as exc:
        _error_messages(request, exc)
        return _session_page(request, pk, status=400, minutes_form=form)
    messages.success(request, _("The minutes were saved."))
    return redirect(reverse("dialogues:detail", args=[pk]) + "#minutes")


@login_required
@require_POST
def archive(request, pk):
    session = _managed_session(request, pk)
    restore = request.POST.get("restore") == "1"
    services.archive_session(session=session, actor=request.user, archived=not restore)
    messages.success(request, _("The session was restored.") if restore else _("The session was archived."))
    return redirect(session)


def _ics_response(content: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@login_required
@require_GET
def session_ics(request, pk):
    session = _visible_session(request, pk)
    return _ics_response(session_calendar([session]), f"doi-thoai-{session.pk}.ics")


@require_GET
def feed(request, token):
    """The user's subscribable calendar; the secret token in the URL stands in for a login."""
    user = User.objects.filter(feed_token=token, is_active=True).first()
    if user is None:
        raise Http404
    now = timezone.now()
    sessions = selectors.sessions_between(user, now - timedelta(days=FEED_PAST_DAYS), now + timedelta(days=3 * 365))
    content = session_calendar(sessions, name=_("Policy dialogues"))
    response = HttpResponse(content, content_type="text/calendar; charset=utf-8")
    response["Cache-Control"] = "private, max-age=900"
    return response


@login_required
@require_POST
def rotate_feed(request):
    rotate_feed_token(user=request.user)
    messages.success(request, _("Your calendar link was changed; subscriptions using the old link stop working."))
    return redirect("dialogues:calendar")


@login_required
def statistics(request):
    if not _may_plan(request.user):
        raise PermissionDenied
    return render(
        request,
        "dialogues/statistics.html",
        {
            "held": selectors.held_per_unit_per_year(request.user),
            "departments": selectors.department_attendance(request.user),
        },
    )


# --- the minutes' opinions and the recommendations, on the session page ----------------------------------


def _records_context(request, session, manager: bool, departments) -> dict:
    """The oral opinions and the recommendations sections; a manager gets a form per row (ids kept apart)."""
    recommendations = selectors.session_recommendations(request.user, session)
    opinions = list(selectors.session_opinions(session))
    if manager:
        for rec in recommendations:
            rec.edit_form = RecommendationForm.for_recommendation(rec, departments=departments)
            rec.follow_up_form = FollowUpForm.for_recommendation(rec)
        for opinion in opinions:
            opinion.edit_form = OpinionForm(
                initial={
                    "speaker": opinion.speaker,
                    "text": opinion.text,
                    "answer_text": opinion.answer_text,
                    "answered_by": opinion.answered_by_id,
                },
                row=opinion.pk,
                departments=departments,
            )
    return {
        "recommendations": recommendations,
        "opinions": opinions,
        "may_publish": policy.may_publish(request.user),
        "recommendation_form": RecommendationForm(departments=departments) if manager else None,
        "opinion_form": OpinionForm(departments=departments) if manager else None,
    }


def _back(pk, anchor: str):
    return redirect(reverse("dialogues:detail", args=[pk]) + f"#{anchor}")


def _form_errors(request, form) -> None:
    for errors in form.errors.values():
        for error in errors:
            messages.error(request, error)


def _add_row(request, pk, form, save, *, anchor: str, done: str, failed: str, form_name: str):
    """Save a new row of the session's record from ``form``; on a refusal the page again (400), form kept."""
    if form.is_valid():
        try:
            save(**form.cleaned_data)
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, done)
            return _back(pk, anchor)
    messages.error(request, failed)
    return _session_page(request, pk, status=400, **{form_name: form})


def _save_row(request, pk, form, save, *, anchor: str, done: str):
    """Save a change to one row of the session's record from ``form``, then back to that row."""
    if not form.is_valid():
        _form_errors(request, form)
        return _back(pk, anchor)
    try:
        save(**form.cleaned_data)
    except ValidationError as exc:
        _error_messages(request, exc)
    else:
        messages.success(request, done)
    return _back(pk, anchor)


def _recommendation(request, pk, rec_pk, *, manage: bool = True) -> Recommendation:
    """The session's recommendation: 404 out of scope, 403 when the user may not manage the session."""
    session = _managed_session(request, pk) if manage else _visible_session(request, pk)
    return get_object_or_404(Recommendation.objects.select_related("session"), session=session, pk=rec_pk)


@login_required
@require_POST
def recommendation_add(request, pk):
    session = _managed_session(request, pk)
    return _add_row(
        request,
        pk,
        RecommendationForm(request.POST),
        lambda **data: services.create_recommendation(session=session, actor=request.user, **data),
        anchor="recommendations",
        done=_("The recommendation was recorded."),
        failed=_("The recommendation could not be saved; check the fields marked below."),
        form_name="recommendation_form",
    )


@login_required
@require_POST
def recommendation_edit(request, pk, rec_pk):
    rec = _recommendation(request, pk, rec_pk)
    return _save_row(
        request,
        pk,
        RecommendationForm(request.POST),
        lambda **data: services.update_recommendation(recommendation=rec, actor=request.user, **data),
        anchor=f"rec-{rec.pk}",
        done=_("The recommendation was saved."),
    )


@login_required
@require_POST
def recommendation_follow_up(request, pk, rec_pk):
    rec = _recommendation(request, pk, rec_pk)
    return _save_row(
        request,
        pk,
        FollowUpForm(request.POST),
        lambda **data: services.set_follow_up(recommendation=rec, actor=request.user, **data),
        anchor=f"rec-{rec.pk}",
        done=_("The follow-up was recorded."),
    )


@login_required
@require_POST
def recommendation_publish(request, pk, rec_pk):
    """Publish (or, with ``withdraw=1``, withdraw) a recommendation: staff only, 403 for others who see it."""
    rec = _recommendation(request, pk, rec_pk, manage=False)
    withdraw = request.POST.get("withdraw") == "1"
    try:
        services.publish_recommendation(recommendation=rec, actor=request.user, published=not withdraw)
    except ValidationError as exc:
        _error_messages(request, exc)
    else:
        messages.success(
            request,
            _("The recommendation was taken off the public page.")
            if withdraw
            else _("The recommendation is now on the public page."),
        )
    return _back(pk, f"rec-{rec.pk}")


@login_required
@require_POST
def recommendation_remove(request, pk, rec_pk):
    rec = _recommendation(request, pk, rec_pk)
    try:
        services.remove_recommendation(recommendation=rec, actor=request.user)
    except ValidationError as exc:
        _error_messages(request, exc)
        return _back(pk, f"rec-{rec.pk}")
    messages.success(request, _("The recommendation was removed."))
    return _back(pk, "recommendations")


def _opinion(request, pk, opinion_pk) -> SessionOpinion:
    session = _managed_session(request, pk)
    return get_object_or_404(SessionOpinion.objects.select_related("session"), session=session, pk=opinion_pk)


@login_required
@require_POST
def opinion_add(request, pk):
    session = _managed_session(request, pk)
    return _add_row(
        request,
        pk,
        OpinionForm(request.POST),
        lambda **data: services.add_opinion(session=session, actor=request.user, **data),
        anchor="opinions",
        done=_("The opinion was added to the minutes."),
        failed=_("The opinion could not be saved; check the fields marked below."),
        form_name="opinion_form",
    )


@login_required
@require_POST
def opinion_edit(request, pk, opinion_pk):
    opinion = _opinion(request, pk, opinion_pk)
    return _save_row(
        request,
        pk,
        OpinionForm(request.POST),
        lambda **data: services.update_opinion(opinion=opinion, actor=request.user, **data),
        anchor=f"opinion-{opinion.pk}",
        done=_("The opinion was saved."),
    )


@login_required
@require_POST
def opinion_remove(request, pk, opinion_pk):
    opinion = _opinion(request, pk, opinion_pk)
    services.remove_opinion(opinion=opinion, actor=request.user)
    messages.success(request, _("The opinion was removed from the minutes."))
    return _back(pk, "opinions")


# --- publishing on the public outcomes page ---------------------------------------------------------


def _session_to_publish(request, pk) -> DialogueSession:
    """The session, 404 outside the user's view, 403 when visible but the user may not publish."""
    session = get_object_or_404(DialogueSession.objects.visible_to(request.user), pk=pk)
    policy.require("publish", request.user)
    return session


@login_required
@require_GET
def publish_preview(request, pk):
    """Exactly what the public page will show for the session (its own partial), with publish or withdraw."""
    session = _session_to_publish(request, pk)
    context = {
        "kind": "session",
        "obj": session,
        "public_object": selectors.session_as_public(session.pk),
        "problem": services.publish_problem(session),
        "app": "dialogues",
        "back_url": session.get_absolute_url(),
        "back_label": session.title,
    }
    return render(request, "public/preview.html", context)


@login_required
@require_POST
def publish(request, pk):
    session = _session_to_publish(request, pk)
    try:
        services.publish_session_outcomes(request.user, session)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect("dialogues:publish_preview", pk=session.pk)
    messages.success(request, _("The session is published on the public outcomes page."))
    return redirect(session)


@login_required
@require_POST
def withdraw(request, pk):
    session = _session_to_publish(request, pk)
    services.withdraw_session_outcomes(request.user, session)
    messages.success(request, _("The session was withdrawn from the public outcomes page."))
    return redirect(session)


# --- the plan (Kế hoạch): its editable text and "who prepares what" --------------------------------------


@login_required
def plan(request, pk):
    """Edit the plan's text and tasks; the plan and the letters are issued from the session page."""
    session = _managed_session(request, pk)
    current = plans.plan_of(session)
    initial = {
        "purpose": current.purpose or plans.default_purpose(session),
        "attendee_request": current.attendee_request,
        "contact_name": current.contact_name,
        "contact_phone": current.contact_phone,
        "reply_by": current.reply_by,
    }
    saving = request.method == "POST" and "save_plan" in request.POST
    adding = request.method == "POST" and "add_task" in request.POST
    form = PlanForm(request.POST if saving else None, initial=initial)
    task_form = PlanTaskForm(request.POST if adding else None, user=request.user)
    if saving and form.is_valid():
        try:
            plans.save_plan(session=session, actor=request.user, data=plans.PlanData(**form.cleaned_data))
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, _("The plan was saved."))
            return redirect("dialogues:plan", pk=pk)
    if adding and task_form.is_valid():
        try:
            plans.add_task(session=session, actor=request.user, **task_form.cleaned_data)
        except ValidationError as exc:
            task_form.add_error(None, exc)
        else:
            messages.success(request, _("The task was added."))
            return redirect(reverse("dialogues:plan", args=[pk]) + "#tasks")
    status = 400 if request.method == "POST" else 200
    context = {
        "session": session,
        "form": form,
        "task_form": task_form,
        "tasks": session.plan_tasks.select_related("unit", "department"),
        "reply_by": plans.reply_deadline(session),
    }
    return render(request, "dialogues/plan.html", context, status=status)


@login_required
@require_POST
def plan_task_remove(request, pk, task_pk):
    session = _managed_session(request, pk)
    task = get_object_or_404(PlanTask.objects.select_related("session__host_unit"), session=session, pk=task_pk)
    try:
        plans.remove_task(task=task, actor=request.user)
    except ValidationError as exc:
        _error_messages(request, exc)
    return redirect(reverse("dialogues:plan", args=[pk]) + "#tasks")
