"""The checks of Tests/deploy/test_deploy.py. Each takes a `Repo` and returns problems."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import yaml

from deploy_tools import dashboard_expressions
from promql_names import series_names
from tally_static import (
    RUNTIME_LIBRDKAFKA_PACKAGE, RUNTIME_LIBXML2_PACKAGE, ROOT_USERS, Repo, StaticError, apt_installed, duration_seconds,
    exec_form, kubectl_kustomize, parse_properties, port_of, promql_label_values,
)

LIVENESS, READINESS = "/healthz", "/readyz"


def _safe(fn):
    """Turns a parse failure into a reported problem instead of a crash with no context."""
    def wrapper(repo: Repo) -> list[str]:
        try:
            return fn(repo)
        except (StaticError, KeyError, TypeError, AttributeError, IndexError, ValueError, yaml.YAMLError,
                json.JSONDecodeError, FileNotFoundError) as e:
            return [f"{fn.__name__}: {type(e).__name__}: {e}"]
    wrapper.__name__ = fn.__name__
    return wrapper


# ============================================================================================
# Parsing
# ============================================================================================

# ============================================================================================
# Source model sanity: the parsers really found what the other checks rely on
# ============================================================================================

# ============================================================================================
# Compose
# ============================================================================================

@_safe
def check_compose_services(repo: Repo) -> list[str]:
    """The tally services build the repository's Dockerfile (the compose spec checks the rest)."""
    problems = []
    for name, svc in (repo.worker_service, repo.lag_service):
        build = svc["build"]
        build = {"context": build} if isinstance(build, str) else build
        ctx = (repo.compose_path.parent / build.get("context", ".")).resolve()
        if ctx != repo.root.resolve():
            problems.append(f"compose: {name} build context {ctx} is not the repository root")
        if not (ctx / build.get("dockerfile", "Dockerfile")).is_file():
            problems.append(f"compose: {name} Dockerfile {build.get('dockerfile', 'Dockerfile')} does not exist")
    return problems


@_safe
def check_compose_depends_on(repo: Repo) -> list[str]:
    problems = []
    services = repo.services
    for name, svc in services.items():
        deps = (svc or {}).get("depends_on") or {}
        if isinstance(deps, list):
            deps = {d: {"condition": "service_started"} for d in deps}
        for target, spec in deps.items():
            if target not in services:
                problems.append(f"compose: {name} depends on unknown service {target!r}")
                continue
            cond = (spec or {}).get("condition", "service_started")
            if cond == "service_healthy" and not (services[target] or {}).get("healthcheck"):
                problems.append(f"compose: {name} waits for {target} to be healthy but {target} has no healthcheck")
            if cond == "service_completed_successfully" and (services[target] or {}).get("restart") not in (None, "no"):
                problems.append(f"compose: {target} is awaited as one-shot but restarts ({services[target].get('restart')})")
    # The topic-creation service is awaited by the tally services.
    creators = [n for n, s in services.items()
                if "kafka-topics" in " ".join(repo.command_tokens(s or {})) and "--create" in " ".join(repo.command_tokens(s or {}))]
    if not creators:
        problems.append("compose: no service creates topics with kafka-topics.sh --create")
    for name, _ in (repo.worker_service, repo.lag_service):
        deps = services[name].get("depends_on") or {}
        if isinstance(deps, list) or not any(
                t in creators and (d or {}).get("condition") == "service_completed_successfully" for t, d in deps.items()):
            problems.append(f"compose: {name} must depend on the topic-creation service with condition service_completed_successfully")
    return problems


def _published_ports(svc: dict[str, Any]) -> list[tuple[int, int]]:
    """[(host port, container port)] of a service's published ports."""
    out = []
    for p in svc.get("ports") or []:
        if isinstance(p, dict):
            if p.get("published") is not None:
                out.append((int(p["published"]), int(p["target"])))
            continue
        spec = str(p).split("/")[0]
        parts = spec.split(":")
        if len(parts) == 1:
            continue  # container port only: Docker picks the host port
        out.append((int(parts[-2]), int(parts[-1])))
    return out


@_safe
def check_compose_ports_unique(repo: Repo) -> list[str]:
    seen: dict[int, str] = {}
    problems = []
    for name, svc in repo.services.items():
        for host, _ in _published_ports(svc or {}):
            if host in seen:
                problems.append(f"compose: host port {host} published by both {seen[host]} and {name}")
            seen[host] = name
    return problems


@_safe
def check_compose_files_exist(repo: Repo) -> list[str]:
    problems = []
    base = repo.compose_path.parent
    for name, svc in repo.services.items():
        for v in (svc or {}).get("volumes") or []:
            source = v.get("source") if isinstance(v, dict) else str(v).split(":")[0]
            if source.startswith((".", "/")) and not (base / source).exists():
                problems.append(f"compose: {name} mounts {source}, which does not exist")
            elif not source.startswith((".", "/")) and source not in (repo.compose.get("volumes") or {}):
                problems.append(f"compose: {name} uses volume {source!r}, not declared under volumes:")
    text = repo.compose_path.read_text(encoding="utf-8")
    for m in re.finditer(r"(?<!\$)\$(?!\$)(\{?\w+)", text):
        problems.append(f"compose: unescaped `${m.group(1)}` is interpolated by Compose (write $$ for a literal $)")
    return problems


