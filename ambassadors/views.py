from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.db.models import Prefetch
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.cache import patch_cache_control
from django.utils.decorators import method_decorator
from django.utils.translation import gettext as _
from django.views import View
from django.views.decorators.http import require_GET
from django.views.generic import DetailView, ListView
from django_filters.views import FilterView

from portal.lists import DeferredListMixin
from portal.models import Role
from portal.pagecache import cache_for_visitors
from portal.selectors import schools_of, user_has_role

from . import services
from .calendar import has_calendar, visit_ics
from .exceptions import AmbassadorError, InvitationOtherAccount, NothingChanged
from .filters import AmbassadorFilter
from .forms import (
    CancelForm,
    ConsentForm,
    DateTimeChoiceForm,
    FeedbackForm,
    MessageForm,
    ProfileForm,
    VisitRequestForm,
)
from .models import Ambassador, ConsentText, ProfileChange, VisitRequest, VisitRequestEvent
from .selectors import (
    ambassador_of,
    ambassador_visible_to,
    ambassadors_for_cards,
    featured_current,
    name_ordering,
    photo_for,
    visit_request_party,
    visit_request_rows,
    visit_request_sides,
    visit_requests_for,
)

# --- Public pages -------------------------------------------------------------------------------

# What the public pages show comes from these apps (stored pages are renewed when they change).
for_visitors = method_decorator(cache_for_visitors("ambassadors", "projects", "portal"), name="dispatch")
# The search shows a signed-in person nothing of their own but links their kind decides: kept for them too.
for_everyone = method_decorator(
    cache_for_visitors("ambassadors", "projects", "portal", signed_in=True), name="dispatch"
)


@for_everyone
class AmbassadorListView(DeferredListMixin, FilterView):
    """Browse and search; the filter state is the query string, so a search can be bookmarked and shared."""

    filterset_class = AmbassadorFilter
    template_name = "ambassadors/list.html"
    paginate_by = 12
    page_kwarg = "sida"
    strict = False  # a stale value in a shared link is ignored (and shown as an error), not an empty page
    deferred = (*DeferredListMixin.deferred, "ambassador_list", "query_string", "is_filtered", "ambassador_of_the_week")

    def get_queryset(self):
        return ambassadors_for_cards().order_by(name_ordering(), "pk")

    def get_template_names(self):
        if self.request.htmx and not self.request.htmx.boosted:
            return ["ambassadors/_results.html"]
        return [self.template_name]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        params = self.request.GET.copy()
        params.pop(self.page_kwarg, None)
        context["query_string"] = params.urlencode()
        filterset = context["filter"]
        context["is_filtered"] = filterset.is_filtered
        if not filterset.is_filtered and not self.request.htmx:
            context["ambassador_of_the_week"] = featured_current()
        return context


@for_visitors
class AmbassadorDetailView(DetailView):
    template_name = "ambassadors/detail.html"
    context_object_name = "ambassador"

    def get_object(self, queryset=None):
        ambassador = ambassador_visible_to(self.request.user, slug=self.kwargs["slug"])
        if ambassador is None:
            raise Http404
        return ambassador

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        ambassador = self.object
        user = self.request.user
        context.update(
            is_public=ambassador.is_public(),
            education_paths=list(ambassador.education_paths.all()),
            languages=list(ambassador.languages.all()),
            age_groups=list(ambassador.age_groups.all()),
            can_request=user.is_authenticated and schools_of(user).exists(),
            is_own=user.is_authenticated and ambassador.user_id == user.id,
        )
        return context


@require_GET
def photo(request, pk: int, filename: str):
    """Profile photos are served here rather than from MEDIA_URL, so that a hidden profile's photo
    (no consent, unpublished, or edits awaiting approval) is not reachable by its address."""
    ambassador = get_object_or_404(Ambassador, pk=pk)
    found = photo_for(request.user, ambassador, f"ambassadors/photos/{filename}")
    if found is None:
        raise Http404
    file, is_public = found
    try:
        response = FileResponse(file.open("rb"), content_type="image/jpeg")
    except FileNotFoundError:
        raise Http404 from None
    # The name changes with every new photo, so a public one may be cached; hidden ones may not.
    if is_public:
        patch_cache_control(response, public=True, max_age=86400)
    else:
        patch_cache_control(response, private=True, no_store=True)
    return response


# --- Visit requests -----------------------------------------------------------------------------


