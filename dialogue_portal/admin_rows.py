"""The rows of an admin changelist, written in Python with what is the same for every row worked out once.

Django's ``items_for_result`` works out, for every cell of every row, what the column is (a field, a method of
the admin, a flag), its empty value, whether it links, and the link's preserved filters, and formats each date
through the locale machinery: on a page of 50 rows that was 60% of the list's CPU. Here each column is worked out
once per page and each cell only formats its value, into the same HTML as Django's. Lists Django writes
differently (editable or popup lists) keep Django's rows.

The actions bar's select is written the same way (``ActionForm``): through the form renderer, its five options
were a fifth of the page; and so are the filters of the sidebar (``list_filter``).
"""

import datetime
import html
import re

from django import forms
from django.contrib.admin import helpers
from django.contrib.admin.templatetags.admin_list import _boolean_icon, _coerce_field_name
from django.contrib.admin.templatetags.admin_urls import add_preserved_filters
from django.contrib.admin.utils import (
    FieldIsAForeignKeyColumnName,
    _get_non_gfk_field,
    display_for_field,
    display_for_value,
    lookup_field,
)
from django.core.exceptions import FieldDoesNotExist, ObjectDoesNotExist
from django.db import models
from django.urls import NoReverseMatch
from django.utils import formats
from django.utils.encoding import iri_to_uri
from django.utils.functional import Promise
from django.utils.safestring import mark_safe
from django.utils.translation import gettext

from dialogue_portal.admin_guard import ScopedAdminMixin

_PLAIN_TEXT_FIELDS = (models.CharField, models.TextField)
_UNSET = object()


def _escape(value) -> str:
    """``conditional_escape``, without its lazy-string wrapper."""
    if isinstance(value, Promise):
        value = str(value)
    if hasattr(value, "__html__"):
        return value.__html__()
    return html.escape(str(value))


class _Page:
    """What the cells of one page share: the empty value, and the dates and flags already formatted."""

    def __init__(self, cl):
        self.empty = cl.model_admin.get_empty_value_display()
        self.dates = {}
        self.flags = {}
        self.date_format = _date_writer(formats.get_format("DATE_FORMAT"))

    def display(self, value, empty, boolean):
        """``display_for_value``, remembering the page's dates and flags (the same few repeat on every page)."""
        if boolean:
            key = (type(value), value)  # 1 and True are one key, but Django writes alt="1" and alt="True"
            try:
                return self.flags[key]
            except KeyError:
                shown = self.flags[key] = _boolean_icon(value)
                return shown
            except TypeError:
                return _boolean_icon(value)
        kind = type(value)
        if kind is str:
            return value if value else empty
        if kind is datetime.date:
            try:
                return self.dates[value]
            except KeyError:
                if self.date_format is None:
                    shown = display_for_value(value, empty)
                else:
                    shown = self.date_format.format(value.day, value.month, value.year, value.year % 100)
                self.dates[value] = shown
                return shown
        return display_for_value(value, empty, boolean)


# Django's date format characters that only number the day, month and year, as str.format fields.
_DATE_PARTS = {"d": "{0:02d}", "j": "{0}", "m": "{1:02d}", "n": "{1}", "Y": "{2:04d}", "y": "{3:02d}"}
_DATE_FORMAT = re.compile(r"[djmnYy/.\- ]+")


def _date_writer(date_format: str) -> str | None:
    """A numeric date format ("d/m/Y") as a str.format pattern; None for the others, left to Django."""
    if not _DATE_FORMAT.fullmatch(date_format):
        return None
    return "".join(_DATE_PARTS.get(char, char) for char in date_format)


