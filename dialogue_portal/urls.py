from django.contrib import admin
from django.urls import include, path
from django.utils.translation import gettext_lazy as _

admin.site.site_header = _("Policy dialogue portal — administration")
admin.site.site_title = _("Policy dialogue portal")
admin.site.index_title = _("Administration")

urlpatterns = [
    path("admin/", admin.site.urls),
    path("i18n/", include("django.conf.urls.i18n")),
    path("sessions/", include("dialogues.urls")),
    path("petitions/", include("petitions.urls")),
    path("reports/", include("reports.urls")),
    path("public/", include("public.urls")),
    path("", include("dialogue_portal.accounts.urls")),
]

# Error pages in the site's layout and the visitor's language.
handler403 = "public.errors.permission_denied"
handler404 = "public.errors.page_not_found"
handler500 = "public.errors.server_error"
