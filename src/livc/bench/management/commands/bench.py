"""Benchmark: scoped case list, case detail, dashboards and the region report PDF against a
bare-Django floor.

Builds (or reuses) a synthetic dataset in a dedicated PostgreSQL database
(`<DATABASE_URL name>_bench`), serves it with gunicorn, and measures median and p95
latency at 1 and 16 concurrent clients in one run. Prints each page's ratio to the floor
and its query count, and ends with one line starting `bench:`.
"""

import json
import os
import statistics
import subprocess
import sys
import threading
import time
import urllib.request
from pathlib import Path

import dj_database_url
import psycopg
from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

ROOT = Path(settings.BASE_DIR)
MANAGE = [sys.executable, str(ROOT / "manage.py")]


# Pages that take seconds (a region's PDF report): a few requests, one client only.
SLOW = {"region_pdf"}


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(q * (len(ordered) - 1))))]


class Command(BaseCommand):
    help = __doc__

    def add_arguments(self, parser):
        parser.add_argument("--cases", type=int, default=20_000)
        parser.add_argument("--requests", type=int, default=200, help="per page and level")
        parser.add_argument("--clients", default="1,16")
        parser.add_argument("--workers", type=int, default=2 * (os.cpu_count() or 1) + 1)
        parser.add_argument("--port", type=int, default=8765)

    def handle(self, *args, **options):
        env = self._bench_env()
        self._step("migrate", [*MANAGE, "migrate", "--noinput", "-v", "0"], env)
        self._step("cache table", [*MANAGE, "createcachetable"], env)
        self._step("static files", [*MANAGE, "collectstatic", "--noinput", "-v", "0"], env)
        self.stdout.write(f"dataset: {options['cases']} cases (this can take a while)…")
        built = subprocess.run(
            [*MANAGE, "bench_dataset", "--cases", str(options["cases"])],
            env=env, capture_output=True, text=True, check=False,
        )  # fmt: skip
        if built.returncode:
            raise CommandError(built.stderr[-3000:])
        self.stdout.write(built.stderr.strip())
        plan = json.loads(built.stdout.strip().splitlines()[-1])
        bad = {
            name: page["status"] for name, page in plan["pages"].items() if page["status"] != 200
        }
        if bad:
            raise CommandError(f"pages did not answer 200: {bad}")
        server = self._serve(env, options)
        try:
            results = {
                clients: self._measure(plan["pages"], clients, options)
                for clients in [int(c) for c in options["clients"].split(",")]
            }
        finally:
            server.terminate()
            server.wait(timeout=30)
        self.stdout.write(
            f"dataset built in {plan.get('build_seconds', 0):.0f} s; "
            f"warm_figures took {plan.get('warm_seconds', 0):.1f} s"
        )
        self._report(results, plan["queries"], options)

    def _bench_env(self) -> dict:
        url = os.environ.get("DATABASE_URL", "")
        database = dj_database_url.parse(url) if url else settings.DATABASES["default"]
        if database["ENGINE"] != "django.db.backends.postgresql":
            raise CommandError("The benchmark needs PostgreSQL: set DATABASE_URL=postgres://…")
        name = database["NAME"] + "_bench"
        keys = {"host": "HOST", "port": "PORT", "user": "USER", "password": "PASSWORD"}
        admin = {key: database[name] for key, name in keys.items() if database[name]}
        with psycopg.connect(dbname="postgres", autocommit=True, **admin) as connection:
            exists = connection.execute(
                "SELECT 1 FROM pg_database WHERE datname = %s", [name]
            ).fetchone()
            if not exists:
                connection.execute(f'CREATE DATABASE "{name}"')
        url_string = url.rsplit("/", 1)[0] + "/" + name
        return {
            **os.environ,
            "DATABASE_URL": url_string,
            "LIVC_ROOT_URLCONF": "livc.bench.urls",
            "LIVC_DEBUG": "0",
            "LIVC_ALLOWED_HOSTS": "127.0.0.1,localhost",
            "LIVC_DB_CONN_MAX_AGE": "600",
            "LIVC_LOG_LEVEL": "WARNING",
        }

    def _step(self, label, command, env):
        result = subprocess.run(command, env=env, capture_output=True, text=True, check=False)
        if result.returncode:
            raise CommandError(f"{label} failed: {result.stderr[-2000:]}")

    def _serve(self, env, options):
        server = subprocess.Popen(
            [sys.executable, "-m", "gunicorn", "livc.config.wsgi", "--bind",
             f"127.0.0.1:{options['port']}", "--workers", str(options["workers"]),
             "--log-level", "warning", "--chdir", str(ROOT)],
            env=env,
        )  # fmt: skip
        for _attempt in range(100):
            try:
                urllib.request.urlopen(f"http://127.0.0.1:{options['port']}/accounts/login/")  # noqa: S310
                return server
            except OSError:
                time.sleep(0.2)
        server.terminate()
        raise CommandError("gunicorn did not start")

    def _measure(self, pages: dict, clients: int, options) -> dict:
        """Latencies (ms) per page with `clients` threads, `requests` requests in total."""
        results = {}
        for name, page in pages.items():
            slow = name in SLOW
            if slow and clients > 1:
                continue
            url = f"http://127.0.0.1:{options['port']}{page['url']}"
            cookie = f"sessionid={page['session']}"
            for _ in range(1 if slow else 5):  # warm every worker a little
                self._get(url, cookie)
            latencies: list[float] = []
            lock = threading.Lock()
            requests = max(3, options["requests"] // 20) if slow else options["requests"]
            per_client = max(1, requests // clients)

            def run(url=url, cookie=cookie, per_client=per_client, latencies=latencies, lock=lock):
                mine = [self._get(url, cookie) for _ in range(per_client)]
                with lock:
                    latencies.extend(mine)

            threads = [threading.Thread(target=run) for _ in range(clients)]
            for thread in threads:
                thread.start()
            for thread in threads:
                thread.join()
            results[name] = {
                "median": statistics.median(latencies),
                "p95": percentile(latencies, 0.95),
                "n": len(latencies),
            }
        return results

    @staticmethod
    def _get(url: str, cookie: str) -> float:
        request = urllib.request.Request(url, headers={"Cookie": cookie})  # noqa: S310
        started = time.perf_counter()
        with urllib.request.urlopen(request) as response:  # noqa: S310
            response.read()
            if response.status != 200:
                raise CommandError(f"{url} answered {response.status}")
        return (time.perf_counter() - started) * 1000

    def _report(self, results: dict, queries: dict, options) -> None:
        summary = []
        for clients, pages in results.items():
            floor = pages["floor"]
            self.stdout.write(f"\n{clients} client(s), {options['cases']} cases:")
            self.stdout.write(
                f"  {'page':<12} {'median ms':>9} {'p95 ms':>8} {'×floor med':>10} "
                f"{'×floor p95':>10} {'queries':>7}"
            )
            for name, r in pages.items():
                ratio_med, ratio_p95 = r["median"] / floor["median"], r["p95"] / floor["p95"]
                self.stdout.write(
                    f"  {name:<12} {r['median']:>9.1f} {r['p95']:>8.1f} {ratio_med:>10.2f} "
                    f"{ratio_p95:>10.2f} {queries.get(name, 0):>7}"
                )
                if name != "floor":
                    summary.append(
                        f"{name}@{clients}={r['median']:.0f}ms/{r['p95']:.0f}ms"
                        f"(x{ratio_med:.2f}/x{ratio_p95:.2f},q{queries.get(name)})"
                    )
            summary.insert(
                len(summary) - len(pages) + 1,
                f"floor@{clients}={floor['median']:.0f}ms/{floor['p95']:.0f}ms",
            )
        self.stdout.write(f"\nbench: cases={options['cases']} " + " ".join(summary))
