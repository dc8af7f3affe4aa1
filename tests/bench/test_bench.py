"""The benchmark command runs end to end on a tiny dataset (PostgreSQL only, as in CI)."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
URL = os.environ.get("DATABASE_URL", "")


def smoke_url(url: str) -> str:
    """The configured database's name + `_smoke`: a database of its own, so a large
    benchmark dataset in `<name>_bench` is left alone, and two checkouts sharing a server
    (different DATABASE_URL names) do not collide."""
    base, name = url.split("?", 1)[0].rsplit("/", 1)
    return f"{base}/{name}_smoke"


def drop_database(url: str) -> None:
    import psycopg

    base, name = url.rsplit("/", 1)
    with psycopg.connect(f"{base}/postgres", autocommit=True) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def test_smoke_database_follows_database_url():
    assert smoke_url("postgres://u@h:5432/livc_ci") == "postgres://u@h:5432/livc_ci_smoke"
    assert smoke_url("postgres://u@h/other?sslmode=disable") == "postgres://u@h/other_smoke"


@pytest.mark.skipif(not URL.startswith("postgres"), reason="the benchmark needs PostgreSQL")
def test_bench_runs_and_ends_with_a_bench_line():
    url = smoke_url(URL)
    env = {**os.environ, "DATABASE_URL": url}
    try:
        result = subprocess.run(  # noqa: S603
            [sys.executable, str(ROOT / "manage.py"), "bench", "--cases", "400",
             "--requests", "6", "--clients", "1,2", "--port", "8799", "--workers", "2"],
            capture_output=True, text=True, timeout=300, check=False, env=env,
        )  # fmt: skip
    finally:
        drop_database(url + "_bench")  # nothing left behind on the server
    assert result.returncode == 0, result.stderr[-2000:]
    last = result.stdout.strip().splitlines()[-1]
    assert last.startswith("bench: cases=400 ")
    assert "case_list@1=" in last and "case_detail@2=" in last and "floor@1=" in last
