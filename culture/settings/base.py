"""Settings shared by every environment.

Everything that differs between machines comes from the environment through django-environ;
the defaults here are the safe, local ones. Secrets never live in this file.
"""

from datetime import timedelta
from pathlib import Path
from urllib.parse import urlsplit

import environ
from csp.constants import NONE, SELF, UNSAFE_INLINE
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent.parent

env = environ.Env()

DEBUG = False

ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["127.0.0.1", "localhost"])
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])

INSTALLED_APPS = [
    # Own It, in dependency order: the culture programs build on stories, stories on home.
    "home",
    "home.accounts",
    "stories",
    "culture.quotes",
    "culture.meetings",
    "culture.pulse",
    "culture.campaigns",
    "culture.learning",
    "culture.api",
    # Wagtail
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.contrib.settings",
    "wagtail.contrib.routable_page",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail.api.v2",
    "wagtail",
    "rest_framework",
    "modelcluster",
    "taggit",
    "django_filters",
    "django_tasks",
    "django_tasks_db",
    "axes",
    "csp",
    # Django
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "home.middleware.PermissionsPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "home.middleware.ContentSecurityPolicyMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    # The browser's language (Accept-Language) unless the person chose one (below).
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # The language chosen in "Your settings", once the user is known (home/languages.py).
    "home.middleware.PersonalLanguageMiddleware",
    "home.middleware.SessionRefreshMiddleware",
    "home.middleware.PrivateSiteMiddleware",
    "home.middleware.NoIndexMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    # A write that meets a full disk answers 507 with a page that says so (home/upload_room.py).
    "home.upload_room.DiskFullMiddleware",
    # Last, as django-axes asks: it turns a refused sign-in into the lock-out response.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "culture.urls"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wagtail.contrib.settings.context_processors.settings",
                "home.fragment_versions.context_processor",
            ],
        },
    },
]

WSGI_APPLICATION = "culture.wsgi.application"

# Database: an SQLite file in the project folder unless DATABASE_URL says otherwise.
DATABASES = {
    "default": env.db("DATABASE_URL", default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}"),
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL lets readers work while one request writes; IMMEDIATE transactions and a busy timeout
    # make concurrent writers wait their turn instead of failing with "database is locked".
    DATABASES["default"]["OPTIONS"] = {
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
    }
else:
    DATABASES["default"].setdefault("CONN_MAX_AGE", env.int("CONN_MAX_AGE", default=60))
    DATABASES["default"]["CONN_HEALTH_CHECKS"] = True

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Cache: Redis when REDIS_URL is set, otherwise memory in each process. An unreachable Redis is
# a cache miss, not an error (home/cache_backends.py): pages get slower and sessions fall back to
# their database rows. A healthy Redis answers in about a millisecond; the timeouts bound what a
# dead or hung one costs a request before the backend stops trying for a few seconds.
if env.str("REDIS_URL", default=""):
    CACHES = {
        "default": {
            "BACKEND": "home.cache_backends.ForgivingRedisCache",
            "LOCATION": env.str("REDIS_URL"),
            "KEY_PREFIX": "ownit",
            "OPTIONS": {"socket_connect_timeout": 0.25, "socket_timeout": 0.25},
        }
    }
else:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "LOCATION": "ownit",
            # Django's default of 300 entries is less than one busy page's fragments times the
            # pages people read; a few thousand small fragments fit in a few megabytes.
            "OPTIONS": {"MAX_ENTRIES": 5000},
        }
    }

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Sessions are read on every request: from the cache, written through to the database.
SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"
# Idle timeout: a session ends SESSION_IDLE_HOURS after its last save (cookie and database row
# expire together). Saving on every request would write the database on every page read, so
# home.middleware.SessionRefreshMiddleware saves a signed-in session at most once every
# SESSION_REFRESH_SECONDS; idle sign-out therefore comes up to that much early.
SESSION_COOKIE_AGE = round(env.float("SESSION_IDLE_HOURS", default=8) * 60 * 60)
SESSION_SAVE_EVERY_REQUEST = False
SESSION_REFRESH_SECONDS = 5 * 60

