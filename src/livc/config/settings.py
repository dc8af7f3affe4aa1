"""Settings for the LIVC Platform, read from environment variables.

Every variable and its default is documented in the README ("Configuration").
`LIVC_PRODUCTION=1` is the single switch that turns on every hardening setting and
refuses to start without a real secret key.
"""

from pathlib import Path

import dj_database_url
from csp.constants import NONE, SELF
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

from .env import env_bool, env_int, env_list, env_str

PACKAGE_DIR = Path(__file__).resolve().parent.parent
BASE_DIR = Path(env_str("LIVC_BASE_DIR", str(PACKAGE_DIR.parent.parent)))

PRODUCTION = env_bool("LIVC_PRODUCTION", False)
DEBUG = env_bool("LIVC_DEBUG", not PRODUCTION)
if PRODUCTION and DEBUG:
    raise ImproperlyConfigured("LIVC_DEBUG cannot be on when LIVC_PRODUCTION is on.")

_DEV_SECRET_KEY = "dev-only-insecure-key-never-use-in-production-0123456789abcdef"  # noqa: S105
SECRET_KEY = env_str("LIVC_SECRET_KEY", "" if PRODUCTION else _DEV_SECRET_KEY)
if PRODUCTION and (len(SECRET_KEY) < 50 or SECRET_KEY == _DEV_SECRET_KEY):
    raise ImproperlyConfigured(
        "LIVC_SECRET_KEY must be set to 50+ random characters in production."
    )

ALLOWED_HOSTS = env_list("LIVC_ALLOWED_HOSTS", "127.0.0.1,localhost")
CSRF_TRUSTED_ORIGINS = env_list("LIVC_CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "allauth",
    "allauth.account",
    "allauth.mfa",
    "csp",
    "rest_framework",
    "drf_spectacular",
    "livc.core",
    "livc.accounts",
    "livc.organisations",
    "livc.audit",
    "livc.privacy",
    "livc.intake",
    "livc.cases",
    "livc.conferences",
    "livc.trajectories",
    "livc.retention",
    "livc.charters",
    "livc.subjectaccess",
    "livc.dpo",
    "livc.monitoring",
    "livc.bench",
    "livc.polarisation",
    "livc.policy",
    "livc.library",
    "livc.api",
    "livc.site",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "livc.core.middleware.AllowedMethodsMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "livc.core.middleware.NoStoreForAuthenticatedMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "livc.accounts.middleware.IdleTimeoutMiddleware",
    "livc.accounts.middleware.UserLanguageMiddleware",
    "django.contrib.auth.middleware.LoginRequiredMiddleware",
    "livc.accounts.middleware.MFAEnrollmentMiddleware",
    "livc.charters.middleware.CharterGateMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "allauth.account.middleware.AccountMiddleware",
]
# Methods the site answers (anything else: 405 before a view runs). The REST API under
# /api/ answers PATCH too (DRF answers 405 itself for a method a view lacks).
LIVC_ALLOWED_HTTP_METHODS = ["GET", "HEAD", "POST", "OPTIONS"]
LIVC_HTTP_METHODS_EXEMPT_PATHS: list[str] = ["/api/"]

# The benchmark serves livc.bench.urls (product URLs plus its floor view).
ROOT_URLCONF = env_str("LIVC_ROOT_URLCONF", "livc.config.urls")
WSGI_APPLICATION = "livc.config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [PACKAGE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "livc.site.context_processors.navigation",
            ],
        },
    },
]

DATABASES = {
    "default": dj_database_url.parse(
        env_str("DATABASE_URL", f"sqlite:///{BASE_DIR / 'db.sqlite3'}"),
        conn_max_age=env_int("LIVC_DB_CONN_MAX_AGE", 60 if PRODUCTION else 0),
        conn_health_checks=True,
    )
}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# A shared cache keeps login throttling consistent across stateless app processes and
# holds computed figures (about 2 entries per scope, half-year and language).
CACHES = {
    "default": {
        "BACKEND": "django.core.cache.backends.db.DatabaseCache",
        "LOCATION": "livc_cache",
        "OPTIONS": {"MAX_ENTRIES": 5000},
    }
}

AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
    "livc.accounts.backends.AdministratorPermissionBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "home"

# Sessions: idle timeout enforced by IdleTimeoutMiddleware; cookie lifetime caps a working day.
LIVC_IDLE_TIMEOUT_MINUTES = env_int("LIVC_IDLE_TIMEOUT_MINUTES", 30)
SESSION_COOKIE_AGE = env_int("LIVC_SESSION_MAX_HOURS", 12) * 3600
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_HTTPONLY = True
MESSAGE_STORAGE = "django.contrib.messages.storage.fallback.FallbackStorage"

# allauth: e-mail login, no public sign-up (administrators create accounts), MFA by TOTP.
ACCOUNT_ADAPTER = "livc.accounts.adapter.AccountAdapter"
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_USER_MODEL_USERNAME_FIELD = None
ACCOUNT_EMAIL_VERIFICATION = "none"
ACCOUNT_UNIQUE_EMAIL = True
ACCOUNT_SESSION_REMEMBER = False
ACCOUNT_LOGOUT_REDIRECT_URL = "account_login"
ACCOUNT_PRESERVE_USERNAME_CASING = False
LIVC_LOGIN_FAILURES_ALLOWED = env_int("LIVC_LOGIN_FAILURES_ALLOWED", 5)
LIVC_LOGIN_LOCKOUT_MINUTES = env_int("LIVC_LOGIN_LOCKOUT_MINUTES", 15)
ACCOUNT_RATE_LIMITS = {
    "login_failed": (
        f"20/m/ip,{LIVC_LOGIN_FAILURES_ALLOWED}/{LIVC_LOGIN_LOCKOUT_MINUTES * 60}s/key"
    ),
}
# The per-IP limits count the client's address, not the TLS proxy's: with N reverse
# proxies appending to X-Forwarded-For, the Nth entry from the right is the client (entries
# further left are the client's own claims). 0: the header is ignored, REMOTE_ADDR counts.
ALLAUTH_TRUSTED_PROXY_COUNT = env_int("LIVC_TRUSTED_PROXY_COUNT", 0)
if ALLAUTH_TRUSTED_PROXY_COUNT < 0:
    raise ImproperlyConfigured("LIVC_TRUSTED_PROXY_COUNT must be 0 or more.")
MFA_SUPPORTED_TYPES = ["totp", "recovery_codes"]
MFA_TOTP_ISSUER = env_str("LIVC_TOTP_ISSUER", "LIVC Platform")
MFA_PASSKEY_LOGIN_ENABLED = False

# Identifying data: Fernet keys and blind-index HMAC keys, each newest first (see
# livc.privacy.crypto). LIVC_BLIND_INDEX_KEY is the single-key form, still accepted.
LIVC_ENCRYPTION_KEYS = env_list("LIVC_ENCRYPTION_KEYS")
LIVC_BLIND_INDEX_KEYS = env_list("LIVC_BLIND_INDEX_KEYS")
LIVC_BLIND_INDEX_KEY = env_str("LIVC_BLIND_INDEX_KEY")
if PRODUCTION and not (LIVC_ENCRYPTION_KEYS and (LIVC_BLIND_INDEX_KEYS or LIVC_BLIND_INDEX_KEY)):
    raise ImproperlyConfigured(
        "LIVC_ENCRYPTION_KEYS and LIVC_BLIND_INDEX_KEY must be set in production "
        "(or LIVC_BLIND_INDEX_KEYS, newest first, while rotating)."
    )
if PRODUCTION and any(len(key) < 32 for key in LIVC_BLIND_INDEX_KEYS or [LIVC_BLIND_INDEX_KEY]):
    raise ImproperlyConfigured("Each blind-index key must be at least 32 characters long.")
# Access log: HMAC keys for its hash chain, newest first (see livc.audit.chain), and the
# append-only file outside the database that receives each sealed head (livc.audit.anchors).
# Outside production the key derives from SECRET_KEY and the anchor file is off.
LIVC_AUDIT_KEYS = env_list("LIVC_AUDIT_KEYS")
if PRODUCTION and not LIVC_AUDIT_KEYS:
    raise ImproperlyConfigured("LIVC_AUDIT_KEYS must be set in production (newest first).")
