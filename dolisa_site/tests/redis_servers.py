"""Redis servers that tests start and stop themselves: never the machine's shared one.

* RedisProcess: a real redis-server on a free port, stopped and started again
  on the same port to play an outage and the recovery after it.
* BlackHole: a socket that accepts connections and never answers, like a
  Redis that hangs; it counts the connections it was offered.
"""

import os
import shutil
import socket
import subprocess
import threading
import time

import redis

REDIS_SERVER = shutil.which("redis-server") or "/usr/bin/redis-server"


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class RedisProcess:
    def __init__(self, workdir):
        self.workdir = workdir
        self.port = free_port()
        self.process = None

    @property
    def url(self):
        return f"redis://127.0.0.1:{self.port}/0"

    def start(self):
        self.process = subprocess.Popen(
            [REDIS_SERVER, "--port", str(self.port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"],
            cwd=self.workdir,
            stdout=subprocess.DEVNULL,
            # Not the code under test: under libfaketime (the suite run on another date) Redis keeps the real clock.
            env={name: value for name, value in os.environ.items() if name not in ("LD_PRELOAD", "FAKETIME")},
        )
        client = redis.Redis(port=self.port, socket_connect_timeout=1)
        deadline = time.monotonic() + 10
        try:
            while True:
                try:
                    client.ping()
                    return self
                except redis.ConnectionError:
                    if time.monotonic() > deadline or self.process.poll() is not None:
                        raise
                    time.sleep(0.05)
        except BaseException:
            self.stop()
            raise
        finally:
            client.close()

    def stop(self):
        if self.process is not None:
            self.process.terminate()
            self.process.wait(10)
            self.process = None


class BlackHole:
    """Accepts TCP connections and reads what is sent, answering nothing."""

    def __init__(self):
        self.listener = socket.socket()
        self.listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        self.listener.bind(("127.0.0.1", 0))
        self.listener.listen(64)
        self.port = self.listener.getsockname()[1]
        self.accepted = 0
        self._peers = []
        self._closed = threading.Event()
        self._thread = threading.Thread(target=self._serve, daemon=True)
        self._thread.start()

    @property
    def url(self):
        return f"redis://127.0.0.1:{self.port}/0"

    def _serve(self):
        self.listener.settimeout(0.1)
        while not self._closed.is_set():
            try:
                peer, _address = self.listener.accept()
            except (TimeoutError, OSError):
                continue
            self.accepted += 1
            self._peers.append(peer)  # kept open and never answered

    def close(self):
        self._closed.set()
        self._thread.join(5)
        for peer in self._peers:
            peer.close()
        self.listener.close()
