def big_count(user):
    return [{"title": "Kiến nghị", "value": 12345, "note": "", "url": "", "link_text": "", "level": ""}]


def test_home_card_count_is_grouped_the_vietnamese_way(client_for, monkeypatch):
    monkeypatch.setattr("dialogue_portal.accounts.views.HOME_CARD_PROVIDERS", [f"{__name__}.big_count"])

    html = client_for("staff").get("/").content.decode()

    assert "12.345" in html


def test_home_card_count_is_grouped_the_english_way(client_for, monkeypatch):
    monkeypatch.setattr("dialogue_portal.accounts.views.HOME_CARD_PROVIDERS", [f"{__name__}.big_count"])
    client = client_for("staff")
    client.cookies["django_language"] = "en"

    html = client.get("/").content.decode()

    assert "12,345" in html
