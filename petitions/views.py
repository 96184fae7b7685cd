"""Thin views: check who, validate the form, call one service, redirect with a message."""

import uuid

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpResponse, JsonResponse
from django.middleware.csrf import get_token
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from dialogue_portal import pagebody, policy
from dialogue_portal.datastamp import stats_version
from dialogue_portal.pagination import CappedCountPaginator

from . import pwa, selectors, services, workflow
from .filters import PetitionFilter
from .forms import (
    AnswerForm,
    AssignForm,
    AttachmentForm,
    BulkForm,
    ImportForm,
    MergeForm,
    PetitionForm,
    SessionLinkForm,
    TransitionForm,
)
from .importer import ImportRefused, check_rows, import_petitions, read_rows, template_xlsx
from .models import Assignment, Attachment, Petition, PetitionStatus
from .rows import assignments_html, files_html, similar_html, timeline_html

PAGE_SIZE = 25
IMPORT_SESSION_KEY = "petitions_import"


def _error_text(error) -> str:
    if isinstance(error, ValidationError):
        return " ".join(error.messages)
    return str(error) or _("You may not make this change.")


def _stale(request, petition, error: services.StaleEdit):
    messages.error(request, _("Someone else saved this petition after you opened the form. Nothing was overwritten."))
    return render(request, "petitions/stale.html", {"petition": petition, "changes": error.changes}, status=409)


def _form_errors(form, error: ValidationError) -> None:
    if hasattr(error, "error_dict"):
        for field, errors in error.error_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, error)


# --- lists --------------------------------------------------------------------------------------------


@policy.rule_required("view_petitions")
def petition_list(request):
    """Branch leaders: their subtree's petitions; staff: all; filters, search, overdue flags."""
    user = request.user
    today = timezone.localdate()
    queryset = selectors.petitions_for_list(user=user, today=today)
    petition_filter = PetitionFilter(request.GET or None, queryset=queryset, user=user)
    # Newest first, served by the (created_at, id) index, or by (status, created_at) for one status; overdue rows
    # are flagged, and the overdue filter lists them alone. Counting stops at a cap so page 1 stays cheap at any size.
    filtered = petition_filter.qs  # validates the form: cleaned_data is set from here on
    status = getattr(petition_filter.form, "cleaned_data", {}).get("status") or ""
    ordered = selectors.newest_first(filtered, status=status)
    page = CappedCountPaginator(ordered, PAGE_SIZE, cache_stamp=stats_version()).get_page(request.GET.get("page"))
    if petition_filter.is_bound and petition_filter.errors:
        messages.warning(request, _("Some filters were not valid and were ignored."))
    rows = [
        (p, selectors.days_waiting(p, today), policy.may_see_petitioner(user, p))
        for p in selectors.list_page_petitions(page)
    ]
    query = request.GET.copy()
    query.pop("page", None)
    # A branch's own list goes offline with its queue; the province-wide list is never kept on a device.
    offline = policy.may_submit(user) and not policy.scope_of(user).everything
    response = render(
        request,
        "petitions/list.html",
        {
            "filter": petition_filter,
            "page": page,
            "rows": rows,
            "today": today,
            "query": query.urlencode(),
            "bulk_form": BulkForm(user=user) if policy.may_triage(user) else None,
            "offline_owner": pwa.owner_marker(user) if offline else "",
        },
    )
    return pwa.offline_page(response) if offline else response


@policy.rule_required("triage")
def triage(request):
    """Staff's queue: submitted and received petitions, oldest first."""
    today = timezone.localdate()
    page = Paginator(selectors.triage_queue(user=request.user), PAGE_SIZE).get_page(request.GET.get("page"))
    rows = [(p, selectors.days_waiting(p, today), True) for p in selectors.list_page_petitions(page)]
    return render(
        request,
        "petitions/triage.html",
        {"page": page, "rows": rows, "today": today, "bulk_form": BulkForm(user=request.user)},
    )


