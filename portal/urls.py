from allauth.account.decorators import secure_admin_login
from django.conf import settings
from django.contrib import admin
from django.urls import include, path
from django.views.generic import TemplateView

from . import views
from .admin_scoping import view_on_site_in_scope
from .pagecache import cache_for_visitors

# One way to sign in, with one rate limit and lockout: the admin's own login form checks no password,
# it sends the signed-out to the portal's login page (and refuses the signed-in who are not staff).
admin.site.login = secure_admin_login(admin.site.login)

# Pages with nothing personal but the menus: kept for everyone (see portal.pagecache).
for_everyone = cache_for_visitors(signed_in=True)

portal_patterns = [
    path("", views.HomeView.as_view(), name="home"),
    path("mitt-konto/", views.AccountView.as_view(), name="account"),
    path("mitt-konto/mina-uppgifter.json", views.DataExportView.as_view(), name="data-export"),
    path("mitt-konto/radera/", views.AccountDeleteView.as_view(), name="account-delete"),
    path("mitt-konto/e-post/", views.MailSettingsView.as_view(), name="mail-settings"),
    path("e-post/avbestall/<str:token>/", views.UnsubscribeView.as_view(), name="unsubscribe"),
    path(
        "tillganglighet/",
        for_everyone(TemplateView.as_view(template_name="portal/accessibility.html")),
        name="accessibility",
    ),
    path("kakor/", for_everyone(TemplateView.as_view(template_name="portal/cookies.html")), name="cookies"),
]

urlpatterns = [
    path("", include((portal_patterns, "portal"))),
    path("", include("projects.urls")),  # /projekt/, /kurser/, /mitt-foretag/
    path("healthz", views.healthz, name="healthz"),
    path("ping", views.ping, name="ping"),
    path("i18n/setlang/", views.set_language, name="set_language"),
    path("konto/", include("allauth.urls")),
    path("ambassadorer/", include("ambassadors.urls")),
    # Before the admin's own "view on site" redirect (same address), which is not scoped.
    path("admin/r/<int:content_type_id>/<path:object_id>/", admin.site.admin_view(view_on_site_in_scope)),
    path("admin/", admin.site.urls),
    path("evenemang/", include("events.urls")),
]

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

handler500 = "portal.views.server_error"
