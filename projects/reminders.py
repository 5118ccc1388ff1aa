"""The projects app's reminders, sent by the portal's one mechanism (portal.reminders).

Course occasions: some days before the start (the project's `reminder_days`) the employee gets a
reminder with the occasion as a calendar file, and each contact of the employee's company gets one
reminder per occasion listing the company's confirmed participants. The services schedule them
when a seat is confirmed (also on promotion from the waiting list), cancel them when it is
cancelled and move them when the occasion moves. The builders read the state at sending time, so
whatever changed in between (a cancellation, a new e-mail address, a contact who left) is honoured.

Monthly reports: each current leader of a project is sent the month's report file once.
"""

import datetime
from collections import defaultdict
from collections.abc import Iterable

from django.utils import timezone

from portal import reminders
from portal.mail import Attachment
from portal.models import Reminder, Role, User
from portal.reminders import Recipient, ReminderMessage

from .calendar import occasion_ics
from .models import Enrolment, Occasion, ProjectLeader, ReportRun

PARTICIPANT = "projects.occasion.participant"
COMPANY = "projects.occasion.company"
MONTHLY_REPORT = "projects.report.monthly"

XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


# --- Scheduling (called by the services, inside their transaction) --------------------------------


def _languages(emails: Iterable[str]) -> dict[str, str]:
    """The language of each address that belongs to an account; others get Swedish."""
    emails = {email.lower() for email in emails if email}
    if not emails:
        return {}
    rows = User.objects.filter(email__in=emails).values_list("email", "language")
    return {email.lower(): language for email, language in rows}


def _company_contacts(company_ids: Iterable[int]) -> dict[int, list[User]]:
    contacts = defaultdict(list)
    roles = Role.objects.filter(
        kind=Role.Kind.COMPANY_CONTACT, organisation_id__in=set(company_ids), user__is_active=True
    ).select_related("user")
    for role in roles:
        contacts[role.organisation_id].append(role.user)
    return contacts


def occasion_reminders_schedule(*, occasion: Occasion, enrolments: Iterable[Enrolment], now=None) -> int:
    """Schedule the reminders for newly confirmed seats on one occasion; returns how many were made.

    Each employee with an e-mail address gets their own; the company's contacts get one per
    occasion however many of their staff take part (scheduling it again changes nothing).
    """
    enrolments = [e for e in enrolments if e.status == Enrolment.Status.CONFIRMED]
    offsets = occasion.course.project.reminder_offsets
    if not enrolments or not offsets:
        return 0
    now = now or timezone.now()
    languages = _languages(e.employee.email for e in enrolments)
    made = 0
    for enrolment in enrolments:
        email = enrolment.employee.email
        if not email:
            continue
        made += len(
            reminders.reminders_schedule(
                target=enrolment,
                kind=PARTICIPANT,
                anchor=occasion.starts_at,
                offsets=offsets,
                recipients=[Recipient(email, languages.get(email.lower(), "sv"))],
                now=now,
            )
        )
    contacts = _company_contacts(e.company_id for e in enrolments)
    recipients = [Recipient(user.email, user.language) for users in contacts.values() for user in users]
    made += len(
        reminders.reminders_schedule(
            target=occasion, kind=COMPANY, anchor=occasion.starts_at, offsets=offsets, recipients=recipients, now=now
        )
    )
    return made


def occasion_reminders_cancel(*, enrolment: Enrolment) -> int:
    """The seat was cancelled: the employee's reminders stop.

    The contacts' reminder for the occasion is shared by everyone from their company, so it is
    left alone; at sending time it lists who is still confirmed, and is not sent if nobody is.
    """
    return reminders.reminders_cancel(target=enrolment, kind=PARTICIPANT)


def occasion_reminders_move(*, occasion: Occasion, now=None) -> int:
    """The occasion's start moved: pending reminders move with it, and reminders that were already
    past when the seat was confirmed but now lie ahead are scheduled. Returns how many moved."""
    now = now or timezone.now()
    moved = reminders.reminders_reschedule(target=occasion, anchor=occasion.starts_at, kind=COMPANY)
    confirmed = list(
        Enrolment.objects.filter(occasion=occasion, status=Enrolment.Status.CONFIRMED).select_related("employee")
    )
    # An occasion has tens of seats, so one call per participant stays small.
    for enrolment in confirmed:
        moved += reminders.reminders_reschedule(target=enrolment, anchor=occasion.starts_at, kind=PARTICIPANT)
    occasion_reminders_schedule(occasion=occasion, enrolments=confirmed, now=now)
    return moved


