import sys

from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.mixins import LoginRequiredMixin
from django.db import InterfaceError, OperationalError
from django.http import HttpResponse, JsonResponse
from django.middleware.csrf import CsrfViewMiddleware
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.utils.decorators import method_decorator
from django.utils.translation import gettext as _
from django.views import View
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.defaults import server_error as django_server_error
from django.views.generic import FormView, TemplateView
from django.views.i18n import set_language as django_set_language

from . import mail_settings
from .forms import AccountDeleteForm, MailSettingsForm
from .health import health_report
from .health import overall as health_overall
from .pagecache import EVERY_APP, cache_for_visitors
from .plugins import hooks
from .privacy import user_data_export, user_delete

# What Django raises when the database cannot be reached or the connection was lost.
DATABASE_DOWN = (OperationalError, InterfaceError)


@method_decorator(cache_for_visitors(EVERY_APP, signed_in=True), name="dispatch")
class HomeView(TemplateView):
    """The front page. Each app that shows something here gives the hook
    `home_section = (template, function)` (portal.plugins); the function gets the request and returns
    the template's context. Apps add their part without the portal knowing their models. The
    sections are the same for everyone and are drawn by `{% home_sections %}` inside a shared
    part of the page, so their queries run only when that part is not in the cache."""

    template_name = "portal/home.html"


class AccountView(LoginRequiredMixin, TemplateView):
    template_name = "portal/account.html"

    def get_context_data(self, **kwargs):
        # Apps list the pages a user has with them (the `account_links` hook: request -> [(label, url)]),
        # so "Mitt konto" leads everywhere the user has something.
        links = [link for account_links in hooks("account_links") for link in account_links(self.request)]
        user = self.request.user
        return super().get_context_data(roles=user.roles.select_related("organisation"), links=links, **kwargs)


class MailSettingsView(LoginRequiredMixin, FormView):
    """ "E-postinställningar": the optional kinds of mail a person gets; required ones are listed."""

    template_name = "portal/mail_settings.html"
    form_class = MailSettingsForm

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "kinds": mail_settings.OPTIONAL}

    def get_initial(self):
        off = mail_settings.opted_out_kinds(self.request.user)
        return {"wanted": [kind for kind in mail_settings.OPTIONAL if kind not in off]}

    def get_context_data(self, **kwargs):
        return super().get_context_data(required=mail_settings.REQUIRED, **kwargs)

    def form_valid(self, form):
        mail_settings.mail_settings_save(user=self.request.user, wanted=set(form.cleaned_data["wanted"]))
        messages.success(self.request, _("Dina e-postinställningar är sparade."))
        return redirect("portal:mail-settings")


# The one-click POST of RFC 8058 comes from a mail program, without a session or a CSRF token: the
# signed token in the address is the proof. Any other POST here is checked for CSRF as usual.
@method_decorator([csrf_exempt, never_cache], name="dispatch")
class UnsubscribeView(View):
    """GET: a page that asks to confirm (links are opened by mail scanners, which must not unsubscribe
    anyone); POST: turn the kind off, one-click from the mail program or from that page."""

    def _read(self, token):
        try:
            return mail_settings.read_unsubscribe_token(token)
        except mail_settings.BadToken:
            return None

    def get(self, request, token):
        found = self._read(token)
        if found is None:
            return render(request, "portal/unsubscribe.html", {"bad": True}, status=400)
        user, kind = found
        return render(request, "portal/unsubscribe.html", {"kind_label": mail_settings.OPTIONAL[kind]})

    def post(self, request, token):
        one_click = request.POST.get("List-Unsubscribe") == "One-Click"
        if not one_click:
            refused = CsrfViewMiddleware(lambda r: None).process_view(request, None, (), {})
            if refused is not None:
                return refused
        found = self._read(token)
        if found is None:
            return render(request, "portal/unsubscribe.html", {"bad": True}, status=400)
        user, kind = found
        mail_settings.mail_unsubscribe(user=user, kind=kind)
        if one_click:
            return HttpResponse(status=200)
        return render(request, "portal/unsubscribe.html", {"kind_label": mail_settings.OPTIONAL[kind], "done": True})


# A person's data must not stay in a browser's or a proxy's cache after they downloaded it.
@method_decorator(never_cache, name="dispatch")
class DataExportView(LoginRequiredMixin, View):
    def get(self, request):
        data = user_data_export(user=request.user)
        response = JsonResponse(data, json_dumps_params={"ensure_ascii": False, "indent": 2})
        response["Content-Disposition"] = 'attachment; filename="mina-uppgifter.json"'
        return response


class AccountDeleteView(LoginRequiredMixin, FormView):
    template_name = "portal/account_delete.html"
    form_class = AccountDeleteForm

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "user": self.request.user}

    def form_valid(self, form):
        user = self.request.user
        logout(self.request)
        user_delete(user=user)
        messages.success(self.request, _("Ditt konto är raderat."))
        return redirect("portal:home")


@never_cache
def ping(request):
    """The smallest answer Django gives: no database, no template. For load balancers that only
    need to know the process is up, and the benchmarks' baseline (docs/benchmarks.md)."""
    return HttpResponse("pong\n", content_type="text/plain; charset=utf-8")


@never_cache
def healthz(request):
    report = health_report()
    status = health_overall(report)
    return JsonResponse({"status": status, "checks": report}, status=503 if status == "fail" else 200)


def set_language(request):
    """Django's language switch, remembering the choice on the account so e-mails follow it."""
    response = django_set_language(request)
    language = request.POST.get("language")
    user = request.user
    if request.method == "POST" and user.is_authenticated and language in ("sv", "en") and user.language != language:
        user.language = language
        user.save(update_fields=["language"])
    return response


# Seconds a visitor (or a crawler, or a load balancer) is asked to wait while the database is away.
DATABASE_RETRY_AFTER = 30


def server_error(request):
    """handler500: Django routes every uncaught exception of every view and middleware here.

    When the database cannot be reached (not started, restarting, failed over, out of connections),
    the answer is 503 with Retry-After and a short page that says the portal is briefly unavailable,
    not a 500 that says something is broken; the next request after it is back simply works (each
    request opens or health-checks its connection anew). Anything else is the usual 500 page.
    """
    error = sys.exc_info()[1]
    if isinstance(error, DATABASE_DOWN):
        body = render_to_string("503.html")  # no request: nothing on the page may need the database
        response = HttpResponse(body, status=503)
        response["Retry-After"] = str(DATABASE_RETRY_AFTER)
        response["Cache-Control"] = "no-store"
        return response
    return django_server_error(request)