@_safe
def check_compose_worker(repo: Repo) -> list[str]:
    """The worker's command flags and TALLY_* variables are real, their values valid."""
    name, svc = repo.worker_service
    tokens = repo.command_tokens(svc)
    _, problems = repo.run_command.parse(tokens[1:])
    problems = [f"compose {name}: {p}" for p in problems]
    env = repo.compose_env(svc)
    s = repo.settings
    for var, value in env.items():
        if not var.startswith(s.env_prefix):
            continue
        if var in s.env_excluded:
            if var not in s.config_env:
                problems.append(f"compose {name}: {var} is ignored by tally run")
            continue
        key = s.env_to_key(var)
        if not s.is_known(key):
            problems.append(f"compose {name}: {var} → setting {key!r} does not exist (WorkerConfiguration.keys, "
                            f"or {s.passthrough_prefix}* for librdkafka)")
        else:
            problems += s.value_problems(key, value, f"compose {name} {var}")
    return problems


@_safe
def check_compose_lag(repo: Repo) -> list[str]:
    name, svc = repo.lag_service
    tokens = repo.command_tokens(svc)
    values, problems = repo.lag_command.parse(tokens[1:])
    problems = [f"compose {name}: {p}" for p in problems]
    if repo.serve_port(tokens) is None:
        problems.append(f"compose {name}: no `--serve [HOST]:PORT`")
    groups = values.get("group") or []
    if not groups and "all-groups" not in values:
        problems.append(f"compose {name}: needs --group or --all-groups")
    worker_group = repo.compose_worker_settings.get("group.id")
    if groups and worker_group not in groups:
        problems.append(f"compose {name}: --group {groups} does not include the worker's group.id {worker_group!r}")
    names, prefixes = repo.lag_env
    for var in repo.compose_env(svc):
        if var.startswith(repo.settings.env_prefix) and var not in names and not var.startswith(tuple(prefixes)):
            problems.append(f"compose {name}: {var} is not read by tally lag (reads {sorted(names)} and {sorted(prefixes)}*)")
    return problems


def _healthcheck_port_path(svc: dict[str, Any]) -> tuple[int | None, str | None]:
    """(port, path) a compose healthcheck requests: bash /dev/tcp + `GET /path`, or a URL."""
    test = (svc.get("healthcheck") or {}).get("test") or []
    text = " ".join(test) if isinstance(test, list) else str(test)
    tcp = re.search(r"/dev/tcp/[\w.-]+/(\d+)", text)
    get = re.search(r"GET (/\S*) HTTP", text)
    url = re.search(r"https?://[\w.-]+:(\d+)(/[^\s'\"]*)?", text)
    port = int(tcp.group(1)) if tcp else (int(url.group(1)) if url else None)
    path = get.group(1) if get else (url.group(2) if url else None)
    return port, path


@_safe
def check_compose_ports_consistent(repo: Repo) -> list[str]:
    """What tally listens on = what is published, probed and scraped."""
    problems = []
    wname, wsvc = repo.worker_service
    lname, lsvc = repo.lag_service
    wport = int(repo.compose_worker_settings.get("http.port") or 0)
    lport = repo.serve_port(repo.command_tokens(lsvc))
    for name, svc, port in ((wname, wsvc, wport), (lname, lsvc, lport)):
        targets = [c for _, c in _published_ports(svc)]
        if targets and port not in targets:
            problems.append(f"compose {name}: listens on {port} but publishes container ports {targets}")
        hc_port, hc_path = _healthcheck_port_path(svc)
        if svc.get("healthcheck"):
            if hc_port != port:
                problems.append(f"compose {name}: healthcheck probes port {hc_port}, tally listens on {port}")
            if hc_path != LIVENESS:
                problems.append(f"compose {name}: healthcheck probes {hc_path}, expected {LIVENESS}")
    return problems


@_safe
def check_compose_stop_grace(repo: Repo) -> list[str]:
    name, svc = repo.worker_service
    drain_s = int(repo.compose_worker_settings["drain.timeout.ms"]) / 1000
    grace = svc.get("stop_grace_period")
    grace_s = duration_seconds(grace) if grace else 10
    if grace_s <= drain_s:
        return [f"compose {name}: stop_grace_period {grace or '10s (default)'} ≤ drain timeout {drain_s:g}s: "
                "Docker would SIGKILL a draining worker"]
    return []


@_safe
def check_compose_topics(repo: Repo) -> list[str]:
    problems = []
    topics = repo.topic_partitions()
    settings = repo.compose_worker_settings
    for key in ("input.topic", "output.topic", "deadletter.topic"):
        if settings.get(key) not in topics:
            problems.append(f"compose: {key}={settings.get(key)!r} is not created by the topic-creation service ({sorted(topics)})")
    return problems


