"""Public pages for events: the list, an event and its programme, registering, one's own
registrations and calendar, the follow-up of the round tables, and speed-date schedules."""

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.decorators import method_decorator
from django.utils.functional import SimpleLazyObject
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import DetailView, FormView, TemplateView
from django_filters.views import FilterView

from portal.pagecache import cache_for_visitors
from portal.selectors import companies_of, schools_of

from . import selectors, services
from .calendar import event_ics, feed_ics
from .filters import EventFilter
from .forms import ActionItemStatusForm, RegistrationDetailsForm, RegistrationForm
from .models import CalendarFeed, Registration

# What the public pages show comes from these apps (stored pages are renewed when they change).
for_visitors = method_decorator(cache_for_visitors("events", "projects", "portal"), name="dispatch")
# Pages that show a signed-in person nothing of their own but links: kept for them too.
for_everyone = method_decorator(cache_for_visitors("events", "projects", "portal", signed_in=True), name="dispatch")


@for_everyone
class EventListView(FilterView):
    template_name = "events/event_list.html"
    filterset_class = EventFilter
    paginate_by = 12
    context_object_name = "events"

    def get_queryset(self):
        return selectors.events_listed()


def _visible_event_or_404(user, slug: str):
    event = selectors.event_visible(user, slug)
    if event is None:
        raise Http404
    return event


@for_visitors
class EventDetailView(DetailView):
    template_name = "events/event_detail.html"
    context_object_name = "event"

    def get_object(self, queryset=None):
        self.page = selectors.event_page(self.request.user, self.kwargs["slug"])
        if self.page is None:
            raise Http404
        return self.page.event

    def get_context_data(self, **kwargs):
        event, page = self.object, self.page
        user = self.request.user
        registration = selectors.registration_of(user, event)
        if registration is not None and registration.status == Registration.Status.WAITLISTED:
            registration.waitlist_position = selectors.waitlist_position(registration)
        can_edit = user.is_authenticated and selectors.can_edit_event(user, event)
        show_participants = selectors.may_see_participants(user, event, registration, can_edit=can_edit)
        return super().get_context_data(
            availability=page.availability,
            projects=page.projects,
            # Made only if the part of the page that shows it is not in the cache.
            programme=SimpleLazyObject(lambda: selectors.programme_of(event)),
            registration=registration,
            registration_state=event.registration_state(),
            participants=selectors.participants_listed(event) if show_participants else None,
            can_edit=can_edit,
            round_tables_event=page.round_tables_event,
            **kwargs,
        )


def _initial_organisation(user) -> dict:
    """Prefill from the roles the person holds, so most people need not type it."""
    company = companies_of(user).first()
    if company:
        return {"organisation_type": Registration.OrganisationType.INDUSTRY, "organisation_name": company.name}
    school = schools_of(user).first()
    if school:
        return {"organisation_type": Registration.OrganisationType.SCHOOL, "organisation_name": school.name}
    return {}


class RegisterView(LoginRequiredMixin, FormView):
    template_name = "events/registration_form.html"
    form_class = RegistrationForm

    def dispatch(self, request, *args, **kwargs):
        self.event = _visible_event_or_404(request.user, kwargs["slug"])
        self.availability = selectors.event_availability(self.event)
        return super().dispatch(request, *args, **kwargs)

    def get(self, request, *args, **kwargs):
        existing = selectors.registration_of(request.user, self.event) if request.user.is_authenticated else None
        if existing is not None and existing.is_active:
            messages.info(request, _("Du är redan anmäld till %(event)s.") % {"event": self.event.title})
            return redirect("events:my-registrations")
        return super().get(request, *args, **kwargs)

    def get_initial(self):
        return _initial_organisation(self.request.user)

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "event": self.event, "availability": self.availability}

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            event=self.event,
            availability=self.availability,
            registration_state=self.event.registration_state(),
            **kwargs,
        )

    def form_valid(self, form):
        data = form.cleaned_data
        try:
            registration = services.registration_create(
                event=self.event,
                user=self.request.user,
                track=data.get("track"),
                organisation_type=data["organisation_type"],
                organisation_name=data["organisation_name"],
                dietary_needs=data["dietary_needs"],
                accessibility_needs=data["accessibility_needs"],
                consent_to_list=data["consent_to_list"],
            )
        except services.EventError as error:
            form.add_error(None, error.message)
            return self.form_invalid(form)
        if registration.status == Registration.Status.CONFIRMED:
            messages.success(
                self.request,
                _("Du är anmäld till %(event)s. En bekräftelse med kalenderfil kommer till din e-post.")
                % {"event": self.event.title},
            )
        else:
            position = selectors.waitlist_position(registration)
            messages.warning(
                self.request,
                _(
                    "Det är fullsatt, så du står på väntelistan som nummer %(position)d. "
                    "Du får e-post om du får en plats."
                )
                % {"position": position},
            )
        return redirect("events:my-registrations")


class MyRegistrationsView(LoginRequiredMixin, TemplateView):
    template_name = "events/my_registrations.html"

    def get_context_data(self, **kwargs):
        registrations = list(selectors.registrations_of(self.request.user))
        now = timezone.now()
        upcoming = [r for r in registrations if not r.event.is_past(now)]
        past = [r for r in registrations if r.event.is_past(now)]
        past.reverse()
        feed = CalendarFeed.objects.filter(user=self.request.user).first()
        return super().get_context_data(
            upcoming=upcoming,
            past=past,
            speed_date_ids=selectors.registrations_in_speed_dates(self.request.user),
            feed=feed,
            feed_url=self.request.build_absolute_uri(feed.get_absolute_url()) if feed else None,
            **kwargs,
        )


