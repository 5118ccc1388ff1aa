"""How long and how much memory the follow-up report takes over 100 000 registrations.

Measured: the figures (projects.reports.project_report), the CSV streamed through the admin view
(StreamingHttpResponse), and the Excel file built by the task's service. Memory is the
tracemalloc peak of Python allocations during each step (a separate pass, since tracing slows the
code down) and the process's resident set size before and after. The CSV is also streamed for a
project with a tenth of the rows, to show that its memory does not grow with the rows.

The figures are printed and written into docs/benchmarks.md (the "Reports" section).
"""

import datetime
import random
import re
import time
import tracemalloc
from decimal import Decimal
from pathlib import Path

import pytest
from django.db import connection
from django.urls import reverse
from django.utils import timezone

from projects.models import Course, CourseCategory, Employee, Enrolment, Occasion, ParticipatingCompany, ProjectLeader
from projects.reports import project_report
from projects.services.report_runs import report_run_build
from tests.bench import results
from tests.bench.conftest import machine
from tests.factories import CompanyFactory, RegionFactory, project_leader_user
from tests.projects.factories import ProjectFactory

LARGE = 100_000
SMALL = 10_000


def rss_mb() -> float:
    status = Path("/proc/self/status").read_text()
    return int(re.search(r"VmRSS:\s+(\d+) kB", status).group(1)) / 1024


