"""A private `cupsd -f` for tests and the demo: its own config, spool and port.

It never touches the system CUPS: every directory lives under `root`, it listens
only on 127.0.0.1, and its ServerBin is an overlay of the system one (symlinks)
so our own backends (`directory`, the tests' fault injector) can be added. The delivery
ledger (`boothledger`) is installed as on a booth, its records under `root`/ledger.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import signal
import socket
import subprocess
import time
from pathlib import Path

import cups

from printing.delivery_ledger import LEDGER_BACKEND, LEDGER_SCHEME, ledger_uri

SYSTEM_SERVER_BIN = Path("/usr/lib/cups")
CUPSD = "/usr/sbin/cupsd"
DIRECTORY_BACKEND = Path(__file__).with_name("backends") / "directory"
START_TIMEOUT = 15.0

CUPSD_CONF = """\
Listen 127.0.0.1:{port}
Browsing No
BrowseLocalProtocols none
DefaultAuthType None
WebInterface No
LogLevel {log_level}
MaxLogSize 0
MaxJobs 0
PreserveJobHistory Yes
PreserveJobFiles No
JobRetryInterval 5
DirtyCleanInterval 0
<Location />
  Order allow,deny
  Allow all
</Location>
<Policy default>
  JobPrivateAccess all
  JobPrivateValues none
  SubscriptionPrivateAccess all
  SubscriptionPrivateValues none
  <Limit All>
    Order deny,allow
  </Limit>
