"""The petitions part of a session's minutes, registered in PetitionsConfig.ready() (see dialogues/minutes.py).

Every petition raised at the session (drafts, merged duplicates and archived ones left out), with the answers
departments gave AT the dialogue; the submitting unit stands for the speaker, never the petitioner.
"""

from django.db.models import Prefetch

from dialogues.minutes import PETITION, AnswerFact, OpinionFact

from .models import AnswerMethod, Assignment, Petition, PetitionStatus

LEFT_OUT = (PetitionStatus.DRAFT, PetitionStatus.MERGED)


def session_petition_opinions(session, viewer) -> list[OpinionFact]:
    answered_there = (
        Assignment.objects.filter(answer__method=AnswerMethod.AT_DIALOGUE)
        .select_related("department", "answer")
        .order_by("department__sort_order", "pk")
    )
    petitions = (
        Petition.objects.visible_to(viewer)
        .filter(session=session, is_archived=False)
        .exclude(status__in=LEFT_OUT)
        .select_related("unit")
        .prefetch_related(Prefetch("assignments", queryset=answered_there, to_attr="answered_there"))
        .order_by("code")
    )
    return [
        OpinionFact(
            source=PETITION,
            reference=petition.code,
            speaker=petition.unit.name,
            title=petition.title,
            text=petition.content,
            answers=tuple(AnswerFact(a.department.name, a.answer.text) for a in petition.answered_there),
        )
        for petition in petitions
    ]
