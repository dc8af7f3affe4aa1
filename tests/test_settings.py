"""The production switch turns on every hardening setting and refuses unsafe configuration."""

import json
import os
import subprocess
import sys

import pytest

SNIPPET = (
    "import django, json; from django.conf import settings; django.setup(); "
    "print(json.dumps({k: getattr(settings, k) for k in ("
    "'DEBUG','SESSION_COOKIE_SECURE','CSRF_COOKIE_SECURE','SECURE_SSL_REDIRECT',"
    "'SECURE_HSTS_SECONDS','SESSION_COOKIE_NAME')}))"
)


def run_settings(**env):
    environment = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith("LIVC_") and key != "DATABASE_URL"
    }
    environment.update(DJANGO_SETTINGS_MODULE="livc.config.settings", **env)
    return subprocess.run(
        [sys.executable, "-c", SNIPPET], env=environment, capture_output=True, text=True
    )


def test_production_refuses_to_start_without_a_secret_key():
    result = run_settings(LIVC_PRODUCTION="1")
    assert result.returncode != 0
    assert "LIVC_SECRET_KEY must be set" in result.stderr


KEYS = {
    "LIVC_ENCRYPTION_KEYS": "ZmDfcTF7_60GrrY167zsiPd67pEvs0aGOv2oasOM1Pg=",
    "LIVC_BLIND_INDEX_KEY": "b" * 40,
    "LIVC_AUDIT_KEYS": "a" * 40,
}


def test_production_refuses_to_start_without_encryption_keys():
    result = run_settings(LIVC_PRODUCTION="1", LIVC_SECRET_KEY="k" * 60)
    assert "LIVC_ENCRYPTION_KEYS and LIVC_BLIND_INDEX_KEY must be set" in result.stderr


def test_production_refuses_debug():
    result = run_settings(LIVC_PRODUCTION="1", LIVC_DEBUG="1", LIVC_SECRET_KEY="x" * 60)
    assert "LIVC_DEBUG cannot be on" in result.stderr


def test_production_switch_turns_on_hardening():
    result = run_settings(LIVC_PRODUCTION="1", LIVC_SECRET_KEY="k" * 60, **KEYS)
    assert result.returncode == 0, result.stderr
    values = json.loads(result.stdout)
    assert values == {
        "DEBUG": False,
        "SESSION_COOKIE_SECURE": True,
        "CSRF_COOKIE_SECURE": True,
        "SECURE_SSL_REDIRECT": True,
        "SECURE_HSTS_SECONDS": 31536000,
        "SESSION_COOKIE_NAME": "__Host-sessionid",
    }


@pytest.mark.parametrize("value", ["maybe", "2"])
def test_malformed_boolean_is_refused(value):
    result = run_settings(LIVC_PRODUCTION=value)
    assert "LIVC_PRODUCTION must be a boolean" in result.stderr
