"""The real validators and the deploy files they read, shared by the deploy tests.

Every tool here is installed by `make deps` / `.ci/run` (Debian's `prometheus` package for
promtool and prometheus; kubernetes-validate and check-jsonschema pinned in requirements-test.txt).
A missing tool is a test failure with the install command, never a skip.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest
import yaml

ROOT = Path(os.environ.get("TALLY_REPO_ROOT", Path(__file__).resolve().parents[2]))
HERE = Path(__file__).resolve().parent
SCHEMAS = HERE / "schemas"
# Kubernetes minor version the core objects are validated against (kubernetes-validate -k).
KUBERNETES_VERSION = "1.30"
# Custom resources: (apiVersion, kind) → the pinned JSON Schema (schemas/README.md says where from).
CRD_SCHEMAS = {
    ("keda.sh/v1alpha1", "ScaledObject"): SCHEMAS / "keda.sh_scaledobject_v1alpha1.json",
    ("monitoring.coreos.com/v1", "ServiceMonitor"): SCHEMAS / "monitoring.coreos.com_servicemonitor_v1.json",
}
# Kustomize's own file, not an API object: built by `kubectl kustomize` where kubectl exists.
NOT_API_OBJECTS = {("kustomize.config.k8s.io/v1beta1", "Kustomization")}
INSTALL = {
    "promtool": "apt-get install prometheus (or: make deps)",
    "prometheus": "apt-get install prometheus (or: make deps)",
    "kubernetes-validate": "pip install -r requirements-test.txt (or: make deps)",
    "check-jsonschema": "pip install -r requirements-test.txt (or: make deps)",
}


def tool(name: str) -> str:
    path = shutil.which(name)
    if not path:
        pytest.fail(f"{name} is not installed: {INSTALL.get(name, 'make deps')}")
    return path


def run(*args: str | Path, timeout: float = 120) -> subprocess.CompletedProcess:
    """Runs a validator; its combined output goes into assertion messages."""
    cmd = [tool(str(args[0])), *map(str, args[1:])]
    return subprocess.run(cmd, capture_output=True, text=True, timeout=timeout)


def output(proc: subprocess.CompletedProcess) -> str:
    return f"$ {' '.join(proc.args)}\n(exit {proc.returncode})\n{proc.stdout}{proc.stderr}"


def load_yaml(path: Path) -> Any:
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def yaml_docs(path: Path) -> list[dict[str, Any]]:
    return [d for d in yaml.safe_load_all(path.read_text(encoding="utf-8")) if d]


def kubernetes_docs(root: Path = ROOT) -> list[tuple[Path, dict[str, Any]]]:
    return [(p, d) for p in sorted((root / "deploy/kubernetes").glob("*.yaml")) for d in yaml_docs(p)]


def prometheus_mounts(root: Path = ROOT) -> dict[str, Path]:
    """Container path → host file of the compose `prometheus` service's bind mounts."""
    compose = load_yaml(root / "deploy/compose.yaml")
    out = {}
    for volume in compose["services"]["prometheus"].get("volumes", []):
        host, container = str(volume).split(":")[:2]
        if host.startswith("."):
            out[container] = (root / "deploy" / host).resolve()
    return out


def host_prometheus_config(root: Path, dest: Path, scrape: dict[str, list[str]] | None = None,
                           interval: str | None = None) -> Path:
    """The shipped prometheus.yml as the compose stack sees it, written under `dest`.

    rule_files are mapped from their container paths back to the files compose mounts there (a
    rule file that is not mounted stays unresolved and promtool fails). With `scrape`, each named
    job's service discovery is replaced by static loopback targets (live test only); `interval`
    shortens scrape and evaluation intervals (live test only).
    """
    config = load_yaml(root / "deploy/prometheus/prometheus.yml")
    mounts = prometheus_mounts(root)
    config["rule_files"] = [str(mounts.get(f, f)) for f in config.get("rule_files", [])]
    if interval:
        config["global"]["scrape_interval"] = interval
        config["global"]["evaluation_interval"] = interval
    for job in config.get("scrape_configs", []):
        if scrape is not None and job["job_name"] in scrape:
            for key in [k for k in job if k.endswith("_sd_configs") or k == "static_configs"]:
                del job[key]
            job["static_configs"] = [{"targets": scrape[job["job_name"]]}]
    dest.mkdir(parents=True, exist_ok=True)
    path = dest / "prometheus.yml"
    path.write_text(yaml.safe_dump(config, sort_keys=False), encoding="utf-8")
    return path


def alert_rules(path: Path) -> list[dict[str, Any]]:
    return [r for g in load_yaml(path)["groups"] for r in g["rules"] if "alert" in r]


def scratch_copy(tmp_path: Path, root: Path = ROOT) -> Path:
    """deploy/ and the test data next to it, for tests that break a copy on purpose."""
    dst = tmp_path / "repo"
    shutil.copytree(root / "deploy", dst / "deploy")
    shutil.copytree(HERE, dst / "Tests/deploy", ignore=shutil.ignore_patterns("__pycache__", ".pytest_cache"))
    return dst


def replace_in(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {path} (update the test)"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def dashboard_expressions(path: Path) -> list[tuple[str, str]]:
    """(where, PromQL) of every panel target and query variable, Grafana variables substituted."""
    dash = json.loads(path.read_text(encoding="utf-8"))
    variables = {v["name"]: v.get("current", {}).get("value", ".*") for v in dash.get("templating", {}).get("list", [])}

    def promql(expr: str) -> str:
        for name in ("__rate_interval", "__interval", "__range"):
            expr = expr.replace("$" + name, "1m").replace("${" + name + "}", "1m")
        for name, value in variables.items():
            expr = expr.replace("${" + name + "}", value).replace("$" + name, value)
        return expr

    out = []

    def walk(panels: list[dict[str, Any]]) -> None:
        for p in panels:
            for t in p.get("targets", []):
                if t.get("expr"):
                    out.append((f"panel {p.get('title')!r} {t.get('refId', '')}", promql(t["expr"])))
            walk(p.get("panels", []))

    walk(dash.get("panels", []))
    for v in dash.get("templating", {}).get("list", []):
        q = v.get("query")
        q = q.get("query") if isinstance(q, dict) else q
        if v.get("type") == "query" and q:
            # Grafana's label_values(SELECTOR, label): the selector is PromQL.
            inner = q.removeprefix("label_values(").rsplit(",", 1)[0] if q.startswith("label_values(") else q
            out.append((f"variable {v['name']!r}", promql(inner)))
    return out
