from django.contrib import admin
from django.urls import include, path
from django.utils.translation import gettext_lazy as _

from dialogue_portal.accounts.forms import AdminLoginForm
from dialogue_portal.accounts.views import admin_password_change
from dialogue_portal.admin_guard import guard_site
from dialogue_portal.beat_admin import harden_beat_admin

admin.site.site_header = _("Policy dialogue portal — administration")
admin.site.site_title = _("Policy dialogue portal")
admin.site.index_title = _("Administration")
admin.site.login_form = AdminLoginForm
harden_beat_admin(admin.site)
guard_site(admin.site)  # every admin, third-party ones too, filters only by what it declares

urlpatterns = [
    # Ahead of the admin's own: the same page, counting wrong old passwords towards the lock-out.
    path("admin/password_change/", admin.site.admin_view(admin_password_change)),
    path("admin/", admin.site.urls),
    path("i18n/", include("django.conf.urls.i18n")),
    path("sessions/", include("dialogues.urls")),
    path("petitions/", include("petitions.urls")),
    path("reports/", include("reports.urls")),
    path("public/", include("public.urls")),
    path("", include("petitions.pwa_urls")),  # /sw.js and /manifest.webmanifest
    path("", include("dialogue_portal.accounts.urls")),
]

# Error pages in the site's layout and the visitor's language.
handler400 = "public.errors.bad_request"
handler403 = "public.errors.permission_denied"
handler404 = "public.errors.page_not_found"
handler500 = "public.errors.server_error"
