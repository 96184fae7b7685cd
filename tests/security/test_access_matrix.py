"""The project-wide access matrix: every URL name from the resolver × every role, against one world of objects
belonging to unit A and department X. A URL name missing from the table fails, so no page goes unguarded."""

import pytest
from django.contrib import admin
from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from dialogues.models import AgendaItem, DialogueSession, Invitation, Recommendation, SessionOpinion
from petitions.models import Answer, Assignment, Attachment, Petition, PetitionStatusChange
from reports.models import ExportJob, Transmittal

from .conftest import ROLES

# Expected status per role, in the order of ROLES (404: the object is outside the user's scope; 403: a page,
# or an action on a visible object, that is not the user's — the same in every app):
#   anonymous, leader of A, leader of B, representative of X, of Y, province staff, administrator.
# "post:" marks a POST-only URL: the codes are those of a POST without its data.
ANY_USER = "302 200 200 200 200 200 200"
SUBMITTERS = "302 200 200 403 403 200 200"
STAFF = "302 403 403 403 403 200 200"  # a page that is not the role's: 403
ADMIN_ONLY = "302 302 302 403 403 403 200"  # admin pages of what only administrators manage
ADMIN_STAFF = "302 302 302 403 403 200 200"  # reference data province staff may read
ADMIN_NOBODY = "302 302 302 403 403 403 403"  # no one adds or deletes these by hand
MATRIX = {
    "admin:index": "302 302 302 200 200 200 200",
    "admin:login": "200 200 200 302 302 302 302",
    "admin:logout": "post: 302 302 302 302 302 302 302",
    "admin:password_change": "302 302 302 200 200 200 200",
    "admin:password_change_done": "302 302 302 200 200 200 200",
    "admin:autocomplete": "302 302 302 403 403 403 403",
    "admin:jsi18n": "302 302 302 200 200 200 200",
    "admin:view_on_site": "302 302 302 302 302 302 302",
    "admin:app_list": "302 302 302 200 200 200 200",
}


def admin_rows(model, **codes):
    """The five admin URL names of ``model`` (changelist, add, change, history, delete) and their codes."""
    for action in ("changelist", "add", "change", "history", "delete"):
        MATRIX[f"admin:{model}_{action}"] = codes[action]


for _model in (
    "auth_group",
    "accounts_user",
    *(f"django_celery_beat_{kind}schedule" for kind in ("clocked", "crontab", "solar", "interval")),
    "django_celery_beat_periodictask",
):
    admin_rows(_model, changelist=ADMIN_ONLY, add=ADMIN_ONLY, change=ADMIN_ONLY, history=ADMIN_ONLY, delete=ADMIN_ONLY)
for _model in ("axes_accessattempt", "axes_accesslog", "axes_accessfailurelog"):
    admin_rows(
        _model, changelist=ADMIN_ONLY, add=ADMIN_NOBODY, change=ADMIN_ONLY, history=ADMIN_ONLY, delete=ADMIN_ONLY
    )
admin_rows(
    "audit_auditevent",
    changelist=ADMIN_ONLY,
    add=ADMIN_NOBODY,
    change=ADMIN_ONLY,
    history=ADMIN_ONLY,
    delete=ADMIN_NOBODY,
)
for _model in ("orgunit", "department", "topiccategory", "participantgroup"):
    admin_rows(
        f"directory_{_model}",
        changelist=ADMIN_STAFF,
        add=ADMIN_ONLY,
        change=ADMIN_STAFF,
        history=ADMIN_STAFF,
        delete=ADMIN_ONLY,
    )
