"""The site header (menu, account links, language switch), rendered once per language, set of rights
and sign-in state in each process.

Its links and labels are fixed while the process runs, so a rendering needs no invalidation; what
changes with each request (the user's name, the CSRF token, the page's own address) goes into
slots filled per request. Rendering it in full cost a dozen ``reverse()`` calls and translations
on every page.
"""

import re
from functools import lru_cache

from django import template
from django.middleware.csrf import get_token
from django.template.loader import render_to_string
from django.urls import get_script_prefix
from django.utils.html import conditional_escape, escape
from django.utils.safestring import mark_safe
from django.utils.translation import get_language

register = template.Library()

SLOTS = ("name", "csrf", "next")
_SLOT = re.compile("\x00(" + "|".join(SLOTS) + ")\x00")


class _Visitor:
    def __init__(self, is_authenticated):
        self.is_authenticated = is_authenticated


@lru_cache(maxsize=512)
def _parts(template_name, language, rights, signed_in, prefix):
    """The rendered template split into text and slot names, alternately."""
    context = {
        "user": _Visitor(signed_in),
        "can": dict.fromkeys(rights, True),
        "slots": {name: f"\x00{name}\x00" for name in SLOTS},
    }
    return tuple(_SLOT.split(render_to_string(template_name, context)))


def _render(context, template_name):
    request = context.get("request")
    user = context.get("user")
    rights = frozenset(name for name, allowed in (context.get("can") or {}).items() if allowed)
    signed_in = bool(user is not None and user.is_authenticated)
    parts = _parts(template_name, get_language(), rights, signed_in, get_script_prefix())
    values = {
        "name": lambda: conditional_escape(user.display_name),
        "csrf": lambda: get_token(request),
        "next": lambda: escape(request.get_full_path()),
    }
    once = {name: values[name]() for name in set(parts[1::2])}  # one CSRF mask serves both forms
    filled = list(parts)
    filled[1::2] = [once[name] for name in parts[1::2]]
    return mark_safe("".join(filled))  # noqa: S308 — our own templates, slots escaped above


@register.simple_tag(takes_context=True)
def site_header(context):
    return _render(context, "partials/site_header.html")
