"""The web app: companies register and describe their needs, coordinators review and book."""

from pathlib import Path

from flask import Flask

from intake import config
from intake.extensions import babel, csrf, db, limiter, login_manager, migrate
from intake.web.request import CleanRequest

ROOT = Path(__file__).resolve().parent.parent


def create_app(test_config: dict | None = None) -> Flask:
    """Build the app; `test_config` overrides everything, so tests need no files or env."""
    app = Flask(
        __name__,
        instance_relative_config=True,
        template_folder=str(ROOT / "templates"),
        static_folder=str(ROOT / "static"),
    )
    app.request_class = CleanRequest
    Path(app.instance_path).mkdir(parents=True, exist_ok=True)
    app.config.from_mapping(config.DEFAULTS)
    if test_config is None:
        app.config.from_mapping(config.from_environment(app.instance_path))
    else:
        app.config.from_mapping(test_config)

    from intake import outbox, serving
    from intake.web.converters import BoundedIntegerConverter

    app.url_map.converters["int"] = BoundedIntegerConverter
    serving.configure(app)
    db.init_app(app)
    migrate.init_app(app, db, directory=str(ROOT / "migrations"), render_as_batch=True)
    csrf.init_app(app)
    limiter.init_app(app)
    _init_login(app)
    _init_i18n(app)

    from intake import labels, models  # noqa: F401  (the mappers must exist before a query)
    from intake.forms.fields import radio_inputs
    from intake.web import errors, security, template_urls

    security.init_app(app)
    errors.init_app(app)
    serving.init_app(app)
    outbox.init_app(app)
    labels.init_app(app)
    app.jinja_env.globals["radio_inputs"] = radio_inputs  # the radios macro's inputs
    _register_blueprints(app)
    template_urls.init_app(app)

    from intake.cli import register_commands

    register_commands(app)
    return app


def _init_login(app: Flask) -> None:
    from intake.auth.session import load_user

    login_manager.init_app(app)
    login_manager.user_loader(load_user)
    login_manager.login_view = "auth.login"
    login_manager.login_message_category = "info"
    login_manager.session_protection = "strong"


def _init_i18n(app: Flask) -> None:
    from intake.i18n import install, request_locale

    babel.init_app(
        app,
        locale_selector=request_locale,
        default_translation_directories=str(Path(__file__).parent / "translations"),
    )
    install(app)


def _register_blueprints(app: Flask) -> None:
    from intake.admin import bp as admin_bp
    from intake.auth.views import bp as auth_bp
    from intake.company.views import bp as company_bp
    from intake.coordinator.views import bp as coordinator_bp
    from intake.public.views import bp as public_bp
    from intake.survey import bp as survey_bp

    app.register_blueprint(public_bp)
    app.register_blueprint(auth_bp)
    app.register_blueprint(company_bp)
    app.register_blueprint(coordinator_bp)
    app.register_blueprint(admin_bp)
    app.register_blueprint(survey_bp)
