"""Load benchmark for the published site, on loopback only.

Starts the site exactly as `evidence serve` does (same Datasette arguments, read-only, SQL
time limit) on 127.0.0.1 and a free port, then sends a bounded number of requests (at
most --requests per endpoint and --seconds per endpoint, with --concurrency clients) to:

    baseline   Datasette's plain table page: /DB/outcomes?_nofacet=1 (no facets)
    facets     the outcomes table page with all its facets (metadata.yml), some filtered
    search     /-/search with Dutch word forms
    claim      /-/claim.json with claims about different municipalities

and prints p50, p95 and max latency, requests per second and the error count per
endpoint, the baseline measured in the same run. Without --db it first generates a
database of --records records (bench/make_big_db.py).

    python bench/load_bench.py --records 100000
"""

from __future__ import annotations

import argparse
import itertools
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from urllib.parse import quote

import httpx

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench.make_big_db import generate  # noqa: E402
from ingest.publish.web import datasette_args  # noqa: E402

HOST = "127.0.0.1"  # loopback only, never anything else


def endpoints(db: str) -> dict[str, list[str]]:
    claims = ["In Wageningen vonden 2,5 keer zoveel mensen werk.",
              "In Groningen nam het welbevinden toe.",
              "Aan Vertrouwen Werkt in Tilburg deden 410 mensen mee.",
              "In Utrecht vond 25% van de deelnemers werk, vergeleken met de controlegroep."]
    return {
        "baseline": [f"/{db}/outcomes?_nofacet=1", f"/{db}/outcomes?_nofacet=1&municipality=Utrecht"],
        "facets": [f"/{db}/outcomes", f"/{db}/outcomes?municipality=Utrecht",
                   f"/{db}/outcomes?measure=outflow_to_work&comparator=control", f"/{db}/outcomes?_province=Gelderland"],
        "search": [f"/-/search?q={quote(q)}" for q in ("uitstromen", "deelnemers welbevinden", "Wageningen zelfredzaamheid",
                                                        '"extra begeleiding"')],
        "claim": [f"/-/claim.json?claim={quote(c)}" for c in claims],
        # Dutch error pages (Datasette's own handlers took 0.3-1.8 s); a 4xx is their answer
        "error_pages": [f"/{db}/nope", f"/{db}/outcomes/nope", f"/{db}/outcomes?_sort=nope", f"/{db}?sql=selec",
                        "/-/record/outcomes/0000000000000000"],
    }


def free_port() -> int:
    with socket.socket() as s:
        s.bind((HOST, 0))
        return s.getsockname()[1]


def start_server(db_path: Path, port: int, log) -> subprocess.Popen:
    args = [*datasette_args(str(db_path)), "--host", HOST, "--port", str(port)]
    proc = subprocess.Popen([sys.executable, "-m", "datasette", *args], stdout=log, stderr=subprocess.STDOUT)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise SystemExit(f"Error: the server stopped at start (exit {proc.returncode})")
        try:
            if httpx.get(f"http://{HOST}:{port}/-/versions.json", timeout=2).status_code == 200:
                return proc
        except httpx.HTTPError:
            time.sleep(0.2)
    proc.kill()
    raise SystemExit("Error: the server did not answer within 60 s")


def run_endpoint(base: str, paths: list[str], requests: int, seconds: float, concurrency: int,
                 expect_error: bool = False) -> dict:
    latencies, errors = [], 0
    lock = threading.Lock()
    cycle = itertools.cycle(paths)
    sent = 0
    deadline = time.monotonic() + seconds

    def worker():
        nonlocal errors, sent
        with httpx.Client(base_url=base, timeout=30) as client:
            while True:
                with lock:
                    if sent >= requests or time.monotonic() >= deadline:
                        return
                    sent += 1
                    path = next(cycle)
                t0 = time.perf_counter()
                try:
                    status = client.get(path).status_code
                    ok = 400 <= status < 500 if expect_error else status == 200
                except httpx.HTTPError:
                    ok = False
                elapsed = time.perf_counter() - t0
                with lock:
                    latencies.append(elapsed)
                    errors += not ok

    started = time.perf_counter()
    threads = [threading.Thread(target=worker) for _ in range(concurrency)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    wall = time.perf_counter() - started
    ordered = sorted(latencies)
    return {
        "requests": len(ordered), "errors": errors, "rps": len(ordered) / wall if wall else 0.0,
        "p50": statistics.median(ordered) * 1000 if ordered else float("nan"),
        "p95": ordered[min(len(ordered) - 1, int(0.95 * len(ordered)))] * 1000 if ordered else float("nan"),
        "max": ordered[-1] * 1000 if ordered else float("nan"),
    }


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", help="an existing evidence database (else one is generated)")
    parser.add_argument("--records", type=int, default=100_000, help="records to generate without --db")
    parser.add_argument("--requests", type=int, default=300, help="at most this many requests per endpoint")
    parser.add_argument("--seconds", type=float, default=12.0, help="at most this long per endpoint")
    parser.add_argument("--concurrency", type=int, default=2, help="clients sending at once")
    args = parser.parse_args(argv)
    if args.requests > 300 or args.seconds > 60:
        parser.error("bounded: at most 300 requests and 60 s per endpoint")
    with tempfile.TemporaryDirectory(prefix="loadbench-") as tmp:
        if args.db:
            db_path = Path(args.db)
        else:
            db_path = Path(tmp) / "evidence.db"
            t0 = time.perf_counter()
            counts = generate(db_path, args.records)
            print(f"generated {sum(v for k, v in counts.items() if k != 'documents'):,} records in "
                  f"{counts['documents']:,} documents ({time.perf_counter() - t0:.1f} s)")
        port = free_port()
        with open(Path(tmp) / "server.log", "wb") as log:
            proc = start_server(db_path, port, log)
            try:
                base = f"http://{HOST}:{port}"
                paths = endpoints(db_path.stem)
                for path in itertools.chain.from_iterable(paths.values()):  # warm up (loads the claim parser)
                    httpx.get(base + path, timeout=60)
                print(f"{'endpoint':<17} {'requests':>8} {'errors':>6} {'p50 ms':>8} {'p95 ms':>8} {'max ms':>8} {'req/s':>7}")
                results = {}
                for name, urls in paths.items():
                    r = results[name] = run_endpoint(base, urls, args.requests, args.seconds, args.concurrency,
                                                     expect_error=name == "error_pages")
                    print(f"{name:<17} {r['requests']:>8} {r['errors']:>6} {r['p50']:>8.1f} {r['p95']:>8.1f} "
                          f"{r['max']:>8.1f} {r['rps']:>7.1f}", flush=True)
                base_p50 = results["baseline"]["p50"]
                print("p50 relative to the baseline: " + ", ".join(
                    f"{k} {v['p50'] / base_p50:.1f}x" for k, v in results.items() if k != "baseline"))
            finally:
                proc.terminate()
                proc.wait(timeout=10)
    return 1 if any(r["errors"] for r in results.values()) else 0


if __name__ == "__main__":
    sys.exit(main())
