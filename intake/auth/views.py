"""Logging in and out, and resetting a forgotten password, for every kind of user."""

from flask import Blueprint, current_app, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_limiter.errors import RateLimitExceeded
from flask_login import current_user, login_required

from intake.auth.forms import ForgotPasswordForm, LoginForm, ResetPasswordForm
from intake.auth.login_sessions import log_in, log_out
from intake.auth.redirects import safe_next
from intake.extensions import db, limiter
from intake.i18n import current_language
from intake.operations import authentication, users
from intake.outbox import queue_mail
from intake.serving.hosts import external_url
from intake.serving.limits import per_submitted_email
from intake.web import too_many_attempts

bp = Blueprint("auth", __name__)


def home_for(user) -> str:
    return url_for("coordinator.inbox") if user.is_staff else url_for("company.status")


def _login_limit() -> str:
    return current_app.config["LOGIN_RATE_LIMIT"]


@bp.route("/login", methods=["GET", "POST"])
@limiter.limit(_login_limit, methods=["POST"])
@limiter.limit(lambda: current_app.config["LOGIN_ACCOUNT_RATE_LIMIT"], methods=["POST"],
               key_func=per_submitted_email)
def login():
    if current_user.is_authenticated:
        return redirect(home_for(current_user))
    form = LoginForm()
    if form.validate_on_submit():
        user = authentication.authenticate(form.email.data, form.password.data)
        if user is not None:
            log_in(user)
            db.session.commit()
            return redirect(safe_next(request.args.get("next")) or home_for(user))
        form.password.errors.append(_("The e-mail address or password is wrong."))
    return render_template("auth/login.html", form=form)


@bp.errorhandler(RateLimitExceeded)
def too_many(error: RateLimitExceeded):
    return too_many_attempts.form_again({
        "auth.login": (LoginForm, "auth/login.html"),
        "auth.forgot_password": (ForgotPasswordForm, "auth/forgot.html")})


@bp.route("/logout", methods=["POST"])
@login_required
def logout():
    log_out()
    db.session.commit()
    flash(_("You are logged out."), "info")
    return redirect(url_for("public.home"))


@bp.route("/password/forgot", methods=["GET", "POST"])
@limiter.limit(lambda: current_app.config["MAIL_RATE_LIMIT"], methods=["POST"])
@limiter.limit(lambda: current_app.config["RESET_ACCOUNT_RATE_LIMIT"], methods=["POST"],
               key_func=per_submitted_email)
def forgot_password():
    form = ForgotPasswordForm()
    if form.validate_on_submit():
        user = users.find_user_by_email(form.email.data)
        if user is not None and user.is_active:
            link = external_url("auth.reset_password",
                                token=authentication.make_reset_token(user))
            queue_mail(user.email, _("Reset your password"), "password_reset",
                       lang=current_language(), link=link)
            db.session.commit()
        # The same answer whether or not the address is registered, and whether or not the
        # mail server is up: the outbox sends the link once it is.
        flash(_("If the address is registered, we have sent a link to reset the password. "
                "The link is valid for one hour."), "info")
        return redirect(url_for("auth.login"))
    return render_template("auth/forgot.html", form=form)


@bp.route("/password/reset/<token>", methods=["GET", "POST"])
def reset_password(token: str):
    try:
        authentication.user_for_reset_token(token)
    except authentication.InvalidResetToken:
        flash(_("The link has expired or has already been used. Ask for a new one."), "error")
        return redirect(url_for("auth.forgot_password"))
    form = ResetPasswordForm()
    if form.validate_on_submit():
        user = authentication.reset_password(token, form.password.data)
        log_out()
        log_in(user)
        db.session.commit()
        flash(_("Your password has been changed."), "success")
        return redirect(home_for(user))
    return render_template("auth/reset.html", form=form)
