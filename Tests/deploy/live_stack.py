"""Processes for the live deploy test, all on 127.0.0.1, each stopped by its PID.

noida-db (fresh data dir), `tally run`, `tally lag --serve` (the built binary: TALLY_BIN or
.build/debug/tally) and the distribution's Prometheus (fresh data dir) with the shipped
prometheus.yml and alerts.yml. Every wait is bounded and fails with the process's log.
"""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path
from typing import Any, Callable

import pytest
from prometheus_client.parser import text_string_to_metric_families

from deploy_tools import ROOT, tool


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_for(what: str, probe: Callable[[], Any], timeout: float, logs: Callable[[], str] = lambda: "",
             alive: tuple["Proc", ...] = ()) -> Any:
    """Polls `probe` until it returns something truthy; fails with `what` and the logs otherwise,
    at once if one of the `alive` processes has exited."""
    deadline, last = time.monotonic() + timeout, None
    while time.monotonic() < deadline:
        dead = [p for p in alive if not p.alive()]
        if dead:
            pytest.fail(f"{dead[0].name} exited ({dead[0].proc.returncode}) while waiting for {what}\n{logs()}")
        try:
            value = probe()
            if value:
                return value
            last = value
        except Exception as e:  # not up yet
            last = e
        time.sleep(0.25)
    pytest.fail(f"timed out after {timeout:.0f} s waiting for {what} (last: {last!r})\n{logs()}")


def http_get(url: str, timeout: float = 5) -> str:
    with urllib.request.urlopen(url, timeout=timeout) as r:
        return r.read().decode("utf-8")


def http_status(url: str) -> int:
    try:
        with urllib.request.urlopen(url, timeout=5) as r:
            return r.status
    except urllib.error.HTTPError as e:
        return e.code


class Proc:
    """A child process with its output in a log file."""

    def __init__(self, name: str, args: list[str], workdir: Path, env: dict[str, str] | None = None):
        self.name = name
        self.log_path = workdir / f"{name}.log"
        self.log = self.log_path.open("wb")
        clean = {k: v for k, v in os.environ.items() if not k.startswith("TALLY_")}
        self.proc = subprocess.Popen(args, stdout=self.log, stderr=subprocess.STDOUT, env={**clean, **(env or {})},
                                     cwd=workdir)

    @property
    def pid(self) -> int:
        return self.proc.pid

    def logs(self, lines: int = 40) -> str:
        self.log.flush()
        text = self.log_path.read_text(encoding="utf-8", errors="replace").splitlines()
        return f"--- {self.name} (pid {self.pid}) log tail ---\n" + "\n".join(text[-lines:])

    def alive(self) -> bool:
        return self.proc.poll() is None

    def stop(self, grace: float = 15) -> int:
        """SIGTERM, then SIGKILL after `grace` seconds; returns the exit status."""
        if self.alive():
            os.kill(self.pid, signal.SIGTERM)
            try:
                self.proc.wait(grace)
            except subprocess.TimeoutExpired:
                os.kill(self.pid, signal.SIGKILL)
                self.proc.wait(10)
        self.log.close()
        return self.proc.returncode


def tally_binary() -> Path:
    path = Path(os.environ.get("TALLY_BIN", ROOT / ".build/debug/tally"))
    if not os.access(path, os.X_OK):
        pytest.fail(f"tally is not built at {path}: run `swift build --product tally` (or set TALLY_BIN)")
    return path


def start_noida(workdir: Path) -> tuple[Proc, str]:
    """noida-db's Kafka service (the server binary itself, so the PID is the broker's)."""
    from importlib.resources import files
    binary = Path(str(files("noida_db").joinpath("noida-db")))
    port = free_port()
    data = workdir / "noida-data"
    data.mkdir()
    broker = Proc("noida-db", [str(binary), "start", "--only", "kafka", "--host", "127.0.0.1",
                               "--kafka-port", str(port), "--data-dir", str(data)], workdir)

    def answers() -> bool:  # ApiVersions v0 round trip
        with socket.create_connection(("127.0.0.1", port), timeout=1) as s:
            s.sendall(bytes.fromhex("0000000a00120000000000010000"))
            return int.from_bytes(s.recv(4), "big") > 0

    wait_for(f"noida-db on 127.0.0.1:{port}", answers, 60, broker.logs)
    return broker, f"127.0.0.1:{port}"


class Prometheus:
    def __init__(self, config: Path, workdir: Path):
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        data = workdir / "prometheus-data"
        data.mkdir()
        self.proc = Proc("prometheus", [tool("prometheus"), f"--config.file={config}", f"--storage.tsdb.path={data}",
                                        f"--web.listen-address=127.0.0.1:{self.port}"], workdir)
        wait_for("Prometheus /-/ready", lambda: "Ready" in http_get(self.url + "/-/ready"), 60, self.proc.logs)

    def api(self, path: str, **params: str) -> Any:
        url = f"{self.url}/api/v1/{path}?{urllib.parse.urlencode(params)}"
        try:
            body = http_get(url)
        except urllib.error.HTTPError as e:  # 400/422: the query did not parse or evaluate
            body = e.read().decode("utf-8")
        return json.loads(body)

    def query(self, expr: str) -> list[dict[str, Any]]:
        answer = self.api("query", query=expr)
        assert answer["status"] == "success", f"{expr}: {answer}"
        return answer["data"]["result"]

    def scalar(self, expr: str) -> float | None:
        """The single value of `expr`, or None while it has no result."""
        result = self.query(expr)
        assert len(result) <= 1, f"{expr} gave {len(result)} series: {result}"
        return float(result[0]["value"][1]) if result else None


def scrape(url: str) -> dict[tuple[str, tuple[tuple[str, str], ...]], float]:
    """A /metrics page as {(sample name, labels): value}, parsed by the Prometheus client library."""
    out = {}
    for family in text_string_to_metric_families(http_get(url)):
        for s in family.samples:
            out[(s.name, tuple(sorted(s.labels.items())))] = s.value
    return out


def total(samples: dict, name: str, **labels: str) -> float:
    return sum(v for (n, ls), v in samples.items() if n == name and all((k, x) in ls for k, x in labels.items()))