def _own_registration(request, pk) -> Registration:
    return get_object_or_404(Registration.objects.select_related("event", "track"), pk=pk, user=request.user)


class RegistrationCancelView(LoginRequiredMixin, View):
    """GET asks to confirm (a place given up may go to someone else at once); POST cancels."""

    def get(self, request, pk):
        registration = _own_registration(request, pk)
        if not registration.is_active:
            return redirect("events:my-registrations")
        return render(request, "events/registration_cancel.html", {"registration": registration})

    def post(self, request, pk):
        registration = _own_registration(request, pk)
        try:
            services.registration_cancel(registration=registration)
        except services.EventError as error:
            messages.error(request, error.message)
        else:
            messages.success(request, _("Din anmälan till %(event)s är avbokad.") % {"event": registration.event.title})
        return redirect("events:my-registrations")


class RegistrationEditView(LoginRequiredMixin, FormView):
    template_name = "events/registration_edit.html"
    form_class = RegistrationDetailsForm

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated:
            self.registration = _own_registration(request, kwargs["pk"])
            if not self.registration.is_active or self.registration.event.is_past():
                raise Http404
        return super().dispatch(request, *args, **kwargs)

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "instance": self.registration}

    def get_context_data(self, **kwargs):
        return super().get_context_data(registration=self.registration, event=self.registration.event, **kwargs)

    def form_valid(self, form):
        # The form is bound to the registration for its initial values; the change goes through the service.
        data = form.cleaned_data
        try:
            services.registration_update(registration=self.registration, **data)
        except services.EventError as error:
            form.add_error(None, error.message)
            return self.form_invalid(form)
        messages.success(self.request, _("Dina uppgifter är sparade."))
        return redirect("events:my-registrations")


class EventCalendarView(View):
    def get(self, request, slug):
        event = _visible_event_or_404(request.user, slug)
        response = HttpResponse(event_ics(event), content_type="text/calendar; charset=utf-8")
        response["Content-Disposition"] = f'attachment; filename="{event.slug}.ics"'
        return response


class CalendarFeedView(View):
    """A person's subscription address. No login: calendar programs cannot sign in, so the
    long random token in the address is the key."""

    def get(self, request, token):
        feed = get_object_or_404(CalendarFeed.objects.select_related("user"), token=token)
        if not feed.user.is_active:
            raise Http404
        response = HttpResponse(
            feed_ics(selectors.feed_registrations(feed.user)), content_type="text/calendar; charset=utf-8"
        )
        response["Cache-Control"] = "private, max-age=900"
        response["X-Robots-Tag"] = "noindex"
        return response


class CalendarFeedRenewView(LoginRequiredMixin, View):
    def post(self, request):
        had_feed = CalendarFeed.objects.filter(user=request.user).exists()
        services.calendar_feed_renew(user=request.user)
        if had_feed:
            messages.success(request, _("Du har fått en ny kalenderadress. Den gamla slutar fungera."))
        else:
            messages.success(request, _("Din kalenderadress är skapad."))
        return redirect(reverse("events:my-registrations") + "#kalender")


@for_visitors
class FollowUpView(DetailView):
    """The round tables of an event: what each municipality promised and what has been done.
    Organisers of the event update the status here at the follow-up meeting."""

    template_name = "events/follow_up.html"
    context_object_name = "event"

    def get_object(self, queryset=None):
        return _visible_event_or_404(self.request.user, self.kwargs["slug"])

    def get_context_data(self, **kwargs):
        event = self.object
        tables = list(selectors.round_tables_of(event))
        if not tables:
            raise Http404
        can_edit = self.request.user.is_authenticated and selectors.can_edit_event(self.request.user, event)
        if can_edit:
            for table in tables:
                for item in table.action_items.all():
                    item.status_form = _status_form(item)
        return super().get_context_data(
            tables=tables,
            summaries=selectors.follow_up_summary(tables),
            can_edit=can_edit,
            follow_ups=event.follow_ups.public().order_by("starts_at"),
            **kwargs,
        )


def _status_form(item) -> ActionItemStatusForm:
    return ActionItemStatusForm(initial={"status": item.status, "outcome": item.outcome}, prefix=f"item-{item.pk}")


class ActionItemUpdateView(LoginRequiredMixin, View):
    def post(self, request, pk):
        item = get_object_or_404(
            selectors.action_items_editable_by(request.user).select_related("table__event", "table__municipality"),
            pk=pk,
        )
        form = ActionItemStatusForm(request.POST, prefix=f"item-{item.pk}")
        saved = False
        if form.is_valid():
            item = services.action_item_update(item=item, by=request.user, **form.cleaned_data)
            saved = True
        if request.htmx:
            return render(
                request,
                "events/_action_item.html",
                {"item": item, "form": _status_form(item) if saved else form, "can_edit": True, "saved": saved},
            )
        if saved:
            messages.success(request, _("Åtgärden är uppdaterad."))
        else:
            messages.error(request, _("Åtgärden kunde inte sparas. Välj en giltig status."))
        return redirect(reverse("events:follow-up", kwargs={"slug": item.table.event.slug}) + f"#item-{item.pk}")


class MySpeedDateView(LoginRequiredMixin, TemplateView):
    """A participant's own speed-date schedule: table and partner round by round."""

    template_name = "events/speed_date_mine.html"

    def get_context_data(self, **kwargs):
        registration = _own_registration(self.request, self.kwargs["pk"])
        speed_dates = list(selectors.speed_dates_of(registration))
        if not speed_dates:
            raise Http404
        schedules = [selectors.speed_date_schedule(speed_date, only=registration) for speed_date in speed_dates]
        return super().get_context_data(registration=registration, schedules=schedules, **kwargs)
