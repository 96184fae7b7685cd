"""The petition page's body is kept per user until the portal's data changes (dialogue_portal/pagebody.py): a
repeat view costs the access check and the layout, every change shows at once, and what one viewer may see
never reaches another."""

import pytest
from django.conf import settings
from django.urls import reverse

from petitions import services
from petitions.models import AnswerMethod, Petition

from .conftest import PHONE

# Real commits: what a transaction that wrote renders is never kept, and a test's own transaction has written.
pytestmark = pytest.mark.django_db(transaction=True)

# Without Redis (a local run) the session is read from the database on every request.
SESSION_READ = 0 if settings.USER_CACHE else 1


def page(client, petition):
    return client.get(reverse("petitions:detail", args=[petition.pk]))


def test_a_repeat_view_is_served_from_the_kept_body(sent, client_for, django_assert_max_num_queries):
    staff = client_for("staff")
    first = page(staff, sent).content.decode()
    # the petition through the viewer's scope, and the user and roles (their login's tombstone is still fresh)
    with django_assert_max_num_queries(3 + SESSION_READ):
        second = page(staff, sent).content.decode()
    assert PHONE in first and PHONE in second
    assert second.count('name="csrfmiddlewaretoken"') == first.count('name="csrfmiddlewaretoken"')


def test_the_phone_staff_saw_never_reaches_the_representative(sent, client_for):
    staff, rep, other = client_for("staff"), client_for("rep_x"), client_for("rep_y")  # (logins are writes)
    assert PHONE in page(staff, sent).content.decode()

    shown = page(rep, sent).content.decode()

    assert PHONE not in shown and "Nguyễn Thị Lan" not in shown
    assert reverse("petitions:assign", args=[sent.pk]) not in shown
    assert page(other, sent).status_code == 404  # the department with no part in it
    assert PHONE in page(staff, sent).content.decode()  # staff's own page, kept, still has it


def test_an_answer_and_a_change_without_signals_show_on_the_next_view(sent, users, client_for):
    staff = client_for("staff")
    page(staff, sent)

    services.answer_assignment(
        assignment=sent.assignments.get(),
        actor=users["rep_x"],
        text="Đã giải quyết xong.",
        method=AnswerMethod.IN_WRITING,
    )
    assert "Đã giải quyết xong." in page(staff, sent).content.decode()

    Petition.objects.filter(pk=sent.pk).update(title="Tiêu đề đã sửa")  # a queryset update: no signal
    assert '<h1 class="h3">Tiêu đề đã sửa</h1>' in page(staff, sent).content.decode()
