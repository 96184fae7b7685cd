"""The four roles, as Django groups, and what each group may do in the admin."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    PROVINCE_STAFF = "province_staff", _("Province staff")
    BRANCH_LEADER = "branch_leader", _("Branch leader")
    DEPARTMENT_REP = "department_rep", _("Department representative")
    ADMINISTRATOR = "administrator", _("Administrator")


# Model permissions per role, as "app_label.codename"; sync_roles applies this table.
ROLE_PERMISSIONS = {
    Role.PROVINCE_STAFF: [
        "directory.view_orgunit",
        "directory.view_department",
        "directory.view_topiccategory",
        "directory.view_participantgroup",
        "directory.view_workdayoverride",
        "directory.add_workdayoverride",
        "directory.change_workdayoverride",
        "dialogues.view_dialoguesession",
        "dialogues.add_dialoguesession",
        "dialogues.change_dialoguesession",
        "dialogues.view_agendaitem",
        "dialogues.add_agendaitem",
        "dialogues.change_agendaitem",
        "dialogues.view_invitation",
        "dialogues.change_invitation",
        "dialogues.view_participantattendance",
        "dialogues.change_participantattendance",
        "dialogues.view_sessionstatuschange",
        "petitions.view_petition",
        "petitions.change_petition",
        "petitions.view_assignment",
        "petitions.change_assignment",
        "petitions.view_answer",
        "petitions.add_answer",
        "petitions.change_answer",
        "petitions.view_attachment",
        "petitions.view_petitionstatuschange",
        "petitions.view_answertemplate",
        "petitions.add_answertemplate",
        "petitions.change_answertemplate",
    ],
    # Branch leaders plan their subtree's sessions and submit petitions on the portal pages (not the admin).
    Role.BRANCH_LEADER: [
        "dialogues.view_dialoguesession",
        "dialogues.add_dialoguesession",
        "dialogues.change_dialoguesession",
        "dialogues.view_invitation",
        "petitions.add_petition",
        "petitions.view_petition",
    ],
    # Representatives reply to their own department's invitations and answer the petitions assigned to it
    # in the admin (PetitionAdmin.get_queryset shows them only those).
    Role.DEPARTMENT_REP: [
        "dialogues.view_invitation",
        "dialogues.change_invitation",
        "petitions.view_petition",
        "petitions.change_petition",
        "petitions.view_assignment",
        "petitions.change_assignment",
        "petitions.view_answer",
        "petitions.add_answer",
        "petitions.change_answer",
        "petitions.view_answertemplate",
    ],
    Role.ADMINISTRATOR: "__all__",
}