@_safe
def check_compose_kafka(repo: Repo) -> list[str]:
    """KRaft single node: roles, quorum, listeners; clients use an advertised listener."""
    problems = []
    kafka = repo.services["kafka"]
    env = repo.compose_env(kafka)
    roles = set(env.get("KAFKA_PROCESS_ROLES", "").split(","))
    if roles != {"broker", "controller"}:
        problems.append(f"compose kafka: KAFKA_PROCESS_ROLES={env.get('KAFKA_PROCESS_ROLES')!r}, expected broker,controller")
    node = env.get("KAFKA_NODE_ID")
    voters = env.get("KAFKA_CONTROLLER_QUORUM_VOTERS", "")
    if not node or not re.search(rf"(^|,){node}@[\w.-]+:\d+", voters):
        problems.append(f"compose kafka: node {node!r} is not in KAFKA_CONTROLLER_QUORUM_VOTERS={voters!r}")
    listeners = dict(re.findall(r"(\w+)://[^:,]*:(\d+)", env.get("KAFKA_LISTENERS", "")))
    protocol_map = dict(x.split(":") for x in env.get("KAFKA_LISTENER_SECURITY_PROTOCOL_MAP", "").split(",") if ":" in x)
    controller = env.get("KAFKA_CONTROLLER_LISTENER_NAMES")
    if not controller or controller not in listeners:
        problems.append(f"compose kafka: KAFKA_CONTROLLER_LISTENER_NAMES={controller!r} is not a listener ({sorted(listeners)})")
    for lname in listeners:
        if lname not in protocol_map:
            problems.append(f"compose kafka: listener {lname} missing from KAFKA_LISTENER_SECURITY_PROTOCOL_MAP")
    if controller and voters and f":{listeners.get(controller)}" not in voters:
        problems.append("compose kafka: the quorum voters do not use the controller listener's port")
    advertised = re.findall(r"(\w+)://([^:,]+):(\d+)", env.get("KAFKA_ADVERTISED_LISTENERS", ""))
    for lname, _, port in advertised:
        if listeners.get(lname) != port:
            problems.append(f"compose kafka: advertised {lname} port {port} ≠ listener port {listeners.get(lname)}")
    reachable = {(h, p) for _, h, p in advertised}
    for name, svc in ((repo.worker_service[0], repo.worker_service[1]), (repo.lag_service[0], repo.lag_service[1])):
        brokers = repo.compose_env(svc).get("TALLY_BROKERS") or repo.setting_default("brokers")
        for b in brokers.split(","):
            host, _, port = b.strip().rpartition(":")
            if (host, port) not in reachable:
                problems.append(f"compose {name}: broker {b} is not an advertised Kafka listener {sorted(reachable)}")
            elif host not in repo.services:
                problems.append(f"compose {name}: broker host {host} is not a compose service")
    if str(env.get("KAFKA_OFFSETS_TOPIC_REPLICATION_FACTOR")) != "1":
        problems.append("compose kafka: KAFKA_OFFSETS_TOPIC_REPLICATION_FACTOR must be 1 on a single node")
    return problems


# ============================================================================================
# Prometheus
# ============================================================================================

def _compose_mounts(repo: Repo, service: str) -> dict[str, Path]:
    """Container path → host path of a service's bind mounts."""
    out = {}
    for v in repo.services[service].get("volumes") or []:
        if isinstance(v, dict):
            src, dst = v.get("source", ""), v.get("target", "")
        else:
            parts = str(v).split(":")
            src, dst = parts[0], parts[1] if len(parts) > 1 else ""
        if src.startswith((".", "/")):
            out[dst] = (repo.compose_path.parent / src).resolve()
    return out


def _mounted_host_path(mounts: dict[str, Path], container_path: str) -> Path | None:
    for dst, src in mounts.items():
        if container_path == dst:
            return src
        if container_path.startswith(dst.rstrip("/") + "/"):
            return src / container_path[len(dst.rstrip("/")) + 1:]
    return None


def _prometheus_jobs(repo: Repo) -> dict[str, list[tuple[str, int]]]:
    jobs = {}
    for sc in repo.prometheus_config.get("scrape_configs") or []:
        targets = []
        for st in sc.get("static_configs") or []:
            for t in st.get("targets") or []:
                host, _, port = str(t).rpartition(":")
                targets.append((host, int(port)))
        for dns in sc.get("dns_sd_configs") or []:
            for n in dns.get("names") or []:
                targets.append((n, int(dns.get("port", 0))))
        jobs[sc.get("job_name")] = targets
    return jobs


@_safe
def check_prometheus_scrapes(repo: Repo) -> list[str]:
    problems = []
    jobs = _prometheus_jobs(repo)
    wname, _ = repo.worker_service
    lname, lsvc = repo.lag_service
    expected = {wname: int(repo.compose_worker_settings["http.port"]),
                lname: repo.serve_port(repo.command_tokens(lsvc))}
    scraped = {host: port for targets in jobs.values() for host, port in targets}
    for svc, port in expected.items():
        if svc not in scraped:
            problems.append(f"prometheus.yml: compose service {svc} is not scraped (targets: {scraped})")
        elif scraped[svc] != port:
            problems.append(f"prometheus.yml: scrapes {svc}:{scraped[svc]} but it listens on {port}")
    for job, targets in jobs.items():
        for host, port in targets:
            if host not in repo.services and host != "localhost":
                problems.append(f"prometheus.yml: job {job} target {host}:{port} is not a compose service")
    for sc in repo.prometheus_config.get("scrape_configs") or []:
        if sc.get("metrics_path", "/metrics") != "/metrics":
            problems.append(f"prometheus.yml: job {sc.get('job_name')} scrapes {sc.get('metrics_path')}, tally serves /metrics")
    return problems


# ============================================================================================
# Grafana
# ============================================================================================

def _panels(dash: dict[str, Any]) -> list[dict[str, Any]]:
    out = []

    def walk(panels):
        for p in panels or []:
            out.append(p)
            walk(p.get("panels"))
    walk(dash.get("panels"))
    return out


