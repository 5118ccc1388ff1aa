from allauth.account.forms import SignupForm as AllauthSignupForm
from django import forms
from django.contrib.auth.hashers import make_password
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from .text import CONTROL_CHARACTERS


def validate_single_line(value) -> None:
    if isinstance(value, str) and CONTROL_CHARACTERS.search(value):
        raise ValidationError(
            _("Skriv texten på en rad, utan radbrytningar, tabbar eller andra styrtecken."), code="control_characters"
        )


def refuse_control_characters(field: forms.Field) -> forms.Field:
    """Give a one-line text field (a text input, not a text area) the rule above; others as they are."""
    if (
        isinstance(field, forms.CharField)
        and isinstance(field.widget, forms.TextInput)
        and validate_single_line not in field.validators
    ):
        field.validators.append(validate_single_line)
    return field


# Every free-text field someone outside the staff can fill has a size that fits its purpose (the
# model's max_length, or the form's); beyond it the form says so in words, not Django's default.
TOO_LONG = _("Texten är för lång: högst %(limit_value)d tecken (nu %(show_value)d). Korta den och försök igen.")


class TextRulesMixin:
    """For every form that people fill in: its one-line fields refuse control characters, and a text
    longer than its field allows is answered with TOO_LONG."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            refuse_control_characters(field)
            if isinstance(field, forms.CharField) and field.max_length:
                field.error_messages["max_length"] = TOO_LONG


def https_urls(db_field, **kwargs):
    """Model form fields as usual, but a link typed without a scheme is taken to be https (Django
    6's default, warned about on 5.2). For `formfield_callback` of model forms and admin forms."""
    if isinstance(db_field, models.URLField):
        kwargs.setdefault("assume_scheme", "https")
    return db_field.formfield(**kwargs)


class AccountDeleteForm(forms.Form):
    password = forms.CharField(
        label=_("Ditt lösenord"), widget=forms.PasswordInput(attrs={"autocomplete": "current-password"})
    )
    confirm = forms.BooleanField(label=_("Jag förstår att kontot inte kan återställas."))

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user

    def clean_password(self):
        password = self.cleaned_data["password"]
        if not self.user.check_password(password):
            raise forms.ValidationError(_("Lösenordet stämmer inte."))
        return password


class SignupForm(AllauthSignupForm):
    """allauth's sign-up, answering a taken address in the same time as a new one.

    allauth already says the same thing either way (ACCOUNT_PREVENT_ENUMERATION) and mails the owner of
    a taken address instead; but a new account costs a password hash (about 0.4 s) and a taken one did
    not, so the time of the answer told which addresses have accounts.
    """

    def try_save(self, request):
        if self.account_already_exists:
            make_password(self.cleaned_data.get("password1"))
        return super().try_save(request)


class MailSettingsForm(forms.Form):
    """The optional kinds of mail, each a box that is ticked while the person gets them."""

    def __init__(self, *args, kinds: dict, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["wanted"] = forms.MultipleChoiceField(
            label=_("Jag vill få"),
            choices=list(kinds.items()),
            required=False,
            widget=forms.CheckboxSelectMultiple,
        )
