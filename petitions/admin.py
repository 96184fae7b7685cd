"""The admin panel, where department representatives answer what is assigned to them.

Every queryset comes from ``Petition.objects.visible_to``; an object outside it answers 404.
Writes go through the services, never through ``obj.save()``.
"""

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import BooleanField, Exists, ExpressionWrapper, F, OuterRef, Q, Subquery
from django.http import Http404
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.admin import SimpleHistoryAdmin

from dialogue_portal import admin_rows, policy
from dialogue_portal.admin_guard import ScopedAdminMixin
from dialogue_portal.datastamp import stats_version
from dialogue_portal.pagination import CappedCountPaginator

from . import selectors, services
from .models import AnswerMethod, AnswerTemplate, Assignment, AssignmentStatus, Petition

PETITIONER_FIELDS = ["petitioner_name", "petitioner_phone", "petitioner_ethnicity", "petitioner_has_disability"]
SHOWN_FIELDS = [
    "code",
    "status",
    "kind",
    "title",
    "content",
    "topics",
    "unit",
    "supporters_count",
    "is_anonymous",
    *PETITIONER_FIELDS,
    "participant_group",
    "session",
    "submitted_at",
    "status_reason",
    "forwarded_authority",
    "merged_into",
    "is_archived",
]


class AssignmentAnswerForm(forms.ModelForm):
    """One department's answer, written inline on the petition page and saved by answer_assignment."""

    answer_template = forms.ChoiceField(label=_("Start from a template"), required=False)
    answer_text = forms.CharField(
        label=_("Answer"), required=False, max_length=services.MAX_ANSWER, widget=forms.Textarea(attrs={"rows": 5})
    )
    answer_method = forms.ChoiceField(label=_("How it was answered"), choices=AnswerMethod.choices, required=False)
    forwarded_authority = forms.CharField(
        label=_("Competent authority (when forwarded)"), required=False, max_length=300
    )
    resolve_by = forms.DateField(label=_("To be resolved by"), required=False, widget=admin.widgets.AdminDateWidget)

    class Meta:
        model = Assignment
        fields = []

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        from .forms import template_picker

        answer = getattr(self.instance, "answer", None) if self.instance.pk else None
        if self.instance.pk:
            # The same picker as the portal's answer page, its blanks filled for this assignment.
            topics = [t.pk for t in self.instance.petition.topics.all()]
            template_picker(
                self.fields["answer_template"],
                templates=selectors.answer_templates(topic_ids=topics),
                assignment=self.instance,
                target=f"id_{self.add_prefix('answer_text')}",
            )
        if answer:
            self.initial.update(
                answer_text=answer.text,
                answer_method=answer.method,
                forwarded_authority=answer.forwarded_authority,
                resolve_by=answer.resolve_by,
            )

    def has_changed(self):
        # Picking a template alone changes nothing; the text it copied does.
        return any(name != "answer_template" for name in self.changed_data)

    def clean(self):
        cleaned = super().clean()
        if not self.has_changed():
            return cleaned
        if not (cleaned.get("answer_text") or "").strip():
            self.add_error("answer_text", _("Write the answer."))
        else:
            try:
                services.check_answer_blanks(cleaned["answer_text"])
            except ValidationError as error:
                self.add_error("answer_text", error.message_dict["text"])
        if not cleaned.get("answer_method"):
            self.add_error("answer_method", _("Choose how it was answered."))
        if cleaned.get("answer_method") == AnswerMethod.FORWARDED and not cleaned.get("forwarded_authority"):
            self.add_error("forwarded_authority", _("Name the competent authority."))
        if cleaned.get("answer_method") == AnswerMethod.WILL_RESOLVE and not cleaned.get("resolve_by"):
            self.add_error("resolve_by", _("Give the date by which it will be resolved."))
        return cleaned


