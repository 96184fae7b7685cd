def home_cards(user) -> list[dict]:
    """What this app asks of ``user`` next, as home-page cards."""
    return []


def petitions_for_session(*, session, user):
    """Petitions raised or answered at ``session`` that ``user`` may see, ready for display."""
    from .models import Petition

    return Petition.objects.visible_to(user).filter(session=session).select_related("unit").order_by("code")
