"""Admin changelists filter, search and sort only by what they declare, and never by what the user may not see.

An anonymous petition's petitioner is hidden from the department it is assigned to; before this guard a
``?petitioner_phone__startswith=0912`` filter showed or hid the row, so the number could be read digit by digit.
"""

import datetime
import re

import pytest
from django.contrib import admin
from django.test import Client, RequestFactory
from django.urls import reverse
from django.utils import timezone

from dialogue_portal.audit.models import AuditAction, AuditEvent
from petitions import services as petitions
from petitions.admin import PETITIONER_FIELDS
from petitions.models import Petition

ROW = re.compile(r'name="_selected_action" value="([^"]+)"')
LOOKUPS = ("exact", "startswith", "regex", "isnull")
CHANGELIST = reverse("admin:petitions_petition_changelist")


@pytest.fixture(scope="module")
def clients(world, django_db_blocker):
    made = {}
    with django_db_blocker.unblock():
        for role in ("rep_x", "staff", "admin"):
            made[role] = Client()
            made[role].force_login(world.users[role])
    return made


def seen(response) -> tuple:
    """What the page tells: its status and the rows it lists, in order."""
    return response.status_code, tuple(ROW.findall(response.content.decode())) if response.status_code == 200 else ()


def _declared(model_admin, user) -> set[str]:
    request = RequestFactory().get("/")
    request.user = user
    return model_admin.declared_parameters(request)


def _changelists():
    for model, model_admin in admin.site._registry.items():
        name = f"admin:{model._meta.app_label}_{model._meta.model_name}_changelist"
        yield pytest.param(model, model_admin, name, id=name.removeprefix("admin:"))


@pytest.mark.parametrize("role", ["rep_x", "staff"])
@pytest.mark.parametrize(("model", "model_admin", "name"), list(_changelists()))
def test_undeclared_filter_on_any_field_is_refused(world, db, media, clients, role, model, model_admin, name):
    client = clients[role]
    base = client.get(reverse(name))
    if base.status_code != 200:  # a page the role may not open stays shut, filtered or not
        assert client.get(reverse(name), {"pk__exact": "1"}).status_code == base.status_code
        return
    sample = model_admin.get_queryset(_request(world.users[role])).first()
    declared = _declared(model_admin, world.users[role])
    answers = {}
    for field in model._meta.concrete_fields:
        for lookup in LOOKUPS:
            parameter = f"{field.name}__{lookup}"
            if parameter in declared and lookup != "regex":
                continue
            value = "1" if lookup == "isnull" else str(getattr(sample, field.attname, "") or "1")[:3]
            answers[parameter] = client.get(reverse(name), {parameter: value}).status_code

    assert {p: s for p, s in answers.items() if s != 400} == {}


def _request(user):
    request = RequestFactory().get("/")
    request.user = user
    return request


def test_declared_filters_still_filter(world, db, media, clients):
    staff = clients["staff"]
    everything = seen(staff.get(CHANGELIST))
    assigned = seen(staff.get(CHANGELIST, {"status__exact": world.petition.status}))
    nothing = seen(staff.get(CHANGELIST, {"status__exact": "withdrawn"}))

    assert everything[0] == assigned[0] == nothing[0] == 200
    assert str(world.petition.pk) in assigned[1]
    assert nothing[1] == ()
    assert len(everything[1]) > len(assigned[1])


def test_administrators_filter_by_any_field_but_never_by_pattern(world, db, media, clients):
    client = clients["admin"]
    phone = Petition.objects.values_list("petitioner_phone", flat=True).get(pk=world.petition.pk)

    by_field = client.get(CHANGELIST, {"petitioner_phone__exact": phone or "x"})
    by_pattern = client.get(CHANGELIST, {"petitioner_name__regex": "."})
    broken_pattern = client.get(CHANGELIST, {"petitioner_name__regex": "("})

    assert by_field.status_code == 200
    assert (by_pattern.status_code, broken_pattern.status_code) == (400, 400)
    assert "400" in broken_pattern.content.decode()


@pytest.mark.parametrize("role", ["rep_x", "staff", "admin"])
def test_broken_pattern_is_a_bad_request_for_everyone(world, db, media, clients, role):
    response = clients[role].get(CHANGELIST, {"petitioner_name__iregex": "(", "title__regex": "[", "code__regex": "("})

    assert response.status_code == 400
    assert AuditEvent.objects.filter(action=AuditAction.BAD_REQUEST, actor=world.users[role]).exists()


