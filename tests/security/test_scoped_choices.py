"""Every form and filter offers a user the same units and sessions: those ``visible_to`` gives them."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from dialogue_portal.directory.models import OrgUnit
from dialogues.models import DialogueSession, SessionStatus


def _options(page: str, name: str) -> set[str]:
    """The option values of the <select name=...> on ``page``."""
    import re

    block = re.search(rf'<select[^>]*name="{name}"[^>]*>(.*?)</select>', page, re.S)
    assert block, f"no <select name={name}>"
    return {value for value in re.findall(r'<option value="([^"]*)"', block.group(1)) if value}


@pytest.fixture
def sessions(units):
    soon = timezone.now() + timedelta(days=10)

    def make(title, unit, status):
        return DialogueSession.objects.create(
            title=title, host_unit=units[unit], starts_at=soon, ends_at=soon + timedelta(hours=2), status=status
        )

    return {
        "province_planned": make("Đối thoại cấp tỉnh", "qt", SessionStatus.PLANNED),
        "province_draft": make("Dự thảo cấp tỉnh", "qt", SessionStatus.DRAFT),
        "a_planned": make("Đối thoại Gio Linh", "a1", SessionStatus.PLANNED),
        "a_draft": make("Dự thảo Gio Linh", "a1", SessionStatus.DRAFT),
        "b_planned": make("Đối thoại Đakrông", "b1", SessionStatus.PLANNED),
    }


def test_a_leader_sees_the_province_dialogue_her_units_take_part_in(client_for, sessions):
    client = client_for("leader_a")
    assert client.get(reverse("dialogues:detail", args=[sessions["province_planned"].pk])).status_code == 200
    assert client.get(reverse("dialogues:detail", args=[sessions["province_draft"].pk])).status_code == 404
    assert client.get(reverse("dialogues:detail", args=[sessions["b_planned"].pk])).status_code == 404
    # She takes part; she does not plan it.
    assert client.get(reverse("dialogues:edit", args=[sessions["province_planned"].pk])).status_code == 403


def test_the_petition_form_offers_planned_sessions_only(client_for, sessions):
    page = client_for("leader_a").get(reverse("petitions:create")).content.decode()
    offered = _options(page, "session")
    assert offered == {str(sessions[k].pk) for k in ("province_planned", "a_planned")}


@pytest.mark.parametrize("role", ["staff", "leader_a", "leader_b"])
def test_every_unit_choice_is_the_users_visible_units(client_for, users, units, role):
    OrgUnit.objects.filter(pk=units["a1x"].pk).update(is_active=False)
    wanted = {str(pk) for pk in OrgUnit.objects.visible_to(users[role]).values_list("pk", flat=True)}
    client = client_for(role)
    pages = {
        "petition form": (reverse("petitions:create"), "unit"),
        "petition filter": (reverse("petitions:list"), "unit"),
        "session form": (reverse("dialogues:create"), "host_unit"),
        "session filter": (reverse("dialogues:list"), "unit"),
        "dashboard": (reverse("reports:dashboard"), "unit"),
        "petition export": (reverse("reports:export", args=["petitions"]), "unit"),
    }
    seen = {label: _options(client.get(url).content.decode(), name) for label, (url, name) in pages.items()}
    assert seen == dict.fromkeys(pages, wanted)
    assert str(units["a1x"].pk) not in wanted


def test_a_leaders_export_form_offers_only_her_sessions(client_for, sessions):
    page = client_for("leader_a").get(reverse("reports:export", args=["petitions"])).content.decode()
    offered = _options(page, "session")
    assert offered == {str(sessions[k].pk) for k in ("province_planned", "a_planned", "a_draft")}
