"""What the portal records by itself: logins, failures, logouts, 403s and admin changes."""

import datetime

from django.contrib.admin.models import LogEntry
from django.test import Client
from django.urls import reverse

from dialogue_portal.audit.models import AuditEvent
from dialogue_portal.directory.models import WorkdayOverride
from tests.conftest import PASSWORD


def _actions(**filters):
    return list(AuditEvent.objects.filter(**filters).order_by("id").values_list("action", flat=True))


def test_login_and_logout_are_recorded_with_address(users):
    client = Client(REMOTE_ADDR="192.0.2.10")

    client.post(reverse("login"), {"username": "leader_a", "password": PASSWORD})
    client.post(reverse("logout"))

    events = AuditEvent.objects.filter(actor=users["leader_a"]).order_by("id")
    assert [(e.action, e.ip_address) for e in events] == [("login", "192.0.2.10"), ("logout", "192.0.2.10")]


def test_failed_login_is_recorded_without_password(users):
    Client(REMOTE_ADDR="192.0.2.11").post(reverse("login"), {"username": "leader_a", "password": "sai-mat-khau"})

    event = AuditEvent.objects.get(action="login_failed")
    assert (event.actor, event.ip_address, event.details) == (None, "192.0.2.11", {"username": "leader_a"})


def test_permission_denied_is_recorded(users, client_for):
    response = client_for("rep_x").get("/admin/accounts/user/")

    event = AuditEvent.objects.get(action="permission_denied")
    assert response.status_code == 403
    assert (event.actor, event.details) == (users["rep_x"], {"path": "/admin/accounts/user/", "method": "GET"})


def test_csrf_failure_is_recorded_as_denial(users):
    client = Client(enforce_csrf_checks=True)
    client.force_login(users["staff"])

    response = client.post(reverse("logout"))

    assert response.status_code == 403
    assert _actions(action="permission_denied", actor=users["staff"]) == ["permission_denied"]


def test_admin_addition_and_change_are_recorded(users, client_for):
    client = client_for("admin")

    client.post("/admin/directory/workdayoverride/add/", {"date": "05/09/2031", "kind": "day_off", "name": "Nghỉ bù"})
    override = WorkdayOverride.objects.get(date=datetime.date(2031, 9, 5))
    client.post(
        f"/admin/directory/workdayoverride/{override.pk}/change/",
        {"date": "05/09/2031", "kind": "day_off", "name": "Nghỉ bù Quốc khánh"},
    )

    events = AuditEvent.objects.filter(action__startswith="admin.").order_by("id")
    assert [(e.action, e.target_id, e.actor_username) for e in events] == [
        ("admin.addition", str(override.pk), "admin"),
        ("admin.change", str(override.pk), "admin"),
    ]
    assert events[1].target_repr == "05/09/2031 Nghỉ bù Quốc khánh"


def test_admin_bulk_deletion_is_recorded_for_each_object(users, client_for):
    overrides = [WorkdayOverride.objects.create(date=datetime.date(2031, 1, d), name=f"Ngày {d}") for d in (6, 7)]

    client_for("admin").post(
        "/admin/directory/workdayoverride/",
        {"action": "delete_selected", "_selected_action": [o.pk for o in overrides], "post": "yes"},
    )

    assert WorkdayOverride.objects.filter(pk__in=[o.pk for o in overrides]).count() == 0
    assert sorted(AuditEvent.objects.filter(action="admin.deletion").values_list("target_id", flat=True)) == sorted(
        str(o.pk) for o in overrides
    )
    assert LogEntry.objects.filter(action_flag=3).count() == 2
