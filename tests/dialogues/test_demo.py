"""Demo sessions: the province dialogue of November 2024 from the article, seeded once."""

from django.core.management import call_command
from django.utils import timezone

from dialogues.demo import PROVINCE_TITLE
from dialogues.models import DialogueSession, SessionStatus


def test_demo_seeds_the_november_2024_province_dialogue_once(db):
    call_command("seed_demo")
    count = DialogueSession.objects.count()
    call_command("seed_demo")

    session = DialogueSession.objects.get(title=PROVINCE_TITLE)
    assert DialogueSession.objects.count() == count >= 4
    assert (session.host_unit.level, session.status) == ("province", SessionStatus.HELD)
    assert timezone.localtime(session.starts_at).strftime("%m/%Y") == "11/2024"
    assert session.invitations.count() == 9
    assert session.invitations.filter(attended=True).count() == 9
    agenda = list(session.agenda_items.values_list("title", flat=True))
    assert any("bình đẳng giới" in title for title in agenda)
    assert any("xuất khẩu lao động" in title for title in agenda)
    assert any("vay vốn khởi nghiệp" in title for title in agenda)
    assert any("Luật Bảo hiểm xã hội" in title for title in agenda)
    assert session.attendance.count() == 8
    assert "Tỉnh ủy" in session.minutes
    assert list(session.status_changes.values_list("to_status", flat=True)) == [
        "draft",
        "planned",
        "invitations_sent",
        "held",
    ]
    assert DialogueSession.objects.filter(starts_at__gt=timezone.now()).exists()
