"""PostgreSQL refuses every change to the access log except sealing (no-op on SQLite).

Allowed without maintenance: INSERT of an unsealed entry; UPDATE of an unsealed entry that
only fills in prev_hash, hash and key_id; TRUNCATE of an empty table (nothing is lost, like
a DELETE that matches no row). Anything else needs `livc.audit_maintenance = on` for the
transaction AND a role that owns the table or is a superuser (livc.audit.maintenance).
ENABLE ALWAYS keeps the trigger on under session_replication_role = replica; the search
path is pinned so a caller cannot shadow the functions and operators it uses.
"""

from django.db import migrations

FUNCTION = """
CREATE OR REPLACE FUNCTION livc_accesslog_guard() RETURNS trigger
LANGUAGE plpgsql SET search_path = pg_catalog AS $$
DECLARE
    empty boolean;
BEGIN
    IF current_setting('livc.audit_maintenance', true) = 'on'
       AND pg_has_role(current_user, (SELECT relowner FROM pg_class WHERE oid = TG_RELID),
                       'USAGE') THEN
        RETURN CASE WHEN TG_OP = 'DELETE' THEN OLD ELSE NEW END;
    END IF;
    IF TG_OP = 'INSERT' AND NEW.hash = '' AND NEW.prev_hash = '' AND NEW.key_id = '' THEN
        RETURN NEW;
    END IF;
    IF TG_OP = 'UPDATE' AND OLD.hash = '' AND NEW.hash <> ''
       AND to_jsonb(NEW) - ARRAY['prev_hash', 'hash', 'key_id']
           = to_jsonb(OLD) - ARRAY['prev_hash', 'hash', 'key_id'] THEN
        RETURN NEW;
    END IF;
    IF TG_OP = 'TRUNCATE' THEN
        EXECUTE format('SELECT NOT EXISTS (SELECT 1 FROM %s)', TG_RELID::regclass) INTO empty;
        IF empty THEN
            RETURN NULL;
        END IF;
    END IF;
    RAISE EXCEPTION 'The access log is append-only: % refused.', TG_OP
        USING ERRCODE = 'insufficient_privilege',
              HINT = 'Only sealing may fill in the hash of an unsealed entry.';
END
$$;
"""

INSTALL = [
    FUNCTION,
    "CREATE TRIGGER accesslog_append_only BEFORE INSERT OR UPDATE OR DELETE"
    " ON audit_accesslogentry FOR EACH ROW EXECUTE FUNCTION livc_accesslog_guard()",
    "CREATE TRIGGER accesslog_no_truncate BEFORE TRUNCATE"
    " ON audit_accesslogentry FOR EACH STATEMENT EXECUTE FUNCTION livc_accesslog_guard()",
    "ALTER TABLE audit_accesslogentry ENABLE ALWAYS TRIGGER accesslog_append_only",
    "ALTER TABLE audit_accesslogentry ENABLE ALWAYS TRIGGER accesslog_no_truncate",
]

REMOVE = [
    "DROP TRIGGER IF EXISTS accesslog_no_truncate ON audit_accesslogentry",
    "DROP TRIGGER IF EXISTS accesslog_append_only ON audit_accesslogentry",
    "DROP FUNCTION IF EXISTS livc_accesslog_guard()",
]


def _run(statements):
    def run(apps, schema_editor):
        if schema_editor.connection.vendor == "postgresql":
            for statement in statements:
                schema_editor.execute(statement, params=None)

    return run


class Migration(migrations.Migration):
    dependencies = [("audit", "0003_keyed_chain")]

    operations = [migrations.RunPython(_run(INSTALL), _run(REMOVE), elidable=False)]