if PRODUCTION and any(len(key) < 32 for key in LIVC_AUDIT_KEYS):
    raise ImproperlyConfigured("Each access-log key must be at least 32 characters long.")
LIVC_AUDIT_ANCHOR_FILE = env_str(
    "LIVC_AUDIT_ANCHOR_FILE", str(BASE_DIR / "var" / "audit-anchors.log") if PRODUCTION else ""
)
if PRODUCTION and not LIVC_AUDIT_ANCHOR_FILE:
    raise ImproperlyConfigured("LIVC_AUDIT_ANCHOR_FILE cannot be empty in production.")
# Each anchor also goes to syslog: a socket path (/dev/log) or host:port; empty: off.
LIVC_AUDIT_ANCHOR_SYSLOG = env_str("LIVC_AUDIT_ANCHOR_SYSLOG", "")
# Where the de-identifier caches its lookup tables (built once, ~2.5 s); empty: a private
# directory under the system temp dir.
LIVC_DEIDENTIFY_CACHE_DIR = env_str("LIVC_DEIDENTIFY_CACHE_DIR", "")
LIVC_SCREENING_DAYS = env_int("LIVC_SCREENING_DAYS", 10)
LIVC_AFTERCARE_MONTHS = [int(month) for month in env_list("LIVC_AFTERCARE_MONTHS", "6,12")]

# Retention (storage limitation), in months. A cell may override a default within the
# bounds; `purge_expired` enforces the result. Minutes and plans follow their case.
LIVC_RETENTION_OUT_OF_SCOPE_MONTHS = env_int("LIVC_RETENTION_OUT_OF_SCOPE_MONTHS", 12)
LIVC_RETENTION_OUT_OF_SCOPE_BOUNDS = (
    env_int("LIVC_RETENTION_OUT_OF_SCOPE_MIN_MONTHS", 1),
    env_int("LIVC_RETENTION_OUT_OF_SCOPE_MAX_MONTHS", 24),
)
LIVC_RETENTION_CLOSED_CASE_MONTHS = env_int("LIVC_RETENTION_CLOSED_CASE_MONTHS", 60)
LIVC_RETENTION_CLOSED_CASE_BOUNDS = (
    env_int("LIVC_RETENTION_CLOSED_CASE_MIN_MONTHS", 12),
    env_int("LIVC_RETENTION_CLOSED_CASE_MAX_MONTHS", 120),
)
for _name, _bounds, _value in (
    ("OUT_OF_SCOPE", LIVC_RETENTION_OUT_OF_SCOPE_BOUNDS, LIVC_RETENTION_OUT_OF_SCOPE_MONTHS),
    ("CLOSED_CASE", LIVC_RETENTION_CLOSED_CASE_BOUNDS, LIVC_RETENTION_CLOSED_CASE_MONTHS),
):
    if not _bounds[0] <= _value <= _bounds[1]:
        raise ImproperlyConfigured(
            f"LIVC_RETENTION_{_name}_MONTHS must lie between {_bounds[0]} and {_bounds[1]}."
        )
# The purge checks foreign keys per chunk (one query per constraint) when the database
# role may set session_replication_role; off: PostgreSQL checks them row by row.
LIVC_PURGE_SET_BASED_FK_CHECKS = env_bool("LIVC_PURGE_SET_BASED_FK_CHECKS", True)
# Report files are generated in a background thread after the request (or by
# `run_report_jobs`); inline generation is for tests and debugging.
LIVC_REPORT_JOBS_INLINE = env_bool("LIVC_REPORT_JOBS_INLINE", False)
# Figures across cells and region reports read computed figures from the cache for this
# long (0: always live); `warm_figures`, run from cron, keeps them fresh.
LIVC_FIGURES_CACHE_SECONDS = env_int("LIVC_FIGURES_CACHE_SECONDS", 3600)

