"""The projects app's reminders, sent by the portal's one mechanism (portal.reminders).

Course occasions: some days before the start (the project's `reminder_days`) the employee gets a
reminder with the occasion as a calendar file, and each contact of the employee's company gets one
reminder per occasion listing the company's confirmed participants. The services sync them
whenever a seat is confirmed (also on promotion from the waiting list) or cancelled and when the
occasion moves. The builders read the state at sending time, so whatever changed in between (a
cancellation, a new e-mail address, a contact who left) is honoured.

Monthly reports: each current leader of a project is sent the month's report file once.
"""

import datetime
from collections.abc import Iterable

from django.utils import timezone

from portal import reminders
from portal.mail import Attachment
from portal.mail_settings import REMINDERS
from portal.models import Reminder, Role, User
from portal.reminders import Recipient, ReminderMessage
from portal.spreadsheets import XLSX_CONTENT_TYPE

from .calendar import occasion_ics
from .models import Enrolment, Occasion, ProjectLeader, ReportRun
from .selectors import current_leaders

PARTICIPANT = "projects.occasion.participant"
COMPANY = "projects.occasion.company"
MONTHLY_REPORT = "projects.report.monthly"


# --- Scheduling (called by the services, inside their transaction, with the occasion locked) -------


def _company_contacts(company_ids: Iterable[int]) -> list[User]:
    roles = Role.objects.filter(
        kind=Role.Kind.COMPANY_CONTACT, organisation_id__in=set(company_ids), user__is_active=True
    ).select_related("user")
    return [role.user for role in roles]


def occasion_reminders_sync(*, occasion: Occasion, enrolments: Iterable[Enrolment] | None = None, now=None) -> None:
    """Make the occasion's reminders match what is true now, after a seat was confirmed, given up
    or promoted from the waiting list (pass those enrolments), or after the occasion moved (pass
    none: all of its seats are brought in step).

    Each confirmed employee with an e-mail address gets their own; the contacts of every company
    with someone confirmed get one per occasion however many of their staff take part. A seat no
    longer confirmed stops its reminders; so does a company with nobody left. After a move, the
    pending ones move and whoever was reminded about the old time is reminded about the new one.
    """
    now = now or timezone.now()
    offsets = occasion.course.project.reminder_offsets
    if enrolments is None:  # those not confirmed had their reminders stopped when they left
        enrolments = Enrolment.objects.filter(occasion=occasion, status=Enrolment.Status.CONFIRMED)
        enrolments = enrolments.select_related("employee")
    enrolments = list(enrolments)
    live = not occasion.is_cancelled  # an occasion called off reminds nobody
    languages = _languages(e.employee.email for e in enrolments)
    # An occasion has tens of seats, so one sync per participant stays small.
    for enrolment in enrolments:
        email = enrolment.employee.email
        confirmed = live and enrolment.status == Enrolment.Status.CONFIRMED and email
        # The employee has no account: the address is the staff list's, and the builder reads it
        # again when sending, so a corrected address is honoured without rescheduling.
        recipients = [Recipient(email, languages.get(email.lower(), "sv"))] if confirmed else []
        reminders.reminders_sync(
            target=enrolment,
            kind=PARTICIPANT,
            anchor=occasion.starts_at,
            offsets=offsets,
            recipients=recipients,
            now=now,
        )
    companies = (
        Enrolment.objects.filter(occasion=occasion, status=Enrolment.Status.CONFIRMED)
        .values_list("company_id", flat=True)
        .distinct()
    )
    contacts = _company_contacts(companies) if live else []
    reminders.reminders_sync(
        target=occasion,
        kind=COMPANY,
        anchor=occasion.starts_at,
        offsets=offsets,
        recipients=[Recipient.account(user) for user in contacts],
        now=now,
    )


def _languages(emails: Iterable[str]) -> dict[str, str]:
    """An employee who also has an account gets the reminder in that account's language."""
    emails = {email.lower() for email in emails if email}
    if not emails:
        return {}
    rows = User.objects.filter(email__in=emails).values_list("email", "language")
    return {email.lower(): language for email, language in rows}


def monthly_report_schedule(*, run: ReportRun, now=None) -> int:
    """Send the finished monthly report to each of the project's current leaders, once each.

    Due at once: the minute's reminder run sends it, with the portal's retries on SMTP failures.
    """
    now = now or timezone.now()
    recipients = [Recipient.account(user) for user in current_leaders(run.project)]
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
    return not occasion.is_cancelled and occasion.starts_at > timezone.now()


def build_participant_reminder(reminder: Reminder) -> ReminderMessage | None:
    enrolment = (
        Enrolment.objects.select_related("occasion__course__project", "occasion__region", "employee")
        .filter(pk=reminder.object_id)
        .first()
    )
    if enrolment is None or enrolment.status != Enrolment.Status.CONFIRMED or not _upcoming(enrolment.occasion):
        return None
    if not enrolment.employee.email:
        return None  # taken off the staff list, or the address was removed
    occasion = enrolment.occasion
    return ReminderMessage(
        template="projects/email/occasion_reminder_employee",
        optional=REMINDERS,
        context={"enrolment": enrolment, "occasion": occasion, "course": occasion.course},
        attachments=[Attachment("kurstillfalle.ics", occasion_ics(occasion), "text/calendar")],
        to=enrolment.employee.email,  # the staff list's address as it is now
    )


def build_company_reminder(reminder: Reminder) -> ReminderMessage | None:
    occasion = Occasion.objects.select_related("course__project", "region").filter(pk=reminder.object_id).first()
    if occasion is None or not _upcoming(occasion):
        return None
    contact = reminder.user
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
        optional=REMINDERS,
        context={
            "contact": contact,
            "enrolments": enrolments,
            "several_companies": len({e.company_id for e in enrolments}) > 1,
            "can_cancel": occasion.is_open_for_cancellation(),
            "occasion": occasion,
            "course": occasion.course,
        },
    )


def build_monthly_report(reminder: Reminder) -> ReminderMessage | None:
    run = ReportRun.objects.select_related("project").filter(pk=reminder.object_id).first()
    if run is None or run.status != ReportRun.Status.DONE or not run.file:
        return None
    still_leads = ProjectLeader.objects.current().filter(
        project=run.project, user=reminder.user_id, user__is_active=True
    )
    if not still_leads.exists():
        return None
    with run.file.open("rb") as handle:
        content = handle.read()
    return ReminderMessage(
        template="projects/email/monthly_report",
        context={"project": run.project, "run": run, "summary": run.summary},
        attachments=[Attachment(run.file.name.rsplit("/", 1)[-1], content, XLSX_CONTENT_TYPE)],
    )
