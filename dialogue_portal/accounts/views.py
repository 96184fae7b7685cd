from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import PasswordChangeView
from django.shortcuts import render
from django.urls import reverse
from django.utils.module_loading import import_string

from .forms import LockingPasswordChangeForm

# Each app says what its users need next; the home page shows it in this order.
HOME_CARD_PROVIDERS = ["dialogues.selectors.home_cards", "petitions.selectors.home_cards"]


@login_required
def home(request):
    cards = []
    for path in HOME_CARD_PROVIDERS:
        cards.extend(import_string(path)(request.user))
    return render(request, "accounts/home.html", {"cards": cards})


class LockingPasswordChangeView(PasswordChangeView):
    """The password change, where a wrong old password counts towards the login lock-out."""

    form_class = LockingPasswordChangeForm

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "request": self.request}


def admin_password_change(request, extra_context=None):
    """The admin's password change (as AdminSite.password_change), with the same lock-out counting."""
    from django.contrib import admin

    request.current_app = admin.site.name
    return LockingPasswordChangeView.as_view(
        success_url=reverse("admin:password_change_done"),
        extra_context={**admin.site.each_context(request), **(extra_context or {})},
    )(request)
