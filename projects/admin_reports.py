"""The follow-up report of a project in the admin: figures, charts and tables, and the files.

Reached from the project's change form. A project leader sees the reports of the projects they
lead now (selectors.projects_led_by); any other project's report, file or run is "not found".
CSV is streamed straight from the database; the Excel file is built by a Celery task whose
progress the page polls with htmx until the download link appears.
"""

from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404, StreamingHttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from portal.spreadsheets import XLSX_CONTENT_TYPE

from . import selectors
from .models import Project, ReportRun
from .reports import (
    GENDERS,
    gender_chart,
    gender_label,
    participants_chart,
    project_report,
    report_csv_lines,
    report_filename,
)
from .services.report_runs import report_run_request, report_run_stalled

RECENT_RUNS = 3


class ProjectReportAdminMixin:
    """Adds the report pages to the project admin (a ModelAdmin for Project)."""

    def get_urls(self):
        view = self.admin_site.admin_view
        reports = [
            path("<int:pk>/rapport/", view(self.report_view), name="projects_project_report"),
            path("<int:pk>/rapport/csv/", view(self.report_csv_view), name="projects_project_report_csv"),
            path("<int:pk>/rapport/excel/", view(self.report_xlsx_view), name="projects_project_report_xlsx"),
            path(
                "<int:pk>/rapport/korning/<int:run_pk>/",
                view(self.report_run_view),
                name="projects_project_report_run",
            ),
            path(
                "<int:pk>/rapport/korning/<int:run_pk>/fil/",
                view(self.report_file_view),
                name="projects_project_report_file",
            ),
        ]
        return [*reports, *super().get_urls()]

    def _report_project(self, request, pk: int) -> Project:
        """The project, if the user leads it now (or is a site administrator); else not found."""
        if not self.has_view_permission(request):
            raise PermissionDenied
        return get_object_or_404(selectors.projects_led_by(request.user), pk=pk)

    def _run(self, project: Project, run_pk: int) -> ReportRun:
        return get_object_or_404(ReportRun.objects.filter(project=project), pk=run_pk)

    def report_view(self, request, pk):
        project = self._report_project(request, pk)
        report = project_report(project)
        runs = list(
            ReportRun.objects.filter(project=project, kind=ReportRun.Kind.ON_DEMAND).select_related("requested_by")[
                :RECENT_RUNS
            ]
        )
        for run in runs:
            run.stalled = report_run_stalled(run)
        context = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "original": project,
            "project": project,
            "title": _("Uppföljning: %(project)s") % {"project": project.name},
            "report": report,
            "gender_columns": [gender_label(g) for g in GENDERS],
            "gender_chart": gender_chart(report),
            "participants_chart": participants_chart(report),
            "runs": runs,
        }
        return TemplateResponse(request, "admin/projects/project/report.html", context)

    def report_csv_view(self, request, pk):
        project = self._report_project(request, pk)
        report = project_report(project)
        response = StreamingHttpResponse(report_csv_lines(report), content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = f'attachment; filename="{report_filename(report, "csv")}"'
        return response

    def report_xlsx_view(self, request, pk):
        return require_POST(self._report_xlsx)(request, pk)

    def _report_xlsx(self, request, pk):
        project = self._report_project(request, pk)
        run = report_run_request(project=project, by=request.user)
        return redirect(reverse("admin:projects_project_report", args=[project.pk]) + f"#run-{run.pk}")

    def report_run_view(self, request, pk, run_pk):
        """The run's progress as a fragment that htmx swaps in every second until the file is there."""
        project = self._report_project(request, pk)
        run = self._run(project, run_pk)
        if not request.htmx:
            return redirect(reverse("admin:projects_project_report", args=[project.pk]) + f"#run-{run.pk}")
        run.stalled = report_run_stalled(run)
        return TemplateResponse(request, "admin/projects/project/_report_run.html", {"run": run, "project": project})

    def report_file_view(self, request, pk, run_pk):
        project = self._report_project(request, pk)
        run = self._run(project, run_pk)
        if run.status != ReportRun.Status.DONE or not run.file:
            raise Http404
        filename = run.file.name.rsplit("/", 1)[-1]
        return FileResponse(run.file.open("rb"), as_attachment=True, filename=filename, content_type=XLSX_CONTENT_TYPE)
