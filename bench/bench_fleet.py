"""Booths per backend process: `fleet_booths_per_process`, `fleet_two_process_ratio`,
`fleet_rss_mb_per_1000_booths`.

The fleet simulator (bench/fleet_simulator.py) against backend processes on one throwaway
PostgreSQL (fsync on), booths split evenly between the processes and Payme's calls going to
either. First one process as it runs in production, with the machine's every core to use
(`fleet_booths_per_process`, the RSS); then, for the ratio, one and then two processes each
held to the same share of a core by a CPU quota, each on a CPU of its own (bench/cpu_quota.py
says why both): two processes, PostgreSQL and the simulator leave 0.8 of a core of the
machine free (0.6 of a core each on 2 cores, a whole core from 3 up). Unheld, on a machine
with fewer cores than two processes, PostgreSQL and the simulator need, the ratio measures
the machine's core count; held, it measures what a second process adds, and so what the
processes share. Where no quota can be set (not root, no cgroup cpu controller) the two runs
are unheld, and the note says so.

Each level runs `WINDOW_S` seconds of arrivals at 6 sessions per booth per hour with a
heartbeat per booth per minute, then lets every session finish. A level passes when the
Payme calls' p99 and the long-poll wake p99 (the paid commit → the booth's answer) are
≤ 100 ms and no request failed. The ladder climbs until a level fails; the figure is the
largest level that passed. Beside each level: the backend processes' RSS and CPU (share of
one core each), PostgreSQL's CPU and connections, the machine's CPU, and the simulator's own
CPU and event-loop lateness, so the first bottleneck is named by a measurement.
`make bench ARGS=fleet` runs it alone; the plot goes to docs/bench/fleet.png.
"""

from __future__ import annotations

import asyncio
import io
import os
import statistics
import sys
import tempfile
import threading
import time
from collections import Counter
from pathlib import Path
from typing import Any

import psutil
import psycopg
from PIL import Image, ImageChops
from sqlalchemy.engine import make_url

from assets import asset_path
from backend.database import Database
from backend.devices import add_device_in
from backend.local_server import BackendServer, start_backend
from bench.cpu_quota import CpuQuota
from bench.cpu_quota import available as cpu_quota_unavailable
from bench.figures import Figure, emit, percentile
from bench.fleet_plot import plot
from bench.fleet_simulator import Fleet, FleetConfig, FleetResult, run_fleet
from tests.harness.postgres import PostgresCluster, start_postgres, unavailable_reason

WINDOW_S = float(os.environ.get("FLEET_WINDOW_S", "10"))
# Booths on one process, and on one held process. Each climb starts at its second level (the
# first only if that one fails): the levels below passed in every run so far, and each level
# costs `WINDOW_S` and its drain of `make bench`'s 12 minutes.
LADDER = (1500, 2000, 3000, 4000, 6000)
HELD_LADDER = (600, 800, 1000, 1300, 1600, 2000, 2500)
TWO_PROCESS_STEPS = (1.0, 1.4, 1.7, 2.0, 2.4)  # × the one-process figure, on two
FIRST = 1
FREE_CORES = 0.8  # what two held processes leave of the machine to PostgreSQL and the rest
TARGET_MS = 100.0
PAYME_KEY = "fleet-bench-key"
ENV = {"BOOTH_PAYME_MERCHANT_ID": "fleet", "BOOTH_PAYME_KEY": PAYME_KEY}
HEARTBEATS_ALONE = 200
SESSIONS_ALONE = 12
PLOT = Path(__file__).resolve().parents[1] / "docs" / "bench" / "fleet.png"


