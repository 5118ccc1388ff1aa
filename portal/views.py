from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.mixins import LoginRequiredMixin
from django.http import HttpResponse, JsonResponse
from django.shortcuts import redirect
from django.utils.decorators import method_decorator
from django.utils.translation import gettext as _
from django.views import View
from django.views.decorators.cache import never_cache
from django.views.generic import FormView, TemplateView
from django.views.i18n import set_language as django_set_language

from .forms import AccountDeleteForm
from .health import health_report
from .pagecache import EVERY_APP, cache_for_visitors
from .plugins import hooks
from .privacy import user_data_export, user_delete


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
    healthy = all(state == "ok" for state in report.values())
    return JsonResponse({"status": "ok" if healthy else "fail", "checks": report}, status=200 if healthy else 503)


def set_language(request):
    """Django's language switch, remembering the choice on the account so e-mails follow it."""
    response = django_set_language(request)
    language = request.POST.get("language")
    user = request.user
    if request.method == "POST" and user.is_authenticated and language in ("sv", "en") and user.language != language:
        user.language = language
        user.save(update_fields=["language"])
    return response
