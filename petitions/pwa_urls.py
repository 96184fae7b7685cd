"""At the site's root: a service worker controls only the paths below its own address."""

from django.urls import path

from . import pwa

urlpatterns = [
    path("sw.js", pwa.service_worker, name="service_worker"),
    path("manifest.webmanifest", pwa.manifest, name="manifest"),
]
