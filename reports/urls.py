from django.urls import path

from . import views

app_name = "reports"

urlpatterns = [
    path("", views.index, name="index"),
    path("dashboard/", views.dashboard, name="dashboard"),
    path("export/<slug:kind>/", views.export, name="export"),
    path("jobs/<int:pk>/", views.job, name="job"),
    path("jobs/<int:pk>/status/", views.job_status, name="job_status"),
    path("jobs/<int:pk>/download/", views.download, name="download"),
    path("transmittals/", views.transmittals, name="transmittals"),
    path("transmittals/<int:pk>/file/", views.transmittal_file, name="transmittal_file"),
    path("sessions/<int:session_pk>/send-summary/", views.send_summary, name="send_summary"),
    path("sessions/<int:session_pk>/issue-plan/", views.issue_plan, name="issue_plan"),
    path("issued/<int:pk>/<str:file_format>/", views.issued_file, name="issued_file"),
]
