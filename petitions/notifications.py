"""Who hears about what, in their own language. Called from Celery tasks, never from views."""

from collections import defaultdict
from datetime import date

from django.urls import reverse

from dialogue_portal import policy
from dialogue_portal.mail import absolute_url, send_portal_mail

from .models import Answer, Assignment, PetitionStatus, PetitionStatusChange

# Statuses the submitter hears about.
TELL_SUBMITTER = {PetitionStatus.RECEIVED, PetitionStatus.ANSWERED, PetitionStatus.RETURNED, PetitionStatus.REJECTED}


def _link(path: str) -> str:
    return absolute_url(path)


def _send_to_users(users, *, template: str, context: dict) -> int:
    """One mail per language, so each reader gets their own."""
    by_language = defaultdict(list)
    for user in users:
        if user.email and user.is_active:
            by_language[user.language or "vi"].append(user.email)
    return sum(
        send_portal_mail(to=emails, template=template, context=context, language=language)
        for language, emails in sorted(by_language.items())
    )


def _staff():
    return policy.staff_users()


def _department_users(department):
    return policy.department_users(department.pk)


def notify_status_change(change: PetitionStatusChange) -> int:
    """Tell the submitter that their petition was received, answered, returned or rejected."""
    if change.to_status not in TELL_SUBMITTER or change.from_status == change.to_status:
        return 0
    petition = change.petition
    if petition.submitted_by is None or petition.submitted_by_id == change.actor_id:
        return 0
    context = {
        "petition": petition,
        "change": change,
        "status": PetitionStatus(change.to_status).label,
        "url": _link(reverse("petitions:detail", args=[petition.pk])),
    }
    return _send_to_users([petition.submitted_by], template="petitions/mail/status", context=context)


def notify_assignment(assignment: Assignment) -> int:
    """Tell the department (its address and its representatives) that a petition awaits its answer."""
    petition = assignment.petition
    context = {
        "assignment": assignment,
        "petition": petition,
        "url": _link(reverse("admin:petitions_petition_change", args=[petition.pk])),
    }
    sent = _send_to_users(_department_users(assignment.department), template="petitions/mail/assigned", context=context)
    if assignment.department.email:
        sent += send_portal_mail(to=[assignment.department.email], template="petitions/mail/assigned", context=context)
    return sent


def notify_answer(answer: Answer) -> int:
    """Tell province staff that a department answered."""
    petition = answer.assignment.petition
    context = {"answer": answer, "petition": petition, "url": _link(reverse("petitions:detail", args=[petition.pk]))}
    return _send_to_users(_staff(), template="petitions/mail/answer", context=context)


def notify_answer_corrected(answer: Answer) -> int:
    """Tell the submitter that a department corrected its answer (unless they corrected it themselves)."""
    petition = answer.assignment.petition
    if petition.submitted_by is None or petition.submitted_by_id == answer.author_id:
        return 0
    context = {"answer": answer, "petition": petition, "url": _link(reverse("petitions:detail", args=[petition.pk]))}
    return _send_to_users([petition.submitted_by], template="petitions/mail/corrected", context=context)


def send_overdue_reminders(*, today: date) -> int:
    """One reminder per department with overdue assignments, and one list for staff."""
    from .selectors import overdue_assignments

    overdue = list(overdue_assignments(today=today))
    if not overdue:
        return 0
    by_department = defaultdict(list)
    for assignment in overdue:
        by_department[assignment.department].append(assignment)
    sent = 0
    for department, assignments in by_department.items():
        context = {
            "department": department,
            "assignments": assignments,
            "today": today,
            "url": _link(reverse("admin:petitions_petition_changelist") + "?overdue=yes"),
        }
        sent += _send_to_users(_department_users(department), template="petitions/mail/overdue", context=context)
        if department.email:
            sent += send_portal_mail(to=[department.email], template="petitions/mail/overdue", context=context)
    context = {"department": None, "assignments": overdue, "today": today, "url": _link(reverse("petitions:list"))}
    sent += _send_to_users(_staff(), template="petitions/mail/overdue", context=context)
    return sent
