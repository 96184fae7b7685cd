"""The portal's URLs plus the benchmark's base-layout page: the site's layout and nothing else."""

from django.http import HttpResponse
from django.template import engines
from django.urls import path

from dialogue_portal.urls import urlpatterns as portal

LAYOUT = engines["django"].from_string('{% extends "base.html" %}{% block content %}<p>ok</p>{% endblock content %}')


def layout(request):
    return HttpResponse(LAYOUT.render({}, request))


urlpatterns = [path("ping/", layout, name="bench_layout"), *portal]
