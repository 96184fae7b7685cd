from django.core.management import call_command

from dialogue_portal.accounts.models import User
from dialogue_portal.directory.models import OrgUnit


def test_seed_demo_is_idempotent_and_prints_logins(db, capsys):
    call_command("seed_demo")
    first = (User.objects.count(), OrgUnit.objects.count())
    call_command("seed_demo")
    out = capsys.readouterr().out
    assert (User.objects.count(), OrgUnit.objects.count()) == first
    for login in ("admin", "canbo", "gio_linh", "so_ldtbxh"):
        assert login in out
    assert OrgUnit.objects.get(code="dakrong").name == "Hội LHPN huyện Đakrông"


def test_seed_demo_holds_2024_work_under_the_old_structure_and_the_reform_applied(db):
    from dialogue_portal.audit.models import AuditEvent
    from dialogues.models import DialogueSession
    from petitions.models import Assignment

    call_command("seed_demo", stdout=open("/dev/null", "w"))  # noqa: SIM115
    call_command("seed_demo", stdout=open("/dev/null", "w"))  # noqa: SIM115
    # The logins of README, bound to today's units and departments.
    assert User.objects.get(username="gio_linh").unit.code == "xa-gio-linh"
    assert User.objects.get(username="dakrong").unit.code == "xa-dakrong"
    assert User.objects.get(username="so_ldtbxh").department.code == "noi-vu"
    assert User.objects.get(username="bhxh").department.code == "bhxh-khu-vuc"
    # 2024 sessions stay under the 2024 units; sessions to come are under today's.
    district = DialogueSession.objects.get(title__startswith="Đối thoại chính sách huyện Gio Linh")
    assert (district.host_unit.code, district.host_unit.is_active) == ("gio-linh", False)
    assert DialogueSession.objects.filter(host_unit__code="xa-dakrong").exists()
    # Open work of dissolved departments moved, answered work stayed, each move on record.
    assert not Assignment.objects.filter(department__is_active=False, status="pending").exists()
    assert Assignment.objects.filter(department__code="ldtbxh").exclude(status="pending").exists()
    assert AuditEvent.objects.filter(action="petitions.assignment_moved").exists()
    assert not OrgUnit.objects.filter(level="district", is_active=True).exists()
