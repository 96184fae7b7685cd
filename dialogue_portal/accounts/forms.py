"""Login and password-change forms hardened against abuse.

Over-long credentials are refused as a wrong login before anything records them (django-axes stores the
user name in a 255-character column), and a wrong old password on the password-change form counts as a
failed login, so guessing it there locks the account out as guessing at the login page does.
"""

from django.contrib.admin.forms import AdminAuthenticationForm
from django.contrib.auth import logout
from django.contrib.auth.forms import AuthenticationForm, PasswordChangeForm
from django.contrib.auth.signals import user_login_failed
from django.core.exceptions import ValidationError

# No password anyone types is longer; hashing a megabyte on every guess is work an attacker chooses.
MAX_PASSWORD = 4096


class BoundedCredentialsMixin:
    def clean(self):
        username = self.data.get("username", "")
        password = self.data.get("password", "")
        limit = self.fields["username"].max_length or 150
        if len(username) > limit or len(password) > MAX_PASSWORD:
            raise self.get_invalid_login_error()
        return super().clean()


class LoginForm(BoundedCredentialsMixin, AuthenticationForm):
    pass


class AdminLoginForm(BoundedCredentialsMixin, AdminAuthenticationForm):
    pass


class LockingPasswordChangeForm(PasswordChangeForm):
    """Each wrong old password is a failed login for django-axes; the one that locks out also logs out."""

    def __init__(self, user, *args, request=None, **kwargs):
        self.request = request
        super().__init__(user, *args, **kwargs)

    def clean_old_password(self):
        old_password = self.cleaned_data.get("old_password") or ""
        try:
            if len(old_password) > MAX_PASSWORD:
                raise ValidationError(self.error_messages["password_incorrect"], code="password_incorrect")
            return super().clean_old_password()
        except ValidationError:
            self._count_failure()
            raise

    def _count_failure(self):
        request = self.request
        user_login_failed.send(
            sender=__name__,
            credentials={"username": self.user.get_username(), "password": "********************"},
            request=request,
        )
        if request is not None and getattr(request, "axes_locked_out", False):
            logout(request)  # AxesMiddleware then answers with the lock-out page
