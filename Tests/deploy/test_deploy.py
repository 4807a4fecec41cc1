"""What only Tally can check in deploy/, the Dockerfile and .dockerignore.

    python3 -m pytest -q Tests/deploy

The real validators (promtool, kubernetes-validate, check-jsonschema: test_validators.py) and the
live stack (test_live_stack.py: series names, expressions, alerts, the KEDA query) cover syntax,
schemas and metric names. These checks cross the files with Tally itself: every flag in a
manifest is one the built `tally` accepts (its `--experimental-dump-help`), every TALLY_* variable
and properties key is a setting (its `tally run --print-config --format json`, values checked by it),
ports, probes and routes agree, the drain timeout fits the grace periods, the autoscaler's
maximum fits the partitions, and so on.

Two parts:
- one test per check, on the repository (TALLY_REPO_ROOT overrides the root);
- mutation tests: each check must FAIL on a scratch copy where the thing it checks is broken.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

import deploy_checks as C
from tally_static import Repo, copy_inputs

ROOT = Path(os.environ.get("TALLY_REPO_ROOT", Path(__file__).resolve().parents[2]))


@pytest.fixture(scope="module")
def repo() -> Repo:
    return Repo(ROOT)


def _ok(problems: list[str]) -> None:
    assert not problems, "\n".join(problems)


# --------------------------------------------------------------------------------------------
# Checks on the repository
# --------------------------------------------------------------------------------------------

@pytest.mark.parametrize("check", C.ALL_CHECKS, ids=lambda c: c.__name__.removeprefix("check_"))
def test_check(repo: Repo, check) -> None:
    if check is C.check_kustomize_build and not shutil.which("kubectl"):
        pytest.skip("kubectl not installed")
    _ok(check(repo))


def test_cli_read_from_the_binary(repo: Repo) -> None:
    """`--experimental-dump-help` gives every flag with its kind and the settings key it sets."""
    run = repo.run_command.by_name()
    assert run["--input-topic"].setting == "input.topic"
    assert run["--brokers"].takes_value
    assert not run["--exactly-once"].takes_value
    assert repo.run_flag_keys["http-port"] == "http.port"
    lag = repo.lag_command.by_name()
    assert "--kafka-property" in lag and "--serve" in lag  # --kafka-property from @OptionGroup KafkaOptions
    assert repo.settings.env_to_key("TALLY_KAFKA_SASL_PASSWORD") == "kafka.sasl.password"
    assert repo.settings.env_to_key("TALLY_CONFIG") is None


# --------------------------------------------------------------------------------------------
# Mutation tests: (id, file, old, new, check that must then fail); every `old` is replaced
# --------------------------------------------------------------------------------------------

CONFIG = Repo.PRINT_CONFIG  # the binary's --print-config JSON, captured in the copy
COMPOSE = "deploy/compose.yaml"
PROM = "deploy/prometheus/prometheus.yml"
ALERTS = "deploy/prometheus/alerts.yml"
DASH = "deploy/grafana/dashboards/tally.json"
DS = "deploy/grafana/provisioning/datasources/prometheus.yml"
DEP = "deploy/kubernetes/deployment.yaml"
LAGDEP = "deploy/kubernetes/lag-exporter-deployment.yaml"
CM = "deploy/kubernetes/configmap.yaml"
SVC = "deploy/kubernetes/service.yaml"
PDB = "deploy/kubernetes/poddisruptionbudget.yaml"
SO = "deploy/kubernetes/scaledobject.yaml"
SM = "deploy/kubernetes/servicemonitor.yaml"
KUST = "deploy/kubernetes/kustomization.yaml"

MUTATIONS = [
    # parsing
    # settings (the binary's --print-config): renames that must break the deploy files
    ("setting-key-renamed", CONFIG, '"key": "drain.timeout.ms"', '"key": "drain.timeout"', C.check_compose_worker),
    ("setting-key-renamed-k8s", CONFIG, '"key": "http.port"', '"key": "http.listen.port"', C.check_k8s_configmap_file),
    ("default-port-changed", CONFIG, '"default": "9464"', '"default": "9500"', C.check_dockerfile),
    ("passthrough-prefix-changed", CONFIG, '"key": "kafka.*"', '"key": "rdkafka.*"', C.check_compose_worker),
    # compose
    ("build-context", COMPOSE, "  context: ..\n", "  context: .\n", C.check_compose_services),
    ("depends-on-unknown", COMPOSE, "      kafka-init:\n        condition: service_completed_successfully\n    environment:\n      TALLY_BROKERS: kafka:9092\n      TALLY_INPUT_TOPIC",
     "      topics:\n        condition: service_completed_successfully\n    environment:\n      TALLY_BROKERS: kafka:9092\n      TALLY_INPUT_TOPIC",
     C.check_compose_depends_on),
    ("port-duplicated", COMPOSE, '"3000:3000"', '"9090:3000"', C.check_compose_ports_unique),
    ("mount-missing", COMPOSE, "./prometheus/alerts.yml:", "./prometheus/alert.yml:", C.check_compose_files_exist),
    ("unescaped-dollar", COMPOSE, "set -euo pipefail", "set -euo pipefail; echo $HOME", C.check_compose_files_exist),
    ("worker-unknown-flag", COMPOSE, 'command: ["run"]', 'command: ["run", "--http-prot", "9464"]', C.check_compose_worker),
    ("worker-unknown-env", COMPOSE, "TALLY_GROUP_ID: tally-workers", "TALLY_GROUP: tally-workers", C.check_compose_worker),
    ("worker-bad-value", COMPOSE, "TALLY_LOG_FORMAT: json", "TALLY_LOG_FORMAT: logfmt", C.check_compose_worker),
    ("worker-out-of-range", COMPOSE, 'TALLY_DRAIN_TIMEOUT_MS: "30000"', 'TALLY_DRAIN_TIMEOUT_MS: "30s"', C.check_compose_worker),
    ("lag-unknown-env", COMPOSE, "    environment:\n      TALLY_BROKERS: kafka:9092\n    ports:\n      - \"9465:9465\"",
     "    environment:\n      TALLY_BROKERS: kafka:9092\n      TALLY_GROUP_ID: x\n    ports:\n      - \"9465:9465\"", C.check_compose_lag),
    ("lag-other-group", COMPOSE, '"--group", "tally-workers"', '"--group", "tally-worker"', C.check_compose_lag),
    ("worker-port-moved", COMPOSE, 'TALLY_HTTP_PORT: "9464"', 'TALLY_HTTP_PORT: "9470"', C.check_compose_ports_consistent),
    ("healthcheck-path", COMPOSE, "/dev/tcp/127.0.0.1/9465 && printf 'GET /healthz", "/dev/tcp/127.0.0.1/9465 && printf 'GET /metrics",
     C.check_compose_ports_consistent),
    ("stop-grace-short", COMPOSE, "stop_grace_period: 45s", "stop_grace_period: 20s", C.check_compose_stop_grace),
    ("drain-longer-than-grace", COMPOSE, 'TALLY_DRAIN_TIMEOUT_MS: "30000"', 'TALLY_DRAIN_TIMEOUT_MS: "60000"', C.check_compose_stop_grace),
    ("topic-not-created", COMPOSE, "--topic articles.deadletter --partitions", "--topic articles.dlq --partitions", C.check_compose_topics),
    ("kafka-wrong-listener", COMPOSE, "TALLY_BROKERS: kafka:9092\n      TALLY_INPUT_TOPIC", "TALLY_BROKERS: kafka:9093\n      TALLY_INPUT_TOPIC",
     C.check_compose_kafka),
    ("kafka-no-controller", COMPOSE, "      KAFKA_CONTROLLER_LISTENER_NAMES: CONTROLLER\n", "", C.check_compose_kafka),
    # prometheus
    ("scrape-wrong-port", PROM, '"tally-lag:9465"', '"tally-lag:9102"', C.check_prometheus_scrapes),
    ("scrape-unknown-host", PROM, 'names: ["tally"]', 'names: ["tally-worker"]', C.check_prometheus_scrapes),
    # grafana
    ("dash-no-p99", DASH, "histogram_quantile(0.99", "histogram_quantile(0.95", C.check_dashboard_coverage),
    ("datasource-uid", DS, "uid: prometheus", "uid: prom", C.check_grafana_provisioning),
    ("datasource-url", DS, "http://prometheus:9090", "http://prometheus:9091", C.check_grafana_provisioning),
    # Dockerfile
    ("docker-single-stage", "Dockerfile", "FROM ${RUNTIME_IMAGE} AS runtime", "# no runtime stage", C.check_dockerfile),
    ("docker-root", "Dockerfile", "USER 10001:10001", "USER root", C.check_dockerfile),
    ("docker-entrypoint", "Dockerfile", 'ENTRYPOINT ["tally"]', 'ENTRYPOINT ["/bin/sh"]', C.check_dockerfile),
    ("docker-no-librdkafka-dev", "Dockerfile", "install -y --no-install-recommends librdkafka-dev pkg-config",
     "install -y --no-install-recommends pkg-config", C.check_dockerfile),
    ("docker-no-libxml2", "Dockerfile", "--no-install-recommends librdkafka1 ca-certificates libxml2",
     "--no-install-recommends librdkafka1 ca-certificates", C.check_dockerfile),
    ("docker-no-librdkafka1", "Dockerfile", "--no-install-recommends librdkafka1 ca-certificates",
     "--no-install-recommends ca-certificates", C.check_dockerfile),
    ("docker-no-static-stdlib", "Dockerfile", "swift build -c release --product tally --static-swift-stdlib",
     "swift build -c release --product tally", C.check_dockerfile),
    ("docker-curl-healthcheck", "Dockerfile", 'CMD ["bash", "-c", "exec 3<>/dev/tcp/127.0.0.1/${TALLY_HTTP_PORT:-9464}',
     'CMD ["bash", "-c", "curl -fs http://127.0.0.1:9464/healthz; exec 3<>/dev/tcp/127.0.0.1/${TALLY_HTTP_PORT:-9464}',
     C.check_dockerfile),
    ("dockerignore-build", ".dockerignore", ".build\n.build*\n", "", C.check_dockerignore),
    # kubernetes
    ("k8s-selector-mismatch", DEP, "    matchLabels:\n      app.kubernetes.io/name: tally\n      app.kubernetes.io/component: worker\n  strategy",
     "    matchLabels:\n      app.kubernetes.io/name: tally\n      app.kubernetes.io/component: workers\n  strategy", C.check_k8s_deployments),
    ("k8s-writable-rootfs", LAGDEP, "readOnlyRootFilesystem: true", "readOnlyRootFilesystem: false", C.check_k8s_deployments),
    ("k8s-readiness-path", DEP, "path: /readyz", "path: /ready", C.check_k8s_worker),
    ("k8s-probe-port", LAGDEP, "containerPort: 9465", "containerPort: 9102", C.check_k8s_lag_exporter),
    ("k8s-http-port-moved", CM, "http.port=9464", "http.port=9470", C.check_k8s_worker),
    ("k8s-grace-short", DEP, "terminationGracePeriodSeconds: 60", "terminationGracePeriodSeconds: 25", C.check_k8s_worker),
    ("k8s-drain-long", CM, "drain.timeout.ms=30000", "drain.timeout.ms=90000", C.check_k8s_worker),
    ("k8s-unknown-setting", CM, "max.in.flight=2000", "max.inflight=2000", C.check_k8s_configmap_file),
    ("k8s-config-not-mounted", DEP, "value: /etc/tally/tally.properties", "value: /etc/tally/app.properties", C.check_k8s_configmap_file),
    ("k8s-unknown-arg", DEP, 'args: ["run"]', 'args: ["run", "--exactly-twice"]', C.check_k8s_worker),
    ("k8s-unknown-env", DEP, "name: TALLY_CONFIG", "name: TALLY_CONFIG_FILE", C.check_k8s_worker),
    ("k8s-literal-password", LAGDEP, "            - name: TALLY_KAFKA_SASL_PASSWORD\n              valueFrom:\n                secretKeyRef:\n                  name: tally-kafka-credentials\n                  key: sasl.password\n                  optional: true\n",
     "            - name: TALLY_KAFKA_SASL_PASSWORD\n              value: hunter2\n", C.check_k8s_lag_exporter),
    ("k8s-secret-required", DEP, "key: sasl.password\n                  optional: true", "key: sasl.password\n                  optional: false",
     C.check_k8s_worker),
    ("k8s-lag-unknown-flag", LAGDEP, '"--interval", "10s"', '"--every", "10s"', C.check_k8s_lag_exporter),
    ("k8s-service-targetport", SVC, "      port: 9465\n      targetPort: metrics", "      port: 9465\n      targetPort: http", C.check_k8s_services),
    ("k8s-service-selector", SVC, "    app.kubernetes.io/component: lag-exporter\n  ports", "    app.kubernetes.io/component: exporter\n  ports",
     C.check_k8s_services),
    ("k8s-pdb-selector", PDB, "      app.kubernetes.io/component: worker\n", "      app.kubernetes.io/component: workers\n", C.check_k8s_pdb),
    ("keda-target", SO, "    name: tally-worker\n  pollingInterval", "    name: tally\n  pollingInterval", C.check_k8s_scaledobject),
    ("keda-max-replicas", SO, "maxReplicaCount: 6", "maxReplicaCount: 12", C.check_k8s_scaledobject),
    ("keda-fewer-partitions", COMPOSE, "--topic articles.raw --partitions 6", "--topic articles.raw --partitions 4", C.check_k8s_scaledobject),
    ("keda-other-group", SO, 'group="tally-workers"', 'group="tally"', C.check_k8s_scaledobject),
    ("servicemonitor-port", SM, "    - port: metrics", "    - port: http-metrics", C.check_k8s_servicemonitor),
    ("kustomization-missing-file", KUST, "  - service.yaml", "  - services.yaml", C.check_kustomization),
    ("kustomize-build", KUST, "  - service.yaml", "  - services.yaml", C.check_kustomize_build),
    ("readme-unmentioned", "deploy/README.md", "servicemonitor.yaml", "ServiceMonitor manifest", C.check_readme),
]


@pytest.fixture(scope="module")
def pristine(tmp_path_factory) -> Path:
    base = tmp_path_factory.mktemp("pristine")
    copy_inputs(ROOT, base)
    return base


@pytest.mark.parametrize("name, rel, old, new, check", MUTATIONS, ids=[m[0] for m in MUTATIONS])
def test_mutation_is_caught(pristine: Path, tmp_path: Path, name, rel, old, new, check) -> None:
    if check is C.check_kustomize_build and not shutil.which("kubectl"):
        pytest.skip("kubectl not installed")
    scratch = tmp_path / "repo"
    shutil.copytree(pristine, scratch)
    assert not check(Repo(scratch)), f"{check.__name__} fails on the unmutated copy"
    path = scratch / rel
    text = path.read_text(encoding="utf-8")
    assert text.count(old) >= 1, f"mutation {name}: {old!r} not found in {rel} (update the mutation)"
    path.write_text(text.replace(old, new), encoding="utf-8")
    problems = check(Repo(scratch))
    assert problems, f"{check.__name__} did not notice mutation {name} ({rel}: {old!r} → {new!r})"


def test_every_check_has_a_mutation() -> None:
    mutated = {m[4] for m in MUTATIONS}
    missing = [c.__name__ for c in C.ALL_CHECKS if c not in mutated]
    assert not missing, f"checks without a mutation test: {missing}"