class _Column:
    def __init__(self, cl, index, name, link, first):
        self.name = name
        self.link = link
        self.tag = "th" if link and first else "td"
        self.field = None
        self.attr = None
        self.plain_classes = self.classes = f"field-{_coerce_field_name(name, index)}"
        model_admin = cl.model_admin
        try:
            self.field = _get_non_gfk_field(cl.lookup_opts, name)
        except (FieldDoesNotExist, FieldIsAForeignKeyColumnName):
            if callable(name):
                self.attr = name
            elif hasattr(model_admin, name) and name != "__str__":
                self.attr = getattr(model_admin, name)
        self.boolean = getattr(self.attr, "boolean", False)
        self.empty = getattr(self.attr, "empty_value_display", _UNSET)
        if name == "action_checkbox":
            self.classes = "action-checkbox"
        field = self.field
        if field is not None and not field.auto_created:
            if isinstance(field, (models.DateField, models.TimeField, models.ForeignKey)):
                self.classes += " nowrap"
            self.related = isinstance(field.remote_field, models.ManyToOneRel)
            self.plain = type(field) in _PLAIN_TEXT_FIELDS and not field.flatchoices


def rows(cl) -> str | None:
    """The page's ``<tr>`` rows as Django's change_list_results.html writes them; None where Django's own are
    needed (lists with editable columns, popups)."""
    if cl.formset or cl.is_popup:
        return None
    model_admin = cl.model_admin
    page = _Page(cl)
    columns = []
    first = True
    for index, name in enumerate(cl.list_display):
        if cl.list_display_links is None:
            link = False
        else:
            link = (first and not cl.list_display_links) or name in cl.list_display_links
        columns.append(_Column(cl, index, name, link, first))
        if link:
            first = False
    checkbox = None
    if "action_checkbox" in cl.list_display and type(model_admin).action_checkbox is ScopedAdminMixin.action_checkbox:
        checkbox = model_admin.action_checkbox_writer()
    links = _Links(cl)
    out = []
    for result in cl.result_list:
        cells = []
        for column in columns:
            try:
                if checkbox is not None and column.name == "action_checkbox":
                    shown, classes = checkbox(result), column.classes
                else:
                    shown, classes = _cell(column, result, model_admin, page)
            except ObjectDoesNotExist:
                shown, classes = page.empty, column.plain_classes
            text = _escape(shown)
            if column.link:
                url = links(result)
                if url is not None:
                    text = f'<a href="{html.escape(url)}">{text}</a>'
            cells.append(f'<{column.tag} class="{classes}">{text}</{column.tag}>')
        out.append(f"\n\n<tr>{''.join(cells)}</tr>\n")  # the blank lines Django's template leaves
    return mark_safe("".join(out))  # noqa: S308 — every value escaped above


def _cell(column, result, model_admin, page):
    """A cell's value (escaped when written) and its classes, as ``items_for_result`` works them out."""
    empty = page.empty
    classes = column.classes
    field = column.field
    if field is None and column.attr is not None and not callable(column.name):
        value = column.attr(result)
        attr = column.attr
    elif field is None:
        field, attr, value = lookup_field(column.name, result, model_admin)
    else:
        attr = None
        value = getattr(result, column.name)
    if isinstance(value, str) and value.strip() == "":
        value = ""
    if field is None or field.auto_created:
        if attr is column.attr:
            boolean, column_empty = column.boolean, column.empty
        else:
            boolean = getattr(attr, "boolean", False)
            if isinstance(attr, property) and hasattr(attr, "fget"):
                boolean = getattr(attr.fget, "boolean", False)
            column_empty = getattr(attr, "empty_value_display", _UNSET)
        if column_empty is not _UNSET:
            empty = column_empty
        shown = page.display(value, empty, boolean)
        if isinstance(value, (datetime.date, datetime.time)):
            classes += " nowrap"
        return shown, classes
    empty = column.empty if column.empty is not _UNSET else empty
    if column.related:
        shown = getattr(result, field.name)
        return (empty if shown is None else shown), classes
    if column.plain and type(value) is str:
        return (value or empty), classes
    return display_for_field(value, field, empty, avoid_link=column.link), classes