class VisitRequestCreateView(LoginRequiredMixin, View):
    template_name = "ambassadors/visit_request_form.html"

    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_authenticated:
            return self.handle_no_permission()
        self.ambassador = get_object_or_404(ambassadors_for_cards(), slug=kwargs["slug"])
        return super().dispatch(request, *args, **kwargs)

    def render(self, form=None):
        has_school = schools_of(self.request.user).exists()
        return render(
            self.request,
            self.template_name,
            {
                "ambassador": self.ambassador,
                "form": form,
                "has_school": has_school,
            },
            status=200 if form is None or not form.errors else 400,
        )

    def get(self, request, slug):
        if not schools_of(request.user).exists():
            return self.render()
        return self.render(VisitRequestForm(user=request.user, ambassador=self.ambassador))

    def post(self, request, slug):
        if not schools_of(request.user).exists():
            return self.render()
        form = VisitRequestForm(request.POST, user=request.user, ambassador=self.ambassador)
        if not form.is_valid():
            return self.render(form)
        data = form.cleaned_data
        try:
            visit_request = services.visit_request_create(
                ambassador=self.ambassador,
                requested_by=request.user,
                school=data["school"],
                group_name=data["group_name"],
                school_year=data["school_year"],
                pupils=data["pupils"],
                first_choice=data["first_choice"],
                second_choice=data["second_choice"],
                third_choice=data["third_choice"],
                format=data["format"],
                message=data["message"],
            )
        except AmbassadorError as error:
            form.add_error(None, str(error))
            return self.render(form)
        messages.success(
            request,
            _("Din förfrågan är skickad till %(name)s. Du får e-post när den besvaras.")
            % {"name": self.ambassador.display_name},
        )
        return redirect(visit_request)