# --- the anonymity oracle ------------------------------------------------------------------------------

SECRET = {
    "petitioner_name": "Hồ Thị Bí Mật",
    "petitioner_phone": "0912345678",
    "petitioner_ethnicity": "Pa Kô",
    "petitioner_has_disability": True,
}
OTHER = {
    "petitioner_name": "Lê Văn Khác",
    "petitioner_phone": "0387654321",
    "petitioner_ethnicity": "Vân Kiều",
    "petitioner_has_disability": False,
}


def _hide(petition, details):
    petition.is_anonymous = True
    for key, value in details.items():
        setattr(petition, key, value)
    Petition.objects.filter(pk=petition.pk).update(
        is_anonymous=True, search_text=petitions.search_text_for(petition), **details
    )


def _probes() -> list[dict]:
    """Every way to ask about the petitioner: filters (true and false guesses), searches, every sort order."""
    probes = []
    for field in PETITIONER_FIELDS:
        for details in (SECRET, OTHER):
            value = details[field]
            text = ("1" if value else "0") if isinstance(value, bool) else value
            for lookup, guess in [
                ("exact", text),
                ("startswith", text[:4]),
                ("icontains", text[1:5]),
                ("regex", f"^{re.escape(text[:3])}"),
                ("iregex", text[:2]),
                ("isnull", "0"),
            ]:
                probes.append({f"{field}__{lookup}": guess})
        probes.append({"o": str(PETITIONER_FIELDS.index(field))})
    for details in (SECRET, OTHER):
        probes += [{"q": details["petitioner_name"]}, {"q": details["petitioner_phone"]}, {"q": "Bí Mật"}]
    probes += [{"o": f"{sign}{i}"} for i in range(12) for sign in ("", "-")]
    probes += [{"participant_group__isnull": "1"}, {"participant_group__id__exact": "1"}]
    return probes


def test_department_learns_nothing_about_an_anonymous_petitioner(world, db, media, clients):
    second = petitions.submit_petition(
        actor=world.users["leader_a"], unit=world.units["a1"], title="Đường giao thông", content="Đường hỏng."
    )
    petitions.assign_petition(
        petition=second,
        actor=world.users["staff"],
        routes=[(world.departments["x"], timezone.localdate() + datetime.timedelta(days=9))],
    )
    client = clients["rep_x"]
    probes = _probes()

    _hide(world.petition, SECRET)
    _hide(second, OTHER)
    first_answers = [seen(client.get(CHANGELIST, probe)) for probe in probes]
    # Swap the petitioners: if any answer depended on them, it changes.
    _hide(world.petition, OTHER)
    _hide(second, SECRET)
    swapped_answers = [seen(client.get(CHANGELIST, probe)) for probe in probes]

    listed = seen(client.get(CHANGELIST))
    assert {str(world.petition.pk), str(second.pk)} <= set(listed[1])
    assert [p for p, a, b in zip(probes, first_answers, swapped_answers, strict=True) if a != b] == []
    # True and false guesses answer alike: the filters are refused, and searches never reach the petitioner.
    assert {status for status, _ in first_answers if status != 200} == {400}
    assert [a for p, a in zip(probes, first_answers, strict=True) if "q" in p] == [(200, ())] * 6
    page = client.get(reverse("admin:petitions_petition_change", args=[world.petition.pk])).content.decode()
    assert [value for value in SECRET.values() if isinstance(value, str) and value in page] == []


@pytest.mark.postgres  # an inet column: SQLite stores any text
def test_value_the_database_refuses_is_a_bad_request(world, db, media, clients):
    client = clients["admin"]

    response = client.get(reverse("admin:audit_auditevent_changelist"), {"ip_address__exact": "not-an-address"})
    after = client.get(reverse("admin:audit_auditevent_changelist"))

    assert response.status_code == 400
    assert after.status_code == 200  # the transaction goes on


def test_every_admin_of_the_site_is_guarded():
    from dialogue_portal.admin_guard import ScopedAdminMixin

    assert [type(a).__name__ for a in admin.site._registry.values() if not isinstance(a, ScopedAdminMixin)] == []