class AssignmentInline(admin.StackedInline):
    model = Assignment
    form = AssignmentAnswerForm
    extra = 0
    can_delete = False
    fields = [
        "department",
        "due_date",
        "status",
        "answer_template",
        "answer_text",
        "answer_method",
        "forwarded_authority",
        "resolve_by",
    ]
    readonly_fields = ["department", "due_date", "status"]

    class Media:
        js = ["js/petitions.js"]

    verbose_name = _("answer of a department")
    verbose_name_plural = _("answers of the departments")

    def get_queryset(self, request):
        return Assignment.objects.visible_to(request.user).select_related("department", "answer")

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return policy.may_use_admin(request.user)


class AnswerTogetherForm(forms.Form):
    """One answer for several petitions on the same matter (the admin action "Trả lời chung")."""

    department = forms.ModelChoiceField(label=_("Answer for"), queryset=None, required=False)
    text = forms.CharField(label=_("Answer"), max_length=services.MAX_ANSWER, widget=forms.Textarea(attrs={"rows": 8}))
    method = forms.ChoiceField(label=_("How it was answered"), choices=AnswerMethod.choices)
    forwarded_authority = forms.CharField(
        label=_("Competent authority (when forwarded)"), required=False, max_length=300
    )
    resolve_by = forms.DateField(label=_("To be resolved by"), required=False, widget=admin.widgets.AdminDateWidget)

    def __init__(self, *args, departments, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["department"].queryset = departments
        if departments.count() <= 1:
            del self.fields["department"]
        else:
            self.fields["department"].required = True

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("method") == AnswerMethod.FORWARDED and not cleaned.get("forwarded_authority"):
            self.add_error("forwarded_authority", _("Name the competent authority."))
        if cleaned.get("method") == AnswerMethod.WILL_RESOLVE and not cleaned.get("resolve_by"):
            self.add_error("resolve_by", _("Give the date by which it will be resolved."))
        if cleaned.get("text"):
            try:
                services.check_answer_blanks(cleaned["text"])
            except ValidationError as error:
                self.add_error("text", error.message_dict["text"])
        return cleaned


class OverdueFilter(admin.SimpleListFilter):
    title = _("overdue")
    parameter_name = "overdue"

    def lookups(self, request, model_admin):
        return [("yes", _("Overdue only"))]

    def queryset(self, request, queryset):
        if self.value() != "yes":
            return queryset
        late = _pending_of(request).filter(due_date__lt=timezone.localdate())
        return queryset.filter(Exists(late))


def _pending_of(request):
    """The user's own pending assignments of the outer petition."""
    return Assignment.objects.visible_to(request.user).filter(petition=OuterRef("pk"), status=AssignmentStatus.PENDING)


@admin.register(Petition)
class PetitionAdmin(ScopedAdminMixin, SimpleHistoryAdmin):
    list_display = ["code", "title", "unit", "status_label", "overdue_flag", "next_due_date"]
    list_display_links = ["code", "title"]
    list_filter = [OverdueFilter, "status", "kind", "topics"]
    list_per_page = 50
    # Earliest pending due date first (overdue on top), read in order from the petition_next_due index.
    ordering = [F("next_due").asc(nulls_last=True), "-created_at", "-id"]
    show_full_result_count = False  # a filtered list would count the whole list again on every view
    inlines = [AssignmentInline]
    actions = ["answer_together", "mark_forwarded", "mark_resolved"]
    action_form = admin_rows.ActionForm
    search_help_text = _("Code, title, content; accents and case do not matter.")
    search_fields = ["search_text"]  # searched through selectors.search, see get_search_results

    # --- scope ------------------------------------------------------------------------------------

    def get_queryset(self, request):
        today = timezone.localdate()
        pending = _pending_of(request)
        # Sorted by the petition's earliest pending due date (a column with its own index, so the page is read
        # in order), overdue ones first. The flag and the date shown are the user's own assignments', computed
        # for the rows of the page only: overdue is "my earliest pending date is past", one lookup per row
        # (an EXISTS here was planned as a scan of every overdue assignment of the department).
        return (
            Petition.objects.visible_to(request.user)
            .select_related("unit")
            .annotate(my_next_due=Subquery(pending.order_by("due_date").values("due_date")[:1]))
            .annotate(is_overdue=ExpressionWrapper(Q(my_next_due__lt=today), output_field=BooleanField()))
        )

    def get_paginator(self, request, queryset, per_page, orphans=0, allow_empty_first_page=True):
        # Counted once per version of the data, not on every page view.
        return CappedCountPaginator(
            queryset, per_page, orphans, allow_empty_first_page, count_cap=1_000_000, cache_stamp=stats_version()
        )

    def _visible_or_404(self, request, object_id):
        if not str(object_id).isdigit() or not Petition.objects.visible_to(request.user).filter(pk=object_id).exists():
            raise Http404

    def change_view(self, request, object_id, form_url="", extra_context=None):
        self._visible_or_404(request, object_id)
        return super().change_view(request, object_id, form_url, extra_context)

    def history_view(self, request, object_id, extra_context=None):
        self._visible_or_404(request, object_id)
        return super().history_view(request, object_id, extra_context)

    def history_form_view(self, request, object_id, version_id, extra_context=None):
        # A past version shows every field; only those who see the petitioner may open it.
        self._visible_or_404(request, object_id)
        policy.require("see_petitioner", request.user, Petition.objects.get(pk=object_id))
        return super().history_form_view(request, object_id, version_id, extra_context)

    def delete_view(self, request, object_id, extra_context=None):
        self._visible_or_404(request, object_id)
        return super().delete_view(request, object_id, extra_context)

    def set_history_delta_changes(self, request, historical_records, foreign_keys_are_objs=True):
        """As simple-history does, but the petitioner's details never show to a department."""
        hidden = [] if policy.scope_of(request.user).everything else [*PETITIONER_FIELDS, "participant_group"]
        previous = None
        for current in historical_records:
            if previous is not None:
                delta = previous.diff_against(
                    current, excluded_fields=hidden, foreign_keys_are_objs=foreign_keys_are_objs
                )
                helper = self.get_historical_record_context_helper(request, previous)
                previous.history_delta_changes = helper.context_for_delta_changes(delta)
            previous = current

    def hidden_fields(self, request):
        # The petitioner's details: shown to staff only (a department sees them on no petition's list).
        return set() if policy.scope_of(request.user).everything else {*PETITIONER_FIELDS, "participant_group"}

    def get_search_results(self, request, queryset, search_term):
        return selectors.search(queryset, search_term), False

    # --- what shows ---------------------------------------------------------------------------------

    def get_fields(self, request, obj=None):
        if obj is not None and not policy.may_see_petitioner(request.user, obj):
            return [name for name in SHOWN_FIELDS if name not in PETITIONER_FIELDS and name != "participant_group"]
        return SHOWN_FIELDS

    def get_readonly_fields(self, request, obj=None):
        # Petitions are edited in the portal (services keep version, search and the log); here they are read.
        return self.get_fields(request, obj)

    @admin.display(description=_("status"), ordering="status")
    def status_label(self, obj):
        return obj.get_status_display()  # translated once per language (Django's column re-reads every choice)

    @admin.display(boolean=True, description=_("overdue"), ordering="-is_overdue")
    def overdue_flag(self, obj):
        return obj.is_overdue

    @admin.display(description=_("next due date"), ordering="next_due")
    def next_due_date(self, obj):
        return obj.my_next_due

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return policy.may("delete", request.user)

    # --- writes through the services ------------------------------------------------------------------

    def save_model(self, request, obj, form, change):
        """Nothing on the petition itself is edited here."""

    def save_related(self, request, form, formsets, change):
        for formset in formsets:
            self.save_formset(request, form, formset, change)

    def save_formset(self, request, form, formset, change):
        # The admin's change message reads these; the answers are logged by the services instead.
        formset.new_objects, formset.changed_objects, formset.deleted_objects = [], [], []
        for inline_form in formset.forms:
            if not inline_form.has_changed():
                continue
            data = inline_form.cleaned_data
            try:
                services.answer_assignment(
                    assignment=inline_form.instance,
                    actor=request.user,
                    text=data["answer_text"],
                    method=data["answer_method"],
                    forwarded_authority=data.get("forwarded_authority") or "",
                    resolve_by=data.get("resolve_by"),
                )
            except (ValidationError, PermissionDenied) as error:
                text = " ".join(error.messages) if isinstance(error, ValidationError) else str(error)
                self.message_user(request, text, messages.ERROR)
            else:
                self.message_user(request, _("The answer was saved."), messages.SUCCESS)

    def _mark(self, request, queryset, status):
        done = 0
        for petition in queryset:
            assignments = Assignment.objects.visible_to(request.user).filter(petition=petition).exclude(status=status)
            for assignment in assignments:
                try:
                    services.mark_assignment(assignment=assignment, actor=request.user, status=status)
                except (ValidationError, PermissionDenied) as error:
                    text = " ".join(error.messages) if isinstance(error, ValidationError) else str(error)
                    self.message_user(request, f"{petition.code}: {text}", messages.ERROR)
                else:
                    done += 1
        if done:
            self.message_user(request, _("%(count)s assignments updated.") % {"count": done}, messages.SUCCESS)

    @admin.action(description=_("Answer together"), permissions=["change"])
    def answer_together(self, request, queryset):
        """One answer to the selected petitions on one matter: an intermediate page, then every answer at once."""
        waiting = (
            Assignment.objects.visible_to(request.user)
            .filter(petition__in=queryset.values("pk"), status=AssignmentStatus.PENDING)
            .select_related("petition", "department")
            .order_by("petition__code", "department__sort_order")
        )
        waiting = [a for a in waiting if policy.may_answer(request.user, a)]
        if not waiting:
            self.message_user(request, _("None of the selected petitions waits for your answer."), messages.WARNING)
            return None
        from dialogue_portal.directory.models import Department

        departments = Department.objects.filter(pk__in={a.department_id for a in waiting}).order_by("sort_order")
        form = AnswerTogetherForm(request.POST if "apply" in request.POST else None, departments=departments)
        if form.is_bound and form.is_valid():
            data = form.cleaned_data
            if data.get("department"):
                waiting = [a for a in waiting if a.department_id == data["department"].pk]
            try:
                answers = services.answer_assignments(
                    assignments=waiting,
                    actor=request.user,
                    text=data["text"],
                    method=data["method"],
                    forwarded_authority=data.get("forwarded_authority") or "",
                    resolve_by=data.get("resolve_by"),
                )
            except (ValidationError, PermissionDenied) as error:
                text = " ".join(error.messages) if isinstance(error, ValidationError) else str(error)
                form.add_error(None, text)
            else:
                self.message_user(
                    request, _("%(count)s petitions answered.") % {"count": len(answers)}, messages.SUCCESS
                )
                return None
        context = {
            **self.admin_site.each_context(request),
            "title": _("Answer together"),
            "opts": self.model._meta,
            "form": form,
            "waiting": waiting,
            "selected": request.POST.getlist(admin.helpers.ACTION_CHECKBOX_NAME),
            "action_checkbox_name": admin.helpers.ACTION_CHECKBOX_NAME,
            "media": self.media + form.media,
        }
        return TemplateResponse(request, "admin/petitions/petition/answer_together.html", context)

    @admin.action(description=_("Mark forwarded to the competent authority"), permissions=["change"])
    def mark_forwarded(self, request, queryset):
        self._mark(request, queryset, AssignmentStatus.FORWARDED)

    @admin.action(description=_("Mark resolved"), permissions=["change"])
    def mark_resolved(self, request, queryset):
        self._mark(request, queryset, AssignmentStatus.RESOLVED)


@admin.register(AnswerTemplate)
class AnswerTemplateAdmin(ScopedAdminMixin, admin.ModelAdmin):
    list_display = ["title", "topic", "is_active"]
    list_filter = ["is_active", "topic"]
    search_fields = ["title", "text"]

    def has_delete_permission(self, request, obj=None):
        return policy.may("delete", request.user)