def log(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def booth_photos() -> dict[str, bytes]:
    """What a session uploads: four 2 400 × 1 600 shots (sensor-like noise, ~1 MB each at
    the booth's JPEG quality 88) and a 1 200 × 1 800 print."""
    scenes = sorted(asset_path("camera").glob("scene-*.jpg"))[:4]
    photos = {}
    for index, scene in enumerate(scenes, 1):
        with Image.open(scene) as source:
            image = source.convert("RGB").resize((2400, 1600))
        noise = Image.merge("RGB", [Image.effect_noise(image.size, 10) for _ in range(3)])
        out = io.BytesIO()
        ImageChops.add(image, noise, 1.0, -128).save(out, "JPEG", quality=88)
        photos[f"shot-{index}.jpg"] = out.getvalue()
    with Image.open(scenes[0]) as source:
        printed = source.convert("RGB").resize((1200, 1800))
    out = io.BytesIO()
    printed.save(out, "JPEG", quality=88)
    photos["print.jpg"] = out.getvalue()
    return photos


class Devices:
    """Device tokens made straight in the database (one transaction per batch), as many as
    the largest level needs."""

    def __init__(self, database_url: str) -> None:
        self.db = Database(database_url)
        self.tokens: list[str] = []

    def first(self, count: int) -> list[str]:
        if count > len(self.tokens):
            with self.db.write() as session:
                self.tokens += [add_device_in(session, f"fleet-{index}", 0)[1]
                                for index in range(len(self.tokens), count)]
        return self.tokens[:count]


class Sampler:
    """Once a second while a level runs: the backends' RSS, PostgreSQL's connections; CPU
    times of the backends, PostgreSQL and the machine from start to stop."""

    def __init__(self, servers: list[BackendServer], cluster: PostgresCluster,
                 database: str) -> None:
        self.backends = [psutil.Process(server.process.pid)  # type: ignore[union-attr]
                         for server in servers]
        self.cluster, self.database = cluster, database
        self.rss_peak = 0.0
        self.connections_peak = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, name="fleet-sampler", daemon=True)

    def _postgres(self) -> list[psutil.Process]:
        pid = int((self.cluster.datadir / "postmaster.pid").read_text().split()[0])
        main = psutil.Process(pid)
        return [main, *main.children(recursive=True)]

    @staticmethod
    def _cpu(processes: list[psutil.Process]) -> float:
        total = 0.0
        for process in processes:
            try:
                times = process.cpu_times()
            except psutil.NoSuchProcess:
                continue
            total += times.user + times.system
        return total

    def start(self) -> None:
        self.started = time.monotonic()
        self.backend_cpu = [self._cpu([p]) for p in self.backends]
        self.postgres_cpu = self._cpu(self._postgres())
        self.machine = psutil.cpu_times()
        self._thread.start()

    def _run(self) -> None:
        dsn = f"host=127.0.0.1 port={self.cluster.port} user=postgres dbname=postgres"
        with psycopg.connect(dsn, autocommit=True) as conn:
            while not self._stop.wait(1.0):
                rss = sum(p.memory_info().rss for p in self.backends) / 2**20
                self.rss_peak = max(self.rss_peak, rss)
                row = conn.execute("SELECT count(*) FROM pg_stat_activity WHERE datname = %s",
                                   (self.database,)).fetchone()
                self.connections_peak = max(self.connections_peak, int(row[0]) if row else 0)

    def stop(self) -> dict[str, float]:
        self._stop.set()
        self._thread.join()
        wall = time.monotonic() - self.started
        machine = psutil.cpu_times()
        busy = sum(getattr(machine, f) - getattr(self.machine, f)
                   for f in ("user", "system", "nice", "irq", "softirq"))
        idle = (machine.idle - self.machine.idle) + (machine.iowait - self.machine.iowait)
        backend_cpu = sum(self._cpu([p]) - before
                          for p, before in zip(self.backends, self.backend_cpu, strict=True))
        return {
            "backend_cpu_s": backend_cpu,
            "backend_core_share": max(
                (self._cpu([p]) - before) / wall
                for p, before in zip(self.backends, self.backend_cpu, strict=True)),
            "postgres_cores": (self._cpu(self._postgres()) - self.postgres_cpu) / wall,
            "machine_busy": busy / (busy + idle) if busy + idle else 0.0,
            "rss_mb": self.rss_peak, "pg_connections": self.connections_peak,
        }


def costs_alone(server: BackendServer, token: str, photos: dict[str, bytes]) -> dict[str, float]:
    """The backend's CPU milliseconds per heartbeat and per step of a session, measured one
    request at a time on an otherwise idle process (its CPU clock read between steps)."""
    process = psutil.Process(server.process.pid)  # type: ignore[union-attr]

    def cpu() -> float:
        times = process.cpu_times()
        return times.user + times.system

    async def measure() -> dict[str, float]:
        fleet = Fleet(FleetConfig(backends=[server.port], tokens=[token], photos=photos,
                                  payme_key=PAYME_KEY, pay_delay_s=(0.05, 0.05),
                                  phone_delay_s=(0.0, 0.0)))
        spent: Counter[str] = Counter()
        mark = [cpu()]

        def after(step: str) -> None:
            now = cpu()
            spent[step] += now - mark[0]
            mark[0] = now

        fleet.after_step = after
        for _ in range(HEARTBEATS_ALONE):
            await fleet.call("heartbeat", fleet.beat[0], "POST", "/api/devices/heartbeat",
                             fleet.heartbeat_body, {"Content-Type": "application/json"})
        after("heartbeat")
        for _ in range(SESSIONS_ALONE):
            mark[0] = cpu()
            await fleet.run_session(0)
        await fleet.close()
        heartbeat = spent.pop("heartbeat") / HEARTBEATS_ALONE * 1000
        return {"heartbeat": heartbeat,
                **{step: total / SESSIONS_ALONE * 1000 for step, total in spent.items()}}

    return asyncio.run(measure())


