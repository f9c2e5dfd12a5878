"""Password rules with their messages in Vietnamese.

Django 5.2 reworded the minimum-length message and its Vietnamese catalog has not caught up, so
that one message would show in English on the password-change form; the rule is Django's own.
"""

from django.contrib.auth import password_validation
from django.utils.translation import gettext


class MinimumLengthValidator(password_validation.MinimumLengthValidator):
    def get_error_message(self):
        return gettext("Mật khẩu quá ngắn: cần ít nhất %(min_length)d ký tự.") % {
            "min_length": self.min_length
        }

    def get_help_text(self):
        return gettext("Mật khẩu cần có ít nhất %(min_length)d ký tự.") % {"min_length": self.min_length}
