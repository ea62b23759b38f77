"""Company sign-in's settings, read from the environment as production reads them."""

import json
import os
import subprocess
import sys

import pytest
from django.conf import settings

from home.accounts.checks import group_map_names_roles


def settings_with(**environment):
    """The test settings as a fresh process builds them from these environment variables."""
    code = (
        "import json, django; django.setup(); from django.conf import settings as s; "
        "print(json.dumps({'form_action': s.CONTENT_SECURITY_POLICY['DIRECTIVES']['form-action'],"
        " 'admin_form_action': s.ADMIN_CONTENT_SECURITY_POLICY['DIRECTIVES']['form-action'],"
        " 'backends': s.AUTHENTICATION_BACKENDS, 'group_map': s.OIDC_GROUP_MAP}))"
    )
    result = subprocess.run(
        [sys.executable, "-c", code],
        env={**os.environ, "DJANGO_SETTINGS_MODULE": "culture.settings.test", **environment},
        capture_output=True,
        text=True,
        cwd=settings.BASE_DIR,
        check=False,
    )
    return result


def test_forms_may_post_to_the_issuers_origin_and_roles_come_from_the_map():
    result = settings_with(
        OIDC_ISSUER="https://login.example.com/realms/staff",
        OIDC_CLIENT_ID="own-it",
        OIDC_CLIENT_SECRET="secret",
        OIDC_GROUP_MAP="own-it-moderators=Moderators,own-it-culture=Culture team",
    )
    assert result.returncode == 0, result.stderr
    values = json.loads(result.stdout)
    assert values["form_action"] == ["'self'", "https://login.example.com"]
    assert values["admin_form_action"] == ["'self'", "https://login.example.com"]
    assert values["group_map"] == {
        "own-it-moderators": "Moderators",
        "own-it-culture": "Culture team",
    }
    assert "django.contrib.auth.backends.ModelBackend" in values["backends"]


def test_company_only_switches_password_sign_in_off():
    result = settings_with(
        OIDC_ISSUER="https://login.example.com/realms/staff",
        OIDC_CLIENT_ID="own-it",
        OIDC_CLIENT_SECRET="secret",
        OIDC_ONLY="true",
    )
    assert result.returncode == 0, result.stderr
    assert "django.contrib.auth.backends.ModelBackend" not in json.loads(result.stdout)["backends"]


def test_company_only_without_company_sign_in_refuses_to_start():
    result = settings_with(OIDC_ONLY="true")
    assert result.returncode != 0
    assert "OIDC_ONLY=true switches password sign-in off" in result.stderr


@pytest.mark.parametrize(
    ("group_map", "errors"),
    [({"own-it-moderators": "Moderators"}, 0), ({"own-it-mods": "Moderator"}, 1)],
)
def test_the_group_map_must_name_roles(settings, group_map, errors):
    settings.OIDC_GROUP_MAP = group_map
    assert len(group_map_names_roles(None)) == errors
