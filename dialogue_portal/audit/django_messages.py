"""Django 5.2 messages its own Vietnamese catalogue lacks (the msgid changed in 5.2).

Listed here so `makemessages` keeps them in this app's catalogue, which Django consults before its own.
"""

from django.utils.translation import ngettext_lazy

MISSING_FROM_DJANGO_VI = [
    ngettext_lazy(
        "This password is too short. It must contain at least %d character.",
        "This password is too short. It must contain at least %d characters.",
        8,
    ),
]
