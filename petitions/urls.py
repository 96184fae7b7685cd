from django.urls import path

from . import views

app_name = "petitions"

urlpatterns = [
    path("", views.petition_list, name="list"),
    path("new/", views.create, name="create"),
    path("triage/", views.triage, name="triage"),
    path("similar/", views.similar, name="similar"),
    path("bulk/", views.bulk, name="bulk"),
    path("import/", views.import_file, name="import"),
    path("import/template.xlsx", views.import_template, name="import_template"),
    path("import/confirm/", views.import_confirm, name="import_confirm"),
    path("files/<int:pk>/", views.download, name="download"),
    path("<int:pk>/", views.detail, name="detail"),
    path("<int:pk>/edit/", views.edit, name="edit"),
    path("<int:pk>/status/", views.change_status, name="status"),
    path("<int:pk>/assign/", views.assign, name="assign"),
    path("<int:pk>/assignments/<int:assignment_pk>/answer/", views.answer, name="answer"),
    path("<int:pk>/session/", views.link_session, name="session"),
    path("<int:pk>/merge/", views.merge, name="merge"),
    path("<int:pk>/archive/", views.archive, name="archive"),
    path("<int:pk>/attach/", views.attach, name="attach"),
    path("<int:pk>/publish/preview/", views.publish_preview, name="publish_preview"),
    path("<int:pk>/publish/", views.publish, name="publish"),
    path("<int:pk>/publish/withdraw/", views.withdraw, name="withdraw"),
]