@policy.rule_required("triage")
@require_POST
def bulk(request):
    form = BulkForm(request.POST, user=request.user)
    next_url = request.POST.get("next", "")
    back = next_url if next_url.startswith("/petitions/") and "//" not in next_url else "petitions:list"
    if not form.is_valid():
        messages.error(request, " ".join(e for errors in form.errors.values() for e in errors))
        return redirect(back)
    petitions, action = form.cleaned_data["petitions"], form.cleaned_data["action"]
    try:
        if action == BulkForm.ARCHIVE:
            for petition in petitions:
                services.archive_petition(petition=petition, actor=request.user)
            count = len(petitions)
        else:
            target = PetitionStatus.RECEIVED if action == BulkForm.RECEIVE else PetitionStatus.CLOSED
            count = services.bulk_transition(petitions=petitions, to_status=target, actor=request.user)
    except (ValidationError, PermissionDenied) as error:
        messages.error(request, _error_text(error))
    else:
        messages.success(request, _("%(count)s petitions updated.") % {"count": count})
    return redirect(back)


# --- one petition ---------------------------------------------------------------------------------------


@login_required
def detail(request, pk):
    kept = pagebody.key(request, "petition", pk)  # before the reads (see pagebody.key)
    petition = selectors.petition_for_page(user=request.user, pk=pk)  # the access check, on every request
    content = pagebody.body(request, kept, lambda csrf: _detail_body(request, petition, csrf))
    return render(request, "petitions/detail.html", {"petition": petition, "content": content})


def _detail_body(request, petition, csrf_token: str) -> str:
    """The page's content for ``request.user``, its forms carrying ``csrf_token``."""
    user = request.user
    parts = selectors.petition_parts(petition)
    assignments = parts["assignments"]
    context = {
        "petition": petition,
        "topics": parts["topics"],
        "timeline": selectors.timeline_entries(parts["steps"]),
        "show_petitioner": policy.may_see_petitioner(user, petition),
        "days_waiting": selectors.days_waiting(petition),
        "today": timezone.localdate(),
        "transition_form": None,
        "can_edit": workflow.may_edit(user, petition),
        "answerable": {a.pk for a in assignments if policy.may_answer(user, a)},
        "csrf_token": csrf_token,
    }
    if policy.may("merge", user) and petition.status not in workflow.FINAL and not petition.is_archived:
        context["similar"] = selectors.similar_to_petition(user=user, petition=petition)
        context["similar_html"] = similar_html(
            context["similar"], merge_url=reverse("petitions:merge", args=[petition.pk]), csrf_token=csrf_token
        )
    form = TransitionForm(petition=petition, user=user)
    if form.fields["to_status"].choices:
        context["transition_form"] = form
    # Written out in Python (petitions/rows.py): as template loops they cost the page a few milliseconds.
    context["assignments_html"] = assignments_html(
        assignments, petition=petition, today=context["today"], answerable=context["answerable"]
    )
    context["files_html"] = files_html(parts["attachments"])
    context["timeline_html"] = timeline_html(context["timeline"])
    return render_to_string("petitions/detail_body.html", context, request)


def _error_list(form) -> str:
    """A refused form in one line, "Label: message", for the phone's queue to show."""
    labels = {name: field.label for name, field in form.fields.items()}
    return " ".join(
        f"{labels[name]}: {' '.join(errors)}" if labels.get(name) else " ".join(errors)
        for name, errors in form.errors.items()
    )


def _submitted(request, petition, *, queued: bool):
    """After a submit: the phone's queue gets JSON; a person gets the petition's page."""
    replayed = getattr(petition, "replayed", False)
    if queued:
        data = {"code": petition.code, "url": petition.get_absolute_url(), "replayed": replayed}
        return JsonResponse(data, status=200 if replayed else 201)
    if replayed:
        messages.info(request, _("Petition %(code)s had already been submitted.") % {"code": petition.code})
    else:
        messages.success(
            request, _("Petition %(code)s was submitted.") % {"code": petition.code}, extra_tags="petition-sent"
        )
    return redirect(petition)


