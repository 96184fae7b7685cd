from django.urls import path

from . import views

app_name = "dialogues"

urlpatterns = [
    path("", views.session_list, name="list"),
    path("calendar/", views.session_calendar_view, name="calendar"),
    path("agenda/", views.agenda, name="agenda"),
    path("statistics/", views.statistics, name="stats"),
    path("new/", views.session_create, name="create"),
    path("feed/rotate/", views.rotate_feed, name="rotate_feed"),
    path("feed/<str:token>.ics", views.feed, name="feed"),
    path("<int:pk>/", views.session_detail, name="detail"),
    path("<int:pk>/edit/", views.session_edit, name="edit"),
    path("<int:pk>/ics/", views.session_ics, name="ics"),
    path("<int:pk>/status/<str:to_status>/", views.session_transition, name="transition"),
    path("<int:pk>/agenda/add/", views.agenda_add, name="agenda_add"),
    path("<int:pk>/agenda/reorder/", views.agenda_reorder, name="agenda_reorder"),
    path("<int:pk>/agenda/<int:item_pk>/remove/", views.agenda_remove, name="agenda_remove"),
    path("<int:pk>/agenda/<int:item_pk>/<str:direction>/", views.agenda_move, name="agenda_move"),
    path("<int:pk>/attendance/", views.attendance, name="attendance"),
    path("<int:pk>/minutes/", views.minutes, name="minutes"),
    path("<int:pk>/plan/", views.plan, name="plan"),
    path("<int:pk>/plan/tasks/<int:task_pk>/remove/", views.plan_task_remove, name="plan_task_remove"),
    path("<int:pk>/archive/", views.archive, name="archive"),
    path("<int:pk>/recommendations/add/", views.recommendation_add, name="recommendation_add"),
    path("<int:pk>/recommendations/<int:rec_pk>/edit/", views.recommendation_edit, name="recommendation_edit"),
    path(
        "<int:pk>/recommendations/<int:rec_pk>/follow-up/",
        views.recommendation_follow_up,
        name="recommendation_follow_up",
    ),
    path("<int:pk>/recommendations/<int:rec_pk>/publish/", views.recommendation_publish, name="recommendation_publish"),
    path("<int:pk>/recommendations/<int:rec_pk>/remove/", views.recommendation_remove, name="recommendation_remove"),
    path("<int:pk>/opinions/add/", views.opinion_add, name="opinion_add"),
    path("<int:pk>/opinions/<int:opinion_pk>/edit/", views.opinion_edit, name="opinion_edit"),
    path("<int:pk>/opinions/<int:opinion_pk>/remove/", views.opinion_remove, name="opinion_remove"),
    path("<int:pk>/publish/preview/", views.publish_preview, name="publish_preview"),
    path("<int:pk>/publish/", views.publish, name="publish"),
    path("<int:pk>/publish/withdraw/", views.withdraw, name="withdraw"),
]
