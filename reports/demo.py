"""Demo: the letterhead settings of the session summary, with addresses to send it to, so "send to the
committees" works on a fresh demo (the mail goes to the console or the configured backend, never to a real body).
"""

from .models import ReportSettings

DEMO_EMAILS = "thuongtruc.tinhuy@quangtri.example\nvanphong.ubnd@quangtri.example"
DEMO_SIGNER = "Nguyễn Thị Hồng Nhung"


def seed(context: dict) -> list[str]:
    """Create the report settings row; fill the e-mail addresses and signer only where still empty (idempotent)."""
    settings = ReportSettings.load()
    changed = []
    if not settings.recipient_emails.strip():
        settings.recipient_emails = DEMO_EMAILS
        changed.append("recipient_emails")
    if not settings.signer_name.strip():
        settings.signer_name = DEMO_SIGNER
        changed.append("signer_name")
    if changed:
        settings.save(update_fields=[*changed, "updated_at"])
    return []
