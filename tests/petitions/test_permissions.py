"""One matrix: every petitions URL × every role. A URL missing here fails the test."""

from datetime import timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from petitions import services
from petitions.urls import urlpatterns

from .conftest import PDF

ROLES = ["anonymous", "leader_a", "leader_b", "rep_x", "rep_y", "staff"]
# GET status per role, in ROLES order. 302 = to the login page; 405 = POST-only (nothing looked up).
# 404: the object is outside the user's scope; 403: the page or a visible object's action is not theirs.
MATRIX = {
    "list": [302, 200, 200, 200, 200, 200],
    "create": [302, 200, 200, 403, 403, 200],
    "triage": [302, 403, 403, 403, 403, 200],
    "bulk": [302, 403, 403, 403, 403, 405],
    "similar": [302, 200, 200, 403, 403, 200],
    "import": [302, 200, 200, 403, 403, 200],
    "import_template": [302, 200, 200, 403, 403, 200],
    "import_confirm": [302, 405, 405, 403, 403, 405],
    "download": [302, 200, 404, 200, 404, 200],
    "detail": [302, 200, 404, 200, 404, 200],
    # Once assigned, the branch may no longer edit: back to the petition with a message.
    "edit": [302, 302, 404, 403, 404, 200],
    "status": [302, 405, 405, 405, 405, 405],
    "assign": [302, 403, 404, 403, 404, 200],
    "answer": [302, 403, 404, 200, 404, 200],
    "session": [302, 403, 404, 403, 404, 200],
    "merge": [302, 403, 404, 403, 404, 200],
    "archive": [302, 405, 405, 405, 405, 405],
    "attach": [302, 200, 404, 403, 404, 200],
    # Publishing on the public page: staff only, 404 outside what the user sees.
    "publish_preview": [302, 403, 404, 403, 404, 200],
    "publish": [302, 405, 405, 405, 405, 405],
    "withdraw": [302, 405, 405, 405, 405, 405],
}


@pytest.fixture
def urls(make_petition, users, departments):
    petition = make_petition(attachments=[SimpleUploadedFile("don.pdf", PDF)])
    (assignment,) = services.assign_petition(
        petition=petition, actor=users["staff"], routes=[(departments["x"], timezone.localdate() + timedelta(days=5))]
    )
    args = {
        "download": [petition.attachments.get().pk],
        "answer": [petition.pk, assignment.pk],
    }
    needs_pk = {
        "detail",
        "edit",
        "status",
        "assign",
        "session",
        "merge",
        "archive",
        "attach",
        "publish_preview",
        "publish",
        "withdraw",
    }
    return {
        name: reverse(f"petitions:{name}", args=args.get(name) or ([petition.pk] if name in needs_pk else []))
        for name in MATRIX
    }


def test_every_petitions_url_is_in_the_matrix():
    assert sorted(pattern.name for pattern in urlpatterns) == sorted(MATRIX)


@pytest.mark.parametrize("role", ROLES)
def test_each_role_gets_what_the_matrix_says(urls, client_for, role):
    client = client_for(role)
    column = ROLES.index(role)
    actual = {name: client.get(url).status_code for name, url in urls.items()}
    assert actual == {name: codes[column] for name, codes in MATRIX.items()}