@_safe
def check_dashboard_coverage(repo: Repo) -> list[str]:
    exprs = [e for _, e in dashboard_expressions(repo.deploy / "grafana/dashboards/tally.json")]

    def has(pred) -> bool:
        return any(pred(e) for e in exprs)

    def uses(e: str, *metrics: str) -> bool:
        return bool(series_names(e) & set(metrics))

    wanted = {
        "articles/s": lambda e: uses(e, "tally_articles_total") and "rate(" in e,
        "metrics/s": lambda e: uses(e, "tally_metrics_total") and "rate(" in e,
        "dead letters by class": lambda e: uses(e, "tally_dead_letters_total") and re.search(r"by\s*\([^)]*\bclass\b", e),
        "end-to-end latency p50": lambda e: uses(e, "tally_end_to_end_latency_seconds_bucket") and re.search(r"histogram_quantile\(\s*0?\.50*\s*,", e),
        "end-to-end latency p99": lambda e: uses(e, "tally_end_to_end_latency_seconds_bucket") and re.search(r"histogram_quantile\(\s*0?\.990*\s*,", e),
        "consumer lag per partition": lambda e: uses(e, "tally_lag_partition_offset_lag", "tally_consumer_lag_records") and "partition" in e,
        "lag status": lambda e: uses(e, "tally_lag_group_status_code", "tally_lag_group_status", "tally_lag_partition_status"),
    }
    return [f"tally.json: no panel for {what}" for what, pred in wanted.items() if not has(pred)]


@_safe
def check_grafana_provisioning(repo: Repo) -> list[str]:
    problems = []
    prov = repo.deploy / "grafana" / "provisioning"
    ds_docs = [d for p in sorted((prov / "datasources").glob("*.y*ml")) for d in yaml.safe_load_all(p.read_text()) if d]
    datasources = [ds for d in ds_docs for ds in d.get("datasources") or []]
    prom_ds = [ds for ds in datasources if ds.get("type") == "prometheus"]
    if not prom_ds:
        return ["grafana: no provisioned Prometheus datasource"]
    uids = {ds.get("uid") for ds in prom_ds}
    for ds in prom_ds:
        m = re.fullmatch(r"https?://([\w.-]+):(\d+)/?", str(ds.get("url", "")))
        prom_svc = repo.services.get("prometheus") or {}
        listen = next((t.split(":")[-1] for t in repo.command_tokens(prom_svc) if t.startswith("--web.listen-address=")), "9090")
        if not m or m.group(1) != "prometheus" or m.group(2) != listen:
            problems.append(f"grafana datasource url {ds.get('url')!r} is not the compose prometheus service on port {listen}")
    for p in _panels(repo.dashboard):
        for obj in [p] + list(p.get("targets") or []):
            ds = obj.get("datasource")
            if isinstance(ds, dict) and ds.get("uid") not in uids:
                problems.append(f"tally.json panel {p.get('title')!r}: datasource uid {ds.get('uid')!r} not provisioned ({sorted(uids)})")
    ids = [p.get("id") for p in _panels(repo.dashboard)]
    if len(ids) != len(set(ids)):
        problems.append("tally.json: duplicate panel ids")
    # The dashboards provider reads the directory compose mounts deploy/grafana/dashboards to,
    # and compose mounts the provisioning directory where Grafana reads it.
    mounts = _compose_mounts(repo, "grafana")
    if _mounted_host_path(mounts, "/etc/grafana/provisioning") != prov.resolve():
        problems.append("compose grafana: deploy/grafana/provisioning is not mounted at /etc/grafana/provisioning")
    providers = [pr for p in sorted((prov / "dashboards").glob("*.y*ml")) for d in yaml.safe_load_all(p.read_text()) if d
                 for pr in d.get("providers") or []]
    if not providers:
        problems.append("grafana: no dashboard provider")
    for pr in providers:
        path = (pr.get("options") or {}).get("path", "")
        host = _mounted_host_path(mounts, path)
        if host is None or not (host / "tally.json").is_file():
            problems.append(f"grafana dashboard provider path {path!r} is not where compose mounts deploy/grafana/dashboards")
    return problems


# ============================================================================================
# Dockerfile
# ============================================================================================

