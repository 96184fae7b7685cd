"""The home page's petition cards cost the same few queries at any size, and their cached counts belong to
one scope: a branch leader never sees another district's figure, and a new petition shows at once."""

import pytest
from django.urls import reverse


def _card(response, title):
    return next(card for card in response.context["cards"] if str(card["title"]) == title)


@pytest.mark.django_db
@pytest.mark.parametrize("rows", [1, 10])
def test_the_home_page_has_a_constant_query_count(make_petition, client_for, django_assert_max_num_queries, rows):
    for n in range(rows):
        make_petition(title=f"Kiến nghị số {n}")
    client = client_for("staff")
    client.get(reverse("home"))
    # the dialogues app's two session cards and what the layout reads (the petition counts are kept)
    with django_assert_max_num_queries(4):
        response = client.get(reverse("home"))
    assert _card(response, "Kiến nghị cần phân loại")["value"] == rows


@pytest.mark.django_db
def test_cached_counts_stay_within_each_scope_and_follow_new_petitions(make_petition, units, client_for):
    make_petition(unit=units["a1"], by="leader_a")
    make_petition(unit=units["b1"], by="leader_b")
    make_petition(unit=units["b1"], by="leader_b")
    leader_a, leader_b = client_for("leader_a"), client_for("leader_b")
    waiting = "Kiến nghị của đơn vị đang chờ"
    assert _card(leader_a.get(reverse("home")), waiting)["value"] == 1
    assert _card(leader_b.get(reverse("home")), waiting)["value"] == 2
    make_petition(unit=units["a1"], by="leader_a")
    assert _card(leader_a.get(reverse("home")), waiting)["value"] == 2
