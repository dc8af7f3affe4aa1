"""Small things a new user met (Part E): logging once, a database that works after
`migrate` alone, the demo's footer naming the right interpreter."""

import logging
from importlib import import_module
from pathlib import Path

import pytest
from django.db import connection

import livc.site.management.commands.seed_demo as seed_demo


def _console_handlers(name: str) -> list[logging.Handler]:
    """The plain console handlers a record of logger `name` reaches, as logging walks them."""
    logger, found = logging.getLogger(name), []
    while logger:
        found += [h for h in logger.handlers if type(h) is logging.StreamHandler]
        if not logger.propagate:
            break
        logger = logger.parent
    return found


@pytest.mark.parametrize("name", ["django.request", "django.security.csrf", "livc.audit"])
def test_every_log_line_is_printed_once(name):
    assert len(_console_handlers(name)) == 1


@pytest.mark.django_db(transaction=True)
def test_migrate_alone_creates_the_cache_table():
    migration = import_module("livc.core.migrations.0001_cache_table")
    with connection.schema_editor() as editor:
        editor.execute(editor.sql_delete_table % {"table": editor.quote_name("livc_cache")})
    assert "livc_cache" not in connection.introspection.table_names()
    with connection.schema_editor() as editor:
        migration.create_cache_table(None, editor)
    assert "livc_cache" in connection.introspection.table_names()


def test_seed_demo_footer_names_the_virtualenv_python():
    # Plain `python` has no Django on a fresh machine; the banner's interpreter has.
    assert "run: .venv/bin/python manage.py totp_code" in Path(seed_demo.__file__).read_text()
