"""Hostile paths, query strings and admin forms: whatever arrives, the answer is never a 5xx.

Every URL pattern is asked, by every role, with control characters and 100,000-character values in its path
arguments and query string; every admin add and change form is posted hostile values as an administrator.
Runs on the database of the suite (PostgreSQL in CI), with a fixed seed and a bounded number of examples.
"""

from html.parser import HTMLParser
from urllib.parse import quote

import pytest
from django.contrib import admin
from django.db import transaction
from django.test import Client
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from .conftest import ROLES
from .test_access_matrix import MATRIX, url_for
from .test_hostile_input import NASTY, VALUE

HUGE = "9" * 100_000
CONTROL = ["\x00", "a\x00b", "\x01\x02\x1f", "\x7f", "\x85", "\t", "\n", "\r\n", "\x1b[2J"]
HOSTILE = st.one_of(st.sampled_from([*NASTY, *CONTROL, HUGE, "x" * 100_000, "%00", "%", "%%32%65"]), VALUE)
# Query names the pages read, the admin's own and lookups on fields most models have.
KEYS = st.one_of(
    st.sampled_from(
        ["q", "o", "p", "e", "all", "page", "status", "year", "next", "_popup", "_to_field", "_facets"]
        + ["pk", "id__exact", "id__gte", "pk__in", "name__startswith", "code__regex", "id__isnull", "created_at__gte"]
    ),
    st.text(max_size=20),
    st.sampled_from(CONTROL),
)
LIMITS = {
    "max_examples": 3,
    "derandomize": True,
    "deadline": None,
    "suppress_health_check": list(HealthCheck),
}


class _FormReader(HTMLParser):
    """The values a browser would send back: inputs, checked boxes, selected options, text areas."""

    def __init__(self):
        super().__init__()
        self.values, self._select, self._textarea = {}, None, None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        name = attrs.get("name")
        if tag == "input" and name and name != "csrfmiddlewaretoken":
            if attrs.get("type") in ("checkbox", "radio"):
                if "checked" in attrs:
                    self.values[name] = attrs.get("value") or "on"
            elif attrs.get("type") not in ("submit", "button", "file"):
                self.values.setdefault(name, attrs.get("value") or "")
        elif tag == "select" and name:
            self._select = name
            self.values.setdefault(name, "")
        elif tag == "option" and self._select and "selected" in attrs:
            self.values[self._select] = attrs.get("value") or ""
        elif tag == "textarea" and name:
            self._textarea = name
            self.values.setdefault(name, "")

    def handle_endtag(self, tag):
        if tag == "select":
            self._select = None
        elif tag == "textarea":
            self._textarea = None

    def handle_data(self, data):
        if self._textarea:
            self.values[self._textarea] += data


def form_fields(html: str) -> dict[str, str]:
    reader = _FormReader()
    reader.feed(html)
    return reader.values


def _client(world, role):
    client = Client()
    if role != "anonymous":
        client.force_login(world.users[role])
    return client


@pytest.fixture(scope="module")
def clients(world, django_db_blocker):
    with django_db_blocker.unblock():
        return {role: _client(world, role) for role in ROLES}


def _mutated_path(url: str, segment: int, value: str) -> str:
    parts = url.split("/")
    inner = [i for i, part in enumerate(parts) if part and i > 1] or [len(parts) - 1]
    index = inner[segment % len(inner)]
    parts[index] = quote(value, safe="")
    return "/".join(parts)


@pytest.mark.parametrize("name", sorted(MATRIX))
@settings(**LIMITS)
@given(data=st.data())
def test_url_survives_hostile_path_and_query(world, db, clients, media, name, data):
    url = url_for(name, world)
    role = data.draw(st.sampled_from(ROLES))
    segment = data.draw(st.integers(min_value=0, max_value=5))
    value = data.draw(HOSTILE)
    query = data.draw(st.lists(st.tuples(KEYS, HOSTILE), max_size=3))
    target = data.draw(st.sampled_from([_mutated_path(url, segment, value), url]))
    query_string = "&".join(f"{quote(k, safe='')}={quote(v, safe='')}" for k, v in query)
    method = data.draw(st.sampled_from(["get", "post"]) if MATRIX[name].startswith("post:") else st.just("get"))

    with transaction.atomic():
        response = getattr(clients[role], method)(f"{target}?{query_string}" if query_string else target)
        transaction.set_rollback(True)

    assert response.status_code < 500, (role, method, target, query_string[:200])