# The government's yearly working-day decisions: province staff record them; only administrators delete.
admin_rows(
    "directory_workdayoverride",
    changelist=ADMIN_STAFF,
    add=ADMIN_STAFF,
    change=ADMIN_STAFF,
    history=ADMIN_STAFF,
    delete=ADMIN_ONLY,
)
MATRIX["admin:auth_user_password_change"] = ADMIN_ONLY
# Out-of-scope objects answer 404 in the admin too (the session is A's and invites X).
admin_rows(
    "dialogues_dialoguesession",
    changelist="302 302 302 403 403 200 200",
    add=ADMIN_NOBODY,
    change="302 302 302 403 404 200 200",
    history="302 302 302 403 404 200 200",
    delete="302 302 302 403 404 403 403",
)
admin_rows(
    "dialogues_invitation",
    changelist="302 302 302 200 200 200 200",
    add=ADMIN_NOBODY,
    change="302 302 302 200 404 200 200",
    history="302 302 302 200 404 200 200",
    delete="302 302 302 403 404 403 403",
)
admin_rows(
    "petitions_petition",
    changelist="302 302 302 200 200 200 200",
    add=ADMIN_NOBODY,
    change="302 302 302 200 404 200 200",
    history="302 302 302 200 404 200 200",
    delete="302 302 302 403 404 403 200",
)
MATRIX["admin:petitions_petition_simple_history"] = "302 302 302 403 404 200 200"
admin_rows(
    "petitions_answertemplate",
    changelist="302 302 302 200 200 200 200",
    add="302 302 302 403 403 200 200",
    change="302 302 302 200 200 200 200",
    history="302 302 302 200 200 200 200",
    delete=ADMIN_ONLY,
)
# The settings are one row: the list goes straight to it.
admin_rows(
    "reports_reportsettings",
    changelist="302 302 302 302 302 302 302",
    add=ADMIN_NOBODY,
    change=ADMIN_ONLY,
    history=ADMIN_ONLY,
    delete=ADMIN_NOBODY,
)
# Another's job or transmittal: the admin says it does not exist (a redirect, as for a made-up id).
admin_rows(
    "reports_exportjob",
    changelist=ADMIN_ONLY,
    add=ADMIN_NOBODY,
    change=ADMIN_ONLY,
    history="302 302 302 302 302 403 200",
    delete=ADMIN_ONLY,
)
admin_rows(
    "reports_transmittal",
    changelist=ADMIN_ONLY,
    add=ADMIN_NOBODY,
    change=ADMIN_ONLY,
    history="302 302 302 302 302 403 200",
    delete=ADMIN_NOBODY,
)
MATRIX.update(
    {
        "set_language": "post: 302 302 302 302 302 302 302",
        "dialogues:list": ANY_USER,
        "dialogues:calendar": ANY_USER,
        "dialogues:agenda": ANY_USER,
        "dialogues:stats": "302 200 200 403 403 200 200",
        "dialogues:create": "302 200 200 403 403 200 200",
        "dialogues:rotate_feed": "post: 302 302 302 302 302 302 302",
        "dialogues:feed": "404 404 404 404 404 404 404",  # a wrong token, whoever asks
        "dialogues:detail": "302 200 404 200 404 200 200",
        "dialogues:edit": "302 200 404 403 404 200 200",
        "dialogues:ics": "302 200 404 200 404 200 200",
        "dialogues:transition": "302 200 404 403 404 200 200",
        "dialogues:agenda_add": "post: 302 302 404 403 404 302 302",
        "dialogues:agenda_reorder": "post: 302 400 404 403 404 400 400",
        "dialogues:agenda_remove": "post: 302 302 404 403 404 302 302",
        "dialogues:agenda_move": "post: 302 302 404 403 404 302 302",
        # Publishing: staff only; a planned session and an unanswered petition are refused (nothing changes).
        "dialogues:publish_preview": "302 403 404 403 404 200 200",
        "dialogues:publish": "post: 302 403 404 403 404 302 302",
        "dialogues:withdraw": "post: 302 403 404 403 404 302 302",
        "petitions:publish_preview": "302 403 404 403 404 200 200",
        "petitions:publish": "post: 302 403 404 403 404 302 302",
        "petitions:withdraw": "post: 302 403 404 403 404 302 302",
        "dialogues:attendance": "302 200 404 403 404 200 200",
        "dialogues:minutes": "post: 302 400 404 403 404 400 400",  # an empty form: the page again, with its errors
        "dialogues:archive": "post: 302 302 404 403 404 302 302",
        # The session's recommendation and oral opinion: managed by its host's leader and staff; published by staff.
        "dialogues:recommendation_add": "post: 302 400 404 403 404 400 400",  # an empty form: the page again
        "dialogues:recommendation_edit": "post: 302 302 404 403 404 302 302",
        "dialogues:recommendation_follow_up": "post: 302 302 404 403 404 302 302",
        "dialogues:recommendation_publish": "post: 302 403 404 403 404 302 302",
        "dialogues:recommendation_remove": "post: 302 302 404 403 404 302 302",
        "dialogues:opinion_add": "post: 302 400 404 403 404 400 400",
        "dialogues:opinion_edit": "post: 302 302 404 403 404 302 302",
        "dialogues:opinion_remove": "post: 302 302 404 403 404 302 302",
        # The plan's text and tasks: those who manage the session (A's); X is invited but does not plan it.
        "dialogues:plan": "302 200 404 403 404 200 200",
        "dialogues:plan_task_remove": "post: 302 302 404 403 404 302 302",
        "petitions:list": ANY_USER,
        "petitions:create": SUBMITTERS,
        "petitions:triage": STAFF,
        "petitions:similar": SUBMITTERS,  # a fragment of the viewer's own petitions
        "petitions:bulk": "post: 302 403 403 403 403 302 302",
        "petitions:import": SUBMITTERS,
        "petitions:import_template": SUBMITTERS,
        "petitions:import_confirm": "post: 302 302 302 403 403 302 302",  # nothing checked yet: back to the upload
        # The petition is A's and assigned to X.
        "petitions:download": "302 200 404 200 404 200 200",
        "petitions:detail": "302 200 404 200 404 200 200",
        "petitions:edit": "302 302 404 403 404 200 200",  # the leader is told it can no longer be edited
        "petitions:status": "post: 302 302 404 302 404 302 302",
        "petitions:assign": "302 403 404 403 404 200 200",
        "petitions:answer": "302 403 404 200 404 200 200",
        "petitions:session": "302 403 404 403 404 200 200",
        "petitions:merge": "302 403 404 403 404 200 200",
        "petitions:archive": "post: 302 302 404 302 404 302 302",
        "petitions:attach": "302 200 404 403 404 200 200",
        "reports:index": ANY_USER,
        "reports:dashboard": "302 200 200 403 403 200 200",
        "reports:export": ANY_USER,
        # The export job is leader A's.
        "reports:job": "302 200 404 404 404 200 200",
        "reports:job_status": "302 200 404 404 404 200 200",
        "reports:download": "302 200 404 404 404 200 200",
        "reports:transmittals": STAFF,
        "reports:transmittal_file": "302 404 404 404 404 200 200",  # only staff see transmittals
        "reports:send_summary": "302 403 404 403 404 200 200",  # the held session is A's and invites X
        "reports:issue_plan": "post: 302 302 404 403 404 302 302",  # A's session: its leader and staff issue
        "reports:issued_file": "302 200 404 200 404 200 200",  # X's letter: X, the hosting leader and staff
        "public:outcomes": "200 200 200 200 200 200 200",
        "home": ANY_USER,
        # The offline form's worker and manifest: the same for everyone, no personal data in them.
        "service_worker": "200 200 200 200 200 200 200",
        "manifest": "200 200 200 200 200 200 200",
        "login": "200 302 302 302 302 302 302",
        "logout": "post: 302 302 302 302 302 302 302",
        "password_change": ANY_USER,
        "password_change_done": ANY_USER,
    }
)
# POST-only buttons that need no data: an empty POST does what the button does.
ACTIONS = {
    "admin:logout",
    "set_language",
    "dialogues:rotate_feed",
    "dialogues:agenda_remove",
    "dialogues:agenda_move",
    "dialogues:archive",
    "dialogues:recommendation_publish",
    "dialogues:recommendation_remove",
    "dialogues:opinion_remove",
    "dialogues:plan_task_remove",
    "reports:issue_plan",
    "petitions:archive",
    "logout",
}