# What would take the CPU of a step off the backend's process.
REMEDIES = {
    "phone page and copies": "make the phone's copies on the booth (it has each photo decoded "
    "when it prepares the upload, and booths' CPUs grow with the fleet) or in a pool of "
    "copy-making processes beside the web processes",
    "photo uploads": "let the reverse proxy take the bodies (nginx client_body_in_file_only) or "
    "store photos straight to object storage with a signed URL",
    "payment and long-poll": "fewer round trips per Payme call (one transaction per call)",
    "events": "larger event batches from the booth",
    "generate-qr": "fewer round trips per generate-qr",
}


def cpu_capacity(costs: dict[str, float]) -> tuple[float, str]:
    """(booths one core serves at 100 % CPU, the breakdown in words), from `costs_alone`."""
    session = sum(ms for step, ms in costs.items() if step != "heartbeat")
    per_booth_hour = 6 * session + 60 * costs["heartbeat"]  # ms of CPU
    steps = ", ".join(f"{step} {ms:.0f}" for step, ms in
                      sorted(costs.items(), key=lambda item: -item[1]) if step != "heartbeat")
    words = (f"backend CPU per session {session:.0f} ms ({steps}), per heartbeat "
             f"{costs['heartbeat']:.1f} ms: {per_booth_hour / 1000:.2f} CPU s per booth-hour, "
             f"so one core is full at {3_600_000 / per_booth_hour:.0f} booths")
    largest = max((step for step in costs if step != "heartbeat"), key=costs.__getitem__)
    words += f". What would move it: {REMEDIES.get(largest, largest)}"
    return 3_600_000 / per_booth_hour, words


def level(servers: list[BackendServer], devices: Devices, cluster: PostgresCluster,
          database: str, booths: int, photos: dict[str, bytes], series: str,
          quotas: list[CpuQuota]) -> dict[str, Any]:
    """One level's row; `quotas` hold the processes (none: unheld)."""
    sampler = Sampler(servers, cluster, database)
    config = FleetConfig(backends=[server.port for server in servers],
                         tokens=devices.first(booths), photos=photos, payme_key=PAYME_KEY,
                         seconds=WINDOW_S, pay_delay_s=(1.0, 4.0), phone_delay_s=(0.5, 1.5),
                         drain_s=60, seed=booths)
    load = os.getloadavg()[0]
    periods = [quota.periods() for quota in quotas]
    sampler.start()
    result = run_fleet(config)
    seen = sampler.stop()
    row = summary(result, len(servers), seen, load)
    # The busiest quota's share of periods held back: how often a process met its limit.
    row.update(series=series, share=quotas[0].cores if quotas else None,
               throttled_periods=max((quota.periods().throttled_share(start)
                                      for quota, start in zip(quotas, periods, strict=True)),
                                     default=0.0))
    log(f"{series}, {booths} booths: " + ", ".join(
        f"{key} {value:.3g}" if isinstance(value, float) else f"{key} {value}"
        for key, value in row.items() if key not in ("failures", "series", "share")))
    for failure in row["failures"][:5]:
        log(f"   failed: {failure}")
    return row


def summary(result: FleetResult, processes: int, seen: dict[str, float],
            load: float) -> dict[str, Any]:
    webhook = percentile(result.webhook_s, 0.99) * 1000 if result.webhook_s else 0.0
    wake = percentile(result.wake_s, 0.99) * 1000 if result.wake_s else 0.0
    return {
        "processes": processes, "booths": result.booths,
        "ok": result.ok and webhook <= TARGET_MS and wake <= TARGET_MS,
        "webhook_p99_ms": webhook, "wake_p99_ms": wake,
        "payme_calls": len(result.webhook_s), "sessions": result.sessions,
        "requests": sum(result.sent.values()), "failed": len(result.failures),
        "simulator_core_share": result.cpu_s / result.wall_s,
        "simulator_lag_p99_ms": percentile(result.loop_lag_s, 0.99) * 1000
        if result.loop_lag_s else 0.0,
        "heartbeats": result.sent["heartbeat"], "uploads": result.sent["photo-upload"],
        "load_average": load, **seen, "failures": result.failures,
    }


