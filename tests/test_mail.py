from django.core import mail
from django.db import transaction

from dialogue_portal.mail import send_portal_mail


def test_portal_mail_is_sent_after_commit_in_the_recipients_language(db, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        sent = send_portal_mail(
            to=["a@example.org", "", "a@example.org"],
            template="mail/test",
            context={"name": "Lan"},
            attachments=[("x.ics", b"BEGIN:VCALENDAR", "text/calendar")],
        )
    assert sent is True
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["a@example.org"]
    assert message.subject == "Thư thử nghiệm gửi Lan"
    assert message.attachments[0][0] == "x.ics"


def test_portal_mail_is_not_sent_when_the_transaction_rolls_back(db, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        try:
            with transaction.atomic():
                send_portal_mail(to=["a@example.org"], template="mail/test", context={"name": "Lan"})
                raise RuntimeError("the change fails after the mail was queued")
        except RuntimeError:
            pass
    assert callbacks == []
    assert mail.outbox == []
