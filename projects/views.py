"""Public project pages, the course catalogue and the company area ("Mitt företag").

Views are thin: they fetch through selectors (which decide what a user may see), call a service
to change anything, and turn the service's domain errors into messages.
"""

from itertools import chain
from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.db.models import Q
from django.http import Http404, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.decorators import method_decorator
from django.utils.functional import SimpleLazyObject, cached_property
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.generic import DetailView, FormView, ListView, TemplateView, View
from django.views.generic.dates import MonthArchiveView
from django_filters.views import FilterView

from portal.disclosure import protect_rows
from portal.lists import DeferredListMixin
from portal.pagecache import cache_for_visitors
from portal.selectors import companies_of
from portal.spreadsheets import csv_response

from . import selectors
from .calendar import occasion_ics
from .filters import OccasionFilter
from .forms import CompetenceNeedsForm, EmployeeForm, EnrolmentForm, StaffImportForm
from .models import CompetenceNeed, Course, CourseCategory, Enrolment, Occasion, Project
from .services.enrolment import enrolment_cancel, enrolments_create
from .services.errors import ProjectsError
from .services.needs import competence_needs_save
from .services.participation import participation_accept, participation_decline
from .services.staff import employee_create, employee_remove, employee_update, staff_import
from .staff_import import StaffFileInvalid

# --- Projects and news --------------------------------------------------------------------------

# What the public pages show comes from these apps (stored pages are renewed when they change).
for_visitors = method_decorator(cache_for_visitors("projects", "portal"), name="dispatch")
# Pages that show a signed-in person nothing of their own but the menus: kept for them too.
for_everyone = method_decorator(cache_for_visitors("projects", "portal", signed_in=True), name="dispatch")


@for_everyone
class ProjectListView(ListView):
    template_name = "projects/project_list.html"
    context_object_name = "projects"

    def get_queryset(self):
        return selectors.public_projects().order_by("name")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        # Counted (over all registrations) only if the part of the page that shows it is not in the cache.
        projects = context["projects"]
        context["rows"] = SimpleLazyObject(lambda: [(p, selectors.progress_rows(p)) for p in projects])
        return context


@for_visitors
class ProjectDetailView(DetailView):
    template_name = "projects/project_detail.html"
    context_object_name = "project"

    def get_queryset(self):
        return selectors.public_project_detail()

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        project = self.object
        today = timezone.localdate()
        leaders = project.all_leaders
        context.update(
            progress=selectors.progress_rows(project),
            current_leaders=[leader for leader in leaders if leader.is_current(today)],
            former_leaders=[leader for leader in leaders if leader.ended_on and leader.ended_on < today],
            latest_news=list(selectors.published_news().filter(project=project)[:3]),
            upcoming_occasions=selectors.catalogue_occasions().filter(course__project=project).count(),
        )
        # Staff by gender per company, with the counts that would point at a person left out.
        counts, context["workforce_total"] = protect_rows(
            [(p.women, p.men, p.non_binary) for p in project.participant_list]
        )
        context["participant_rows"] = [
            (participant.company, *row) for participant, row in zip(project.participant_list, counts, strict=True)
        ]
        context["figures_hidden"] = context["workforce_total"].rounded
        return context


class ProjectMixin:
    """Optional project in the URL: news lists and archives for one project or for all."""

    @cached_property
    def project(self):
        slug = self.kwargs.get("project_slug")
        if slug is None:
            return None
        return get_object_or_404(Project.objects.published(), slug=slug)

    def news_queryset(self):
        queryset = selectors.published_news()
        return queryset.filter(project=self.project) if self.project else queryset

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["project"] = self.project
        context["months"] = self.news_queryset().datetimes("published_at", "month", order="DESC")
        return context


@for_visitors
class NewsListView(ProjectMixin, ListView):
    template_name = "projects/news_list.html"
    context_object_name = "posts"
    paginate_by = 10

    def get_queryset(self):
        return self.news_queryset()


@for_visitors
class NewsMonthView(ProjectMixin, MonthArchiveView):
    template_name = "projects/news_month.html"
    context_object_name = "posts"
    date_field = "published_at"
    month_format = "%m"
    allow_empty = False
    allow_future = False

    def get_queryset(self):
        return self.news_queryset()