def held_share() -> float:
    """Each process's share of a core in the ratio's runs (see the module's text)."""
    return min(1.0, max(0.25, round(((os.cpu_count() or 1) - FREE_CORES) / 2, 2)))


def ladder(processes: int, one: dict[str, Any] | None, steps: tuple[int, ...]) -> list[int]:
    """The booth counts of a climb: `steps` on one process; on two, steps around twice the
    one-process figure (the ratio is read off them). Climbed from the `FIRST`."""
    if processes == 1:
        return list(steps)
    base = one["booths"] if one else steps[0]
    return [round(base * step) for step in TWO_PROCESS_STEPS]


def largest_passing(rows: list[dict[str, Any]]) -> dict[str, Any] | None:
    passing = [row for row in rows if row["ok"]]
    return max(passing, key=lambda row: row["booths"]) if passing else None


def bottleneck(rows: list[dict[str, Any]]) -> str:
    """What ran out first at the first level that failed, by its measurements."""
    failed = next((row for row in rows if not row["ok"]), None)
    if failed is None:
        return f"none reached: every level up to {rows[-1]['booths']} booths passed"
    what = (f"{failed['failed']} failed requests" if failed["failed"] else
            f"webhook p99 {failed['webhook_p99_ms']:.0f} ms, wake p99 "
            f"{failed['wake_p99_ms']:.0f} ms")
    share = failed["share"]
    measured = (f"busiest backend process {failed['backend_core_share']:.0%} of a core "
                f"({failed['backend_cpu_s']:.1f} CPU s for {failed['sessions']} sessions and "
                f"{failed['heartbeats']} heartbeats), "
                f"PostgreSQL {failed['postgres_cores']:.2f} cores, simulator "
                f"{failed['simulator_core_share']:.0%} of a core, machine "
                f"{failed['machine_busy']:.0%} busy (load average {failed['load_average']:.1f})")
    if share is not None:
        measured += f", held back in {failed['throttled_periods']:.0%} of its quota's periods"
    # Held, the demand comes in bursts (an upload, a phone's copies): at three quarters of
    # the share on average the bursts meet the quota, as the periods held back show.
    if share is not None and failed["backend_core_share"] >= 0.75 * share:
        cause = f"the backend processes' CPU quota ({share:.2g} of a core each)"
    elif failed["backend_core_share"] >= 0.85:
        cause = "the backend process's one core (Python runs one at a time)"
    elif failed["machine_busy"] >= 0.9:
        cause = "the machine's cores, shared by backends, PostgreSQL and the simulator"
    elif failed["postgres_cores"] >= 0.8:
        cause = "PostgreSQL's CPU"
    else:
        cause = "waiting, not CPU: commits (fsync) or the worker threads"
    return f"at {failed['booths']} booths on {failed['series']} ({what}): {cause}; {measured}"


def start_servers(count: int, work: Path, url: str) -> list[BackendServer]:
    """`count` processes on one database and one media directory (a shared volume)."""
    env = {**ENV, "BOOTH_MEDIA_DIR": str(work / "media")}
    return [start_backend(work / f"backend-{index}", database_url=url, extra_env=env)
            for index in range(count)]


def series_name(processes: int, share: float | None) -> str:
    name = f"{processes} process{'es' if processes > 1 else ''}"
    if share is None:
        return name
    return f"{name} held to {share:.2g} core{' each' if processes > 1 else ''}"


class Bench:
    """The runs of one fleet bench on one PostgreSQL; every level's row in `rows`."""

    def __init__(self, work: Path, url: str, photos: dict[str, bytes]) -> None:
        self.work, self.url, self.photos = work, url, photos
        self.database = make_url(url).database or "fleet"
        self.devices = Devices(url)
        self.rows: list[dict[str, Any]] = []
        self.idle_rss = 0.0
        self.capacity = ""

    def run(self, cluster: PostgresCluster, processes: int, share: float | None,
            steps: tuple[int, ...], one: dict[str, Any] | None) -> list[dict[str, Any]]:
        """Climb `processes` processes (each held to `share` of a core; None: unheld)."""
        series = series_name(processes, share)
        servers = start_servers(processes, self.work / series.replace(" ", "-"), self.url)
        # Held: each process on a CPU of its own (bench.cpu_quota says why).
        cpus = sorted(os.sched_getaffinity(0))
        quotas = [CpuQuota(share, name="fleet", cpu=cpus[index % len(cpus)])
                  for index in range(len(servers))] if share is not None else []
        try:
            for quota, server in zip(quotas, servers, strict=False):
                quota.add(server.process.pid)  # type: ignore[union-attr]
            if processes == 1 and share is None:
                self.idle_rss = psutil.Process(
                    servers[0].process.pid).memory_info().rss / 2**20  # type: ignore[union-attr]
                costs = costs_alone(servers[0], self.devices.first(1)[0], self.photos)
                _, self.capacity = cpu_capacity(costs)
                log(f"measured alone: {self.capacity}")
            rows = []
            counts = ladder(processes, one, steps)
            for booths in counts[FIRST:]:
                rows.append(level(servers, self.devices, cluster, self.database, booths,
                                  self.photos, series, quotas))
                if not rows[-1]["ok"]:
                    break
            if largest_passing(rows) is None:
                rows.append(level(servers, self.devices, cluster, self.database, counts[0],
                                  self.photos, series, quotas))
        finally:
            for server in servers:
                server.stop()
            for quota in quotas:
                quota.close()
        self.rows += rows
        return rows


