"""What an admin changelist may be filtered, searched and sorted by.

Django lets any lookup on a model's own fields through the query string (``?petitioner_phone__startswith=09``),
so a department representative could recover an anonymous petitioner's details one character at a time by
watching a row appear or vanish. Here, everyone but administrators filters only by what the admin declares
(``list_filter``, ``date_hierarchy``), searches only ``search_fields`` and sorts only by shown columns; fields an
admin hides from the user (``hidden_fields``) are never filterable, searchable or sortable. Regular-expression
lookups are refused for everyone: a bad pattern is a database error and a good one an oracle.

A refused lookup answers 400 (Django's DisallowedModelAdminLookup), and is audited.
"""

from django.contrib import admin
from django.contrib.admin.exceptions import DisallowedModelAdminLookup
from django.contrib.admin.filters import FieldListFilter, ListFilter
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.contrib.admin.utils import get_fields_from_path
from django.contrib.admin.views.main import ERROR_FLAG, IGNORED_PARAMS, PAGE_VAR, SEARCH_VAR, ChangeList
from django.contrib.admin.widgets import AutocompleteSelect, AutocompleteSelectMultiple
from django.core.exceptions import BadRequest, ValidationError
from django.db import DataError, transaction
from django.db.models.constants import LOOKUP_SEP
from django.utils.html import escape
from django.utils.safestring import mark_safe
from django.utils.translation import gettext

from dialogue_portal import policy
from dialogue_portal.rowurls import row_url

FORBIDDEN_LOOKUPS = frozenset({"regex", "iregex"})
DATE_HIERARCHY_PARTS = ("year", "month", "day")
# Longer search text finds nothing more, and SQLite refuses a LIKE pattern past 50,000 bytes.
MAX_SEARCH_LENGTH = 500


def _top(path: str) -> str:
    return path.lstrip("-").split(LOOKUP_SEP)[0]


class _ValidChoicesOnly:
    """Autocomplete widgets look the posted ids up to redisplay them, and Django does not check them first:
    a posted " " for an integer key was a ValueError (500) instead of the form's "select a valid choice"."""

    def optgroups(self, name, value, attr=None):
        target = self.field.target_field

        def valid(item) -> bool:
            try:
                value = target.to_python(item)
            except (ValidationError, ValueError, TypeError):
                return False
            # A key no database column can hold (SQLite raises OverflowError past 64 bits).
            return not isinstance(value, int) or -(2**63) <= value < 2**63

        return super().optgroups(name, [item for item in value if item in (None, "") or valid(item)], attr)


class SafeAutocompleteSelect(_ValidChoicesOnly, AutocompleteSelect):
    pass


class SafeAutocompleteSelectMultiple(_ValidChoicesOnly, AutocompleteSelectMultiple):
    pass


class _ChangeList(ChangeList):
    def url_for_result(self, result):
        """Each row's link from one reversed URL (integer keys): a list of 50 rows reversed 100 URLs."""
        pk = getattr(result, self.pk_attname)
        if not isinstance(pk, int):
            return super().url_for_result(result)
        if not hasattr(self, "_row_url"):
            name = f"admin:{self.opts.app_label}_{self.opts.model_name}_change"
            self._row_url = row_url(name, current_app=self.model_admin.admin_site.name)
        return self._row_url(pk)


