"""The web face under load, on loopback: latency and throughput of cable and search pages.

1. serves an archive with ``cablegram serve`` in a child process on a free port of
   127.0.0.1 (``--db PATH``, opened read-only; without it, a synthetic archive of
   ``--count`` cables is written with ``cablegram synth`` and ingested first);
2. warms it up (the citation graph is built on the first cable page; the facet
   index on the first search) and reports how long that took;
3. with ``--clients`` concurrent clients (default 10): ``--requests`` cable pages of
   random ids, then as many search pages with their facets (the query suite of
   ``archive_queries.py``, and each query narrowed by one of its facet values, as a
   click would): median, p90 and p99 latency and throughput, errors counted, and
   the CPU time each page cost the server (``utime + stime`` of /proc/PID/stat, its
   workers included) and this client (the load generator shares the machine). The
   search figure comes after a warm-up, so the engine's caches of recent words and
   rankings serve repeats; the suite's first sight (each query once, before any
   warm-up, 10 clients) is reported apart;
4. soak: ``--soak-clients`` clients (default 50) for ``--soak-seconds`` (default 60)
   on a mix of both: errors, throughput, and the server's resident memory
   (``VmRSS`` of /proc/PID/status) at the start and end of the soak and at its peak.

Bounded in count and time; loopback only. Prints figures and the machine's load
average (other work on the machine moves them); asserts nothing. Usage:
    python bench/web_bench.py [--db PATH] [--count N] [--clients 10] [--requests 400]
                              [--soak-clients 50] [--soak-seconds 60]
"""

from __future__ import annotations

import argparse
import asyncio
import os
import random
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Awaitable
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import quote, urlencode

import httpx
from archive_queries import QUERIES

from cablegram.archive import Archive

HOST = "127.0.0.1"


@dataclass
class Run:
    """What one phase measured: latencies in ms, errors, wall time."""

    latencies: list[float] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    seconds: float = 0.0
    server_cpu: float = 0.0  # seconds
    client_cpu: float = 0.0


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind((HOST, 0))
        port: int = sock.getsockname()[1]
        return port


def rss_mb(pid: int, key: str = "VmRSS") -> float:
    """Resident memory of a server in MB, its worker processes included: ``VmRSS``
    (all), or ``RssAnon`` (its own allocations, without the archive file's pages
    mapped into memory)."""
    total = 0.0
    for process in [pid, *_children(pid)]:
        for line in Path(f"/proc/{process}/status").read_text().splitlines():
            if line.startswith(key + ":"):
                total += int(line.split()[1]) / 1024
    return total


def _children(pid: int) -> list[int]:
    """The processes ``pid`` started (uvicorn's workers with ``--workers``), and theirs."""
    found: list[int] = []
    for task in Path(f"/proc/{pid}/task").iterdir():
        for child in (task / "children").read_text().split():
            found += [int(child), *_children(int(child))]
    return found


def cpu_seconds(pid: int) -> float:
    """CPU time (user and system) of a server so far, its worker processes included."""
    ticks = os.sysconf("SC_CLK_TCK")
    total = 0.0
    for process in [pid, *_children(pid)]:
        fields = Path(f"/proc/{process}/stat").read_text().rsplit(")", 1)[1].split()
        total += (int(fields[11]) + int(fields[12])) / ticks  # utime, stime
    return total


async def measured(pid: int, phase: Awaitable[Run]) -> Run:
    """A phase with the CPU time it cost the server (``pid``) and this client."""
    server, client = cpu_seconds(pid), time.process_time()
    run = await phase
    run.server_cpu = cpu_seconds(pid) - server
    run.client_cpu = time.process_time() - client
    return run


def load() -> str:
    return " ".join(Path("/proc/loadavg").read_text().split()[:3])


def synthetic_archive(work: Path, count: int, seed: int) -> Path:
    source = work / f"synth-{count}-{seed}"
    cablegram = [sys.executable, "-m", "cablegram"]
    run = {"check": True, "stdout": subprocess.DEVNULL}
    subprocess.run([*cablegram, "synth", str(source), "--count", str(count), "--seed", str(seed),
                    "--format", "csv"], **run)  # fmt: skip
    db = work / "archive.db"
    files = sorted(map(str, source.rglob("*.csv")))
    subprocess.run([*cablegram, "ingest", *files, "--db", str(db), "--quiet"], **run)
    return db


