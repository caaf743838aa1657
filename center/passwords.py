"""Django's password validators with the portal's own messages (AUTH_PASSWORD_VALIDATORS).

Django's messages come from its own catalogue, where the Vietnamese addresses people as "bạn" and, for
the minimum length, lags behind the English text (so it showed in English). The same rules, in words
our catalogue translates and in the portal's register ("đồng chí")."""

from django.contrib.auth import password_validation as django_validators
from django.utils.translation import gettext as _
from django.utils.translation import ngettext


class MinimumLengthValidator(django_validators.MinimumLengthValidator):
    def get_error_message(self):
        return ngettext(
            "This password is too short: it needs at least %(min_length)d character.",
            "This password is too short: it needs at least %(min_length)d characters.",
            self.min_length,
        ) % {"min_length": self.min_length}

    def get_help_text(self):
        return ngettext(
            "Your password needs at least %(min_length)d character.",
            "Your password needs at least %(min_length)d characters.",
            self.min_length,
        ) % {"min_length": self.min_length}


class UserAttributeSimilarityValidator(django_validators.UserAttributeSimilarityValidator):
    def get_error_message(self):
        return _("This password is too close to your %(verbose_name)s.")

    def get_help_text(self):
        return _("Your password must not be close to your username, name or e-mail address.")


class CommonPasswordValidator(django_validators.CommonPasswordValidator):
    def get_error_message(self):
        return _("This password is one of the most common ones and is easily guessed.")

    def get_help_text(self):
        return _("Your password must not be a commonly used one.")


class NumericPasswordValidator(django_validators.NumericPasswordValidator):
    def get_error_message(self):
        return _("This password has only digits.")

    def get_help_text(self):
        return _("Your password must not be digits only.")