def _admin_forms():
    for model, model_admin in admin.site._registry.items():
        key = f"{model._meta.app_label}_{model._meta.model_name}"
        yield pytest.param(key, "add", id=f"{key}-add")
        yield pytest.param(key, "change", id=f"{key}-change")


@pytest.fixture(scope="module")
def administrator(world, django_db_blocker):
    with django_db_blocker.unblock():
        client = Client(raise_request_exception=True)
        client.force_login(world.users["admin"])
    return client


FORM_PAGES = {}


def _form_page(client, url):
    """The form's fields as the page offers them (None: no such form for anyone), read once per URL."""
    if url not in FORM_PAGES:
        page = client.get(url)
        FORM_PAGES[url] = form_fields(page.content.decode()) if page.status_code == 200 else None
    return FORM_PAGES[url]


@pytest.mark.parametrize(("key", "action"), list(_admin_forms()))
@settings(**LIMITS)
@given(data=st.data())
def test_admin_form_survives_hostile_values(world, db, media, administrator, key, action, data):
    if action == "change":
        url = reverse(f"admin:{key}_change", args=[world.admin_objects[key].pk])
    else:
        url = reverse(f"admin:{key}_add")
    client = administrator
    with transaction.atomic():
        baseline = _form_page(client, url)
        if baseline is None:  # added only by the services, or a single row, or a read-only record
            transaction.set_rollback(True)
            return
        names = sorted(baseline) or ["name"]
        changes = data.draw(st.dictionaries(st.sampled_from(names), HOSTILE, min_size=1, max_size=4))
        posted = {**baseline, **changes}

        response = client.post(url, posted)

        transaction.set_rollback(True)
    assert response.status_code < 500


# The two forms the adversarial test broke, every field with every hostile value (no sampling).
NAMED_FORMS = [
    ("directory_orgunit", "add"),
    ("directory_orgunit", "change"),
    ("django_celery_beat_crontabschedule", "add"),  # its change form is the same form, and slow to draw
]


@pytest.mark.parametrize(("key", "action"), NAMED_FORMS)
def test_named_admin_form_answers_every_hostile_value_with_a_form_error(world, db, media, administrator, key, action):
    obj = world.admin_objects[key]
    url = reverse(f"admin:{key}_{action}", args=[obj.pk] if action == "change" else [])
    baseline = _form_page(administrator, url)
    values = ["x" * 20_000, "99999999999999999999999", "-1", "31/02/2024", "e\u0301" * 40]
    seen = {}
    for name in sorted(n for n in baseline if "-" not in n):  # the form's own fields, not its inlines'
        for value in values:
            with transaction.atomic():
                status = administrator.post(url, {**baseline, name: value}).status_code
                transaction.set_rollback(True)
            if status >= 500:
                seen[(name, value[:20])] = status

    assert seen == {}


def test_unit_cannot_be_moved_under_itself_or_its_subtree(world, db, media, administrator):
    unit, child = world.units["a"], world.units["a1"]
    url = reverse("admin:directory_orgunit_change", args=[unit.pk])
    baseline = _form_page(administrator, url)

    answers = [administrator.post(url, {**baseline, "parent": str(parent.pk)}) for parent in (unit, child)]

    assert [a.status_code for a in answers] == [200, 200]
    unit.refresh_from_db()
    assert unit.parent_id == world.units["qt"].pk


def test_every_url_survives_100000_character_values(world, db, media, clients):
    """Each URL once, the roles taking turns (the sampled test above mixes them further)."""
    answers = {}
    for index, name in enumerate(sorted(MATRIX)):
        role = ROLES[index % len(ROLES)]
        url = url_for(name, world)
        method = "post" if MATRIX[name].startswith("post:") else "get"
        with transaction.atomic():
            answers[f"{name} as {role}"] = getattr(clients[role], method)(f"{url}?q={HUGE}").status_code
            answers[f"{name} as {role}, path"] = clients[role].get(_mutated_path(url, index, HUGE)).status_code
            transaction.set_rollback(True)

    assert {name: status for name, status in answers.items() if status >= 500} == {}
