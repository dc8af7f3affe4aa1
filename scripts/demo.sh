#!/usr/bin/env bash
# Command 1: install everything, migrate a SQLite database, seed the demo, serve on :8000.
source "$(dirname "$0")/_common.sh"
install_project
export DJANGO_SETTINGS_MODULE=livc.config.settings
echo "==> migrating the database"
"$PY" manage.py migrate --noinput -v 0
echo "==> seeding demo data"
"$PY" manage.py seed_demo
cat <<MSG

  LIVC Platform demo: http://127.0.0.1:8000/
  Log in with any e-mail above, password LIVC-demo-2026!
  Two-step code: add secret JBSWY3DPEHPK3PXP to an authenticator app,
  or run  .venv/bin/python manage.py totp_code  in another terminal.

MSG
exec "$PY" manage.py runserver 127.0.0.1:8000