@policy.rule_required("submit")
def create(request):
    """The petition form; also the address a phone's offline queue posts to (header X-Petition-Queue: 1)."""
    queued = request.headers.get("X-Petition-Queue") == "1"
    form = PetitionForm(request.POST or None, request.FILES or None, user=request.user)
    if request.method == "POST":
        # A resend (lost answer, double tap, the queue again) gets the petition already made, checked before
        # the form: the session it named may have closed since.
        earlier = selectors.submitted_with_key(user=request.user, key=request.POST.get("client_key"))
        if earlier is not None:
            earlier.replayed = True
            return _submitted(request, earlier, queued=queued)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        data.pop("version", None)
        upload = data.pop("attachment", None)
        try:
            petition = services.submit_petition(actor=request.user, attachments=[upload] if upload else [], **data)
        except (ValidationError, PermissionDenied) as error:
            _form_errors(form, error if isinstance(error, ValidationError) else ValidationError(str(error)))
        else:
            return _submitted(request, petition, queued=queued)
    if queued and request.method == "POST":
        return JsonResponse({"message": _error_list(form)}, status=400)
    context = {
        "form": form,
        "title": _("Submit a petition"),
        "offline": True,
        "similar_url": reverse("petitions:similar"),
    }
    context["offline_owner"] = pwa.owner_marker(request.user)
    return pwa.offline_page(render(request, "petitions/form.html", context))