def main() -> int:
    reason = unavailable_reason()
    if reason is not None:
        log(f"fleet bench needs PostgreSQL: {reason}")
        return 1
    photos = booth_photos()
    log("a session uploads " + ", ".join(f"{name} {len(body) / 2**20:.2f} MB"
                                         for name, body in photos.items()))
    unheld = cpu_quota_unavailable()
    share = None if unheld else held_share()
    with tempfile.TemporaryDirectory(prefix="bench-fleet-") as tmp:
        cluster = start_postgres(fsync=True)
        try:
            bench = Bench(Path(tmp), cluster.create_database("fleet"), photos)
            single = bench.run(cluster, 1, None, LADDER, None)
            held_one = single if share is None else \
                bench.run(cluster, 1, share, HELD_LADDER, None)
            double = bench.run(cluster, 2, share, LADDER, largest_passing(held_one))
            bench.devices.db.write_engine.dispose()
        finally:
            cluster.stop()
    one, two, base_one = largest_passing(single), largest_passing(double), \
        largest_passing(held_one)
    found = bottleneck(single)
    log(f"first bottleneck (1 process): {found}")
    log(f"ratio's runs: {bottleneck(held_one)}; {bottleneck(double)}")
    PLOT.parent.mkdir(parents=True, exist_ok=True)
    plot(bench.rows, PLOT, f"fleet: booths vs p99, {WINDOW_S:.0f} s of arrivals a level, "
                           "6 sessions/booth/hour, PostgreSQL")
    per_process = Figure(
        "fleet_booths_per_process", "booths", 2000, "higher",
        runs=[one["booths"] if one else 0],
        note=f"largest N of simulated booths one backend process serves with Payme p99 and "
        f"wake p99 ≤ 100 ms and nothing failed (6 sessions/booth/h, heartbeat/min, "
        f"PostgreSQL); first bottleneck {found}. Measured alone: {bench.capacity}")
    held = (f"each process held to {share:.2g} of a core by a CPU quota, on a CPU of its "
            f"own, in both runs, so "
            f"two of them, PostgreSQL and the simulator fit this machine's "
            f"{os.cpu_count()} cores" if share is not None else
            f"both runs unheld ({unheld}): on fewer cores than two processes, PostgreSQL "
            "and the simulator need, this measures the machine")
    ratio = Figure(
        "fleet_two_process_ratio", "×", 1.7, "higher",
        runs=[(two["booths"] if two else 0) / base_one["booths"] if base_one else 0.0],
        floor=float(base_one["booths"]) if base_one else None,
        floor_unit=f"booths on {series_name(1, share)}",
        note=f"largest passing N on 2 backend processes (one PostgreSQL) ÷ on 1, measured in "
        f"the same run, {held}; 1 process: {bottleneck(held_one)}; 2 processes: "
        f"{bottleneck(double)}")
    base = one or (single[0] if single else None)
    rss = Figure(
        "fleet_rss_mb_per_1000_booths", "MB", 128, "lower",
        runs=[(base["rss_mb"] - bench.idle_rss) / base["booths"] * 1000 if base else 0.0],
        note=f"backend RSS at the largest passing N (else the first level) over the idle "
        f"process's {bench.idle_rss:.0f} MB, ÷ N × 1000; PostgreSQL connections per 1000 "
        f"booths {base['pg_connections'] / base['booths'] * 1000 if base else 0:.1f}; "
        f"simulator "
        f"{statistics.median(r['simulator_core_share'] for r in bench.rows):.0%} of a core "
        f"(median)")
    emit([per_process, ratio, rss])
    return 0


if __name__ == "__main__":
    sys.exit(main())
