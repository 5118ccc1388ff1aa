"""The follow-up report that ESF-funded projects owe, per project.

What is counted (the same as the progress bars on the project's public page):
- companies reached: companies with at least one confirmed registration;
- participants: distinct employees with recorded attendance, and their hours;
- gender equality: per company, the shares of women, men and non-binary people among its
  participants beside the same shares in its workforce (as the project recorded it for the company),
  flagged where a share differs by more than the project's threshold in percentage points;
- registrations with accessibility needs (cancelled registrations not counted);
- per month, new starters (the month of a person's first registration in the project) and leavers
  (the month their last occasion ended or their last registration was cancelled, once nothing is
  left ahead of them).

`project_report` takes a fixed number of queries however many registrations there are; the
registration rows for the files are read with `.iterator()` and written as they come, so memory
stays flat. CSV is written as Swedish Excel reads it (semicolons, UTF-8 with a BOM, decimal
comma); text that a spreadsheet could take for a formula is defused.
"""

import datetime
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from decimal import Decimal
from fractions import Fraction

from django.db.models import Case, Count, F, Max, Min, Q, QuerySet, Sum, When
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from openpyxl import Workbook

from portal.charts import Series, bar_chart, line_chart
from portal.spreadsheets import csv_lines, xlsx_cells, xlsx_sheet

from .models import Employee, Enrolment, ParticipatingCompany, Project

GENDERS = (Employee.Gender.WOMAN, Employee.Gender.MAN, Employee.Gender.NON_BINARY)
GENDER_PLURALS = {
    Employee.Gender.WOMAN: gettext_lazy("Kvinnor"),
    Employee.Gender.MAN: gettext_lazy("Män"),
    Employee.Gender.NON_BINARY: gettext_lazy("Icke-binära"),
}
CHART_COMPANIES = 20  # the chart shows this many companies (most participants first); the table shows all
ROW_CHUNK = 2000


# --- Figures ----------------------------------------------------------------------------------------


@dataclass(frozen=True)
class GenderCounts:
    woman: int = 0
    man: int = 0
    non_binary: int = 0

    @property
    def total(self) -> int:
        return self.woman + self.man + self.non_binary

    def count(self, gender: str) -> int:
        return getattr(self, gender)

    def share(self, gender: str) -> Fraction | None:
        """The exact share of one gender, or None when there is nobody to share."""
        return Fraction(self.count(gender), self.total) if self.total else None

    def percent(self, gender: str) -> float | None:
        share = self.share(gender)
        return None if share is None else round(float(share * 100), 1)

    def percents(self) -> list[float | None]:
        return [self.percent(gender) for gender in GENDERS]

    def __add__(self, other: "GenderCounts") -> "GenderCounts":
        return GenderCounts(self.woman + other.woman, self.man + other.man, self.non_binary + other.non_binary)


@dataclass(frozen=True)
class TargetRow:
    key: str
    label: str
    reached: int | Decimal
    target: int | None

    @property
    def percent(self) -> int | None:
        return round(100 * float(self.reached) / self.target) if self.target else None


@dataclass
class CompanyRow:
    company_id: int | None
    name: str
    participants: GenderCounts
    workforce: GenderCounts | None  # None: the project has not recorded the company's workforce
    gaps: dict[str, Fraction] = field(default_factory=dict)  # participant share − workforce share, in points
    flagged: tuple[str, ...] = ()  # the genders whose gap is larger than the threshold

    def gap_points(self) -> list[float | None]:
        return [round(float(self.gaps[g]), 1) if g in self.gaps else None for g in GENDERS]

    @property
    def flagged_gaps(self) -> list[tuple[str, float]]:
        """(group, participant share − workforce share in points) for each group over the threshold."""
        return [(gender_label(g), round(float(self.gaps[g]), 1)) for g in self.flagged]


@dataclass(frozen=True)
class MonthRow:
    month: datetime.date  # the first day of the month
    starters: int
    leavers: int
    active: int  # started and not yet left, at the end of the month
    started: int  # everyone who has started so far