@_safe
def check_dockerfile(repo: Repo) -> list[str]:
    problems = []
    instrs = repo.dockerfile
    args = {}
    stages: list[dict[str, Any]] = []
    for instr, a in instrs:
        if instr == "ARG" and not stages:
            k, _, v = a.partition("=")
            args[k.strip()] = v.strip()
        if instr == "FROM":
            words = a.split()
            image = re.sub(r"\$\{?(\w+)\}?", lambda m: args.get(m.group(1), m.group(0)), words[0])
            name = words[2] if len(words) >= 3 and words[1].upper() == "AS" else None
            stages.append({"image": image, "name": name, "instrs": []})
        elif stages:
            stages[-1]["instrs"].append((instr, a))
    if len(stages) < 2:
        return [f"Dockerfile: {len(stages)} stage(s); a multi-stage build needs at least 2 FROM"]
    names = {s["name"] for s in stages if s["name"]}
    build, final = stages[0], stages[-1]
    pkg = repo.package
    build_runs = " ".join(a for i, a in build["instrs"] if i == "RUN")
    build_apt = set().union(*(apt_installed(a) for i, a in build["instrs"] if i == "RUN"))
    final_apt = set().union(*(apt_installed(a) for i, a in final["instrs"] if i == "RUN"))
    if not build["image"].startswith("swift:"):
        problems.append(f"Dockerfile: build stage image {build['image']!r} is not a Swift toolchain image")
    for needed in pkg["apt"] | {"pkg-config"}:
        if needed not in build_apt:
            problems.append(f"Dockerfile: build stage does not apt-get install {needed} (Package.swift system library)")
    for needed in (RUNTIME_LIBRDKAFKA_PACKAGE, RUNTIME_LIBXML2_PACKAGE, "ca-certificates"):
        if needed not in final_apt:
            problems.append(f"Dockerfile: runtime stage does not apt-get install {needed}")
    if pkg["apt"] & final_apt:
        problems.append(f"Dockerfile: runtime stage installs build packages {sorted(pkg['apt'] & final_apt)}")
    build_cmd = re.search(r"swift build\b[^&;]*", build_runs)
    if not build_cmd:
        problems.append("Dockerfile: build stage does not run `swift build`")
    else:
        flags = build_cmd.group(0)
        for flag in ("-c release", f"--product {pkg['product']}", "--static-swift-stdlib"):
            if flag not in flags:
                problems.append(f"Dockerfile: `swift build` lacks {flag}")
    text = repo.read("Dockerfile")
    for bundle in pkg["bundles"]:
        if bundle not in text:
            problems.append(f"Dockerfile: the resources bundle {bundle} is not copied")
    for i, a in final["instrs"]:
        m = re.search(r"--from=(\S+)", a) if i == "COPY" else None
        if m and m.group(1) not in names and not m.group(1).isdigit():
            problems.append(f"Dockerfile: COPY --from={m.group(1)} names no stage")
    if not any(i == "COPY" and "--from=" in a for i, a in final["instrs"]):
        problems.append("Dockerfile: the runtime stage copies nothing from the build stage")
    users = [a for i, a in final["instrs"] if i == "USER"]
    if not users or users[-1].split(":")[0] in ROOT_USERS:
        problems.append(f"Dockerfile: the final stage runs as root ({'USER ' + users[-1] if users else 'no USER'})")
    entry = [a for i, a in final["instrs"] if i == "ENTRYPOINT"]
    if not entry or Path(exec_form(entry[-1])[0]).name != pkg["product"]:
        problems.append(f"Dockerfile: ENTRYPOINT {entry[-1] if entry else None} does not run {pkg['product']}")
    cmd = [a for i, a in final["instrs"] if i == "CMD"]
    if not cmd or exec_form(cmd[-1])[:1] != [repo.run_command.command_name]:
        problems.append(f"Dockerfile: CMD should be [\"{repo.run_command.command_name}\"]")
    exposed = {p.split("/")[0] for i, a in final["instrs"] if i == "EXPOSE" for p in a.split()}
    if repo.setting_default("http.port") not in exposed:
        problems.append(f"Dockerfile: EXPOSE {sorted(exposed)} lacks the default http.port {repo.setting_default('http.port')}")
    for i, a in final["instrs"]:
        if i == "HEALTHCHECK" and "NONE" not in a:
            hc = a
            if LIVENESS not in hc:
                problems.append(f"Dockerfile: HEALTHCHECK does not probe {LIVENESS}")
            if repo.setting_default("http.port") not in hc:
                problems.append("Dockerfile: HEALTHCHECK does not use the default http.port")
            for tool in ("curl", "wget"):
                if re.search(rf"\b{tool}\b", hc) and tool not in final_apt:
                    problems.append(f"Dockerfile: HEALTHCHECK uses {tool}, which the runtime stage does not install")
    return problems


@_safe
def check_dockerignore(repo: Repo) -> list[str]:
    path = repo.root / ".dockerignore"
    if not path.is_file():
        return [".dockerignore missing"]
    lines = {l.strip().rstrip("/") for l in path.read_text().splitlines() if l.strip() and not l.startswith("#")}
    problems = [f".dockerignore does not exclude {p}" for p in (".build", ".git") if p not in lines and f"{p}*" not in lines]
    for needed in ("Sources", "Tests", "Package.swift"):
        if needed in lines:
            problems.append(f".dockerignore excludes {needed}, which the build needs")
    return problems


# ============================================================================================
# Kubernetes
# ============================================================================================

NAMESPACED_REQUIRED = {
    "Deployment": ("apps/v1", [("spec", "selector", "matchLabels"), ("spec", "template", "metadata", "labels"),
                               ("spec", "template", "spec", "containers")]),
    "Service": ("v1", [("spec", "selector"), ("spec", "ports")]),
    "ConfigMap": ("v1", [("data",)]),
    "PodDisruptionBudget": ("policy/v1", [("spec", "selector", "matchLabels")]),
    "ScaledObject": ("keda.sh/v1alpha1", [("spec", "scaleTargetRef", "name"), ("spec", "triggers")]),
    "ServiceMonitor": ("monitoring.coreos.com/v1", [("spec", "selector"), ("spec", "endpoints")]),
}
CLUSTER_SCOPED = {"Namespace": "v1"}


def _get(d: Any, path: tuple[str, ...]) -> Any:
    for k in path:
        if not isinstance(d, dict) or k not in d:
            return None
        d = d[k]
    return d


def _matches(selector: dict[str, str], labels: dict[str, str]) -> bool:
    return bool(selector) and all(labels.get(k) == v for k, v in selector.items())


