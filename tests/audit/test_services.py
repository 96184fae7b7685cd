from datetime import timedelta

from django.core.management import call_command
from django.test import RequestFactory
from django.utils import timezone

from dialogue_portal.audit.models import AuditEvent
from dialogue_portal.audit.net import client_ip
from dialogue_portal.audit.services import record_event


def test_record_event_takes_actor_and_address_from_request(users):
    request = RequestFactory().get("/", REMOTE_ADDR="203.0.113.9")
    request.user = users["staff"]

    event = record_event(action="petition.export", request=request, details={"rows": 12})

    assert (event.action, event.actor, event.actor_username, event.ip_address, event.details) == (
        "petition.export",
        users["staff"],
        "staff",
        "203.0.113.9",
        {"rows": 12},
    )


def test_record_event_names_target_and_masks_phones(users):
    target = users["leader_a"]
    target.full_name = "Chị Lan 0912345678"
    target.save()

    event = record_event(action="petition.transition", actor=users["staff"], target=target, details={"p": "0912345678"})

    assert (event.target_content_type.model, event.target_id) == ("user", str(target.pk))
    assert (event.target_repr, event.details) == ("Chị Lan *******678", {"p": "*******678"})


def test_record_event_keeps_user_name_after_user_is_deleted(users):
    event = record_event(action="petition.export", actor=users["rep_y"])

    users["rep_y"].delete()

    event.refresh_from_db()
    assert (event.actor, event.actor_username) == (None, "rep_y")


def test_client_ip_trusts_only_the_configured_proxies(settings):
    settings.PROXY_COUNT = 1
    request = RequestFactory().get("/", REMOTE_ADDR="10.0.0.2", HTTP_X_FORWARDED_FOR="1.2.3.4, 198.51.100.7")

    assert client_ip(request) == "198.51.100.7"


def test_client_ip_ignores_forwarded_header_without_proxy(settings):
    settings.PROXY_COUNT = 0
    request = RequestFactory().get("/", REMOTE_ADDR="10.0.0.2", HTTP_X_FORWARDED_FOR="1.2.3.4")

    assert client_ip(request) == "10.0.0.2"


def test_action_label_reads_known_and_unknown_actions(db):
    assert AuditEvent(action="login_failed").action_label == "Đăng nhập không thành công"
    assert AuditEvent(action="petition.export").action_label == "petition.export"


def test_purge_audit_removes_only_old_events(users):
    old = record_event(action="login", actor=users["staff"])
    AuditEvent.objects.filter(pk=old.pk).update(at=timezone.now() - timedelta(days=800))
    recent = record_event(action="login", actor=users["staff"])

    call_command("purge_audit", "--older-than-days", "730")

    assert list(AuditEvent.objects.filter(action="login").values_list("pk", flat=True)) == [recent.pk]