@dataclass
class ProjectReport:
    project: Project
    generated_at: datetime.datetime
    threshold: int
    registrations: int
    active_registrations: int
    accessibility_needs: int
    registered_people: int
    targets: list[TargetRow]
    companies: list[CompanyRow]
    all_companies: CompanyRow
    months: list[MonthRow]

    @property
    def flagged_companies(self) -> list[CompanyRow]:
        return [row for row in self.companies if row.flagged]

    def target(self, key: str) -> TargetRow:
        return next(row for row in self.targets if row.key == key)


def project_enrolments(project: Project) -> QuerySet[Enrolment]:
    return Enrolment.objects.filter(occasion__course__project=project)


def gender_label(gender: str) -> str:
    """Women, men, non-binary: the groups as the report names them."""
    return str(GENDER_PLURALS[gender])


def _totals(enrolments: QuerySet[Enrolment]) -> dict:
    cancelled = Q(status=Enrolment.Status.CANCELLED)
    totals = enrolments.aggregate(
        registrations=Count("pk"),
        active_registrations=Count("pk", filter=~cancelled),
        companies=Count("company", distinct=True, filter=Q(status=Enrolment.Status.CONFIRMED)),
        registered_people=Count("employee", distinct=True, filter=Q(status=Enrolment.Status.CONFIRMED)),
        participants=Count("employee", distinct=True, filter=Q(attended=True)),
        hours=Sum("hours", filter=Q(attended=True)),
        accessibility_needs=Count("pk", filter=Q(has_accessibility_needs=True) & ~cancelled),
    )
    totals["hours"] = Decimal(totals["hours"] or 0).quantize(Decimal("0.1"))  # the same on every database
    return totals


def compare(participants: GenderCounts, workforce: GenderCounts | None, threshold: int):
    """The gaps between the shares, in percentage points, and the genders whose gap exceeds the threshold."""
    if workforce is None or not participants.total or not workforce.total:
        return {}, ()
    gaps = {g: (participants.share(g) - workforce.share(g)) * 100 for g in GENDERS}
    return gaps, tuple(g for g in GENDERS if abs(gaps[g]) > threshold)


def _company_rows(project: Project, enrolments: QuerySet[Enrolment], threshold: int):
    counts: dict[int, Counter] = {}
    names: dict[int, str] = {}
    rows = (
        enrolments.filter(attended=True)
        .values("company_id", "company__name", "employee__gender")
        .annotate(people=Count("employee", distinct=True))
        .order_by()
    )
    for row in rows:
        counts.setdefault(row["company_id"], Counter())[row["employee__gender"]] += row["people"]
        names[row["company_id"]] = row["company__name"]
    workforces = {}
    for participation in ParticipatingCompany.objects.accepted().filter(project=project).select_related("company"):
        workforces[participation.company_id] = GenderCounts(
            participation.women, participation.men, participation.non_binary
        )
        names[participation.company_id] = participation.company.name

    companies = []
    for company_id, name in names.items():
        counted = counts.get(company_id, Counter())
        participants = GenderCounts(*(counted[g] for g in GENDERS))
        workforce = workforces.get(company_id)
        gaps, flagged = compare(participants, workforce, threshold)
        companies.append(CompanyRow(company_id, name, participants, workforce, gaps, flagged))
    companies.sort(key=lambda row: (row.name.casefold(), row.company_id))

    all_participants = sum((row.participants for row in companies), GenderCounts())
    all_workforce = sum(workforces.values(), GenderCounts()) if workforces else None
    gaps, flagged = compare(all_participants, all_workforce, threshold)
    total = CompanyRow(None, _("Alla företag"), all_participants, all_workforce, gaps, flagged)
    return companies, total


def _month(value: datetime.datetime) -> datetime.date:
    local = timezone.localtime(value)
    return datetime.date(local.year, local.month, 1)


