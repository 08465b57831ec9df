"""Booths per backend process: `fleet_booths_per_process`, `fleet_two_process_ratio`,
`fleet_rss_mb_per_1000_booths`.

The fleet simulator (bench/fleet_simulator.py) against 1 and then 2 backend processes on one
throwaway PostgreSQL (fsync on), booths split evenly between the processes and Payme's calls
going to either. Each level runs `WINDOW_S` seconds of arrivals at 6 sessions per booth per
hour with a heartbeat per booth per minute, then lets every session finish. A level passes
when the Payme calls' p99 and the long-poll wake p99 (the paid commit → the booth's answer)
are ≤ 100 ms and no request failed. The ladder climbs until a level fails; the figure is the
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
from bench.figures import Figure, emit, percentile
from bench.fleet_plot import plot
from bench.fleet_simulator import Fleet, FleetConfig, FleetResult, run_fleet
from tests.harness.postgres import PostgresCluster, start_postgres, unavailable_reason

WINDOW_S = float(os.environ.get("FLEET_WINDOW_S", "10"))
LADDER = (500, 1000, 1500, 2000, 3000, 4000, 6000)  # booths on one process
TWO_PROCESS_STEPS = (1.0, 1.4, 1.7, 2.0, 2.4)  # × the one-process figure, on two
FIRST = 1  # the ladder starts at 1 000 booths; 500 only if 1 000 fails
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
          database: str, booths: int, photos: dict[str, bytes]) -> dict[str, Any]:
    sampler = Sampler(servers, cluster, database)
    config = FleetConfig(backends=[server.port for server in servers],
                         tokens=devices.first(booths), photos=photos, payme_key=PAYME_KEY,
                         seconds=WINDOW_S, pay_delay_s=(1.0, 4.0), phone_delay_s=(0.5, 1.5),
                         drain_s=60, seed=booths)
    load = os.getloadavg()[0]
    sampler.start()
    result = run_fleet(config)
    seen = sampler.stop()
    row = summary(result, len(servers), seen, load)
    log(f"{len(servers)} process(es), {booths} booths: " + ", ".join(
        f"{key} {value:.3g}" if isinstance(value, float) else f"{key} {value}"
        for key, value in row.items() if key != "failures"))
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


def climb(servers: list[BackendServer], devices: Devices, cluster: PostgresCluster,
          database: str, photos: dict[str, bytes], counts: list[int]) -> list[dict[str, Any]]:
    """Levels of `counts` booths in turn until one fails (that one included)."""
    rows = []
    for booths in counts:
        rows.append(level(servers, devices, cluster, database, booths, photos))
        if not rows[-1]["ok"]:
            break
    return rows


def ladder(processes: int, one: dict[str, Any] | None) -> list[int]:
    """The booth counts to climb: from 1 000 on one process; on two, steps around twice the
    one-process figure (the ratio is read off them)."""
    if processes == 1:
        return list(LADDER[FIRST:])
    base = one["booths"] if one else LADDER[0]
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
    measured = (f"busiest backend process {failed['backend_core_share']:.0%} of a core "
                f"({failed['backend_cpu_s']:.1f} CPU s for {failed['sessions']} sessions and "
                f"{failed['heartbeats']} heartbeats), "
                f"PostgreSQL {failed['postgres_cores']:.2f} cores, simulator "
                f"{failed['simulator_core_share']:.0%} of a core, machine "
                f"{failed['machine_busy']:.0%} busy (load average {failed['load_average']:.1f})")
    if failed["backend_core_share"] >= 0.85:
        cause = "the backend process's one core (Python runs one at a time)"
    elif failed["machine_busy"] >= 0.9:
        cause = "the machine's two cores, shared by backends, PostgreSQL and the simulator"
    elif failed["postgres_cores"] >= 0.8:
        cause = "PostgreSQL's CPU"
    else:
        cause = "waiting, not CPU: commits (fsync) or the worker threads"
    return f"at {failed['booths']} booths on {failed['processes']} process(es) ({what}): " \
           f"{cause}; {measured}"


def start_servers(count: int, work: Path, url: str) -> list[BackendServer]:
    """`count` processes on one database and one media directory (a shared volume)."""
    env = {**ENV, "BOOTH_MEDIA_DIR": str(work / "media")}
    return [start_backend(work / f"backend-{index}", database_url=url, extra_env=env)
            for index in range(count)]


def main() -> int:
    reason = unavailable_reason()
    if reason is not None:
        log(f"fleet bench needs PostgreSQL: {reason}")
        return 1
    photos = booth_photos()
    log("a session uploads " + ", ".join(f"{name} {len(body) / 2**20:.2f} MB"
                                         for name, body in photos.items()))
    rows: list[dict[str, Any]] = []
    with tempfile.TemporaryDirectory(prefix="bench-fleet-") as tmp:
        cluster = start_postgres(fsync=True)
        try:
            url = cluster.create_database("fleet")
            database = make_url(url).database or "fleet"
            devices = Devices(url)
            idle_rss = 0.0
            capacity = ""
            for processes in (1, 2):
                servers = start_servers(processes, Path(tmp) / f"p{processes}", url)
                try:
                    if processes == 1:
                        idle_rss = psutil.Process(
                            servers[0].process.pid).memory_info().rss / 2**20  # type: ignore[union-attr]
                        costs = costs_alone(servers[0], devices.first(1)[0], photos)
                        _, capacity = cpu_capacity(costs)
                        log(f"measured alone: {capacity}")
                    rows += climb(servers, devices, cluster, database, photos,
                                  ladder(processes, largest_passing(rows)))
                    if processes == 1 and largest_passing(rows) is None:
                        rows.append(level(servers, devices, cluster, database, LADDER[0],
                                          photos))
                finally:
                    for server in servers:
                        server.stop()
            devices.db.write_engine.dispose()
        finally:
            cluster.stop()
    single = [row for row in rows if row["processes"] == 1]
    double = [row for row in rows if row["processes"] == 2]
    one, two = largest_passing(single), largest_passing(double)
    found = bottleneck(single)
    log(f"first bottleneck (1 process): {found}")
    log(f"with 2 processes: {bottleneck(double)}")
    PLOT.parent.mkdir(parents=True, exist_ok=True)
    plot(rows, PLOT, f"fleet: booths vs p99, {WINDOW_S:.0f} s of arrivals a level, "
                     "6 sessions/booth/hour, PostgreSQL")
    per_process = Figure(
        "fleet_booths_per_process", "booths", 2000, "higher",
        runs=[one["booths"] if one else 0],
        note=f"largest N of simulated booths one backend process serves with Payme p99 and "
        f"wake p99 ≤ 100 ms and nothing failed (6 sessions/booth/h, heartbeat/min, "
        f"PostgreSQL); first bottleneck {found}. Measured alone: {capacity}")
    ratio = Figure(
        "fleet_two_process_ratio", "×", 1.7, "higher",
        runs=[(two["booths"] if two else 0) / one["booths"] if one else 0.0],
        floor=float(one["booths"]) if one else None, floor_unit="booths on 1 process",
        note="largest passing N on 2 backend processes (one PostgreSQL) ÷ on 1, measured in "
        f"the same run; 2 processes: {bottleneck(double)}")
    base = one or (single[0] if single else None)
    rss = Figure(
        "fleet_rss_mb_per_1000_booths", "MB", 128, "lower",
        runs=[(base["rss_mb"] - idle_rss) / base["booths"] * 1000 if base else 0.0],
        note=f"backend RSS at the largest passing N (else the first level) over the idle "
        f"process's {idle_rss:.0f} MB, ÷ N × 1000; PostgreSQL connections per 1000 booths "
        f"{base['pg_connections'] / base['booths'] * 1000 if base else 0:.1f}; simulator "
        f"{statistics.median(r['simulator_core_share'] for r in rows):.0%} of a core (median)")
    emit([per_process, ratio, rss])
    return 0


if __name__ == "__main__":
    sys.exit(main())