class ScopedAdminMixin:
    """Mixed into every ModelAdmin of the site (see ``guard_site``)."""

    def get_changelist(self, request, **kwargs):
        changelist = super().get_changelist(request, **kwargs)
        return changelist if changelist is not ChangeList else _ChangeList

    def action_checkbox(self, obj):
        """Django's row checkbox, written out directly: rendering a form widget through the template engine
        for each row cost a fifth of a list page."""
        return self.action_checkbox_writer()(obj)

    def action_checkbox_writer(self):
        """``action_checkbox`` for the rows of one page, the label translated once."""
        label = gettext("Select this object for an action - {}")
        head = f'<input type="checkbox" name="{escape(ACTION_CHECKBOX_NAME)}" value="'

        def write(obj):
            # As format_html: the row's text and key escaped, the translated label not.
            named = label.format(escape(str(obj)))
            return mark_safe(f'{head}{escape(str(obj.pk))}" class="action-select" aria-label="{named}">')  # noqa: S308

        return write

    def hidden_fields(self, request) -> set[str]:
        """Names of the model's fields this user must not see, hence not filter, search or sort by."""
        return set()

    def _visible(self, request, names):
        hidden = self.hidden_fields(request)
        return [name for name in names if not (isinstance(name, str) and _top(name) in hidden)]

    def get_list_display(self, request):
        return self._visible(request, super().get_list_display(request))

    def get_list_filter(self, request):
        hidden = self.hidden_fields(request)
        kept = []
        for item in super().get_list_filter(request):
            path = item[0] if isinstance(item, (list, tuple)) else item
            if isinstance(path, str) and _top(path) in hidden:
                continue
            kept.append(item)
        return kept

    def get_search_fields(self, request):
        return self._visible(request, super().get_search_fields(request))

    def get_sortable_by(self, request):
        return self._visible(request, super().get_sortable_by(request))

    def get_object(self, request, object_id, from_field=None):
        # "?_to_field=" (empty) passes the admin's own check and then names no field: a 500, not a lookup.
        return super().get_object(request, object_id, from_field or None)

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if "widget" not in kwargs and db_field.name in self.get_autocomplete_fields(request):
            kwargs["widget"] = SafeAutocompleteSelect(db_field, self.admin_site, using=kwargs.get("using"))
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        if "widget" not in kwargs and db_field.name in self.get_autocomplete_fields(request):
            kwargs["widget"] = SafeAutocompleteSelectMultiple(db_field, self.admin_site, using=kwargs.get("using"))
        return super().formfield_for_manytomany(db_field, request, **kwargs)

    def declared_parameters(self, request) -> set[str]:
        """The query-string names the declared filters and date hierarchy read."""
        names = set()
        for item in self.get_list_filter(request):
            if isinstance(item, type) and issubclass(item, ListFilter):
                spec = item(request, {}, self.model, self)
            else:
                path, make = item if isinstance(item, (list, tuple)) else (item, FieldListFilter.create)
                field = get_fields_from_path(self.model, path)[-1]
                spec = make(field, request, {}, self.model, self, field_path=path)
            names.update(spec.expected_parameters())
        if self.date_hierarchy:
            names.update(f"{self.date_hierarchy}{LOOKUP_SEP}{part}" for part in DATE_HIERARCHY_PARTS)
        return names

    def lookup_allowed(self, lookup, value, request=None):
        if FORBIDDEN_LOOKUPS.intersection(lookup.split(LOOKUP_SEP)):
            return False
        if request is not None and policy.may("filter_any_field", request.user):
            return super().lookup_allowed(lookup, value, request)
        return request is not None and lookup in self._declared(request)

    def _declared(self, request) -> set[str]:
        """``declared_parameters``, worked out once per request."""
        cache = request.__dict__.setdefault("_admin_guard_parameters", {})
        if id(self) not in cache:
            cache[id(self)] = self.declared_parameters(request)
        return cache[id(self)]

    def changelist_view(self, request, extra_context=None):
        from dialogue_portal.audit.models import AuditAction
        from dialogue_portal.audit.services import record_event

        if len(request.GET.get(SEARCH_VAR, "")) > MAX_SEARCH_LENGTH:
            raise BadRequest("The search text is too long.")
        try:
            if not self._free_lookups(request):
                return super().changelist_view(request, extra_context)
            # An administrator's own lookup may carry a value the field or the database refuses (a mistyped
            # address, a number out of range): the visitor's mistake, a 400, rolled back to this point.
            try:
                with transaction.atomic():
                    response = super().changelist_view(request, extra_context)
                    if hasattr(response, "render"):
                        response.render()
                    return response
            except (DataError, ValueError, TypeError, ValidationError) as error:
                raise BadRequest("A filter value was refused.") from error
        except DisallowedModelAdminLookup:
            record_event(
                action=AuditAction.BAD_REQUEST,
                request=request,
                details={"path": request.path[:500], "reason": "admin lookup", "query": sorted(request.GET)[:20]},
            )
            raise

    def _free_lookups(self, request) -> bool:
        """Whether the query string holds lookups other than the declared filters' (administrators only)."""
        asked = set(request.GET) - {*IGNORED_PARAMS, PAGE_VAR, ERROR_FLAG}
        return bool(asked) and not asked <= self._declared(request)


def guard_site(site: admin.AdminSite) -> None:
    """Give every registered admin the guard, third-party ones included (celery beat, axes, auth)."""
    for model, model_admin in list(site._registry.items()):
        if isinstance(model_admin, ScopedAdminMixin):
            continue
        guarded = type(f"Guarded{type(model_admin).__name__}", (ScopedAdminMixin, type(model_admin)), {})
        site._registry[model] = guarded(model, site)