</Policy>
"""

CUPS_FILES_CONF = """\
ServerRoot {root}/etc
ServerBin {root}/serverbin
RequestRoot {root}/spool
TempDir {root}/spool/tmp
CacheDir {root}/cache
StateDir {root}/run
DataDir /usr/share/cups
DocumentRoot /usr/share/cups/doc-root
AccessLog {root}/log/access_log
ErrorLog {root}/log/error_log
PageLog {root}/log/page_log
Printcap {root}/run/printcap
FileDevice Yes
User lp
Group lp
SystemGroup root
SetEnv BOOTHLEDGER_DIR {root}/ledger
"""


class PrivateCupsError(RuntimeError):
    pass


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


class PrivateCups:
    """One cupsd process under `root`; `server` is "127.0.0.1:PORT" once started.

    `backends` maps a URI scheme to an executable to install in the ServerBin
    overlay (it runs as root, mode 0700, so it may write where the tests say).
    `root` and its parents must be traversable by the `lp` user: filters run as lp.
    """

    def __init__(self, root: Path, *, backends: dict[str, Path] | None = None,
                 log_level: str = "info"):
        self.root = root.resolve()
        self.port = 0
        self.backends = {"directory": DIRECTORY_BACKEND, LEDGER_SCHEME: LEDGER_BACKEND,
                         **(backends or {})}
        self.log_level = log_level
        self.process: subprocess.Popen[bytes] | None = None

    @property
    def server(self) -> str:
        return f"127.0.0.1:{self.port}"

    @property
    def ledger(self) -> Path:
        """Where the `boothledger` backend keeps its delivery records."""
        return self.root / "ledger"

    @property
    def error_log(self) -> Path:
        return self.root / "log" / "error_log"

    def start(self) -> None:
        """Start cupsd (first call writes the config) and wait until it answers IPP."""
        if self.process is not None:
            raise PrivateCupsError("cupsd already running")
        self._check_traversable()
        if not self.port:
            self.port = free_port()
            self._write_config()
        self.process = subprocess.Popen(
            [CUPSD, "-f", "-c", str(self.root / "etc" / "cupsd.conf"),
             "-s", str(self.root / "etc" / "cups-files.conf")],
            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, start_new_session=True,
            # The booth runs with umask 077; cupsd's helpers run as `lp` and must read what
            # cupsd writes (PPDs, spool files), as with the system's own cupsd.
            umask=0o022)
        self._wait_ready()

    def stop(self) -> None:
        """Terminate cupsd and wait for it; jobs and queues stay on disk for a restart."""
        if self.process is None:
            return
        process, self.process = self.process, None
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
        if process.stderr:
            process.stderr.close()

    def kill(self) -> None:
        """SIGKILL, as a crash would; queues and jobs survive for the next `start()`."""
        if self.process is None:
            return
        process, self.process = self.process, None
        with contextlib.suppress(ProcessLookupError):
            os.killpg(process.pid, signal.SIGKILL)
        process.wait()
        if process.stderr:
            process.stderr.close()

    def _check_traversable(self) -> None:
        for parent in self.root.parents:
            if parent.exists() and not parent.stat().st_mode & 0o001:
                raise PrivateCupsError(
                    f"{parent} is not traversable by others (mode {parent.stat().st_mode:o}); "
                    f"cupsd's filters run as lp and could not read {self.root}: "
                    "choose a root under /tmp or chmod o+x the directory")

    def connection(self) -> cups.Connection:
        """A connection for the calling thread (libcups keeps the server per thread)."""
        cups.setServer("127.0.0.1")
        cups.setPort(self.port)
        return cups.Connection()

    def add_queue(self, name: str, ppd_or_model: str | Path | None, device_uri: str) -> None:
        """A queue on `device_uri`: a PPD file path, a driver model string
        (`lpinfo -m`, e.g. gutenprint.5.3://dnp-ds620/expert) or None for a raw queue."""
        connection = self.connection()
        try:
            if ppd_or_model is None:
                connection.addPrinter(name, device=device_uri)
            elif Path(ppd_or_model).is_file():
                connection.addPrinter(name, filename=str(ppd_or_model), device=device_uri)
            else:
                connection.addPrinter(name, ppdname=str(ppd_or_model), device=device_uri)
            connection.enablePrinter(name)
            connection.acceptJobs(name)
        except cups.IPPError as exc:
            raise PrivateCupsError(f"cannot add queue {name!r} ({ppd_or_model} on {device_uri}):"
                                   f" {exc.args[-1]}; see {self.error_log}") from exc

    def add_booth_queue(self, name: str, ppd_or_model: str | Path | None,
                        device_uri: str) -> None:
        """A booth's queue: `device_uri` behind the delivery ledger, as the install guide says."""
        self.add_queue(name, ppd_or_model, ledger_uri(device_uri))

    def add_directory_queue(self, name: str, ppd_or_model: str | Path | None,
                            directory: Path) -> None:
        """A booth queue whose every job lands as a new file in `directory`."""
        directory.mkdir(parents=True, exist_ok=True)
        self.add_booth_queue(name, ppd_or_model, f"directory:{directory.resolve()}")

    def _write_config(self) -> None:
        for sub in ("etc/ppd", "etc/ssl", "spool/tmp", "cache", "run", "log"):
            (self.root / sub).mkdir(parents=True, exist_ok=True)
        # lp runs the filters and reads spool files: the tree must be traversable.
        for path in (self.root, self.root / "spool"):
            path.chmod(0o755)
        (self.root / "spool" / "tmp").chmod(0o1777)
        # The ledger's directory: root's alone, as on a booth (the backend runs as root).
        self.ledger.mkdir(mode=0o700, exist_ok=True)
        (self.root / "etc" / "cupsd.conf").write_text(
            CUPSD_CONF.format(port=self.port, log_level=self.log_level))
        (self.root / "etc" / "cups-files.conf").write_text(CUPS_FILES_CONF.format(root=self.root))
        for conf in ("raw.convs", "raw.types"):
            source = Path("/etc/cups") / conf
            if source.exists():
                shutil.copy(source, self.root / "etc" / conf)
        self._build_server_bin()

    def _build_server_bin(self) -> None:
        server_bin = self.root / "serverbin"
        if server_bin.exists():
            shutil.rmtree(server_bin)  # symlinks only: the system files stay untouched
        server_bin.mkdir()
        server_bin.chmod(0o755)  # not left to the umask: `lp` runs the helpers in it
        for entry in SYSTEM_SERVER_BIN.iterdir():
            if entry.name != "backend":
                (server_bin / entry.name).symlink_to(entry)
        backend_dir = server_bin / "backend"
        backend_dir.mkdir()
        backend_dir.chmod(0o755)
        for entry in (SYSTEM_SERVER_BIN / "backend").iterdir():
            (backend_dir / entry.name).symlink_to(entry.resolve())
        for scheme, executable in self.backends.items():
            target = backend_dir / scheme
            shutil.copy(executable, target)
            target.chmod(0o700)

    def _wait_ready(self) -> None:
        deadline = time.monotonic() + START_TIMEOUT
        last_error = ""
        while time.monotonic() < deadline:
            assert self.process is not None
            if self.process.poll() is not None:
                stderr = self.process.stderr.read().decode(errors="replace") \
                    if self.process.stderr else ""
                self.process = None
                raise PrivateCupsError(f"cupsd exited at start: {stderr.strip()} "
                                       f"(see {self.error_log})")
            try:
                self.connection().getPrinters()
                return
            except (RuntimeError, cups.IPPError) as exc:
                last_error = str(exc)
            time.sleep(0.05)
        self.stop()
        raise PrivateCupsError(f"cupsd did not answer on {self.server}: {last_error}")
