"""Sending the portal's e-mails: HTML and plain text, in the recipient's language.

Call from Celery tasks (never inside a request's transaction): services enqueue a task with
primary keys on commit, and the task renders and sends through this function.
"""

from collections.abc import Iterable
from dataclasses import dataclass

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template import TemplateDoesNotExist
from django.template.loader import render_to_string
from django.utils import translation

# The template engine without HTML escaping (settings.TEMPLATES): subjects and text parts are not HTML.
TEXT_ENGINE = "text"


@dataclass(frozen=True)
class Attachment:
    filename: str
    content: bytes | str
    mimetype: str


def send_templated_mail(
    *,
    to: Iterable[str],
    template: str,
    context: dict,
    language: str = "sv",
    attachments: Iterable[Attachment] = (),
    connection=None,
) -> int:
    """Render `<template>_subject.txt`, `<template>.txt` and `<template>.html` and send them.

    The subject is the first line of the subject template; the HTML part is optional.
    """
    recipients = [address for address in to if address]
    if not recipients:
        return 0
    context = {**context, "site_url": settings.SITE_URL}
    with translation.override(language):
        subject = render_to_string(f"{template}_subject.txt", context, using=TEXT_ENGINE).strip().splitlines()[0]
        text = render_to_string(f"{template}.txt", context, using=TEXT_ENGINE)
        try:
            html = render_to_string(f"{template}.html", context)
        except TemplateDoesNotExist:  # a plain-text message is fine
            html = None
    message = EmailMultiAlternatives(
        subject=settings.ACCOUNT_EMAIL_SUBJECT_PREFIX + subject,
        body=text,
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=recipients,
        connection=connection,
    )
    if html:
        message.attach_alternative(html, "text/html")
    for attachment in attachments:
        message.attach(attachment.filename, attachment.content, attachment.mimetype)
    return message.send()