@_safe
def check_k8s_deployments(repo: Repo) -> list[str]:
    problems = []
    workers, lags = repo.k8s_worker_deployments(), repo.k8s_lag_deployments()
    if len(workers) != 1:
        problems.append(f"kubernetes: expected one Deployment running `tally {repo.run_command.command_name}`, found {len(workers)}")
    if len(lags) != 1:
        problems.append(f"kubernetes: expected one Deployment running `tally {repo.lag_command.command_name}`, found {len(lags)}")
    images = set()
    for dep in repo.k8s("Deployment"):
        name = dep["metadata"]["name"]
        where = f"Deployment {name}"
        sel = _get(dep, ("spec", "selector", "matchLabels")) or {}
        labels = _get(dep, ("spec", "template", "metadata", "labels")) or {}
        if not _matches(sel, labels):
            problems.append(f"{where}: selector {sel} does not match template labels {labels}")
        pod = _get(dep, ("spec", "template", "spec")) or {}
        sc = pod.get("securityContext") or {}
        for c in repo.containers(dep):
            cw = f"{where} container {c.get('name')}"
            if not c.get("name") or not c.get("image"):
                problems.append(f"{cw}: needs name and image")
            images.add(str(c.get("image", "")).split(":")[0])
            csc = c.get("securityContext") or {}
            if not (csc.get("runAsNonRoot") or sc.get("runAsNonRoot")):
                problems.append(f"{cw}: runAsNonRoot not set")
            if (csc.get("runAsUser", sc.get("runAsUser")) or 0) == 0:
                problems.append(f"{cw}: runAsUser must be a non-zero uid (the image's USER)")
            if csc.get("readOnlyRootFilesystem") is not True:
                problems.append(f"{cw}: readOnlyRootFilesystem is not true")
            if csc.get("allowPrivilegeEscalation") is not False:
                problems.append(f"{cw}: allowPrivilegeEscalation is not false")
            res = c.get("resources") or {}
            for part in ("requests", "limits"):
                if not (res.get(part) or {}).get("memory") or (part == "requests" and not res[part].get("cpu")):
                    problems.append(f"{cw}: resources.{part} incomplete ({res.get(part)})")
            if not c.get("livenessProbe") or not c.get("readinessProbe"):
                problems.append(f"{cw}: liveness and readiness probes required")
    if len(images) > 1:
        problems.append(f"kubernetes: Deployments use different images {sorted(images)}")
    kimages = {i.get("name") for i in repo.kustomization.get("images") or []}
    if kimages and not images <= kimages:
        problems.append(f"kustomization.yaml images {sorted(kimages)} do not cover {sorted(images)}")
    return problems


def _probe_problems(repo: Repo, dep: dict[str, Any], port: int) -> list[str]:
    problems = []
    c = repo.containers(dep)[0]
    where = f"Deployment {dep['metadata']['name']}"
    declared = [p.get("containerPort") for p in c.get("ports") or []]
    if port not in declared:
        problems.append(f"{where}: tally listens on {port} but the container ports are {declared}")
    for probe, path in (("livenessProbe", LIVENESS), ("readinessProbe", READINESS), ("startupProbe", LIVENESS)):
        spec = c.get(probe)
        if spec is None:
            continue
        hg = spec.get("httpGet") or {}
        if hg.get("path") != path:
            problems.append(f"{where}: {probe} path {hg.get('path')!r}, expected {path}")
        resolved = port_of(c, hg.get("port"))
        if resolved != port:
            problems.append(f"{where}: {probe} port {hg.get('port')!r} → {resolved}, tally listens on {port}")
    return problems


def _env_problems(repo: Repo, dep: dict[str, Any], lag: bool) -> list[str]:
    problems = []
    pod = dep["spec"]["template"]["spec"]
    c = repo.containers(dep)[0]
    where = f"Deployment {dep['metadata']['name']}"
    env, secret_vars = repo.container_env(pod, c, problems, where)
    s = repo.settings
    names, prefixes = repo.lag_env
    for var in list(env) + sorted(secret_vars):
        if not var.startswith(s.env_prefix):
            continue
        if lag:
            if var not in names and not var.startswith(tuple(prefixes)):
                problems.append(f"{where}: {var} is not read by tally lag")
            continue
        if var in s.env_excluded:
            if var not in s.config_env:
                problems.append(f"{where}: {var} is ignored by tally run")
            continue
        key = s.env_to_key(var)
        if not s.is_known(key):
            problems.append(f"{where}: {var} → setting {key!r} does not exist")
        elif var in env:
            problems += s.value_problems(key, env[var], f"{where} {var}")
    for var, value in env.items():
        if re.search(r"PASSWORD|SECRET|SASL_USERNAME", var):
            problems.append(f"{where}: {var} has a literal value; use a secretKeyRef")
    if not any("SASL_PASSWORD" in v for v in secret_vars):
        problems.append(f"{where}: no TALLY_KAFKA_SASL_PASSWORD from a Secret (secretKeyRef)")
    for e in c.get("env") or []:
        ref = (e.get("valueFrom") or {}).get("secretKeyRef")
        if ref and ref.get("optional") is not True:
            problems.append(f"{where}: secretKeyRef for {e.get('name')} should be optional (PLAINTEXT clusters need no Secret)")
    return problems