def start_server(db: Path, port: int, log: Path, workers: int = 1) -> subprocess.Popen[bytes]:
    command = [sys.executable, "-m", "cablegram", "serve", "--db", str(db)]
    command += ["--host", HOST, "--port", str(port), "--workers", str(workers)]
    with log.open("wb") as out:
        return subprocess.Popen(command, stdout=out, stderr=subprocess.STDOUT)


async def wait_ready(client: httpx.AsyncClient, server: subprocess.Popen[bytes]) -> None:
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise SystemExit(f"the server exited with status {server.returncode}")
        try:
            if (await client.get("/openapi.json")).status_code == 200:
                return
        except httpx.TransportError:
            pass
        await asyncio.sleep(0.2)
    raise SystemExit("the server did not answer within 120 s")


async def fetch(client: httpx.AsyncClient, url: str, run: Run) -> None:
    started = time.perf_counter()
    try:
        response = await client.get(url)
        await response.aread()
    except httpx.HTTPError as error:
        run.errors.append(f"{url}: {type(error).__name__}")
        return
    run.latencies.append((time.perf_counter() - started) * 1000)
    if response.status_code != 200:
        run.errors.append(f"{url}: {response.status_code}")


async def fixed(client: httpx.AsyncClient, urls: list[str], clients: int) -> Run:
    """``clients`` workers fetch every URL of the list once, in order."""
    run = Run()
    queue = iter(urls)

    async def worker() -> None:
        for url in queue:
            await fetch(client, url, run)

    started = time.perf_counter()
    await asyncio.gather(*(worker() for _ in range(clients)))
    run.seconds = time.perf_counter() - started
    return run


async def timed(
    client: httpx.AsyncClient, urls: list[str], clients: int, seconds: float, rng: random.Random
) -> Run:
    """``clients`` workers fetch random URLs of the list until ``seconds`` have passed."""
    run = Run()
    stop = time.monotonic() + seconds

    async def worker() -> None:
        while time.monotonic() < stop:
            await fetch(client, rng.choice(urls), run)

    started = time.perf_counter()
    await asyncio.gather(*(worker() for _ in range(clients)))
    run.seconds = time.perf_counter() - started
    return run


def report(name: str, run: Run, clients: int) -> None:
    lat = run.latencies
    print(
        f"{name:<22} {clients:>3} clients  {len(lat):>6,} requests  "
        f"median {statistics.median(lat):7.1f} ms  p90 {percentile(lat, 0.9):7.1f} ms  "
        f"p99 {percentile(lat, 0.99):7.1f} ms  {len(lat) / run.seconds:6.1f} req/s  "
        f"errors {len(run.errors)}"
    )
    if lat:
        print(
            f"{'':<22} CPU per page: server {1000 * run.server_cpu / len(lat):5.1f} ms, "
            f"client {1000 * run.client_cpu / len(lat):5.1f} ms"
        )
    for error in run.errors[:5]:
        print(f"    {error}")


def search_urls(client_facets: dict[str, list[str]]) -> list[str]:
    """Each query of the suite, and each narrowed by its first facet value (a click)."""
    urls = []
    for query in QUERIES:
        urls.append("/search?" + urlencode({"q": query}))
        for term in client_facets.get(query, [])[:1]:
            urls.append("/search?" + urlencode({"q": f"{query} {term}"}))
    return urls


async def facet_clicks(client: httpx.AsyncClient) -> dict[str, list[str]]:
    """The facet values the search page offers for each query, as query terms."""
    from cablegram.web.pages import facet_term

    terms: dict[str, list[str]] = {}
    for query in QUERIES:
        data = (await client.get("/search.json", params={"q": query})).json()
        for facet in data.get("facets", []):
            for value in facet["values"]:
                if not value["selected"]:
                    terms.setdefault(query, []).append(facet_term(facet["name"], value["value"]))
                    break
    return terms


