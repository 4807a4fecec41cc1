"""deploy/ checked by the tools made for it (no Docker engine, no cluster):

- promtool check config / check rules: the shipped prometheus.yml (rule files resolved through
  compose's mounts) and alerts.yml;
- promtool test rules: Tests/deploy/rules/alerts_test.yml, which must cover every alert;
- kubernetes-validate --strict: the core Kubernetes objects (unknown fields rejected);
- check-jsonschema: compose.yaml against the Compose Specification, the KEDA ScaledObject and the
  ServiceMonitor against their projects' pinned CRD schemas (schemas/README.md).

The last part breaks scratch copies on purpose and asserts that each tool then fails.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from deploy_tools import (CRD_SCHEMAS, HERE, KUBERNETES_VERSION, NOT_API_OBJECTS, ROOT, alert_rules,
                          host_prometheus_config, kubernetes_docs, load_yaml, output, replace_in, run,
                          scratch_copy)

RULE_TESTS = HERE / "rules" / "alerts_test.yml"


def promtool_config(root: Path, tmp_path: Path):
    return run("promtool", "check", "config", host_prometheus_config(root, tmp_path / "prometheus"))


def promtool_rules(root: Path):
    return run("promtool", "check", "rules", root / "deploy/prometheus/alerts.yml")


def promtool_rule_tests(root: Path):
    return run("promtool", "test", "rules", root / "Tests/deploy/rules/alerts_test.yml")


def core_objects(root: Path) -> list[Path]:
    """Files holding core Kubernetes objects: every document neither a CRD nor kustomize's file."""
    files = {p for p, d in kubernetes_docs(root)
             if (d.get("apiVersion"), d.get("kind")) not in CRD_SCHEMAS | dict.fromkeys(NOT_API_OBJECTS)}
    return sorted(files)


def kubernetes_validate(files: list[Path]):
    return run("kubernetes-validate", "--strict", "-k", KUBERNETES_VERSION, *files)


def compose_spec(root: Path):
    return run("check-jsonschema", "--builtin-schema", "vendor.compose-spec", root / "deploy/compose.yaml")


def crd_checks(root: Path) -> list:
    docs = [(p, d) for p, d in kubernetes_docs(root) if (d.get("apiVersion"), d.get("kind")) in CRD_SCHEMAS]
    return [run("check-jsonschema", "--schemafile", CRD_SCHEMAS[(d["apiVersion"], d["kind"])], p) for p, d in docs]


# --------------------------------------------------------------------------------------------
# The repository passes
# --------------------------------------------------------------------------------------------

def test_promtool_check_config(tmp_path: Path) -> None:
    proc = promtool_config(ROOT, tmp_path)
    assert proc.returncode == 0, output(proc)
    assert "SUCCESS" in proc.stdout + proc.stderr, output(proc)


def test_promtool_check_rules() -> None:
    proc = promtool_rules(ROOT)
    assert proc.returncode == 0, output(proc)
    assert f"SUCCESS: {len(alert_rules(ROOT / 'deploy/prometheus/alerts.yml'))} rules found" in proc.stdout, output(proc)


def test_promtool_rule_unit_tests() -> None:
    proc = promtool_rule_tests(ROOT)
    assert proc.returncode == 0, output(proc)
    assert "SUCCESS" in proc.stdout, output(proc)


def test_every_alert_has_firing_and_silent_unit_tests() -> None:
    """Each alert appears in alerts_test.yml with a case where it fires and one where it must not."""
    fired, silent = set(), set()
    for case in load_yaml(RULE_TESTS)["tests"]:
        for check in case.get("alert_rule_test", []):
            (fired if check.get("exp_alerts") else silent).add(check["alertname"])
    names = {r["alert"] for r in alert_rules(ROOT / "deploy/prometheus/alerts.yml")}
    assert not names - fired, f"alerts never shown firing in {RULE_TESTS.name}: {sorted(names - fired)}"
    assert not names - silent, f"alerts never shown silent in {RULE_TESTS.name}: {sorted(names - silent)}"


def test_kubernetes_validate_core_objects() -> None:
    files = core_objects(ROOT)
    assert len(files) >= 6, files
    proc = kubernetes_validate(files)
    assert proc.returncode == 0, output(proc)
    text = proc.stdout + proc.stderr
    # kubernetes-validate passes a kind it has no schema for with a warning: none may be left.
    assert "Couldn't find schema" not in text, output(proc)
    assert text.count("passed for resource") == sum(1 for p, _ in kubernetes_docs(ROOT) if p in files), output(proc)


