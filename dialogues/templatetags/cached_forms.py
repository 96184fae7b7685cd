"""``{% crispy_cached form %}``: ``{% crispy form %}`` for an unbound form, rendered once and kept in the cache.

crispy renders each field through several templates (a few milliseconds a form). An unbound form's HTML
depends only on its class, its fields (values, choices, labels, help, widgets and their attributes), its
prefix and ids, and the language, which together make the cache key: the collapsed "add" forms a page
shows on every request are rendered once. A bound form (errors to show) is always rendered afresh.
Forms rendered here must hold no CSRF token or other per-request data (form_tag is off: the page's own
<form> carries the token).
"""

import hashlib

from crispy_forms.utils import render_crispy_form
from django import forms, template
from django.core.cache import cache
from django.utils import translation
from django.utils.safestring import mark_safe

register = template.Library()

TIMEOUT = 24 * 60 * 60
# The HTML a key names never changes (the key is its every input), so each process also keeps a few
# hundred in memory and skips the round trip to the cache.
_LOCAL_SIZE = 256
_local: dict[str, str] = {}


def _fingerprint(form) -> str:
    parts = [type(form).__module__, type(form).__qualname__, translation.get_language(), form.prefix, form.auto_id]
    helper = getattr(form, "helper", None)
    if helper is not None:  # its buttons: their labels may differ from form to form
        parts.append([(type(i).__name__, i.name, str(i.value)) for i in helper.inputs])
    for bound_field in form:
        field = bound_field.field
        parts.append(
            (
                bound_field.name,
                repr(bound_field.value()),
                str(field.label),
                str(field.help_text),
                field.required,
                field.disabled,
                type(field.widget).__name__,
                repr(sorted(field.widget.attrs.items())),
            )
        )
        if isinstance(field, forms.ChoiceField):
            # Model choices are read from the database here: one query, far cheaper than the rendering.
            parts.append([(str(value), str(label)) for value, label in field.choices])
    return hashlib.sha256(repr(parts).encode()).hexdigest()


@register.simple_tag(takes_context=True)
def crispy_cached(context, form):
    helper = getattr(form, "helper", None)
    if form.is_bound or (helper is not None and helper.form_tag):  # errors, or a <form> with its CSRF token
        return render_crispy_form(form, context=context.flatten())
    key = f"form-html:{_fingerprint(form)}"
    html = _local.get(key)
    if html is None:
        html = cache.get(key)
        if html is None:
            html = render_crispy_form(form)
            cache.set(key, html, TIMEOUT)
        if len(_local) >= _LOCAL_SIZE:
            _local.clear()  # rare; one call, safe between threads
        _local[key] = html
    return mark_safe(html)  # noqa: S308 — crispy's own output, escaped when it was rendered
