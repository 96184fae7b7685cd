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
