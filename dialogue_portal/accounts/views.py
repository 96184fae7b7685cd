from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.utils.module_loading import import_string

# Each app says what its users need next; the home page shows it in this order.
HOME_CARD_PROVIDERS = ["dialogues.selectors.home_cards", "petitions.selectors.home_cards"]


@login_required
def home(request):
    cards = []
    for path in HOME_CARD_PROVIDERS:
        cards.extend(import_string(path)(request.user))
    return render(request, "accounts/home.html", {"cards": cards})


def floor(request):
    """The lightest page with the site's layout: the benchmark's baseline."""
    return render(request, "accounts/floor.html")