# Sign-in: the site's own styled page for the front end; the admin keeps Wagtail's.
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "/"
LOGOUT_REDIRECT_URL = "login"
WAGTAIL_FRONTEND_LOGIN_URL = "/accounts/login/"
# Wagtail's own sign-in form (/_util/login/) uses the site's template too, so that it shows the
# same messages (such as the lock-out below) in the site's look.
WAGTAIL_FRONTEND_LOGIN_TEMPLATE = "registration/login.html"

# Sign-in throttling (django-axes; home/sign_in_throttling.py). After SIGN_IN_FAILURE_LIMIT failed
# sign-ins for one username from one address, that username is refused from that address for
# SIGN_IN_COOL_OFF_MINUTES, on every sign-in form, whether or not the account exists. Colleagues
# behind the same proxy keep signing in: the lock is on the username and address together.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
    # Company sign-in (below); it does nothing until the OIDC_* settings are set.
    "home.accounts.backends.CompanyAccountBackend",
]
AXES_FAILURE_LIMIT = env.int("SIGN_IN_FAILURE_LIMIT", default=10)
AXES_COOLOFF_TIME = timedelta(minutes=env.int("SIGN_IN_COOL_OFF_MINUTES", default=15))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
# The cool-off runs from the failure that locked the account; trying again meanwhile does not
# start it over, so "try again in N minutes" on the form stays true.
AXES_RESET_COOL_OFF_ON_FAILURE_DURING_LOCKOUT = False
AXES_LOCKOUT_CALLABLE = "home.sign_in_throttling.lockout_response"
AXES_HTTP_RESPONSE_CODE = 429
# Only failures are kept; a log of every successful sign-in is not something we need to hold.
AXES_DISABLE_ACCESS_LOG = True
# The client address: REMOTE_ADDR, or with TRUSTED_PROXY_COUNT proxies in front (each appending
# to X-Forwarded-For), the entry that the outermost one wrote. django-ipware is not installed,
# so axes' AXES_IPWARE_* settings would do nothing; the callable reads this setting instead.
TRUSTED_PROXY_COUNT = env.int("TRUSTED_PROXY_COUNT", default=0)
AXES_CLIENT_IP_CALLABLE = "home.sign_in_throttling.client_ip_address"
# Company sign-in's callback is no password guess and has no username: not counted (see there).
AXES_WHITELIST_CALLABLE = "home.accounts.backends.is_company_sign_in"

