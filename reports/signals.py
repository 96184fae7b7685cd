"""Bump the data version stamp when data behind cached figures or menus changes (cache invalidation only).

Units, departments and topics are in the petition list's menus (kept by the stamp) and in the dashboard.
"""

from django.db.models.signals import m2m_changed, post_delete, post_save

from dialogue_portal.datastamp import bump_stats_version
from dialogue_portal.directory.models import Department, OrgUnit, TopicCategory
from dialogues.models import DialogueSession
from petitions.models import Answer, Assignment, Petition


def _bump(**kwargs):
    bump_stats_version()


for model in (Petition, Assignment, Answer, DialogueSession, OrgUnit, Department, TopicCategory):
    post_save.connect(_bump, sender=model, dispatch_uid=f"reports-stats-save-{model.__name__}")
    post_delete.connect(_bump, sender=model, dispatch_uid=f"reports-stats-delete-{model.__name__}")
m2m_changed.connect(_bump, sender=Petition.topics.through, dispatch_uid="reports-stats-topics")
