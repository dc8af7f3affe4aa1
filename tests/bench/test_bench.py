"""The benchmark command runs end to end on a tiny dataset (PostgreSQL only, as in CI)."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
URL = os.environ.get("DATABASE_URL", "")


@pytest.mark.skipif(not URL.startswith("postgres"), reason="the benchmark needs PostgreSQL")
def test_bench_runs_and_ends_with_a_bench_line():
    # A database of its own, so a large benchmark dataset in <name>_bench is left alone.
    env = {**os.environ, "DATABASE_URL": URL.rsplit("/", 1)[0] + "/livc_smoke"}
    result = subprocess.run(  # noqa: S603
        [sys.executable, str(ROOT / "manage.py"), "bench", "--cases", "400", "--requests", "6",
         "--clients", "1,2", "--port", "8799", "--workers", "2"],
        capture_output=True, text=True, timeout=300, check=False, env=env,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr[-2000:]
    last = result.stdout.strip().splitlines()[-1]
    assert last.startswith("bench: cases=400 ")
    assert "case_list@1=" in last and "case_detail@2=" in last and "floor@1=" in last