async def bench(
    args: argparse.Namespace, db: Path, server: subprocess.Popen[bytes], port: int
) -> None:
    rng = random.Random(args.seed)
    with Archive.open(db, readonly=True) as archive:
        ids = archive.engine.ids("")
        total = len(ids)
        sample = rng.sample(ids, min(args.requests, total))
    cable_urls = [f"/cable/{quote(i, safe='')}" for i in sample]
    limits = httpx.Limits(
        max_connections=args.soak_clients, max_keepalive_connections=args.soak_clients
    )
    async with httpx.AsyncClient(
        base_url=f"http://{HOST}:{port}", limits=limits, timeout=120
    ) as client:
        started = time.perf_counter()
        await wait_ready(client, server)
        print(
            f"server up in {time.perf_counter() - started:.1f} s, RSS {rss_mb(server.pid):,.0f} MB"
        )
        started = time.perf_counter()
        await fetch(client, cable_urls[0], Run())  # builds the citation graph
        print(f"first cable page (citation graph built): {time.perf_counter() - started:.1f} s")
        started = time.perf_counter()
        await fetch(client, "/search", Run())  # builds the facet index
        print(f"first search page (facet index built): {time.perf_counter() - started:.1f} s")
        # every query of the suite once, none seen before: no cached words or rankings
        first_sight = ["/search?" + urlencode({"q": query}) for query in QUERIES]
        fresh = await measured(server.pid, fixed(client, first_sight, args.clients))
        report("search, first sight", fresh, args.clients)
        started = time.perf_counter()
        clicks = await facet_clicks(client)
        print(f"search warm-up ({len(QUERIES)} queries): {time.perf_counter() - started:.1f} s")
        searches = search_urls(clicks)
        search_list = [searches[i % len(searches)] for i in range(args.requests)]
        rng.shuffle(search_list)
        print(f"archive: {total:,} cables; load average before: {load()}")
        cables = await measured(server.pid, fixed(client, cable_urls, args.clients))
        report("cable pages", cables, args.clients)
        found = await measured(server.pid, fixed(client, search_list, args.clients))
        report("search pages + facets", found, args.clients)
        print(f"load average after: {load()}")
        if args.soak_seconds <= 0:
            return
        mix = cable_urls * 4 + searches  # four cable pages to one search, about
        before = rss_mb(server.pid)
        anon_before = rss_mb(server.pid, "RssAnon")
        peak = before
        series: list[float] = []

        async def sample_rss() -> None:
            nonlocal peak
            seconds = 0
            while True:
                await asyncio.sleep(1)
                seconds += 1
                peak = max(peak, rss_mb(server.pid))
                if seconds % 10 == 0:
                    series.append(rss_mb(server.pid, "RssAnon"))

        sampler = asyncio.create_task(sample_rss())
        soak = await measured(
            server.pid, timed(client, mix, args.soak_clients, args.soak_seconds, rng)
        )
        sampler.cancel()
        after = rss_mb(server.pid)
        anon_after = rss_mb(server.pid, "RssAnon")
        report(f"soak {args.soak_seconds:.0f} s (mix)", soak, args.soak_clients)
        print(
            f"server RSS: {before:,.0f} MB at the start of the soak, {after:,.0f} MB at its end "
            f"({after - before:+,.0f} MB), peak {peak:,.0f} MB; anonymous (RssAnon) "
            f"{anon_before:,.0f} -> {anon_after:,.0f} MB ({anon_after - anon_before:+,.0f} MB); "
            f"load average: {load()}"
        )
        print("RssAnon every 10 s of the soak (MB): " + ", ".join(f"{mb:,.0f}" for mb in series))


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--db", type=Path, help="an archive to serve (opened read-only)")
    ap.add_argument("--count", type=int, default=20_000, help="synthetic cables without --db")
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--clients", type=int, default=10)
    ap.add_argument("--requests", type=int, default=400, help="per page kind")
    ap.add_argument("--soak-clients", type=int, default=50)
    ap.add_argument("--soak-seconds", type=float, default=60.0)
    ap.add_argument("--workers", type=int, default=1, help="server processes (serve --workers)")
    args = ap.parse_args()
    work = Path(tempfile.mkdtemp(prefix="cablegram-web-bench-"))
    try:
        if args.db is None:
            started = time.perf_counter()
            db = synthetic_archive(work, args.count, args.seed)
            print(
                f"synthetic archive: {args.count:,} cables in {time.perf_counter() - started:.0f} s"
            )
        else:
            db = args.db
        port = free_port()
        server = start_server(db, port, work / "server.log", args.workers)
        try:
            asyncio.run(bench(args, db, server, port))
        finally:
            log = (work / "server.log").read_text(errors="replace").splitlines()
            problems = [line for line in log if "200 OK" not in line]
            print(f"server log: {len(log):,} lines; not 200 OK: {len(problems)}")
            for line in problems[-8:]:
                print(f"    {line}")
            server.terminate()
            server.wait(timeout=30)
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    sys.stdout.reconfigure(line_buffering=True)  # type: ignore[union-attr]
    main()
