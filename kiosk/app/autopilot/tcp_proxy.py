"""A real TCP proxy on 127.0.0.1 whose faults a test (or the autopilot) switches on and off.

    proxy = TcpProxy("127.0.0.1", backend_port)
    client = BackendClient(proxy.url, ...)
    proxy.drop()            # close every open connection and every new one
    proxy.pass_through()    # the network is back
    proxy.delay(200)        # each chunk, either way, waits 200 ms
    proxy.limit_rate(250_000)  # each way carries at most 250 kB/s (2 Mbit/s), shared
    proxy.cut_next(40)      # the next answer is cut after 40 bytes
    proxy.cut_next_request(100_000)  # the next request (an upload) is cut after 100 kB
    proxy.rewrite_requests(b"?wait=", b"?xait=")  # requests reach upstream altered
    proxy.hold_answers()    # requests go through; answers wait until release_answers()
    proxy.stop()

Threads: one accepting, one per proxied connection; all joined by `stop()`.
"""

from __future__ import annotations

import contextlib
import selectors
import socket
import threading
import time

CHUNK = 65536
SLICE = 4096  # a rate-limited chunk goes on in pieces this big, each when the link has sent it
UP, DOWN = 0, 1


class _Pair:
    def __init__(self, client: socket.socket, upstream: socket.socket):
        self.client = client
        self.upstream = upstream
        self.cut_budget: int | None = None
        self.request_budget: int | None = None

    def close(self) -> None:
        for sock in (self.client, self.upstream):
            with contextlib.suppress(OSError):
                sock.shutdown(socket.SHUT_RDWR)