# Company sign-in with OpenID Connect (home/accounts; README "Company sign-in"). Offered when
# the issuer, client ID and secret are set; the endpoints come from the issuer's discovery
# document, read when first needed (home/accounts/provider.py), so a provider that is down never
# stops the site. mozilla-django-oidc runs the authorization code flow: the operator sets the
# OIDC_* names read from the environment; the library's own fixed settings follow them.
OIDC_ISSUER = env.str("OIDC_ISSUER", default="").strip()
OIDC_CLIENT_ID = env.str("OIDC_CLIENT_ID", default="")
OIDC_CLIENT_SECRET = env.str("OIDC_CLIENT_SECRET", default="")
# Company accounts only: the password forms go and passwords no longer sign anyone in.
OIDC_ONLY = env.bool("OIDC_ONLY", default=False)
# Provider group -> role ("own-it-moderators=Moderators,own-it-culture=Culture team"), applied
# at every company sign-in; roles that no provider group maps to are left as they are.
OIDC_GROUP_MAP = env.dict("OIDC_GROUP_MAP", default={})
OIDC_GROUPS_CLAIM = env.str("OIDC_GROUPS_CLAIM", default="groups")
# offline_access asks for a refresh token that outlives the sign-in: sync_accounts uses it to
# learn each day whether the provider still knows the person.
OIDC_SCOPES = env.str("OIDC_SCOPES", default="openid email profile offline_access")
OIDC_AUTH_PARAMS = env.dict("OIDC_AUTH_PARAMS", default={})
OIDC_SIGN_ALGORITHM = env.str("OIDC_SIGN_ALGORITHM", default="RS256")
# Seconds to wait for the provider before telling the person it cannot be reached.
OIDC_TIMEOUT = env.float("OIDC_TIMEOUT", default=5)
OIDC_USE_PKCE = True
OIDC_USE_NONCE = True
OIDC_STORE_ID_TOKEN = True  # the hint that ends the provider's session at sign-out
OIDC_AUTHENTICATION_CALLBACK_URL = "company_sign_in_callback"
if OIDC_ONLY:
    if not (OIDC_ISSUER and OIDC_CLIENT_ID and OIDC_CLIENT_SECRET):
        raise ImproperlyConfigured(
            "OIDC_ONLY=true switches password sign-in off, so it needs company sign-in: set "
            "OIDC_ISSUER, OIDC_CLIENT_ID and OIDC_CLIENT_SECRET too."
        )
    AUTHENTICATION_BACKENDS.remove("django.contrib.auth.backends.ModelBackend")
    WAGTAIL_PASSWORD_MANAGEMENT_ENABLED = False
    WAGTAIL_PASSWORD_RESET_ENABLED = False