def _next_month(day: datetime.date) -> datetime.date:
    return datetime.date(day.year + day.month // 12, day.month % 12 + 1, 1)


def _month_rows(project: Project, enrolments: QuerySet[Enrolment], now: datetime.datetime) -> list[MonthRow]:
    """New starters and leavers per month, from one row per person read as a stream."""
    ended = Case(
        When(status=Enrolment.Status.CANCELLED, then=Coalesce(F("cancelled_at"), F("created"))),
        default=F("occasion__ends_at"),
    )
    people = (
        enrolments.values("employee_id")
        .annotate(first=Min("created"), last=Max(ended))
        .order_by()
        .values_list("first", "last")
    )
    starters: Counter = Counter()
    leavers: Counter = Counter()
    for first, last in people.iterator(chunk_size=ROW_CHUNK):
        starters[_month(first)] += 1
        if last <= now:  # nothing left ahead of them
            leavers[_month(last)] += 1
    if not starters:
        return []
    start = min(starters)
    end = max([*starters, *leavers])
    # The line runs on to this month (or the project's last month) so that it shows where things stand.
    until = _month(now)
    if project.ends_on:
        until = min(until, datetime.date(project.ends_on.year, project.ends_on.month, 1))
    end = max(end, until)
    months, started, left = [], 0, 0
    month = start
    while month <= end:
        started += starters[month]
        left += leavers[month]
        months.append(MonthRow(month, starters[month], leavers[month], started - left, started))
        month = _next_month(month)
    return months


def project_report(project: Project, *, now: datetime.datetime | None = None) -> ProjectReport:
    """The whole follow-up of one project, in four queries whatever its size."""
    now = now or timezone.now()
    enrolments = project_enrolments(project)
    totals = _totals(enrolments)
    threshold = project.gender_gap_threshold
    companies, all_companies = _company_rows(project, enrolments, threshold)
    targets = [
        TargetRow("companies", _("Företag som nåtts"), totals["companies"], project.target_companies),
        TargetRow(
            "participants", _("Deltagare (anställda som utbildats)"), totals["participants"], project.target_employees
        ),
        TargetRow("hours", _("Deltagartimmar"), totals["hours"], project.target_hours),
    ]
    return ProjectReport(
        project=project,
        generated_at=now,
        threshold=threshold,
        registrations=totals["registrations"],
        active_registrations=totals["active_registrations"],
        accessibility_needs=totals["accessibility_needs"],
        registered_people=totals["registered_people"],
        targets=targets,
        companies=companies,
        all_companies=all_companies,
        months=_month_rows(project, enrolments, now),
    )


def report_summary(report: ProjectReport) -> dict:
    """The headline figures as plain data (kept with a report file, told in the e-mail that carries it)."""
    return {
        "generated_at": report.generated_at.isoformat(),
        "targets": [
            {"key": row.key, "reached": str(row.reached), "target": row.target, "percent": row.percent}
            for row in report.targets
        ],
        "registrations": report.registrations,
        "accessibility_needs": report.accessibility_needs,
        "threshold": report.threshold,
        "flagged_companies": [row.name for row in report.flagged_companies],
    }


# --- Charts -----------------------------------------------------------------------------------------


def gender_chart(report: ProjectReport):
    """Bars of the gender shares per company: its participants, then its workforce."""
    shown = sorted(
        (row for row in report.companies if row.participants.total),
        key=lambda row: (-row.participants.total, row.name.casefold()),
    )[:CHART_COMPANIES]
    if not shown:
        return None
    categories, values = [], {g: [] for g in GENDERS}
    for row in shown:
        for label, counts in ((_("deltagare"), row.participants), (_("anställda"), row.workforce)):
            if counts is None or not counts.total:
                continue
            categories.append(f"{row.name}: {label}")
            for gender in GENDERS:
                values[gender].append(counts.percent(gender))
    return bar_chart(
        title=_("Könsfördelning per företag"),
        description=_(
            "Andel kvinnor, män och icke-binära bland varje företags deltagare och bland dess anställda, i procent. "
            "Samma siffror finns i tabellen nedan."
        ),
        categories=categories,
        series=[Series(gender_label(g), values[g]) for g in GENDERS],
        maximum=100,
        unit=" %",
    )


def participants_chart(report: ProjectReport):
    """A line of participants over time: everyone started so far, and those still taking part."""
    if not report.months:
        return None
    return line_chart(
        title=_("Deltagare över tid"),
        description=_(
            "Antal personer som har börjat i projektet och antal som fortfarande deltar, vid slutet av varje månad. "
            "Samma siffror finns i tabellen Per månad."
        ),
        labels=[date_format(row.month, "N Y") for row in report.months],
        series=[
            Series(_("Har börjat"), [row.started for row in report.months]),
            Series(_("Deltar"), [row.active for row in report.months]),
        ],
    )


# --- Rows for files -----------------------------------------------------------------------------------


def _percent_or_blank(value):
    return "" if value is None else value


def summary_rows(report: ProjectReport) -> list[list]:
    rows = [[_("Mått"), _("Utfall"), _("Mål"), _("Andel av målet (%)")]]
    for row in report.targets:
        rows.append(
            [row.label, row.reached, row.target if row.target is not None else "", _percent_or_blank(row.percent)]
        )
    rows += [
        [_("Anmälda deltagare (bekräftade)"), report.registered_people, "", ""],
        [_("Anmälningar"), report.registrations, "", ""],
        [_("Anmälningar som inte är avbokade"), report.active_registrations, "", ""],
        [_("Anmälningar med behov av anpassning"), report.accessibility_needs, "", ""],
        [_("Gräns för könsskillnad (procentenheter)"), report.threshold, "", ""],
        [_("Företag med större skillnad än gränsen"), len(report.flagged_companies), "", ""],
    ]
    return rows


def company_header() -> list[str]:
    header = [_("Företag"), _("Deltagare")]
    header += [_("%(gender)s bland deltagarna (%%)") % {"gender": gender_label(g)} for g in GENDERS]
    header += [_("Anställda")]
    header += [_("%(gender)s bland de anställda (%%)") % {"gender": gender_label(g)} for g in GENDERS]
    header += [_("Skillnad för %(gender)s (procentenheter)") % {"gender": gender_label(g).lower()} for g in GENDERS]
    header += [_("Över gränsen")]
    return header


def company_row(row: CompanyRow) -> list:
    workforce = row.workforce
    return [
        row.name,
        row.participants.total,
        *map(_percent_or_blank, row.participants.percents()),
        workforce.total if workforce else "",
        *(map(_percent_or_blank, workforce.percents()) if workforce else ["", "", ""]),
        *map(_percent_or_blank, row.gap_points()),
        ", ".join(gender_label(g) for g in row.flagged),
    ]


def company_rows(report: ProjectReport) -> list[list]:
    return [company_header(), *(company_row(r) for r in report.companies), company_row(report.all_companies)]


def month_rows(report: ProjectReport) -> list[list]:
    header = [_("Månad"), _("Nya deltagare"), _("Avslutade"), _("Deltar vid månadens slut"), _("Har börjat totalt")]
    return [header, *([f"{r.month:%Y-%m}", r.starters, r.leavers, r.active, r.started] for r in report.months)]


def anonymous_registration_header() -> list[str]:
    return [
        _("Anmälan"),
        _("Person (id)"),
        _("Företag"),
        _("Kön"),
        _("Kurs"),
        _("Tillfälle startar"),
        _("Status"),
        _("Anmäld"),
        _("Avbokad"),
        _("Närvarade"),
        _("Timmar"),
        _("Behov av anpassning"),
    ]


def anonymous_registration_rows(enrolments: QuerySet[Enrolment]) -> Iterator[list]:
    """One row per registration, without names or addresses: the person is an id, so the file can
    travel by e-mail. Read in chunks, never all at once."""
    genders = {g.value: str(g.label) for g in Employee.Gender}
    statuses = {s.value: str(s.label) for s in Enrolment.Status}
    yes, no = _("Ja"), _("Nej")
    rows = (
        enrolments.order_by("occasion__starts_at", "occasion_id", "pk")
        .values_list(
            "pk",
            "employee_id",
            "company__name",
            "employee__gender",
            "occasion__course__title",
            "occasion__starts_at",
            "status",
            "created",
            "cancelled_at",
            "attended",
            "hours",
            "has_accessibility_needs",
        )
        .iterator(chunk_size=ROW_CHUNK)
    )
    for pk, employee_id, company, gender, course, starts, status, created, cancelled, attended, hours, needs in rows:
        yield [
            pk,
            employee_id,
            company,
            genders.get(gender, gender),
            course,
            _local(starts),
            statuses.get(status, status),
            _local(created),
            _local(cancelled) if cancelled else "",
            "" if attended is None else (yes if attended else no),
            hours if hours is not None else "",
            yes if needs else no,
        ]


def _local(value: datetime.datetime) -> str:
    return timezone.localtime(value).strftime("%Y-%m-%d %H:%M")


def report_title(report: ProjectReport) -> list[list]:
    return [
        [_("Uppföljning"), report.project.name],
        [_("Skapad"), _local(report.generated_at)],
        [_("Period"), _period(report.project)],
    ]


def _period(project: Project) -> str:
    start = date_format(project.starts_on, "Y-m-d") if project.starts_on else "…"
    end = date_format(project.ends_on, "Y-m-d") if project.ends_on else "…"
    return f"{start} – {end}"


def report_filename(report: ProjectReport, extension: str) -> str:
    return f"uppfoljning-{report.project.slug}-{timezone.localdate(report.generated_at):%Y-%m-%d}.{extension}"


# --- CSV, streamed -----------------------------------------------------------------------------------


def report_rows(report: ProjectReport) -> Iterator[list]:
    """The report as rows: title, then one section per table, the registrations last."""
    sections = [
        (None, report_title(report)),
        (_("Mål och utfall"), summary_rows(report)),
        (_("Jämställdhet per företag"), company_rows(report)),
        (_("Per månad"), month_rows(report)),
    ]
    for heading, rows in sections:
        if heading:
            yield []
            yield [heading]
        yield from rows
    yield []
    yield [_("Anmälningar")]
    yield anonymous_registration_header()
    yield from anonymous_registration_rows(project_enrolments(report.project))


def report_csv_lines(report: ProjectReport) -> Iterator[str]:
    """The report as CSV for Swedish Excel, one line at a time (streamed: memory stays flat)."""
    return csv_lines(report_rows(report))


# --- XLSX, written row by row -----------------------------------------------------------------------


def write_report_xlsx(
    report: ProjectReport, output, *, progress: Callable[[int, int], None] | None = None, every: int = ROW_CHUNK
) -> int:
    """Write the report as a workbook (openpyxl's write-only mode: rows go to disk as they come).

    `progress(done, total)` is called every `every` registrations. Returns the registrations written.
    """
    workbook = Workbook(write_only=True)

    sheet = xlsx_sheet(workbook, _("Sammanfattning"), (44, 14, 12, 18))
    for row in report_title(report):
        sheet.append(xlsx_cells(sheet, row))
    sheet.append([])
    for index, row in enumerate(summary_rows(report)):
        sheet.append(xlsx_cells(sheet, row, bold=index == 0))

    sheet = xlsx_sheet(workbook, _("Jämställdhet"), (30, 11, *([14] * 3), 11, *([14] * 3), *([16] * 3), 22))
    sheet.freeze_panes = "B2"
    rows = company_rows(report)
    for index, row in enumerate(rows):
        sheet.append(xlsx_cells(sheet, row, bold=index in (0, len(rows) - 1)))

    sheet = xlsx_sheet(workbook, _("Per månad"), (10, 14, 12, 22, 18))
    sheet.freeze_panes = "A2"
    for index, row in enumerate(month_rows(report)):
        sheet.append(xlsx_cells(sheet, row, bold=index == 0))

    sheet = xlsx_sheet(workbook, _("Anmälningar"), (10, 12, 30, 11, 34, 17, 12, 17, 17, 11, 8, 20))
    sheet.freeze_panes = "A2"
    sheet.append(xlsx_cells(sheet, anonymous_registration_header(), bold=True))
    total, done = report.registrations, 0
    for row in anonymous_registration_rows(project_enrolments(report.project)):
        sheet.append(xlsx_cells(sheet, row))
        done += 1
        if progress and done % every == 0:
            progress(done, total)
    workbook.save(output)
    if progress:
        progress(done, total)
    return done
