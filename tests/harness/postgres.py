"""A throwaway PostgreSQL cluster on a free loopback port, run as the `postgres` user when
we are root (initdb refuses root); removed on stop()."""

from __future__ import annotations

import glob
import os
import pwd
import shutil
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path

import psycopg

from backend.local_server import free_port


def _bin_dir() -> Path | None:
    initdb = shutil.which("initdb")
    if initdb:
        return Path(initdb).resolve().parent
    candidates = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"))
    return Path(candidates[-1]).parent if candidates else None


def unavailable_reason() -> str | None:
    """Why a cluster cannot be started here, or None."""
    if _bin_dir() is None:
        return "PostgreSQL server binaries (initdb, pg_ctl) are not installed"
    if os.geteuid() == 0:
        try:
            pwd.getpwnam("postgres")
        except KeyError:
            return "running as root and there is no `postgres` user to run initdb as"
    return None


@dataclass
class PostgresCluster:
    datadir: Path
    port: int
    _bin: Path
    _as_postgres: bool

    def _run(self, *args: str) -> None:
        command = [str(self._bin / args[0]), *args[1:]]
        if self._as_postgres:
            command = ["runuser", "-u", "postgres", "--", *command]
        done = subprocess.run(command, capture_output=True, text=True, timeout=120)
        if done.returncode != 0:
            raise RuntimeError(f"{args[0]} failed: {done.stdout}\n{done.stderr}")

    def url(self, database: str = "postgres") -> str:
        return f"postgresql+psycopg://postgres@127.0.0.1:{self.port}/{database}"

    def create_database(self, name: str) -> str:
        """A fresh database; returns its SQLAlchemy URL."""
        dsn = f"host=127.0.0.1 port={self.port} user=postgres dbname=postgres"
        with psycopg.connect(dsn, autocommit=True) as conn:
            conn.execute(f'CREATE DATABASE "{name}"')
        return self.url(name)

    def stop(self) -> None:
        try:
            self._run("pg_ctl", "-D", str(self.datadir), "-m", "fast", "-w", "stop")
        finally:
            shutil.rmtree(self.datadir.parent, ignore_errors=True)


def start_postgres(*, fsync: bool = False) -> PostgresCluster:
    """initdb + pg_ctl start on 127.0.0.1:<free port>, trust auth for user postgres."""
    reason = unavailable_reason()
    if reason is not None:
        raise RuntimeError(reason)
    bin_dir = _bin_dir()
    assert bin_dir is not None
    as_postgres = os.geteuid() == 0
    # Under /tmp so the postgres user can reach it (pytest's tmp dirs are root-only).
    root = Path(tempfile.mkdtemp(prefix="booth-pg-"))
    datadir = root / "data"
    datadir.mkdir(mode=0o700)
    if as_postgres:
        user = pwd.getpwnam("postgres")
        for path in (root, datadir):
            os.chown(path, user.pw_uid, user.pw_gid)
    cluster = PostgresCluster(datadir=datadir, port=free_port(), _bin=bin_dir,
                              _as_postgres=as_postgres)
    try:
        cluster._run("initdb", "-D", str(datadir), "-A", "trust", "-U", "postgres",
                     "-E", "UTF8", "--no-sync")
        options = (
            f"-p {cluster.port} -k {root} -c listen_addresses=127.0.0.1 "
            f"-c fsync={'on' if fsync else 'off'} -c max_connections=200"
        )
        cluster._run("pg_ctl", "-D", str(datadir), "-o", options,
                     "-l", str(root / "server.log"), "-w", "start")
    except Exception:
        shutil.rmtree(root, ignore_errors=True)
        raise
    return cluster