def participant_reminders_readdress(*, employee, now=None) -> int:
    """The employee's e-mail address changed: reminders still to come go to the new address."""
    now = now or timezone.now()
    upcoming = list(
        Enrolment.objects.filter(
            employee=employee, status=Enrolment.Status.CONFIRMED, occasion__starts_at__gt=now
        ).select_related("occasion__course__project", "employee")
    )
    for enrolment in upcoming:
        reminders.reminders_cancel(target=enrolment, kind=PARTICIPANT)
        if employee.email:
            occasion_reminders_schedule(occasion=enrolment.occasion, enrolments=[enrolment], now=now)
    return len(upcoming)


def monthly_report_schedule(*, run: ReportRun, now=None) -> int:
    """Send the finished monthly report to each of the project's current leaders, once each.

    Due at once: the minute's reminder run sends it, with the portal's retries on SMTP failures.
    """
    now = now or timezone.now()
    leaders = ProjectLeader.objects.current().filter(project=run.project, user__is_active=True).select_related("user")
    recipients = [Recipient(leader.user.email, leader.user.language) for leader in leaders]
    # Scheduled as if a moment ago, so the anchor counts as ahead and the row is due immediately.
    made = reminders.reminders_schedule(
        target=run,
        kind=MONTHLY_REPORT,
        anchor=now,
        offsets=[datetime.timedelta(0)],
        recipients=recipients,
        now=now - datetime.timedelta(seconds=1),
    )
    return len(made)


# --- Builders (called by the reminder sender at sending time) -----------------------------------


def _upcoming(occasion: Occasion) -> bool:
    return occasion.starts_at > timezone.now()


@reminders.register(PARTICIPANT)
def build_participant_reminder(reminder: Reminder) -> ReminderMessage | None:
    enrolment = (
        Enrolment.objects.select_related("occasion__course__project", "occasion__region", "employee")
        .filter(pk=reminder.object_id)
        .first()
    )
    if enrolment is None or enrolment.status != Enrolment.Status.CONFIRMED or not _upcoming(enrolment.occasion):
        return None
    if enrolment.employee.email.lower() != reminder.recipient.lower():
        return None  # the address changed (a reminder to the new one was scheduled) or the person was removed
    occasion = enrolment.occasion
    return ReminderMessage(
        template="projects/email/occasion_reminder_employee",
        context={"enrolment": enrolment, "occasion": occasion, "course": occasion.course},
        attachments=[Attachment("kurstillfalle.ics", occasion_ics(occasion), "text/calendar")],
    )


@reminders.register(COMPANY)
def build_company_reminder(reminder: Reminder) -> ReminderMessage | None:
    occasion = Occasion.objects.select_related("course__project", "region").filter(pk=reminder.object_id).first()
    if occasion is None or not _upcoming(occasion):
        return None
    contact = User.objects.filter(email__iexact=reminder.recipient, is_active=True).first()
    if contact is None:
        return None
    # Only the companies the person is a contact for now, and only their confirmed participants.
    companies = Role.objects.filter(user=contact, kind=Role.Kind.COMPANY_CONTACT).values("organisation_id")
    enrolments = list(
        Enrolment.objects.filter(occasion=occasion, status=Enrolment.Status.CONFIRMED, company_id__in=companies)
        .select_related("employee", "company")
        .order_by("company__name", "employee__last_name", "employee__first_name", "pk")
    )
    if not enrolments:
        return None
    return ReminderMessage(
        template="projects/email/occasion_reminder_company",
        context={
            "contact": contact,
            "enrolments": enrolments,
            "several_companies": len({e.company_id for e in enrolments}) > 1,
            "can_cancel": occasion.is_open_for_cancellation(),
            "occasion": occasion,
            "course": occasion.course,
        },
    )


@reminders.register(MONTHLY_REPORT)
def build_monthly_report(reminder: Reminder) -> ReminderMessage | None:
    run = ReportRun.objects.select_related("project").filter(pk=reminder.object_id).first()
    if run is None or run.status != ReportRun.Status.DONE or not run.file:
        return None
    still_leads = ProjectLeader.objects.current().filter(
        project=run.project, user__email__iexact=reminder.recipient, user__is_active=True
    )
    if not still_leads.exists():
        return None
    with run.file.open("rb") as handle:
        content = handle.read()
    return ReminderMessage(
        template="projects/email/monthly_report",
        context={"project": run.project, "run": run, "summary": run.summary},
        attachments=[Attachment(run.file.name.rsplit("/", 1)[-1], content, XLSX_TYPE)],
    )