@for_visitors
class NewsDetailView(DetailView):
    template_name = "projects/news_detail.html"
    context_object_name = "post"

    def get_queryset(self):
        return selectors.published_news().filter(project__slug=self.kwargs["project_slug"])


# --- The course catalogue ----------------------------------------------------------------------


@for_everyone
class CatalogueView(DeferredListMixin, FilterView):
    filterset_class = OccasionFilter
    template_name = "projects/catalogue.html"
    context_object_name = "occasions"
    paginate_by = 20
    deferred = (*DeferredListMixin.deferred, "occasions", "query_string")

    def get_queryset(self):
        return selectors.catalogue_occasions()

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        query = self.request.GET.copy()
        query.pop("page", None)
        context["query_string"] = query.urlencode()
        return context


@for_visitors
class CourseDetailView(DetailView):
    template_name = "projects/course_detail.html"
    context_object_name = "course"

    def get_queryset(self):
        return Course.objects.filter(project__status=Project.Status.PUBLISHED).select_related(
            "project", "category", "provider"
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["occasions"] = selectors.catalogue_occasions().filter(course=self.object)
        return context


@for_visitors
class OccasionDetailView(DetailView):
    template_name = "projects/occasion_detail.html"
    context_object_name = "occasion"

    def get_object(self, queryset=None):
        try:
            return selectors.occasion_for_registration(self.kwargs["pk"])
        except Occasion.DoesNotExist as error:
            raise Http404 from error

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        occasion = self.object
        companies = list(companies_of(self.request.user)) if self.request.user.is_authenticated else []
        context["companies"] = companies
        context["own_enrolments"] = (
            list(
                Enrolment.objects.active()
                .filter(occasion=occasion, company__in=companies)
                .select_related("employee", "company")
                .order_by("company__name", "status", "created")
            )
            if companies
            else []
        )
        context["registration_open"] = occasion.is_open_for_registration()
        context["is_past"] = occasion.starts_at < timezone.now()
        return context


class OccasionCalendarView(View):
    """The occasion as a calendar file, for anyone who may see the occasion."""

    def get(self, request, pk):
        try:
            occasion = selectors.occasion_for_registration(pk)
        except Occasion.DoesNotExist as error:
            raise Http404 from error
        response = HttpResponse(occasion_ics(occasion), content_type="text/calendar; charset=utf-8")
        response["Content-Disposition"] = f'attachment; filename="kurstillfalle-{occasion.pk}.ics"'
        return response


# --- Mitt företag ---------------------------------------------------------------------------------


class CompanyIndexView(LoginRequiredMixin, TemplateView):
    template_name = "projects/company/index.html"

    def get(self, request, *args, **kwargs):
        companies = list(companies_of(request.user))
        if len(companies) == 1:
            return redirect("projects:company", company_pk=companies[0].pk)
        return self.render_to_response(self.get_context_data(companies=companies))


class CompanyMixin(LoginRequiredMixin):
    """The company in the URL, if the user is its contact; for anyone else it does not exist (404)."""

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated:
            self.company = get_object_or_404(companies_of(request.user), pk=kwargs["company_pk"])
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        return super().get_context_data(company=self.company, **kwargs)


class CompanyDashboardView(CompanyMixin, TemplateView):
    template_name = "projects/company/dashboard.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        now = timezone.now()
        context["staff_count"] = selectors.staff_of(self.company).count()
        context["upcoming"] = list(
            selectors.enrolments_of(self.company)
            .active()
            .filter(occasion__starts_at__gte=now)
            .order_by("occasion__starts_at", "pk")[:10]
        )
        context["needs_count"] = CompetenceNeed.objects.filter(company=self.company).count()
        context["participation_requests"] = list(selectors.participation_requests_of(self.company))
        return context


class ParticipationAnswerView(CompanyMixin, View):
    """The company's answer to a project that asked it to take part: accept or decline."""

    answers = {"tacka-ja": participation_accept, "tacka-nej": participation_decline}

    def post(self, request, company_pk, pk, answer):
        service = self.answers.get(answer)
        participation = get_object_or_404(selectors.participation_requests_of(self.company), pk=pk)
        if service is None:
            raise Http404
        try:
            service(participation=participation, by=request.user)
        except ProjectsError as error:
            messages.error(request, error.message)
        else:
            if answer == "tacka-ja":
                messages.success(
                    request,
                    _("%(company)s deltar nu i %(project)s.")
                    % {"company": self.company.name, "project": participation.project.name},
                )
            else:
                messages.success(
                    request, _("Ni har tackat nej till %(project)s.") % {"project": participation.project.name}
                )
        return redirect("projects:company", company_pk=self.company.pk)


class StaffListView(CompanyMixin, ListView):
    template_name = "projects/company/staff_list.html"
    context_object_name = "staff"
    paginate_by = 50

    def get_queryset(self):
        queryset = selectors.staff_of(self.company)
        if query := self.request.GET.get("q", "").strip():
            # A name, an address and a title are a few words; a pasted essay must not become
            # thousands of conditions (SQLite refuses them, PostgreSQL would crawl).
            for word in query.split()[:10]:
                queryset = queryset.filter(
                    Q(first_name__icontains=word)
                    | Q(last_name__icontains=word)
                    | Q(email__icontains=word)
                    | Q(job_title__icontains=word)
                )
        return queryset

    def get_context_data(self, **kwargs):
        query = self.request.GET.get("q", "").strip()
        return super().get_context_data(query=query, query_string=urlencode({"q": query}) if query else "", **kwargs)


class EmployeeCreateView(CompanyMixin, FormView):
    template_name = "projects/company/employee_form.html"
    form_class = EmployeeForm

    def form_valid(self, form):
        try:
            employee = employee_create(company=self.company, **form.cleaned_data)
        except ProjectsError as error:
            form.add_error("email", str(error))
            return self.form_invalid(form)
        messages.success(self.request, _("%(name)s är tillagd i personallistan.") % {"name": employee.full_name})
        return redirect("projects:staff", company_pk=self.company.pk)


class EmployeeMixin(CompanyMixin):
    @cached_property
    def employee(self):
        return get_object_or_404(selectors.staff_of(self.company), pk=self.kwargs["pk"])

    def get_context_data(self, **kwargs):
        return super().get_context_data(employee=self.employee, **kwargs)


class EmployeeUpdateView(EmployeeMixin, FormView):
    template_name = "projects/company/employee_form.html"
    form_class = EmployeeForm

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "instance": self.employee}

    def form_valid(self, form):
        try:
            employee_update(employee=self.employee, **form.cleaned_data)
        except ProjectsError as error:
            form.add_error("email", str(error))
            return self.form_invalid(form)
        messages.success(self.request, _("Uppgifterna för %(name)s är sparade.") % {"name": self.employee.full_name})
        return redirect("projects:staff", company_pk=self.company.pk)