def url_names(patterns=None, namespace=""):
    """Every named URL of the project, ``namespace:name``, walked from the root resolver."""
    for pattern in get_resolver().url_patterns if patterns is None else patterns:
        if isinstance(pattern, URLResolver):
            inner = ":".join(part for part in (namespace, pattern.namespace or "") if part)
            yield from url_names(pattern.url_patterns, inner)
        elif isinstance(pattern, URLPattern) and pattern.name:
            yield f"{namespace}:{pattern.name}" if namespace else pattern.name


ADMIN_MODELS = {f"{model._meta.app_label}_{model._meta.model_name}": model for model in admin.site._registry}


def url_for(name, world):
    """The URL of ``name`` pointing at the world's object of the right kind."""
    w = world
    args = {
        "dialogues:feed": ["not-a-token"],
        "dialogues:detail": [w.session.pk],
        "dialogues:edit": [w.session.pk],
        "dialogues:ics": [w.session.pk],
        "dialogues:transition": [w.session.pk, "postponed"],
        "dialogues:agenda_add": [w.session.pk],
        "dialogues:agenda_reorder": [w.session.pk],
        "dialogues:agenda_remove": [w.session.pk, w.item.pk],
        "dialogues:agenda_move": [w.session.pk, w.item.pk, "down"],
        "dialogues:attendance": [w.session.pk],
        "dialogues:minutes": [w.session.pk],
        "dialogues:archive": [w.session.pk],
        "dialogues:recommendation_add": [w.session.pk],
        "dialogues:recommendation_edit": [w.session.pk, w.recommendation.pk],
        "dialogues:recommendation_follow_up": [w.session.pk, w.recommendation.pk],
        "dialogues:recommendation_publish": [w.session.pk, w.recommendation.pk],
        "dialogues:recommendation_remove": [w.session.pk, w.recommendation.pk],
        "dialogues:opinion_add": [w.session.pk],
        "dialogues:opinion_edit": [w.session.pk, w.opinion.pk],
        "dialogues:opinion_remove": [w.session.pk, w.opinion.pk],
        "dialogues:publish_preview": [w.session.pk],
        "dialogues:publish": [w.session.pk],
        "dialogues:withdraw": [w.session.pk],
        "petitions:download": [w.attachment.pk],
        "petitions:answer": [w.petition.pk, w.assignment.pk],
        "reports:export": ["petitions"],
        "reports:job": [w.job.pk],
        "reports:job_status": [w.job.pk],
        "reports:download": [w.job.pk],
        "reports:transmittal_file": [w.transmittal.pk],
        "reports:send_summary": [w.held.pk],
        "reports:issue_plan": [w.session.pk],
        "reports:issued_file": [w.letter.pk, "pdf"],
        "dialogues:plan": [w.session.pk],
        "dialogues:plan_task_remove": [w.session.pk, w.task.pk],
        "admin:app_list": ["petitions"],
        "admin:view_on_site": [ContentType.objects.get_for_model(w.petition).pk, w.petition.pk],
        "admin:auth_user_password_change": [w.users["leader_a"].pk],
        "admin:petitions_petition_simple_history": [w.petition.pk, w.petition.history.earliest().pk],
    }
    if name in args:
        return reverse(name, args=args[name])
    if name.startswith("petitions:") and name not in ("petitions:" + n for n in PETITION_LISTS):
        return reverse(name, args=[w.petition.pk])
    key, _, action = name.removeprefix("admin:").rpartition("_")
    if name.startswith("admin:") and key in w.admin_objects and action in ("change", "delete", "history"):
        return reverse(name, args=[w.admin_objects[key].pk])
    return reverse(name)


