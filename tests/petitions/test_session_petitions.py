from datetime import timedelta

from django.urls import reverse
from django.utils import timezone

from dialogues.models import DialogueSession, SessionStatus


def test_session_page_shows_twenty_petitions_then_links_to_the_full_list(make_petition, units, client_for):
    starts = timezone.now() + timedelta(days=5)
    session = DialogueSession.objects.create(
        title="Đối thoại Gio Linh",
        host_unit=units["a"],
        starts_at=starts,
        ends_at=starts + timedelta(hours=3),
        status=SessionStatus.PLANNED,
    )
    for n in range(21):
        make_petition(title=f"Kiến nghị số {n}", session=session)

    page = client_for("staff").get(reverse("dialogues:detail", args=[session.pk])).content.decode()

    assert page.count("KN-") == 20
    assert f"{reverse('petitions:list')}?session={session.pk}" in page


def test_petition_list_accepts_an_old_session_from_its_page(make_petition, units, client_for):
    starts = timezone.now() - timedelta(days=2000)
    old = DialogueSession.objects.create(
        title="Đối thoại năm xưa",
        host_unit=units["a"],
        starts_at=starts,
        ends_at=starts + timedelta(hours=3),
        status=SessionStatus.HELD,
    )
    make_petition(title="Kiến nghị cũ", session=old)
    make_petition(title="Kiến nghị khác")

    response = client_for("staff").get(reverse("petitions:list"), {"session": old.pk})

    assert [row[0].title for row in response.context["rows"]] == ["Kiến nghị cũ"]


def test_home_overdue_count_follows_an_answer_at_once(assigned, users, departments, client_for):
    from time_machine import travel

    from petitions import services

    def overdue_card(client):
        cards = client.get(reverse("home")).context["cards"]
        return next(card["value"] for card in cards if "overdue" in (card.get("url") or ""))

    with travel(timezone.now() + timedelta(days=30), tick=False):
        staff = client_for("staff")
        assert overdue_card(staff) == 1
        assignment = assigned.assignments.get()
        services.answer_assignment(
            assignment=assignment, actor=users["rep_x"], text="Đã trả lời bằng văn bản.", method="in_writing"
        )
        assert overdue_card(staff) == 0


def test_overdue_count_is_read_from_the_cache_until_data_changes(assigned, django_assert_num_queries):
    from petitions.selectors import overdue_petition_count

    later = timezone.localdate() + timedelta(days=60)
    assert overdue_petition_count(today=later) == 1
    with django_assert_num_queries(0):
        assert overdue_petition_count(today=later) == 1