def build_project(name: str, registrations: int, *, seed: int):
    """A project with `registrations` registrations: 50 companies, one employee per five registrations,
    occasions spread over two years (the last ones still ahead), about 80 % confirmed."""
    rng = random.Random(seed)
    project = ProjectFactory(
        name=name, slug=name.lower().replace(" ", "-"), target_companies=70, target_employees=5000, target_hours=100_000
    )
    category = CourseCategory.objects.get_or_create(slug="bench", defaults={"name": "Bench"})[0]
    region = RegionFactory()
    courses = Course.objects.bulk_create(
        Course(project=project, title=f"Kurs {n}", category=category, hours=Decimal(4 + n % 5 * 4)) for n in range(20)
    )
    now = timezone.now()
    occasion_count = max(registrations // 100, 20)
    occasions = []
    for n in range(occasion_count):
        start = now - datetime.timedelta(days=700) + datetime.timedelta(days=760 * n / occasion_count)
        occasions.append(
            Occasion(
                course=courses[n % len(courses)],
                starts_at=start,
                ends_at=start + datetime.timedelta(hours=7),
                place="Linköping",
                region=region,
                seats=200,
                registration_deadline=start - datetime.timedelta(days=5),
                cancellation_deadline=start - datetime.timedelta(days=3),
            )
        )
    occasions = Occasion.objects.bulk_create(occasions, batch_size=2000)
    companies = [CompanyFactory(name=f"{name} företag {n}") for n in range(50)]
    ParticipatingCompany.objects.bulk_create(
        ParticipatingCompany(
            project=project,
            company=c,
            women=rng.randint(5, 200),
            men=rng.randint(5, 400),
            non_binary=rng.randint(0, 5),
            status=ParticipatingCompany.Status.ACCEPTED,
        )
        for c in companies
    )
    genders = [Employee.Gender.WOMAN] * 30 + [Employee.Gender.MAN] * 68 + [Employee.Gender.NON_BINARY] * 2
    employees = Employee.objects.bulk_create(
        (
            Employee(
                company=companies[n % 50],
                first_name=f"Förnamn{n}",
                last_name="Efternamn",
                email=f"p{n}@{project.slug}.example",
                gender=rng.choice(genders),
            )
            for n in range(registrations // 5)
        ),
        batch_size=5000,
    )

    def rows():
        for n in range(registrations):
            employee = employees[n % len(employees)]
            occasion = occasions[(n // len(employees) * 211 + n * 7) % len(occasions)]
            roll = rng.random()
            status = "confirmed" if roll < 0.8 else ("waitlisted" if roll < 0.9 else "cancelled")
            created = occasion.starts_at - datetime.timedelta(days=rng.randint(10, 60))
            past = occasion.starts_at < now
            attended = (rng.random() < 0.9) if status == "confirmed" and past else None
            yield Enrolment(
                occasion=occasion,
                employee=employee,
                company_id=employee.company_id,
                status=status,
                created=created,
                confirmed_at=created if status == "confirmed" else None,
                cancelled_at=created + datetime.timedelta(days=3) if status == "cancelled" else None,
                attended=attended,
                hours=None if attended is None else (occasion.course.hours if attended else 0),
                has_accessibility_needs=rng.random() < 0.02,
            )

    Enrolment.objects.bulk_create(rows(), batch_size=5000)
    return project


def measure(step, *, trace: bool):
    if trace:
        tracemalloc.start()
        tracemalloc.reset_peak()
    start = time.perf_counter()
    result = step()
    elapsed = time.perf_counter() - start
    peak = tracemalloc.get_traced_memory()[1] / 2**20 if trace else None
    if trace:
        tracemalloc.stop()
    return result, elapsed, peak


def stream_csv(client, project) -> int:
    response = client.get(reverse("admin:projects_project_report_csv", args=[project.pk]))
    assert response.streaming
    size = 0
    for chunk in response.streaming_content:
        size += len(chunk)
    return size


def write_docs(lines: list[str]) -> None:
    results.write("reports", lines)


@pytest.mark.django_db
def bench_report_over_one_hundred_thousand_registrations(client, report):
    started = time.perf_counter()
    small = build_project("Liten", SMALL, seed=1)
    large = build_project("Stor", LARGE, seed=2)
    built = time.perf_counter() - started
    assert Enrolment.objects.filter(occasion__course__project=large).count() == LARGE
    leader = project_leader_user()
    for project in (small, large):
        ProjectLeader.objects.create(project=project, user=leader)
    client.force_login(leader)
    rss_before = rss_mb()

    figures, report_s, _ = measure(lambda: project_report(large), trace=False)
    _, _, report_peak = measure(lambda: project_report(large), trace=True)
    assert figures.registrations == LARGE and len(figures.companies) == 50

    csv_bytes, csv_s, _ = measure(lambda: stream_csv(client, large), trace=False)
    _, _, csv_peak = measure(lambda: stream_csv(client, large), trace=True)
    small_bytes, small_s, _ = measure(lambda: stream_csv(client, small), trace=False)
    _, _, small_peak = measure(lambda: stream_csv(client, small), trace=True)
    rss_after_csv = rss_mb()

    from projects.models import ReportRun

    run = ReportRun.objects.create(project=large)
    _, xlsx_s, _ = measure(lambda: report_run_build(run_id=run.pk), trace=False)
    run.refresh_from_db()
    assert run.status == "done" and run.rows_total == LARGE
    xlsx_size = run.file.size
    traced = ReportRun.objects.create(project=large)
    _, _, xlsx_peak = measure(lambda: report_run_build(run_id=traced.pk), trace=True)
    rss_after_xlsx = rss_mb()

    database = f"{connection.vendor} {connection.pg_version // 10000 if connection.vendor == 'postgresql' else ''}"
    lines = [
        f"Database: {database.strip()}; {LARGE:,} registrations of {LARGE // 5:,} people in 50 companies "
        f"(test data built in {built:.0f} s).".replace(",", " "),
        "",
        "| step | time | Python peak (tracemalloc) |",
        "|---|---|---|",
        f"| figures (`project_report`, 4 queries) | {report_s:.2f} s | {report_peak:.1f} MB |",
        f"| CSV streamed through the admin view, {csv_bytes / 2**20:.1f} MB | {csv_s:.2f} s | {csv_peak:.1f} MB |",
        f"| the same for {SMALL:,} registrations, {small_bytes / 2**20:.1f} MB | {small_s:.2f} s | "
        f"{small_peak:.1f} MB |".replace(f"{SMALL:,}", f"{SMALL:,}".replace(",", " ")),
        f"| Excel file by the task's service (write-only), {xlsx_size / 2**20:.1f} MB | {xlsx_s:.2f} s | "
        f"{xlsx_peak:.1f} MB |",
        "",
        f"Resident set size: {rss_before:.0f} MB before the report steps, {rss_after_csv:.0f} MB after the CSV, "
        f"{rss_after_xlsx:.0f} MB after the Excel file.",
        "",
        "The CSV's peak is the same for a tenth of the rows: it is read in chunks and written as it streams. "
        "The Excel file's time is openpyxl's own (write-only mode, about 15–20 µs per cell); it is built by a "
        "Celery task while the page shows its progress.",
        "",
        f"Machine: {machine()}.",
    ]
    report.extend(lines)
    write_docs(lines)