PETITION_LISTS = ("list", "create", "triage", "similar", "bulk", "import", "import_template", "import_confirm")


def expected(name: str, role: str) -> tuple[str, int]:
    codes = MATRIX[name]
    method = "post" if codes.startswith("post:") else "get"
    return method, int(codes.removeprefix("post:").split()[ROLES.index(role)])


def snapshot(world) -> dict:
    """What an empty POST must leave alone: row counts and the state of the world's session and petition."""
    counts = {
        model.__name__: model.objects.count()
        for model in (
            DialogueSession,
            AgendaItem,
            Invitation,
            Petition,
            PetitionStatusChange,
            Assignment,
            Answer,
            Attachment,
            ExportJob,
            Transmittal,
            Recommendation,
            SessionOpinion,
        )
    }
    session = DialogueSession.objects.values("status", "version", "is_archived", "minutes").get(pk=world.session.pk)
    petition = Petition.objects.values("status", "version", "is_archived", "session").get(pk=world.petition.pk)
    recommendations = list(Recommendation.objects.values("text", "addressed_to", "follow_up", "is_published"))
    opinions = list(SessionOpinion.objects.values("text", "answer_text"))
    return {**counts, "session": session, "petition": petition, "records": (recommendations, opinions)}


CHECKED = {"names": set(), "cells": 0}
# Answers that end or change the login: these get a fresh client each time.
FRESH = {"login", "logout", "admin:login", "admin:logout", "password_change"}