class _Links:
    """Each row's change link with the list's filters kept: reversed and merged for the first row only."""

    def __init__(self, cl):
        self.cl = cl
        self.context = {"preserved_filters": cl.preserved_filters, "opts": cl.opts}
        self.suffix = None
        self.last = (None, None)  # a row's link, for its next linked column

    def __call__(self, result):
        if self.last[0] is not result:
            self.last = (result, self._link(result))
        return self.last[1]

    def _link(self, result):
        try:
            url = self.cl.url_for_result(result)
        except NoReverseMatch:
            return None
        if "?" in url or "#" in url:
            return add_preserved_filters(self.context, url)
        if self.suffix is None:
            full = add_preserved_filters(self.context, url)
            if not full.startswith(url):
                return full
            self.suffix = full[len(url) :]
        return url + self.suffix


def _attributes(attrs) -> str:
    """Django's django/forms/widgets/attrs.html."""
    return "".join(
        f" {_escape(name)}" if value is True else f' {_escape(name)}="{_escape(str(value))}"'
        for name, value in attrs.items()
        if value is not False
    )


class WrittenSelect(forms.Select):
    """Django's select widget, written in Python in the same HTML as its templates (one level of choices)."""

    def render(self, name, value, attrs=None, renderer=None):
        if self.template_name != forms.Select.template_name or self.option_template_name != (
            forms.Select.option_template_name
        ):
            return super().render(name, value, attrs, renderer)
        widget = self.get_context(name, value, attrs)["widget"]
        options = []
        for group_name, group_choices, _index in widget["optgroups"]:
            if group_name:
                return super().render(name, value, attrs, renderer)
            for option in group_choices:
                if not isinstance(option["label"], (str, Promise)):
                    return super().render(name, value, attrs, renderer)
                options.append(
                    f'\n  <option value="{_escape(str(option["value"]))}"{_attributes(option["attrs"])}>'
                    f"{_escape(option['label'])}</option>\n"
                )
        head = f'<select name="{_escape(widget["name"])}"{_attributes(widget["attrs"])}>'
        return mark_safe(f"{head}{''.join(options)}\n</select>")  # noqa: S308 — every value escaped


class WrittenHiddenInput(forms.HiddenInput):
    """Django's hidden input, written in Python in the same HTML as its template."""

    def render(self, name, value, attrs=None, renderer=None):
        if self.template_name != forms.HiddenInput.template_name:
            return super().render(name, value, attrs, renderer)
        widget = self.get_context(name, value, attrs)["widget"]
        shown = "" if widget["value"] is None else f' value="{_escape(str(widget["value"]))}"'
        tag = f'<input type="{_escape(widget["type"])}" name="{_escape(widget["name"])}"{shown}'
        return mark_safe(f"{tag}{_attributes(widget['attrs'])}>")  # noqa: S308 — every value escaped


class ActionForm(helpers.ActionForm):
    """Django's form of the actions bar, its widgets written in Python."""

    action = forms.ChoiceField(label=helpers.ActionForm.base_fields["action"].label, widget=WrittenSelect)
    select_across = forms.BooleanField(
        label="", required=False, initial=0, widget=WrittenHiddenInput({"class": "select-across"})
    )


def list_filter(cl, spec) -> str | None:
    """One filter of the sidebar as Django's admin/filter.html writes it; None for filters with their own template
    or choices that are not text (Django's template would localise them)."""
    if spec.template != "admin/filter.html" or not isinstance(spec.title, (str, Promise)):
        return None
    items = []
    for choice in spec.choices(cl):
        if not isinstance(choice["display"], (str, Promise)):
            return None
        selected = ' class="selected"' if choice["selected"] else ""
        href = _escape(iri_to_uri(choice["query_string"]))
        items.append(f'\n    <li{selected}>\n    <a href="{href}">{_escape(choice["display"])}</a></li>\n  ')
    title = _escape(spec.title)
    summary = gettext(" By %(filter_title)s ") % {"filter_title": title}
    return mark_safe(  # noqa: S308 — every value escaped above
        f'\n<details data-filter-title="{title}" open>\n  <summary>\n    {summary}\n  </summary>\n  <ul>\n  '
        f"{''.join(items)}\n  </ul>\n</details>\n"
    )
