"""Sending the portal's e-mails: HTML and plain text, in the recipient's language.

Call from Celery tasks (never inside a request's transaction): services write an outbox row
naming the task and the primary keys (portal.outbox), and the outbox's sender runs the task,
which renders and sends through this function.
"""

from collections.abc import Iterable
from contextvars import ContextVar
from dataclasses import dataclass

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template import TemplateDoesNotExist
from django.template.loader import render_to_string
from django.utils import translation

from . import mail_settings

# The template engine without HTML escaping (settings.TEMPLATES): subjects and text parts are not HTML.
TEXT_ENGINE = "text"

# Set by the outbox's sender while it runs a notification (portal.outbox): each mail the
# notification sends then goes through it, which gives it its Message-ID and records it as sent.
outbox_delivery: ContextVar = ContextVar("outbox_delivery", default=None)


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
    message_id: str | None = None,
    optional: str | None = None,
    user=None,
) -> int:
    """Render `<template>_subject.txt`, `<template>.txt` and `<template>.html` and send them.

    The subject is the first line of the subject template; the HTML part is optional. A
    `message_id` that is the same on every attempt lets mail systems drop a copy sent again.

    `optional` names the kind of an optional mail (portal.mail_settings.OPTIONAL) and `user` the
    account it goes to: a person who turned the kind off is sent nothing (0), the others get the
    one-click unsubscribe headers and, below the text, the links to unsubscribe and to their settings.
    """
    recipients = [address for address in to if address]
    if not recipients:
        return 0
    context = {**context, "site_url": settings.SITE_URL, "mail_settings_url": mail_settings.settings_url()}
    headers = {}
    if optional is not None and user is not None:
        if not mail_settings.wants(user, optional):
            return 0
        headers = mail_settings.unsubscribe_headers(user, optional)
        context["unsubscribe_url"] = mail_settings.unsubscribe_url(user, optional)
    with translation.override(language):
        subject = render_to_string(f"{template}_subject.txt", context, using=TEXT_ENGINE).strip().splitlines()[0]
        text = render_to_string(f"{template}.txt", context, using=TEXT_ENGINE)
        if headers:
            text = (
                text.rstrip("\n")
                + "\n\n-- \n"
                + render_to_string("portal/email/_unsubscribe.txt", context, using=TEXT_ENGINE)
            )
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
        headers=headers,
    )
    if html:
        message.attach_alternative(html, "text/html")
    for attachment in attachments:
        message.attach(attachment.filename, attachment.content, attachment.mimetype)
    if (delivery := outbox_delivery.get()) is not None:
        return delivery.send(message, template=template, to=recipients)
    if message_id:
        message.extra_headers["Message-ID"] = message_id
    return message.send()