class EmployeeDeleteView(EmployeeMixin, TemplateView):
    template_name = "projects/company/employee_confirm_delete.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["upcoming"] = list(
            self.employee.enrolments.active()
            .filter(occasion__starts_at__gt=timezone.now())
            .select_related("occasion__course")
        )
        return context

    def post(self, request, *args, **kwargs):
        name = self.employee.full_name
        employee_remove(employee=self.employee, by=request.user)
        messages.success(request, _("%(name)s är borttagen ur personallistan.") % {"name": name})
        return redirect("projects:staff", company_pk=self.company.pk)


class StaffImportView(CompanyMixin, FormView):
    template_name = "projects/company/staff_import.html"
    form_class = StaffImportForm

    def form_valid(self, form):
        try:
            created = staff_import(company=self.company, uploaded_file=form.cleaned_data["file"])
        except StaffFileInvalid as invalid:
            return self.render_to_response(
                self.get_context_data(form=form, import_errors=invalid.errors),
                status=422 if not self.request.htmx else 200,
            )
        messages.success(
            self.request,
            ngettext(
                "%(count)s person är tillagd i personallistan.",
                "%(count)s personer är tillagda i personallistan.",
                len(created),
            )
            % {"count": len(created)},
        )
        return redirect("projects:staff", company_pk=self.company.pk)


class StaffExportView(CompanyMixin, View):
    """The company's staff list as CSV for Excel (semicolons, UTF-8 with BOM): the data export path."""

    def get(self, request, *args, **kwargs):
        header = [_("Förnamn"), _("Efternamn"), _("E-post"), _("Kön"), _("Befattning")]
        rows = (
            [e.first_name, e.last_name, e.email, e.get_gender_display(), e.job_title]
            for e in selectors.staff_of(self.company).iterator()
        )
        return csv_response(chain([header], rows), filename="personal.csv")