class VisitRequestListView(LoginRequiredMixin, ListView):
    template_name = "ambassadors/request_list.html"
    context_object_name = "visit_requests"
    paginate_by = 20
    page_kwarg = "sida"

    def get_queryset(self):
        return (
            visit_requests_for(self.request.user)
            .select_related("ambassador__profession", "school", "requested_by")
            .order_by("-updated_at", "-pk")
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["rows"] = visit_request_rows(self.request.user, context["visit_requests"])
        return context


def _visit_request_or_404(user, pk) -> VisitRequest:
    queryset = (
        visit_requests_for(user)
        .select_related(
            "ambassador__user", "ambassador__profession", "ambassador__municipality", "school", "requested_by"
        )
        .prefetch_related(Prefetch("events", VisitRequestEvent.objects.select_related("actor")), "feedback")
    )
    return get_object_or_404(queryset, pk=pk)


def _render_request(request, visit_request: VisitRequest, *, forms=None, status=200):
    party = visit_request_party(request.user, visit_request)
    actions = services.actions_available(visit_request, party.sides)
    forms = dict(forms or {})
    for name in actions:
        if name not in forms:
            forms[name] = VisitRequestActionView.form_for(name, visit_request=visit_request)
    return render(
        request,
        "ambassadors/request_detail.html",
        {
            "visit_request": visit_request,
            "is_school": party.is_school,
            "is_ambassador_side": party.is_ambassador_side,
            "acting_for_ambassador": party.acting_for_ambassador,
            "actions": [(name, services.TRANSITIONS[name].label, forms[name]) for name in actions],
            "feedback_open": bool(services.feedback_sides_open(visit_request, party.sides)),
            "my_feedback": party.own_feedback,
            "has_calendar": has_calendar(visit_request) and visit_request.state == VisitRequest.State.ACCEPTED,
        },
        status=status,
    )


class VisitRequestDetailView(LoginRequiredMixin, View):
    def get(self, request, pk):
        return _render_request(request, _visit_request_or_404(request.user, pk))


class VisitCalendarView(LoginRequiredMixin, View):
    """The booked visit as a calendar file, for the teacher and the ambassador's side alike."""

    def get(self, request, pk):
        visit_request = _visit_request_or_404(request.user, pk)
        if not has_calendar(visit_request):
            raise Http404
        response = HttpResponse(visit_ics(visit_request), content_type="text/calendar; charset=utf-8")
        response["Content-Disposition"] = f'attachment; filename="besok-{visit_request.pk}.ics"'
        return response


class VisitRequestActionView(LoginRequiredMixin, View):
    """One POST endpoint per step; the service checks state and side after locking the row."""

    def post(self, request, pk, action):
        visit_request = _visit_request_or_404(request.user, pk)
        if action not in services.TRANSITIONS:
            raise Http404
        form = self.form_for(action, data=request.POST, visit_request=visit_request)
        if not form.is_valid():
            return _render_request(request, visit_request, forms={action: form}, status=400)
        message = form.cleaned_data.get("message", "")
        try:
            if action == "accept":
                services.visit_request_accept(
                    visit_request=visit_request, by=request.user, scheduled_for=form.moment(), message=message
                )
                text = _("Besöket är bokat. Skolan får ett bekräftelsemejl.")
            elif action == "propose":
                services.visit_request_propose(
                    visit_request=visit_request, by=request.user, proposed_for=form.moment(), message=message
                )
                text = _("Ditt förslag är skickat till skolan.")
            elif action == "decline":
                services.visit_request_decline(visit_request=visit_request, by=request.user, message=message)
                text = _("Du har tackat nej. Skolan får besked.")
            elif action == "accept_proposal":
                services.visit_request_accept_proposal(visit_request=visit_request, by=request.user, message=message)
                text = _("Besöket är bokat. Ambassadören får besked.")
            elif action == "withdraw":
                services.visit_request_withdraw(visit_request=visit_request, by=request.user, message=message)
                text = _("Förfrågan är tillbakatagen.")
            elif action == "reschedule":
                services.visit_request_reschedule(
                    visit_request=visit_request, by=request.user, scheduled_for=form.moment(), message=message
                )
                text = _("Besöket är flyttat. Den andra parten får besked.")
            else:
                services.visit_request_cancel(visit_request=visit_request, by=request.user, message=message)
                text = _("Besöket är inställt. Den andra parten får besked.")
        except AmbassadorError as error:
            messages.error(request, str(error))
        else:
            messages.success(request, text)
        return redirect("ambassadors:request-detail", pk=pk)

    @staticmethod
    def form_for(action, *, visit_request, data=None):
        if action == "accept":
            return DateTimeChoiceForm(
                data,
                prefix=action,
                initial={"date": visit_request.first_choice},
                date_label=_("Datum för besöket"),
            )
        if action == "reschedule":
            return DateTimeChoiceForm(
                data,
                prefix=action,
                date_label=_("Nytt datum"),
                message_label=_("Meddelande till den andra parten"),
            )
        if action == "propose":
            return DateTimeChoiceForm(data, prefix=action, date_label=_("Föreslaget datum"))
        if action == "cancel":
            return CancelForm(data, prefix=action)
        return MessageForm(data, prefix=action)


class FeedbackView(LoginRequiredMixin, View):
    template_name = "ambassadors/feedback_form.html"

    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_authenticated:
            return self.handle_no_permission()
        self.visit_request = _visit_request_or_404(request.user, kwargs["pk"])
        return super().dispatch(request, *args, **kwargs)

    def _render(self, form, status=200):
        return render(
            self.request,
            self.template_name,
            {"visit_request": self.visit_request, "form": form},
            status=status,
        )

    def get(self, request, pk):
        sides = visit_request_sides(request.user, self.visit_request)
        if not services.feedback_sides_open(self.visit_request, sides):
            messages.info(request, _("Det finns ingen återkoppling att lämna på det här besöket."))
            return redirect(self.visit_request)
        return self._render(FeedbackForm())

    def post(self, request, pk):
        form = FeedbackForm(request.POST)
        if not form.is_valid():
            return self._render(form, status=400)
        try:
            services.visit_feedback_give(
                visit_request=self.visit_request,
                by=request.user,
                rating=form.cleaned_data["rating"],
                comment=form.cleaned_data["comment"],
            )
        except AmbassadorError as error:
            messages.error(request, str(error))
        else:
            messages.success(request, _("Tack för din återkoppling!"))
        return redirect(self.visit_request)


# --- The ambassador's own profile ---------------------------------------------------------------


class OwnProfileMixin(LoginRequiredMixin):
    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_authenticated:
            return self.handle_no_permission()
        self.ambassador = ambassador_of(request.user)
        if self.ambassador is None:
            return render(
                request,
                "ambassadors/no_profile.html",
                {"is_ambassador": user_has_role(request.user, Role.Kind.AMBASSADOR)},
                status=404,
            )
        return super().dispatch(request, *args, **kwargs)


class ProfileEditView(OwnProfileMixin, View):
    template_name = "ambassadors/profile_form.html"

    def _pending(self):
        return self.ambassador.profile_changes.filter(status=ProfileChange.Status.PENDING).first()

    def _render(self, form, status=200):
        ambassador = self.ambassador
        consent = ambassador.current_consent()
        current_text = ConsentText.current()
        return render(
            self.request,
            self.template_name,
            {
                "ambassador": ambassador,
                "form": form,
                "pending": self._pending(),
                "is_public": ambassador.is_public(),
                "consent": consent,
                "consent_text": current_text,
                "consent_form": ConsentForm(initial={"text": current_text}) if current_text and not consent else None,
            },
            status=status,
        )

    def get(self, request):
        initial = services.profile_form_initial(self.ambassador, self._pending())
        return self._render(ProfileForm(instance=self.ambassador, initial=initial))

    def post(self, request):
        form = ProfileForm(request.POST, request.FILES, instance=Ambassador.objects.get(pk=self.ambassador.pk))
        if not form.is_valid():
            return self._render(form, status=400)
        try:
            pending = services.profile_update(
                ambassador=self.ambassador,
                by=request.user,
                data=form.cleaned_data,
                photo=form.cleaned_data["photo"] if "photo" in request.FILES else None,
                clear_photo=form.cleaned_data["photo"] is False,
            )
        except NothingChanged as error:
            messages.info(request, str(error))
            return redirect("ambassadors:my-profile")
        if pending is not None:
            messages.success(request, _("Tack! Ändringarna visas på din profil när projektledaren har godkänt dem."))
        elif self.ambassador.status == Ambassador.Status.PUBLISHED:
            messages.success(request, _("Din profil är som den publicerade. Inga ändringar väntar på godkännande."))
        else:
            messages.success(request, _("Din profil är sparad."))
        return redirect("ambassadors:my-profile")


class ProfileChangeDiscardView(OwnProfileMixin, View):
    def post(self, request):
        change = get_object_or_404(ProfileChange, ambassador=self.ambassador, status=ProfileChange.Status.PENDING)
        services.profile_change_discard(change=change, by=request.user)
        messages.success(request, _("Dina ändringar är borttagna. Profilen visas som förut."))
        return redirect("ambassadors:my-profile")


class ConsentGiveView(OwnProfileMixin, View):
    def post(self, request):
        form = ConsentForm(request.POST)
        if not form.is_valid():
            messages.error(request, _("Kryssa i rutan för att ge ditt samtycke."))
            return redirect(reverse("ambassadors:my-profile") + "#samtycke")
        try:
            services.consent_give(ambassador=self.ambassador, by=request.user, text=form.cleaned_data["text"])
        except AmbassadorError as error:
            messages.error(request, str(error))
        else:
            messages.success(request, _("Tack! Ditt samtycke är registrerat. Projektledaren publicerar din profil."))
        return redirect(reverse("ambassadors:my-profile") + "#samtycke")


class ConsentWithdrawView(OwnProfileMixin, View):
    template_name = "ambassadors/consent_withdraw.html"

    def get(self, request):
        return render(request, self.template_name, {"ambassador": self.ambassador})

    def post(self, request):
        services.consent_withdraw(ambassador=self.ambassador, by=request.user)
        messages.success(request, _("Ditt samtycke är återkallat och din profil visas inte längre."))
        return redirect("ambassadors:my-profile")


# --- Taking a profile one is invited to ----------------------------------------------------------


class InvitationView(LoginRequiredMixin, View):
    """The link in an invitation: signed in with the invited address, the person takes the profile
    (the account is linked and gets the ambassador role only on their "yes")."""

    template_name = "ambassadors/invitation.html"

    def get(self, request, token):
        try:
            ambassador = services.invitation_ambassador(token)
        except AmbassadorError as error:
            return render(request, self.template_name, {"error": error.message}, status=404)
        if request.user.email.strip().lower() != ambassador.invited_email:
            # Not even the profile's name for another account.
            error = InvitationOtherAccount.default_message
            return render(request, self.template_name, {"error": error}, status=403)
        return render(request, self.template_name, {"ambassador": ambassador})

    def post(self, request, token):
        try:
            services.ambassador_invitation_accept(token=token, user=request.user)
        except AmbassadorError as error:
            messages.error(request, error.message)
            return redirect("ambassadors:invitation", token=token)
        messages.success(request, _("Profilen är nu kopplad till ditt konto."))
        return redirect("ambassadors:my-profile")