@login_required
def edit(request, pk):
    petition = selectors.petition_detail(user=request.user, pk=pk)
    policy.require("submit", request.user)
    if not workflow.may_edit(request.user, petition):
        messages.error(request, _("This petition can no longer be edited."))
        return redirect(petition)
    initial = {name: getattr(petition, name) for name in services.EDITABLE_FIELDS}
    initial.update(topics=list(petition.topics.all()), version=petition.version)
    form = PetitionForm(request.POST or None, user=request.user, editing=petition, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = {name: form.cleaned_data[name] for name in services.EDITABLE_FIELDS}
        try:
            services.update_petition(
                petition=petition,
                actor=request.user,
                expected_version=form.cleaned_data["version"] or 0,
                topics=form.cleaned_data["topics"],
                **data,
            )
        except services.StaleEdit as error:
            return _stale(request, petition, error)
        except PermissionDenied as error:
            messages.error(request, _error_text(error))
            return redirect(petition)
        except ValidationError as error:
            _form_errors(form, error)
        else:
            messages.success(request, _("Petition %(code)s was saved.") % {"code": petition.code})
            return redirect(petition)
    return render(request, "petitions/form.html", {"form": form, "petition": petition, "title": _("Edit petition")})


@login_required
@require_POST
def change_status(request, pk):
    petition = selectors.petition_detail(user=request.user, pk=pk)
    form = TransitionForm(request.POST, petition=petition, user=request.user)
    if not form.is_valid():
        messages.error(request, " ".join(e for errors in form.errors.values() for e in errors))
        return redirect(petition)
    try:
        services.transition(
            petition=petition,
            to_status=form.cleaned_data["to_status"],
            actor=request.user,
            note=form.cleaned_data["note"],
            forwarded_authority=form.cleaned_data["forwarded_authority"],
            expected_version=form.cleaned_data["version"],
        )
    except services.StaleEdit as error:
        return _stale(request, petition, error)
    except (ValidationError, PermissionDenied) as error:
        messages.error(request, _error_text(error))
    else:
        messages.success(request, _("The status was changed."))
    return redirect(petition)


@login_required
def assign(request, pk):
    petition = selectors.petition_detail(user=request.user, pk=pk)
    policy.require("route", request.user)
    form = AssignForm(request.POST or None, petition=petition)
    if request.method == "POST" and form.is_valid():
        try:
            services.assign_petition(
                petition=petition,
                actor=request.user,
                routes=form.cleaned_data["routes"],
                note=form.cleaned_data["note"],
                expected_version=form.cleaned_data["version"],
            )
        except services.StaleEdit as error:
            return _stale(request, petition, error)
        except (ValidationError, PermissionDenied) as error:
            form.add_error(None, _error_text(error))
        else:
            messages.success(request, _("Petition %(code)s was sent to the departments.") % {"code": petition.code})
            return redirect(petition)
    return render(request, "petitions/assign.html", {"form": form, "petition": petition})


@login_required
def answer(request, pk, assignment_pk):
    """Staff record an answer given at a dialogue; a department may answer its own assignment here too."""
    petition = selectors.petition_detail(user=request.user, pk=pk)
    visible = Assignment.objects.visible_to(request.user).select_related("department")
    assignment = get_object_or_404(visible, pk=assignment_pk, petition=petition)
    policy.require("answer", request.user, assignment)
    existing = getattr(assignment, "answer", None)
    initial = {}
    if existing:
        initial = {
            "text": existing.text,
            "method": existing.method,
            "forwarded_authority": existing.forwarded_authority,
            "resolve_by": existing.resolve_by,
        }
    templates = selectors.answer_templates(topic_ids=[t.pk for t in petition.topics.all()])
    form = AnswerForm(
        request.POST or None, request.FILES or None, templates=templates, initial=initial, assignment=assignment
    )
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data.get("attachment")
        try:
            services.answer_assignment(
                assignment=assignment,
                actor=request.user,
                text=form.cleaned_data["text"],
                method=form.cleaned_data["method"],
                forwarded_authority=form.cleaned_data["forwarded_authority"],
                resolve_by=form.cleaned_data["resolve_by"],
                attachments=[upload] if upload else [],
            )
        except (ValidationError, PermissionDenied) as error:
            _form_errors(form, error if isinstance(error, ValidationError) else ValidationError(str(error)))
        else:
            messages.success(request, _("The answer was saved."))
            return redirect(petition)
    return render(request, "petitions/answer.html", {"form": form, "petition": petition, "assignment": assignment})


@login_required
def link_session(request, pk):
    petition = selectors.petition_detail(user=request.user, pk=pk)
    policy.require("route", request.user)
    form = SessionLinkForm(request.POST or None, petition=petition, user=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            services.link_to_session(
                petition=petition,
                session=form.cleaned_data["session"],
                actor=request.user,
                expected_version=form.cleaned_data["version"],
            )
        except services.StaleEdit as error:
            return _stale(request, petition, error)
        except (ValidationError, PermissionDenied) as error:
            form.add_error(None, _error_text(error))
        else:
            messages.success(request, _("The dialogue session was saved."))
            return redirect(petition)
    return render(
        request, "petitions/form.html", {"form": form, "petition": petition, "title": _("Link to a dialogue session")}
    )


@policy.rule_required("submit")
@require_GET
def similar(request):
    """The petitions most like the text being typed (or like petition ``exclude``), as an HTML fragment."""
    text = request.GET.get("q", "")[:2000]
    petition = None
    exclude = request.GET.get("exclude", "")
    if exclude.isdigit():
        petition = selectors.petition_detail(user=request.user, pk=int(exclude))
        text = text or f"{petition.title} {petition.content}"
    found = selectors.similar_petitions(user=request.user, text=text, exclude_pk=petition.pk if petition else None)
    may_merge = petition is not None and policy.may("merge", request.user)
    merge_url = reverse("petitions:merge", args=[petition.pk]) if may_merge else None
    return HttpResponse(similar_html(found, merge_url=merge_url, csrf_token=get_token(request)))


@login_required
def merge(request, pk):
    petition = selectors.petition_detail(user=request.user, pk=pk)
    policy.require("merge", request.user)
    form = MergeForm(request.POST or None, petition=petition, user=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            keep = services.merge_petitions(
                duplicate=petition, keep=form.keep, actor=request.user, note=form.cleaned_data["note"]
            )
        except (ValidationError, PermissionDenied) as error:
            form.add_error(None, _error_text(error))
        else:
            messages.success(
                request, _("%(dup)s was merged into %(keep)s.") % {"dup": petition.code, "keep": keep.code}
            )
            return redirect(keep)
    return render(request, "petitions/form.html", {"form": form, "petition": petition, "title": _("Merge a duplicate")})


@login_required
@require_POST
def archive(request, pk):
    petition = selectors.petition_detail(user=request.user, pk=pk)
    try:
        services.archive_petition(petition=petition, actor=request.user, archived=not petition.is_archived)
    except PermissionDenied as error:
        messages.error(request, _error_text(error))
    else:
        messages.success(
            request, _("The petition was archived.") if not petition.is_archived else _("The petition was restored.")
        )
    return redirect(petition)


# --- attachments ----------------------------------------------------------------------------------------


@login_required
def attach(request, pk):
    petition = selectors.petition_detail(user=request.user, pk=pk)
    policy.require("submit", request.user)
    form = AttachmentForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.add_attachment(petition=petition, upload=form.cleaned_data["file"], actor=request.user)
        except (ValidationError, PermissionDenied) as error:
            form.add_error("file", _error_text(error))
        else:
            messages.success(request, _("The file was attached."))
            return redirect(petition)
    return render(
        request,
        "petitions/form.html",
        {"form": form, "petition": petition, "title": _("Attach a file"), "multipart": True},
    )


@login_required
def download(request, pk):
    """Serve an attachment only to users who may see its petition."""
    attachment = get_object_or_404(Attachment.objects.visible_to(request.user), pk=pk)
    try:
        handle = attachment.file.open("rb")
    except FileNotFoundError as error:
        raise Http404 from error
    return FileResponse(
        handle, as_attachment=True, filename=attachment.original_name, content_type=attachment.content_type
    )


# --- import ----------------------------------------------------------------------------------------------


@policy.rule_required("import")
def import_template(request):
    response = HttpResponse(
        template_xlsx(), content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    response["Content-Disposition"] = 'attachment; filename="mau-nhap-kien-nghi.xlsx"'
    return response


@policy.rule_required("import")
def import_file(request):
    """Upload → check every row → preview (errors per row, or the rows to import and a confirm button)."""
    form = ImportForm(request.POST or None, request.FILES or None)
    context = {"form": form}
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            results = check_rows(read_rows(upload), user=request.user)
        except ImportRefused as error:
            form.add_error("file", str(error))
        else:
            context["results"] = results
            context["bad"] = [r for r in results if r.errors]
            if not context["bad"]:
                upload.seek(0)
                suffix = "xlsx" if upload.read(2) == b"PK" else "csv"
                upload.seek(0)
                name = default_storage.save(f"imports/{uuid.uuid4().hex}.{suffix}", ContentFile(upload.read()))
                request.session[IMPORT_SESSION_KEY] = name
                context["ready"] = True
    return render(request, "petitions/import.html", context)


@policy.rule_required("import")
@require_POST
def import_confirm(request):
    name = request.session.pop(IMPORT_SESSION_KEY, None)
    if not name or not default_storage.exists(name):
        messages.error(request, _("The checked file has expired; upload it again."))
        return redirect("petitions:import")
    try:
        with default_storage.open(name, "rb") as handle:
            upload = ContentFile(handle.read(), name=name)
        petitions = import_petitions(upload=upload, user=request.user)
    except ImportRefused as error:
        messages.error(request, str(error))
        return redirect("petitions:import")
    except ValidationError as error:
        messages.error(request, _("Nothing was imported: %(errors)s") % {"errors": " ".join(error.messages)})
        return redirect("petitions:import")
    finally:
        default_storage.delete(name)
    messages.success(request, _("%(count)s petitions were imported.") % {"count": len(petitions)})
    return redirect("petitions:list")


# --- publishing on the public outcomes page ---------------------------------------------------------


def _petition_to_publish(request, pk):
    """The petition, 404 outside the user's view, 403 when visible but the user may not publish."""
    petition = get_object_or_404(Petition.objects.visible_to(request.user), pk=pk)
    policy.require("publish", request.user)
    return petition


@login_required
@require_GET
def publish_preview(request, pk):
    """Exactly what the public page will show for the petition (its own partial), with publish or withdraw."""
    petition = _petition_to_publish(request, pk)
    context = {
        "kind": "petition",
        "obj": petition,
        "public_object": selectors.petition_as_public(petition.pk),
        "problem": services.publish_problem(petition),
        "app": "petitions",
        "back_url": petition.get_absolute_url(),
        "back_label": f"{petition.code} {petition.title}",
    }
    return render(request, "public/preview.html", context)


@login_required
@require_POST
def publish(request, pk):
    petition = _petition_to_publish(request, pk)
    try:
        services.publish_answer(request.user, petition)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect("petitions:publish_preview", pk=petition.pk)
    messages.success(request, _("The petition and its answers are published on the public outcomes page."))
    return redirect(petition)


@login_required
@require_POST
def withdraw(request, pk):
    petition = _petition_to_publish(request, pk)
    services.withdraw_answer(request.user, petition)
    messages.success(request, _("The petition was withdrawn from the public outcomes page."))
    return redirect(petition)