@_safe
def check_k8s_worker(repo: Repo) -> list[str]:
    problems = []
    for dep in repo.k8s_worker_deployments():
        where = f"Deployment {dep['metadata']['name']}"
        c = repo.containers(dep)[0]
        args = [str(a) for a in c.get("args") or []]
        _, flag_problems = repo.run_command.parse(args[1:])
        problems += [f"{where}: {p}" for p in flag_problems]
        problems += _env_problems(repo, dep, lag=False)
        settings = repo.k8s_worker_settings(dep, problems)
        problems += _probe_problems(repo, dep, int(settings["http.port"]))
        drain_s = int(settings["drain.timeout.ms"]) / 1000
        grace = _get(dep, ("spec", "template", "spec", "terminationGracePeriodSeconds"))
        grace = 30 if grace is None else grace
        if grace <= drain_s:
            problems.append(f"{where}: terminationGracePeriodSeconds {grace} ≤ drain.timeout.ms {drain_s:g}s: "
                            "the kubelet would SIGKILL a draining worker")
        if settings.get("group.id") != repo.compose_worker_settings.get("group.id"):
            problems.append(f"{where}: group.id {settings.get('group.id')!r} differs from compose's")
    return problems


@_safe
def check_k8s_lag_exporter(repo: Repo) -> list[str]:
    problems = []
    workers = repo.k8s_worker_deployments()
    worker_group = repo.k8s_worker_settings(workers[0], []).get("group.id") if workers else None
    for dep in repo.k8s_lag_deployments():
        where = f"Deployment {dep['metadata']['name']}"
        c = repo.containers(dep)[0]
        args = [str(a) for a in c.get("args") or []]
        values, flag_problems = repo.lag_command.parse(args[1:])
        problems += [f"{where}: {p}" for p in flag_problems]
        port = repo.serve_port(args)
        if port is None:
            problems.append(f"{where}: no --serve [HOST]:PORT")
            continue
        if worker_group not in (values.get("group") or []) and "all-groups" not in values:
            problems.append(f"{where}: does not export the worker's group {worker_group!r}")
        problems += _probe_problems(repo, dep, port)
        problems += _env_problems(repo, dep, lag=True)
    return problems


@_safe
def check_k8s_services(repo: Repo) -> list[str]:
    problems = []
    deps = repo.k8s("Deployment")
    for svc in repo.k8s("Service"):
        where = f"Service {svc['metadata']['name']}"
        sel = _get(svc, ("spec", "selector")) or {}
        targets = [d for d in deps if _matches(sel, _get(d, ("spec", "template", "metadata", "labels")) or {})]
        if len(targets) != 1:
            problems.append(f"{where}: selector {sel} matches {len(targets)} Deployments (expected 1)")
            continue
        c = repo.containers(targets[0])[0]
        for p in _get(svc, ("spec", "ports")) or []:
            tp = p.get("targetPort", p.get("port"))
            if port_of(c, tp) is None:
                problems.append(f"{where}: targetPort {tp!r} is not a port of {targets[0]['metadata']['name']}")
    return problems


@_safe
def check_k8s_pdb(repo: Repo) -> list[str]:
    problems = []
    pdbs = repo.k8s("PodDisruptionBudget")
    workers = repo.k8s_worker_deployments()
    if not pdbs:
        return ["kubernetes: no PodDisruptionBudget"]
    for pdb in pdbs:
        where = f"PodDisruptionBudget {pdb['metadata']['name']}"
        sel = _get(pdb, ("spec", "selector", "matchLabels")) or {}
        if not any(_matches(sel, _get(d, ("spec", "template", "metadata", "labels")) or {}) for d in workers):
            problems.append(f"{where}: selector {sel} matches no worker Deployment")
        spec = pdb.get("spec") or {}
        if ("minAvailable" in spec) == ("maxUnavailable" in spec):
            problems.append(f"{where}: set exactly one of minAvailable / maxUnavailable")
    return problems


@_safe
def check_k8s_scaledobject(repo: Repo) -> list[str]:
    problems = []
    sos = repo.k8s("ScaledObject")
    if not sos:
        return ["kubernetes: no KEDA ScaledObject"]
    workers = {d["metadata"]["name"] for d in repo.k8s_worker_deployments()}
    partitions = repo.topic_partitions()
    input_topic = repo.compose_worker_settings.get("input.topic")
    for so in sos:
        where = f"ScaledObject {so['metadata']['name']}"
        spec = so.get("spec") or {}
        ref = spec.get("scaleTargetRef") or {}
        if ref.get("name") not in workers or ref.get("kind", "Deployment") != "Deployment":
            problems.append(f"{where}: scaleTargetRef {ref} is not the worker Deployment {sorted(workers)}")
        lo, hi = spec.get("minReplicaCount", 0), spec.get("maxReplicaCount", 100)
        if "maxReplicaCount" not in spec:
            problems.append(f"{where}: maxReplicaCount not set (KEDA's default 100 exceeds the partitions)")
        if input_topic not in partitions:
            problems.append(f"{where}: the partition count of {input_topic} is not known from compose")
        elif hi > partitions[input_topic]:
            problems.append(f"{where}: maxReplicaCount {hi} > {partitions[input_topic]} partitions of {input_topic}")
        if lo > hi or lo < 1:
            problems.append(f"{where}: minReplicaCount {lo} must be ≥ 1 and ≤ maxReplicaCount {hi}")
        triggers = spec.get("triggers") or []
        prom = [t for t in triggers if t.get("type") == "prometheus"]
        if not prom:
            problems.append(f"{where}: no prometheus trigger")
        for t in prom:
            md = t.get("metadata") or {}
            query = str(md.get("query", ""))
            groups = promql_label_values(query, "group")
            if groups != {repo.compose_worker_settings.get("group.id")}:
                problems.append(f"{where}: query group {sorted(groups)} is not the worker's group")
            for f in ("serverAddress", "threshold"):
                if not md.get(f):
                    problems.append(f"{where}: trigger metadata.{f} missing")
            try:
                float(str(md.get("threshold")))
            except ValueError:
                problems.append(f"{where}: threshold {md.get('threshold')!r} is not a number (a quoted string)")
    return problems