class TcpProxy:
    def __init__(self, upstream_host: str, upstream_port: int, *, port: int = 0):
        self.upstream = (upstream_host, upstream_port)
        self._listener = socket.create_server(("127.0.0.1", port), reuse_port=False)
        self._listener.settimeout(0.05)
        self.port: int = self._listener.getsockname()[1]
        self.connections_accepted = 0
        self.connections_dropped = 0
        self.connections_cut = 0
        self.chunks_sent_upstream = 0
        self._dropping = False
        self._delay = 0.0
        self._rate: float | None = None
        # When each direction's link is free again (it carries one byte at a time).
        self._link_free = [0.0, 0.0]
        self._cuts_armed: list[int] = []
        self._request_cuts_armed: list[int] = []
        self._rewrite: tuple[bytes, bytes] | None = None
        self._pairs: set[_Pair] = set()
        self._threads: list[threading.Thread] = []
        self._lock = threading.Lock()
        self._stopping = threading.Event()
        self._answers_flow = threading.Event()
        self._answers_flow.set()
        self.answers_held = 0  # answers that arrived while hold_answers() was on
        self._acceptor = threading.Thread(target=self._accept_loop, name="tcp-proxy", daemon=True)
        self._acceptor.start()

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    @property
    def open_connections(self) -> int:
        with self._lock:
            return len(self._pairs)

    def pass_through(self) -> None:
        with self._lock:
            self._dropping = False
            self._delay = 0.0
            self._rate = None
            self._cuts_armed.clear()
            self._rewrite = None

    def drop(self) -> None:
        """The network is gone: open connections are closed, new ones closed on accept."""
        with self._lock:
            self._dropping = True
            pairs = list(self._pairs)
        for pair in pairs:
            pair.close()

    def delay(self, ms: float) -> None:
        with self._lock:
            self._delay = ms / 1000

    def limit_rate(self, bytes_per_second: float | None) -> None:
        """Each direction carries at most this many bytes a second, shared by every connection
        (one phone's link); None lifts the limit. With delay(), a chunk waits the delay and
        then the time the link takes to carry it."""
        with self._lock:
            self._rate = bytes_per_second
            self._link_free = [0.0, 0.0]

    def rewrite_requests(self, old: bytes, new: bytes) -> None:
        """Replace `old` by `new` in what clients send (a middlebox that mangles requests)."""
        with self._lock:
            self._rewrite = (old, new)

    def cut_next(self, after_bytes: int, times: int = 1) -> None:
        """The next `times` answers from upstream are cut after `after_bytes` bytes."""
        with self._lock:
            self._cuts_armed.extend([after_bytes] * times)

    def cut_next_request(self, after_bytes: int, times: int = 1) -> None:
        """The next `times` connections' requests are cut after `after_bytes` bytes: the
        upstream sees a body end early, the client a dropped connection."""
        with self._lock:
            self._request_cuts_armed.extend([after_bytes] * times)

    def hold_answers(self) -> None:
        """Answers from upstream wait in the proxy (requests still reach it)."""
        self._answers_flow.clear()

    def release_answers(self) -> None:
        self._answers_flow.set()

    def stop(self) -> None:
        self._stopping.set()
        self._answers_flow.set()
        self._acceptor.join()
        self._listener.close()
        with self._lock:
            pairs = list(self._pairs)
            threads = list(self._threads)
        for pair in pairs:
            pair.close()
        for thread in threads:
            thread.join()

    def _accept_loop(self) -> None:
        while not self._stopping.is_set():
            try:
                client, _ = self._listener.accept()
            except TimeoutError:
                continue
            except OSError:
                return
            self.connections_accepted += 1
            with self._lock:
                dropping = self._dropping
            if dropping:
                self.connections_dropped += 1
                client.close()
                continue
            try:
                upstream = socket.create_connection(self.upstream, timeout=5)
            except OSError:
                client.close()
                continue
            for end in (client, upstream):
                # Forward each chunk as it comes: a proxy that waits for the previous chunk's
                # ACK (Nagle's rule, against a delayed ACK) adds 40 ms that no wire has.
                end.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
            pair = _Pair(client, upstream)
            thread = threading.Thread(target=self._pump, args=(pair,), daemon=True,
                                      name=f"tcp-proxy-{self.connections_accepted}")
            with self._lock:
                self._pairs.add(pair)
                self._threads = [t for t in self._threads if t.is_alive()]
                self._threads.append(thread)
            thread.start()

    def _pump(self, pair: _Pair) -> None:
        selector = selectors.DefaultSelector()
        selector.register(pair.client, selectors.EVENT_READ, pair.upstream)
        selector.register(pair.upstream, selectors.EVENT_READ, pair.client)
        try:
            while not self._stopping.is_set():
                for key, _ in selector.select(timeout=0.1):
                    source: socket.socket = key.fileobj  # type: ignore[assignment]
                    if not self._forward(pair, source, key.data):
                        return
        finally:
            selector.close()
            with self._lock:
                self._pairs.discard(pair)
            pair.close()
            pair.client.close()
            pair.upstream.close()

    def _forward(self, pair: _Pair, source: socket.socket, target: socket.socket) -> bool:
        try:
            data = source.recv(CHUNK)
        except OSError:
            return False
        if not data:
            return False
        if source is pair.upstream:
            if not self._answers_flow.is_set():
                with self._lock:
                    self.answers_held += 1
            self._answers_flow.wait()
            if self._stopping.is_set():
                return False
        with self._lock:
            delay = self._delay
            rate = self._rate
            if source is pair.client and self._rewrite:
                data = data.replace(*self._rewrite)
            if source is pair.upstream and pair.cut_budget is None and self._cuts_armed:
                pair.cut_budget = self._cuts_armed.pop(0)
            if (source is pair.client and pair.request_budget is None
                    and self._request_cuts_armed):
                pair.request_budget = self._request_cuts_armed.pop(0)
        if delay:
            time.sleep(delay)  # the simulated network latency itself, not synchronisation
        if source is pair.client:
            self.chunks_sent_upstream += 1
        cut = False
        if source is pair.upstream and pair.cut_budget is not None:
            cut = len(data) >= pair.cut_budget
            data = data[:pair.cut_budget]
            pair.cut_budget -= len(data)
        if source is pair.client and pair.request_budget is not None:
            cut = len(data) >= pair.request_budget
            data = data[:pair.request_budget]
            pair.request_budget -= len(data)
        try:
            if rate:
                self._send_paced(target, data, UP if source is pair.client else DOWN)
            else:
                target.sendall(data)
        except OSError:
            return False
        if cut:
            self.connections_cut += 1
            return False
        return True

    def _send_paced(self, target: socket.socket, data: bytes, direction: int) -> None:
        """`data` in slices, each sent when the link would have finished carrying it."""
        for start in range(0, len(data), SLICE):
            piece = data[start:start + SLICE]
            with self._lock:
                rate = self._rate or float("inf")
                begins = max(time.monotonic(), self._link_free[direction])
                self._link_free[direction] = done = begins + len(piece) / rate
            # The link's own transmission time, not synchronisation.
            time.sleep(max(0.0, done - time.monotonic()))
            target.sendall(piece)