def test_matrix_covers_every_url_name():
    assert set(url_names()) == set(MATRIX)


@pytest.fixture(scope="module")
def clients(world, django_db_blocker):
    """One logged-in client per role for the module (each test's changes are rolled back, the login stays)."""
    from django.test import Client

    made = {}
    with django_db_blocker.unblock():
        for role in ROLES:
            made[role] = Client()
            if role != "anonymous":
                made[role].force_login(world.users[role])
    return made


@pytest.mark.parametrize("name", sorted(MATRIX))
def test_url_answers_each_role_as_the_matrix_says(world, clients, login, name):
    url = url_for(name, world)
    seen, wanted = {}, {}
    for role in ROLES:
        method, status = expected(name, role)
        client = login(role) if name in FRESH else clients[role]
        with transaction.atomic():
            before = snapshot(world) if method == "post" else None
            seen[role] = getattr(client, method)(url).status_code
            if method == "post" and name not in ACTIONS and snapshot(world) != before:
                seen[role] = f"{seen[role]} and changed data"
            transaction.set_rollback(True)
        wanted[role] = status
        CHECKED["cells"] += 1

    assert seen == wanted
    CHECKED["names"].add(name)


def test_revoking_a_role_takes_effect_on_the_next_request(world, login):
    client = login("leader_a")
    url = reverse("dialogues:detail", args=[world.session.pk])
    assert client.get(url).status_code == 200

    world.users["leader_a"].groups.clear()

    assert client.get(url).status_code == 404


# Pages listing things: A's petition and session appear exactly for those who may see them, B's never for A or X.
LISTS = ["petitions:list", "dialogues:list", "admin:petitions_petition_changelist", "public:outcomes"]


@pytest.mark.parametrize("role", ROLES[1:])
def test_lists_show_only_what_the_role_may_see(world, login, role):
    client = login(role)
    sees_a = role in ("leader_a", "rep_x", "staff", "admin")
    sees_b = role in ("leader_b", "rep_y", "staff", "admin")
    expected = {
        "petitions:list": (sees_a, role in ("leader_b", "staff", "admin")),  # B's petition is not assigned yet
        "dialogues:list": (sees_a, sees_b),
        "admin:petitions_petition_changelist": (
            sees_a and role != "leader_a",
            role in ("staff", "admin"),
        ),
        "public:outcomes": (False, False),  # nothing is published
    }
    titles = {
        "petitions:list": (world.petition.title, world.petition_b.title),
        "dialogues:list": (world.session.title, world.session_b.title),
        "admin:petitions_petition_changelist": (world.petition.title, world.petition_b.title),
        "public:outcomes": (world.petition.title, world.petition_b.title),
    }

    seen = {}
    for name in LISTS:
        page = client.get(reverse(name)).content.decode()
        seen[name] = tuple(title in page for title in titles[name])

    assert seen == expected


@pytest.mark.parametrize("name", sorted(MATRIX))
def test_a_refusal_holds_for_the_other_method_too(world, clients, login, name):
    """Where the matrix refuses a role (403, 404), the other method is refused the same way (or 405: the URL
    takes only one method, looked up before anything else) and changes nothing."""
    url = url_for(name, world)
    seen, wanted = {}, {}
    for role in ROLES:
        method, status = expected(name, role)
        if status not in (403, 404) or name in FRESH:
            continue
        other = "get" if method == "post" else "post"
        with transaction.atomic():
            before = snapshot(world)
            code = getattr(clients[role], other)(url).status_code
            changed = snapshot(world) != before
            transaction.set_rollback(True)
        seen[role] = (code if code != 405 else status, changed)
        wanted[role] = (status, False)
    assert seen == wanted
