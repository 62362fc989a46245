"""Login and password-reset forms."""

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import EmailField, PasswordField
from wtforms.validators import EqualTo

from intake.forms.fields import login_address, max_length, password_length, required


class LoginForm(FlaskForm):
    email = EmailField(_l("E-mail address"), validators=[required(), login_address,
                                                          max_length(254)])
    password = PasswordField(_l("Password"), validators=[required(), max_length(200)])


class ForgotPasswordForm(FlaskForm):
    email = EmailField(_l("E-mail address"), validators=[required(), login_address,
                                                          max_length(254)])


class ResetPasswordForm(FlaskForm):
    password = PasswordField(_l("New password"), validators=[required(), password_length()])
    confirm = PasswordField(
        _l("Repeat the new password"),
        validators=[required(), EqualTo("password", message=_l("The passwords do not match."))],
    )
