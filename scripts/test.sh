#!/usr/bin/env bash
# Command 2: every quality rail and the whole pytest suite (browser tests included).
# DATABASE_URL selects the database (default: SQLite); CI sets PostgreSQL.
source "$(dirname "$0")/_common.sh"
install_project dev
apt_install chromium chromium || { [ "${CI:-}" != "true" ] || { echo "chromium is required in CI"; exit 1; }; }
export DJANGO_SETTINGS_MODULE=livc.config.settings

echo "==> ruff (lint and format)"
"$VENV/bin/ruff" check .
"$VENV/bin/ruff" format --check .

echo "==> migrations are up to date"
"$PY" manage.py makemigrations --check --dry-run

echo "==> check --deploy under production settings"
LIVC_PRODUCTION=1 LIVC_DEBUG=0 LIVC_SECRET_KEY="$("$PY" -c 'import secrets; print(secrets.token_urlsafe(64))')" \
  LIVC_ALLOWED_HOSTS=livc.example.be LIVC_BLIND_INDEX_KEYS="$("$PY" -c 'import secrets; print(secrets.token_urlsafe(48))')" \
  LIVC_AUDIT_KEYS="$("$PY" -c 'import secrets; print(secrets.token_urlsafe(48))')" \
  LIVC_ENCRYPTION_KEYS="$("$PY" -c 'from cryptography.fernet import Fernet; print(Fernet.generate_key().decode())')" \
  "$PY" manage.py check --deploy --fail-level WARNING

echo "==> translation catalogues complete (nl, fr)"
"$PY" scripts/check_translations.py

echo "==> pytest"
exec "$VENV/bin/pytest" "$@"
