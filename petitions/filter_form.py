"""The list's search-and-filter form as Bootstrap 5 markup, built in Python.

The same markup crispy-forms gives these fields (label, control, errors, help), without a template per field
and per menu option: the menus hold every unit and the latest sessions, and rendering them through templates
cost most of the list page's time. Menus read their choices with one plain query each.
"""

from django import forms
from django.forms.models import ModelChoiceField
from django.utils.html import conditional_escape, escape, format_html, format_html_join
from django.utils.safestring import mark_safe

WIDGET_CLASSES = {
    forms.Select: "select form-select",
    forms.CheckboxInput: "checkboxinput form-check-input",
    forms.DateInput: "dateinput form-control",
    forms.TextInput: "textinput form-control",
}


def _css_class(widget) -> str:
    for kind, css in WIDGET_CLASSES.items():
        if isinstance(widget, kind):
            return css
    return "form-control"


def _choices(field):
    if isinstance(field, ModelChoiceField):
        # A list, not the field's iterator: that one opens a server-side cursor per menu.
        if field.empty_label is not None:
            yield "", field.empty_label
        for obj in list(field.queryset):
            yield obj.pk, field.label_from_instance(obj)
    else:
        yield from field.choices


def _attrs(bound, css: str) -> dict:
    widget = bound.field.widget
    attrs = {**bound.build_widget_attrs(dict(widget.attrs)), "id": bound.auto_id}
    attrs["class"] = f"{css} is-invalid" if bound.errors else css
    return attrs


def _flat(attrs: dict) -> str:
    """Attributes as HTML: ``name="value"``, a bare name for True, nothing for False or None."""
    shown = [(k, v) for k, v in attrs.items() if v not in (None, False)]
    return format_html_join(
        "", "{}", ((format_html(" {}", k) if v is True else format_html(' {}="{}"', k, v),) for k, v in shown)
    )


# Menus' options, without a choice marked, by (menu key, field): a menu's units, departments, topics and sessions
# change only with the data, and the key holds the data's version stamp. Cleared when full.
_MENUS: dict = {}
_MENUS_MAX = 512


def _options(bound, key) -> str:
    """Hundreds of options as plain strings, each value and label escaped (format_html per option cost more
    than the rest of the form); with a menu key, built once per key."""
    memo_key = (key, bound.name) if key is not None else None
    html = _MENUS.get(memo_key) if memo_key else None
    if html is None:
        html = "".join(
            f'<option value="{escape(value)}">{conditional_escape(label)}</option>'
            for value, label in _choices(bound.field)
        )
        if memo_key:
            if len(_MENUS) >= _MENUS_MAX:
                _MENUS.clear()
            _MENUS[memo_key] = html
    return html


def _control(bound):
    widget = bound.field.widget
    attrs = _attrs(bound, _css_class(widget))
    if isinstance(widget, forms.Select):
        value = bound.value()
        chosen = f'<option value="{escape("" if value is None else value)}">'
        options = _options(bound, getattr(bound.form, "menu_key", None))
        options = options.replace(chosen, chosen[:-1] + " selected>", 1)
        return format_html(
            '<select name="{}"{}>{}</select>',
            bound.html_name,
            _flat(attrs),
            mark_safe(options),  # noqa: S308 — built from escaped pieces above
        )
    if isinstance(widget, forms.CheckboxInput):
        checked = mark_safe(" checked") if widget.check_test(bound.value()) else ""
        return format_html('<input type="checkbox" name="{}"{}{}>', bound.html_name, _flat(attrs), checked)
    value = widget.format_value(bound.value())
    shown = format_html(' value="{}"', value) if value not in (None, "") else ""
    return format_html('<input type="{}" name="{}"{}{}>', widget.input_type, bound.html_name, shown, _flat(attrs))


def _after(bound):
    errors = format_html_join(
        "",
        '<p id="error_{}_{}"><strong>{}</strong></p>',
        ((n, bound.auto_id, error) for n, error in enumerate(bound.errors, start=1)),
    )
    html = format_html('<div id="{}_error" class="invalid-feedback">{}</div>', bound.auto_id, errors) if errors else ""
    if bound.help_text:
        html += format_html('<div id="{}_helptext" class="form-text">{}</div>', bound.auto_id, bound.help_text)
    return html


def field_html(bound):
    """One field: its label, control, errors and help, as crispy-forms' Bootstrap 5 pack lays it out."""
    if isinstance(bound.field.widget, forms.CheckboxInput):
        return format_html(
            '<div class="mb-3"><div id="div_{}" class="form-check">{}'
            '<label for="{}" class="form-check-label">{}</label>'
            "{}</div></div>",
            bound.auto_id,
            _control(bound),
            bound.auto_id,
            bound.label,
            _after(bound),
        )
    return format_html(
        '<div id="div_{}" class="mb-3"><label for="{}" class="form-label">{}</label>{}{}</div>',
        bound.auto_id,
        bound.auto_id,
        bound.label,
        _control(bound),
        _after(bound),
    )


def form_html(form, wrapper_class: str):
    """Every field of ``form``, each in a ``<div class="wrapper_class">``."""
    return format_html_join("", '<div class="{}">{}</div>', ((wrapper_class, field_html(bound)) for bound in form))