def test_every_kubernetes_document_has_a_validator() -> None:
    kinds = {(d.get("apiVersion"), d.get("kind")) for _, d in kubernetes_docs(ROOT)}
    assert set(CRD_SCHEMAS) <= kinds, "a pinned CRD schema validates nothing: drop it or ship the resource"


def test_compose_spec() -> None:
    proc = compose_spec(ROOT)
    assert proc.returncode == 0, output(proc)


def test_custom_resources_against_pinned_crds() -> None:
    procs = crd_checks(ROOT)
    assert len(procs) == len(CRD_SCHEMAS)
    for proc in procs:
        assert proc.returncode == 0, output(proc)


def test_crd_schemas_are_valid_json_schemas() -> None:
    proc = run("check-jsonschema", "--check-metaschema", *CRD_SCHEMAS.values())
    assert proc.returncode == 0, output(proc)


# --------------------------------------------------------------------------------------------
# Broken copies fail (each tool really looks at what it is given)
# --------------------------------------------------------------------------------------------

ALERTS = "deploy/prometheus/alerts.yml"
BREAKAGES = [
    # (id, file, old, new, the check that must fail, text its output must contain)
    ("rule-syntax", ALERTS, "sum by (class) (rate(tally_dead_letters_total[5m])) > 0",
     "sum by (class) (rate(tally_dead_letters_total[5m]) > 0", lambda r, t: promtool_rules(r), "unclosed left parenthesis"),
    ("rule-bad-duration", ALERTS, "for: 10m", "for: 10 minutes", lambda r, t: promtool_rules(r), "not a valid duration"),
    ("rule-threshold-changed", ALERTS, "tally-workers\"}) > 900", "tally-workers\"}) > 1800",
     lambda r, t: promtool_rule_tests(r), "TallyTimeLagCritical"),
    ("rule-for-shortened", ALERTS, "for: 2m", "for: 1m", lambda r, t: promtool_rule_tests(r), "TallyWorkerDown"),
    ("rule-not-mounted", "deploy/compose.yaml", "./prometheus/alerts.yml:", "./prometheus/alert.yml:",
     lambda r, t: promtool_config(r, t), "alert.yml\" does not point to an existing file"),
    ("scrape-bad-sd", "deploy/prometheus/prometheus.yml", "type: A", "type: CNAME",
     lambda r, t: promtool_config(r, t), "invalid DNS-SD records type"),
    ("k8s-unknown-field", "deploy/kubernetes/deployment.yaml", "readOnlyRootFilesystem: true", "readOnlyRootFilesytem: true",
     lambda r, t: kubernetes_validate(core_objects(r)), "readOnlyRootFilesytem"),
    ("k8s-wrong-type", "deploy/kubernetes/service.yaml", "port: 9465", "port: \"ninety\"",
     lambda r, t: kubernetes_validate(core_objects(r)), "ninety"),
    ("compose-unknown-key", "deploy/compose.yaml", "stop_grace_period: 45s", "stop_grace_periode: 45s",
     lambda r, t: compose_spec(r), "stop_grace_periode"),
    ("keda-unknown-field", "deploy/kubernetes/scaledobject.yaml", "maxReplicaCount: 6", "maxReplicas: 6",
     lambda r, t: next(p for p in crd_checks(r) if "scaledobject" in p.args[-1]), "maxReplicas"),
    ("servicemonitor-unknown-field", "deploy/kubernetes/servicemonitor.yaml", "    - port: metrics", "    - portName: metrics",
     lambda r, t: next(p for p in crd_checks(r) if "servicemonitor" in p.args[-1]), "portName"),
]


@pytest.mark.parametrize("name, rel, old, new, check, expect", BREAKAGES, ids=[b[0] for b in BREAKAGES])
def test_breakage_is_caught(tmp_path: Path, name, rel, old, new, check, expect) -> None:
    scratch = scratch_copy(tmp_path)
    before = check(scratch, tmp_path / "before")
    assert before.returncode == 0, f"{name}: the unbroken copy already fails\n{output(before)}"
    replace_in(scratch / rel, old, new)
    after = check(scratch, tmp_path / "after")
    assert after.returncode != 0, f"{name}: {rel} broken ({old!r} → {new!r}) but the check passed\n{output(after)}"
    assert expect in after.stdout + after.stderr, output(after)
