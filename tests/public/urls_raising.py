"""The project's URLs plus views that raise, to see the 403 and 500 pages."""

from django.core.exceptions import PermissionDenied
from django.urls import path

from dialogue_portal.urls import *  # noqa: F403  (handler403/404/500 included)
from dialogue_portal.urls import urlpatterns as project_urlpatterns


def broken(request):
    raise RuntimeError("boom")


def forbidden(request):
    raise PermissionDenied


urlpatterns = [*project_urlpatterns, path("broken/", broken), path("forbidden/", forbidden)]
