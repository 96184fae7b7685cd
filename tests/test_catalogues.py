"""Every catalogue complete in Vietnamese and English, and holding every string the code marks for translation."""

import shutil
import subprocess
import sys
from pathlib import Path

import polib
import pytest
from django.conf import settings

BASE = Path(settings.BASE_DIR)
LANGUAGES = ["vi", "en"]
# Apps that keep their own catalogue (a locale/ folder beside their code); the rest use the top-level locale/.
APP_DIRS = sorted(
    str(p.parent.relative_to(BASE))
    for p in BASE.glob("**/locale")
    if p.parent != BASE and not {".venv", "node_modules", "staticfiles"} & set(p.parts)
)
NOT_SOURCE = [".venv", "tests", "bench", "media", "staticfiles", "test-artifacts", "node_modules"]
CATALOGUES = [BASE / "locale" / lang / "LC_MESSAGES" / "django.po" for lang in LANGUAGES] + [
    BASE / app / "locale" / lang / "LC_MESSAGES" / "django.po" for app in APP_DIRS for lang in LANGUAGES
]


def relative(path: Path) -> str:
    return str(path.relative_to(BASE))


def msgids(path: Path) -> set[tuple[str, str]]:
    return {(e.msgctxt or "", e.msgid) for e in polib.pofile(str(path)) if not e.obsolete}


@pytest.mark.parametrize("catalogue", CATALOGUES, ids=relative)
def test_catalogue_has_no_untranslated_or_fuzzy_entry(catalogue):
    po = polib.pofile(str(catalogue))

    unfinished = [e.msgid for e in po.untranslated_entries() + po.fuzzy_entries() if not e.obsolete]

    assert unfinished == []


@pytest.fixture(scope="module")
def fresh_extraction(tmp_path_factory):
    """The project copied aside and its catalogues extracted anew, as `make catalogues` does."""
    if not shutil.which("xgettext"):
        pytest.fail("xgettext (apt-get install gettext) is needed to extract the strings")
    copy = tmp_path_factory.mktemp("extract") / "project"
    shutil.copytree(BASE, copy, ignore=shutil.ignore_patterns(*NOT_SOURCE, "*.po", "*.mo", "__pycache__", ".git"))
    python, manage = sys.executable, str(copy / "manage.py")
    ignores = [f"--ignore={name}" for name in NOT_SOURCE] + [f"--ignore={app}/*" for app in APP_DIRS]
    for folder in [copy / "locale"] + [copy / app / "locale" for app in APP_DIRS]:
        (folder / "vi" / "LC_MESSAGES").mkdir(parents=True, exist_ok=True)
    run = {"check": True, "capture_output": True}
    subprocess.run([python, manage, "makemessages", "-l", "vi", *ignores], cwd=copy, **run)
    for app in APP_DIRS:
        subprocess.run([python, manage, "makemessages", "-l", "vi"], cwd=copy / app, **run)
    return copy


@pytest.mark.parametrize("folder", ["", *APP_DIRS], ids=lambda f: f or "project")
def test_catalogue_holds_every_string_marked_in_the_code(fresh_extraction, folder):
    path = Path(folder, "locale", "vi", "LC_MESSAGES", "django.po")
    extracted = msgids(fresh_extraction / path)

    missing = sorted(msgid for _, msgid in extracted - msgids(BASE / path))

    assert missing == []


# --- the admin a department representative sees, crawled in Vietnamese ------------------------------------

ENGLISH_IN_ADMIN = [
    "Session",
    "SESSION",
    "Show counts",
    "Hide counts",
    "Please correct the error",
    "Toggle theme",
    "Model name",
    "Add link",
    "Change or view list link",
    "Changed by",
    "Change reason",
    "Choose a date from the list below",
    "entries",
    "Bản ghi nhớ",  # Django's Vietnamese for "History": a memo, not a history
]


def _visible_text(html: str) -> str:
    import re

    html = re.sub(r"<(script|style)\b.*?</\1>", " ", html, flags=re.S)
    return re.sub(r"<[^>]+>", "\n", html)


@pytest.mark.django_db
def test_the_department_admin_speaks_vietnamese_only(client, users, units, departments):
    from datetime import timedelta

    from django.urls import reverse
    from django.utils import timezone

    from dialogues.models import DialogueSession, Invitation, SessionStatus
    from petitions import services

    petition = services.submit_petition(
        actor=users["leader_a"], unit=units["a1"], title="Vay vốn khởi nghiệp", content="Chị em cần vay vốn."
    )
    services.assign_petition(
        petition=petition, actor=users["staff"], routes=[(departments["x"], timezone.localdate() + timedelta(days=5))]
    )
    start = timezone.now() + timedelta(days=9)
    session = DialogueSession.objects.create(
        title="Đối thoại về vay vốn",
        host_unit=units["a1"],
        starts_at=start,
        ends_at=start + timedelta(hours=3),
        status=SessionStatus.INVITATIONS_SENT,
        venue="Hội trường UBND xã Linh Trường",
    )
    invitation = Invitation.objects.create(session=session, department=departments["x"])
    client.force_login(users["rep_x"])
    client.cookies["django_language"] = "vi"
    pages = {
        "index": client.get(reverse("admin:index")),
        "petitions": client.get(reverse("admin:petitions_petition_changelist")),
        "petition": client.get(reverse("admin:petitions_petition_change", args=[petition.pk])),
        "petition history": client.get(reverse("admin:petitions_petition_history", args=[petition.pk])),
        "invitations": client.get(reverse("admin:dialogues_invitation_changelist")),
        "invitation": client.get(reverse("admin:dialogues_invitation_change", args=[invitation.pk])),
        "invitation history": client.get(reverse("admin:dialogues_invitation_history", args=[invitation.pk])),
        # A reply that needs a name it lacks: the form comes back with its error note.
        "invitation with an error": client.post(
            reverse("admin:dialogues_invitation_change", args=[invitation.pk]),
            {"state": "delegated", "delegate_name": "", "representative_name": "", "representative_title": ""},
        ),
    }
    found = {}
    for name, response in pages.items():
        assert response.status_code == 200, name
        text = _visible_text(response.content.decode())
        english = [s for s in ENGLISH_IN_ADMIN if s in text]
        if english:
            found[name] = english
    assert found == {}
    assert "Lịch sử" in _visible_text(pages["petition"].content.decode())
    assert "Vui lòng sửa các lỗi bên dưới." in pages["invitation with an error"].content.decode()
    # The invitation says where the dialogue takes place.
    assert "Hội trường UBND xã Linh Trường" in _visible_text(pages["invitation"].content.decode())