LANGUAGE_CODE = "nl"
LANGUAGES = [("nl", _("Dutch")), ("fr", _("French")), ("en", _("English"))]
LOCALE_PATHS = [PACKAGE_DIR / "locale"]
LANGUAGE_COOKIE_NAME = "livc_language"
LANGUAGE_COOKIE_SAMESITE = "Lax"
TIME_ZONE = "Europe/Brussels"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
NODE_MODULES = BASE_DIR / "node_modules"
STATICFILES_DIRS = [
    ("vendor/bootstrap", NODE_MODULES / "bootstrap" / "dist"),
    ("vendor/htmx", NODE_MODULES / "htmx.org" / "dist"),
    ("vendor/chartjs", NODE_MODULES / "chart.js" / "dist"),
]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "whitenoise.storage.CompressedManifestStaticFilesStorage"
            if PRODUCTION
            else "django.contrib.staticfiles.storage.StaticFilesStorage"
        )
    },
}

EMAIL_BACKEND = env_str(
    "LIVC_EMAIL_BACKEND",
    "django.core.mail.backends.smtp.EmailBackend"
    if PRODUCTION
    else "django.core.mail.backends.console.EmailBackend",
)
EMAIL_HOST = env_str("LIVC_EMAIL_HOST", "localhost")
EMAIL_PORT = env_int("LIVC_EMAIL_PORT", 25)
EMAIL_USE_TLS = env_bool("LIVC_EMAIL_USE_TLS", False)
DEFAULT_FROM_EMAIL = env_str("LIVC_DEFAULT_FROM_EMAIL", "livc-platform@localhost")

# Strict Content Security Policy: everything from this origin, no inline code.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "form-action": [SELF],
        "base-uri": [SELF],
        "frame-ancestors": [NONE],
        "object-src": [NONE],
    }
}
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"

if PRODUCTION:
    SECURE_SSL_REDIRECT = env_bool("LIVC_SECURE_SSL_REDIRECT", True)
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_HSTS_SECONDS = env_int("LIVC_HSTS_SECONDS", 31536000)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    LANGUAGE_COOKIE_SECURE = True
    SESSION_COOKIE_NAME = "__Host-sessionid"
    CSRF_COOKIE_NAME = "__Host-csrftoken"

# REST API (livc.api): session (with CSRF) for the browser, personal access tokens for
# systems. Bearer first, so an unauthenticated request gets 401 with WWW-Authenticate.
REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "livc.api.authentication.BearerTokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    "DEFAULT_PARSER_CLASSES": ["rest_framework.parsers.JSONParser"],
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "EXCEPTION_HANDLER": "livc.api.errors.exception_handler",
    "UNAUTHENTICATED_USER": "django.contrib.auth.models.AnonymousUser",
}
SPECTACULAR_SETTINGS = {
    "TITLE": "LIVC Platform API",
    "DESCRIPTION": "Cases, plan actions and the current user, under need-to-know.",
    "VERSION": "1",
    "SERVE_INCLUDE_SCHEMA": False,
    "SERVE_PERMISSIONS": ["rest_framework.permissions.IsAuthenticated"],
    "COMPONENT_SPLIT_REQUEST": True,
}
LIVC_API_TOKEN_MAX_DAYS = 365

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": env_str("LIVC_LOG_LEVEL", "INFO")},
    # Django's default "django" logger has a console handler of its own and propagates to
    # the root: every line would be printed twice. It now only propagates (and no error
    # e-mail leaves the closed network with a traceback holding personal data).
    "loggers": {"django": {"handlers": [], "level": "INFO", "propagate": True}},
}
if LIVC_AUDIT_ANCHOR_SYSLOG:
    _host, _, _port = LIVC_AUDIT_ANCHOR_SYSLOG.rpartition(":")
    LOGGING["handlers"]["audit_anchor"] = {
        "class": "logging.handlers.SysLogHandler",
        "address": (_host, int(_port)) if _host else LIVC_AUDIT_ANCHOR_SYSLOG,
        "formatter": "plain",
    }
    LOGGING["loggers"]["livc.audit.anchor"] = {"handlers": ["audit_anchor"], "level": "INFO"}
