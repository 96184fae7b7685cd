"""The framework floor: a bare Django view behind SecurityMiddleware and CommonMiddleware only.

Served by the same gunicorn with the same worker count as the portal (``DJANGO_SETTINGS_MODULE=bench.floor``,
app ``django.core.wsgi:get_wsgi_application()``); every page's ratio is measured against it.
This module is both the settings and the URLconf.
"""

from django.http import HttpResponse
from django.urls import path

DEBUG = False
SECRET_KEY = "bench-floor-only"  # serves one constant page, signs nothing
ALLOWED_HOSTS = ["127.0.0.1", "localhost"]
ROOT_URLCONF = "bench.floor"
INSTALLED_APPS: list[str] = []
DATABASES: dict = {}
USE_TZ = True
MIDDLEWARE = ["django.middleware.security.SecurityMiddleware", "django.middleware.common.CommonMiddleware"]


def ok(request):
    return HttpResponse("ok")


urlpatterns = [path("", ok), path("ok/", ok)]
