def home_cards(user) -> list[dict]:
    """What this app asks of ``user`` next, as home-page cards."""
    return []