class CompanyEnrolmentListView(CompanyMixin, ListView):
    template_name = "projects/company/enrolment_list.html"
    context_object_name = "enrolments"
    paginate_by = 50

    def get_queryset(self):
        queryset = selectors.enrolments_of(self.company)
        if self.request.GET.get("visa") == "tidigare":
            return queryset.filter(occasion__starts_at__lt=timezone.now()).order_by("-occasion__starts_at", "pk")
        return (
            queryset.active()
            .filter(occasion__starts_at__gte=timezone.now())
            .order_by("occasion__starts_at", "status", "created")
        )

    def get_context_data(self, **kwargs):
        return super().get_context_data(past=self.request.GET.get("visa") == "tidigare", **kwargs)


class EnrolmentCreateView(CompanyMixin, FormView):
    template_name = "projects/company/enrolment_form.html"
    form_class = EnrolmentForm

    @cached_property
    def occasion(self):
        try:
            return selectors.occasion_for_registration(self.kwargs["occasion_pk"])
        except Occasion.DoesNotExist as error:
            raise Http404 from error

    def get_form_kwargs(self):
        return {
            **super().get_form_kwargs(),
            "staff": selectors.staff_available_for(self.occasion, self.company),
            "company_staff": selectors.staff_of(self.company),
        }

    def get_context_data(self, **kwargs):
        context = super().get_context_data(occasion=self.occasion, **kwargs)
        context["registration_open"] = self.occasion.is_open_for_registration()
        context["has_staff"] = selectors.staff_of(self.company).exists()
        return context

    def form_valid(self, form):
        try:
            created = enrolments_create(
                occasion=self.occasion,
                company=self.company,
                employees=form.cleaned_data["employees"],
                by=self.request.user,
                accessibility_needs=form.cleaned_data["accessibility_needs"],
            )
        except ProjectsError as error:
            messages.error(self.request, str(error))
            return HttpResponseRedirect(self.request.path)
        confirmed = [e for e in created if e.status == Enrolment.Status.CONFIRMED]
        waitlisted = [e for e in created if e.status == Enrolment.Status.WAITLISTED]
        if confirmed:
            messages.success(
                self.request,
                ngettext("%(count)s person har fått plats.", "%(count)s personer har fått plats.", len(confirmed))
                % {"count": len(confirmed)},
            )
        if waitlisted:
            messages.warning(
                self.request,
                ngettext(
                    "%(count)s person står på väntelistan.",
                    "%(count)s personer står på väntelistan.",
                    len(waitlisted),
                )
                % {"count": len(waitlisted)},
            )
        return redirect("projects:company-enrolments", company_pk=self.company.pk)


class EnrolmentCancelView(CompanyMixin, TemplateView):
    template_name = "projects/company/enrolment_confirm_cancel.html"

    @cached_property
    def enrolment(self):
        return get_object_or_404(selectors.enrolments_of(self.company).active(), pk=self.kwargs["pk"])

    def get_context_data(self, **kwargs):
        return super().get_context_data(enrolment=self.enrolment, **kwargs)

    def post(self, request, *args, **kwargs):
        enrolment = self.enrolment
        try:
            enrolment_cancel(enrolment=enrolment, by=request.user)
        except ProjectsError as error:
            messages.error(request, str(error))
        else:
            messages.success(request, _("Anmälan för %(name)s är avbokad.") % {"name": enrolment.employee.full_name})
        return redirect("projects:company-enrolments", company_pk=self.company.pk)


class CompetenceNeedsView(CompanyMixin, FormView):
    template_name = "projects/company/needs.html"
    form_class = CompetenceNeedsForm

    def get_form_kwargs(self):
        needs = dict(CompetenceNeed.objects.filter(company=self.company).values_list("category_id", "staff_count"))
        return {**super().get_form_kwargs(), "categories": CourseCategory.objects.all(), "needs": needs}

    def form_valid(self, form):
        competence_needs_save(company=self.company, counts=form.counts(), by=self.request.user)
        messages.success(self.request, _("Kompetensbehoven är sparade."))
        return redirect(reverse("projects:company-needs", kwargs={"company_pk": self.company.pk}))
