"""``{% crispy_cached form %}``: ``{% crispy form %}`` for an unbound form, rendered once and kept in the cache.

crispy renders each field through several templates (a few milliseconds a form). An unbound form's HTML
depends only on its class, its fields' values and choices, its prefix and ids, and the language, which
together make the cache key; so the collapsed "add" forms a page shows on every request are rendered once.
A bound form (errors to show) is always rendered afresh. Forms rendered here must not hold a CSRF token or
other per-request data (form_tag is off: the page's own <form> carries the token).
"""

import hashlib

from crispy_forms.utils import render_crispy_form
from django import forms, template
from django.core.cache import cache
from django.utils import translation
from django.utils.safestring import mark_safe

register = template.Library()

TIMEOUT = 24 * 60 * 60


def _fingerprint(form) -> str:
    parts = [type(form).__module__, type(form).__qualname__, translation.get_language(), form.prefix, form.auto_id]
    for bound_field in form:
        field = bound_field.field
        parts.append((bound_field.name, repr(bound_field.value()), field.required, field.disabled))
        if isinstance(field, forms.ChoiceField):
            # Model choices are read from the database here: one query, far cheaper than the rendering.
            parts.append([(str(value), str(label)) for value, label in field.choices])
    return hashlib.sha256(repr(parts).encode()).hexdigest()


@register.simple_tag(takes_context=True)
def crispy_cached(context, form):
    if form.is_bound:
        return render_crispy_form(form, context=context.flatten())
    key = f"form-html:{_fingerprint(form)}"
    html = cache.get(key)
    if html is None:
        html = render_crispy_form(form)
        cache.set(key, html, TIMEOUT)
    return mark_safe(html)  # noqa: S308 — crispy's own output, escaped when it was rendered