@_safe
def check_k8s_servicemonitor(repo: Repo) -> list[str]:
    problems = []
    services = repo.k8s("Service")
    for sm in repo.k8s("ServiceMonitor"):
        where = f"ServiceMonitor {sm['metadata']['name']}"
        sel = _get(sm, ("spec", "selector", "matchLabels")) or {}
        matched = [s for s in services if _matches(sel, _get(s, ("metadata", "labels")) or {})]
        if not matched:
            problems.append(f"{where}: selector {sel} matches no Service")
        ports = {p.get("name") for s in matched for p in _get(s, ("spec", "ports")) or []}
        for ep in _get(sm, ("spec", "endpoints")) or []:
            if ep.get("port") not in ports:
                problems.append(f"{where}: endpoint port {ep.get('port')!r} not among {sorted(ports)}")
            if ep.get("path", "/metrics") != "/metrics":
                problems.append(f"{where}: path {ep.get('path')} is not /metrics")
    return problems


@_safe
def check_k8s_configmap_file(repo: Repo) -> list[str]:
    """The worker's TALLY_CONFIG names a mounted properties file whose keys are real settings."""
    problems = []
    for dep in repo.k8s_worker_deployments():
        pod = dep["spec"]["template"]["spec"]
        c = repo.containers(dep)[0]
        env, _ = repo.container_env(pod, c, problems, dep["metadata"]["name"])
        paths = [env[n] for n in repo.settings.config_env if n in env]
        if not paths:
            problems.append(f"Deployment {dep['metadata']['name']}: no TALLY_CONFIG naming the properties file")
            continue
        where = f"Deployment {dep['metadata']['name']} {paths[0]}"
        text = repo.mounted_file(pod, c, paths[0])
        if text is None:
            problems.append(f"{where}: not a mounted ConfigMap key")
            continue
        for key, value in parse_properties(text).items():
            if not repo.settings.is_known(key):
                problems.append(f"{where}: setting {key!r} does not exist (WorkerConfiguration.keys, "
                                f"or {repo.settings.passthrough_prefix}* for librdkafka)")
            else:
                problems += repo.settings.value_problems(key, value, where)
            if re.search(r"password|secret|sasl\.username", key):
                problems.append(f"{where}: {key} is in a ConfigMap; credentials belong in the Secret")
    return problems


@_safe
def check_kustomization(repo: Repo) -> list[str]:
    problems = []
    base = repo.deploy / "kubernetes"
    listed = [str(r) for r in repo.kustomization.get("resources") or []]
    for r in listed:
        if not (base / r).is_file():
            problems.append(f"kustomization.yaml: resource {r} does not exist")
    readme = (repo.deploy / "README.md").read_text(encoding="utf-8") if (repo.deploy / "README.md").is_file() else ""
    for p in sorted(base.glob("*.y*ml")):
        if p.name != "kustomization.yaml" and p.name not in listed and p.name not in readme:
            problems.append(f"kustomization.yaml: {p.name} is neither listed nor explained in deploy/README.md")
    return problems


@_safe
def check_kustomize_build(repo: Repo) -> list[str]:
    result = kubectl_kustomize(repo.deploy / "kubernetes")
    if result is None:
        return []
    if result.returncode != 0:
        return [f"kubectl kustomize deploy/kubernetes failed: {result.stderr.strip()[:500]}"]
    kinds = {d.get("kind") for d in yaml.safe_load_all(result.stdout) if d}
    missing = {"Deployment", "Service", "ConfigMap", "PodDisruptionBudget", "ScaledObject"} - kinds
    return [f"kubectl kustomize: output lacks {sorted(missing)}"] if missing else []


# ============================================================================================
# README
# ============================================================================================

@_safe
def check_readme(repo: Repo) -> list[str]:
    path = repo.deploy / "README.md"
    if not path.is_file():
        return ["deploy/README.md missing"]
    text = path.read_text(encoding="utf-8")
    problems = []
    for p in repo.deploy_files:
        rel = p.relative_to(repo.deploy).as_posix()
        if p.name != "README.md" and rel not in text and p.name not in text:
            problems.append(f"deploy/README.md does not mention {rel}")
    for needed in ("docker compose", "kubectl apply"):
        if needed not in text:
            problems.append(f"deploy/README.md does not show `{needed}`")
    return problems


ALL_CHECKS = [
    check_compose_services, check_compose_depends_on, check_compose_ports_unique, check_compose_files_exist,
    check_compose_worker, check_compose_lag, check_compose_ports_consistent, check_compose_stop_grace,
    check_compose_topics, check_compose_kafka,
    check_prometheus_scrapes,
    check_dashboard_coverage, check_grafana_provisioning,
    check_dockerfile, check_dockerignore,
    check_k8s_deployments, check_k8s_worker, check_k8s_lag_exporter, check_k8s_services,
    check_k8s_pdb, check_k8s_scaledobject, check_k8s_servicemonitor, check_k8s_configmap_file,
    check_kustomization, check_kustomize_build,
    check_readme,
]