# The interface speaks these languages (docs/languages.md says how to add one); what people write
# stays as written. British English is the default, for anyone whose browser asks for neither.
LANGUAGE_CODE = "en-gb"
LANGUAGES = [("en-gb", _("English")), ("de", _("German"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
# Content has one language (Wagtail's localisation of pages stays off); the admin's interface
# follows each person's language like the rest of the site.
WAGTAIL_CONTENT_LANGUAGES = [("en-gb", _("English"))]
WAGTAILADMIN_PERMITTED_LANGUAGES = LANGUAGES
TIME_ZONE = env.str("TIME_ZONE", default="Europe/London")
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}

# Uploaded images and documents are private: they are served by a login-checked view
# (home.views.private_media), never by the web server as public files.
MEDIA_ROOT = env.path("MEDIA_ROOT", default=BASE_DIR / "media")
MEDIA_URL = "/media/"
# Uploads that would leave less than this free on the media disk are refused with a message
# (home/upload_room.py): Wagtail writes smaller copies of each image beside it later.
UPLOAD_HEADROOM_BYTES = env.int("UPLOAD_HEADROOM_BYTES", default=10 * 1024 * 1024)
WAGTAILIMAGES_IMAGE_FORM_BASE = "home.upload_room.RoomCheckedImageForm"
WAGTAILDOCS_DOCUMENT_FORM_BASE = "home.upload_room.RoomCheckedDocumentForm"
WAGTAILDOCS_SERVE_METHOD = "serve_view"
WAGTAILDOCS_EXTENSIONS = ["csv", "docx", "key", "odt", "pdf", "pptx", "rtf", "txt", "xlsx", "zip"]

DATA_UPLOAD_MAX_NUMBER_FIELDS = 10_000

# Email: EMAIL_URL such as smtp+tls://user:password@smtp.example.com:587
EMAIL_CONFIG = env.email_url("EMAIL_URL", default="consolemail://")
vars().update(EMAIL_CONFIG)
DEFAULT_FROM_EMAIL = env.str("DEFAULT_FROM_EMAIL", default="Own It <own-it@localhost>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# Background work (emails, webhooks, PDFs) goes through Django's tasks framework. Tests and
# `make run` execute tasks at once; production queues them in the database for `db_worker`.
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
# A weekly digest that no worker finished within this time (the worker was stopped or killed
# mid-send) is queued again by the next `send_weekly_digest` run (hourly on Mondays).
DIGEST_RETRY_AFTER_SECONDS = env.int("DIGEST_RETRY_AFTER_SECONDS", default=60 * 60)

# Wagtail
WAGTAIL_SITE_NAME = "Own It"
# An approved anonymous story goes live at the next daily publication time, not at approval
# (stories/publication.py); the `publish_scheduled` cron line puts it live.
WAGTAIL_FINISH_WORKFLOW_ACTION = "stories.approval.finish_workflow"
# The site's one public address: every absolute link (feeds, emails, calendar files, the PDF, the
# admin's emails) is built from it (home/site_address.py). `make run` sets it to the address it
# serves, PORT included; on a server it is the address people type.
WAGTAILADMIN_BASE_URL = env.str("BASE_URL", default="http://127.0.0.1:8000").strip().rstrip("/")
if not WAGTAILADMIN_BASE_URL.startswith(("http://", "https://")):
    raise ImproperlyConfigured(
        f"BASE_URL must start with http:// or https:// (it is {WAGTAILADMIN_BASE_URL!r}), "
        "for example https://own-it.example.com or http://127.0.0.1:8000"
    )
# The JSON API (culture/api, README "The JSON API"): rich text as display HTML, and each token's
# (or signed-in user's) budget of requests per window of seconds, counted in the shared cache.
WAGTAILAPI_RICH_TEXT_FORMAT = "html"
WAGTAILAPI_BASE_URL = WAGTAILADMIN_BASE_URL
WAGTAILAPI_LIMIT_MAX = 100
OWN_IT_API_RATE = (
    env.int("API_RATE_LIMIT", default=120),
    env.int("API_RATE_WINDOW_SECONDS", default=60),
)
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database"}}
WAGTAIL_ENABLE_UPDATE_CHECK = False
WAGTAILADMIN_COMMENTS_ENABLED = True
# Avatars in the admin come from the site, not from gravatar.com: the admin's Content-Security-
# Policy allows no other origin, and an intranet has no reason to send colleagues' email hashes out.
WAGTAIL_GRAVATAR_PROVIDER_URL = None

# The share form sends what is typed to the server's autosave this often after a change (and
# when the author leaves the page); static/js/autosave.js reads it from the form.
SHARE_AUTOSAVE_SECONDS = 30

# Content-Security-Policy (django-csp; home.middleware.ContentSecurityPolicyMiddleware). Front-end
# pages run no inline script or style: scripts and styles come from static/ and the colour
# stylesheet (/site-colours.css). Frames only within the site (the admin's live preview frames
# front-end pages), and forms post only to the site and, with company sign-in, to the identity
# provider's origin: sign-out posts here and is sent on to end the provider's session there.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "img-src": [SELF, "data:"],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [SELF],
    }
}
if OIDC_ISSUER:
    _issuer = urlsplit(OIDC_ISSUER)
    CONTENT_SECURITY_POLICY["DIRECTIVES"]["form-action"].append(
        f"{_issuer.scheme}://{_issuer.netloc}"
    )
# The Wagtail admin (/admin/…) writes inline scripts and styles of its own (inline panels,
# choosers, date pickers, the preview panel), so it allows 'unsafe-inline' for those two, and
# blob: images (the image uploader's previews); no eval, no other origin. Its previews are
# front-end pages and get the front-end policy above.
ADMIN_CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        **CONTENT_SECURITY_POLICY["DIRECTIVES"],
        "script-src": [SELF, UNSAFE_INLINE],
        "style-src": [SELF, UNSAFE_INLINE],
        "img-src": [SELF, "data:", "blob:"],
    }
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env.str("LOG_LEVEL", default="INFO")},
    "loggers": {
        "django.request": {"level": "ERROR"},
        # One line per task state change is noise; failures still come through as errors.
        "django_tasks": {"level": "WARNING"},
        # Axes says at INFO when every command starts and every sign-in succeeds; failures and
        # lock-outs come at WARNING.
        "axes": {"level": "WARNING"},
    },
}
