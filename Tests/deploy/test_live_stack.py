"""The monitoring stack as users run it, live on 127.0.0.1 (no Docker, no cluster):

noida-db ← `tally run` and `tally lag --serve` (the built binary) ← the distribution's Prometheus
with the SHIPPED deploy/prometheus/prometheus.yml and alerts.yml. Changed in the test copy only:
targets point at the loopback ports (the shipped file names compose's hosts), scrape and
evaluation every 1 s (15 s shipped), and TallyOffsetLagGrowing's `for:` is 10 s (15 min shipped;
its expression, deriv over 15 min and > 1000 records, is unchanged).

Read back from Prometheus' HTTP API and compared with what the processes themselves say:
the worker's counters (its /metrics), the lag (`tally lag --format json`), the KEDA
ScaledObject's own query, ALERTS. The dashboard's, the alerts' and the KEDA query's expressions
must parse in this Prometheus and name only series these binaries export.
The tests of this module run in file order on one stack.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import threading
import time
from pathlib import Path
from typing import Any

import pytest

from deploy_checks import LIVENESS, READINESS
from deploy_tools import ROOT, alert_rules, dashboard_expressions, host_prometheus_config, load_yaml, yaml_docs
from kafka_producer import Producer
from live_stack import Prometheus, Proc, free_port, http_status, scrape, start_noida, tally_binary, total, wait_for
from promql_names import series_names

GROUP = "tally-workers"  # the group the shipped alerts, dashboard and ScaledObject watch
TOPIC = "articles.raw"
ALERT = "TallyOffsetLagGrowing"
ARTICLES = [  # written for this test; figures made up
    ("live-1", "全市召开动员部署会5644场次，非公企业党组织覆盖率达88.8%。"),
    ("live-2", "今年投入资金500多万元，新建服务站12个。"),
    ("live-3", "全年地区生产总值增长5.6%，城镇新增就业8.46万人。"),
    ("live-4", "培训基层干部近1万人次，完成改造项目36项。"),
    ("live-5", "全区共有规模以上企业186家，比上年增加9家。"),
]
NO_FIGURES = ("live-6", "会议强调，要进一步提高认识，狠抓落实。")


def article(key: str, body: str) -> bytes:
    return json.dumps({"id": key, "url": f"https://example.org/{key}", "title": key, "body": body},
                      ensure_ascii=False).encode("utf-8")


class Stack:
    def __init__(self, workdir: Path):
        self.workdir = workdir
        self.tally = str(tally_binary())
        self.procs: list[Proc] = []
        self.broker, self.brokers = start_noida(workdir)
        self.procs.append(self.broker)

    def start(self, name: str, args: list[str]) -> Proc:
        proc = Proc(name, [self.tally, *args, "--brokers", self.brokers], self.workdir)
        self.procs.append(proc)
        return proc

    def logs(self) -> str:
        return "\n".join(p.logs() for p in self.procs)

    def lag_json(self) -> dict[str, Any]:
        out = subprocess.run([self.tally, "lag", "--group", GROUP, "--format", "json", "--brokers", self.brokers],
                             capture_output=True, text=True, timeout=60)
        assert out.returncode == 0, f"tally lag --format json: exit {out.returncode}\n{out.stdout}{out.stderr}"
        doc = json.loads(out.stdout)
        groups = doc if isinstance(doc, list) else doc.get("groups", [doc])
        (g,) = [g for g in groups if g["group"] == GROUP]
        return g

    def stop(self) -> None:
        for p in reversed(self.procs):
            p.stop()


@pytest.fixture(scope="module")
def stack(tmp_path_factory):
    for name in ("prometheus",):
        if not shutil.which(name):
            pytest.fail("prometheus is not installed: apt-get install prometheus (or: make deps)")
    s = Stack(tmp_path_factory.mktemp("live-stack"))
    try:
        producer = Producer(s.brokers, TOPIC)
        producer.create_topics({TOPIC: 3, "metrics.normalized": 3, "articles.deadletter": 1})
        for key, body in [*ARTICLES, NO_FIGURES]:
            producer.send(key, article(key, body))
        producer.send("live-broken", b"{not json")
        assert producer.flush() == len(ARTICLES) + 2
        s.producer = producer

        s.worker_port, s.lag_port = free_port(), free_port()
        s.worker = s.start("tally-run", ["run", "--group", GROUP, "--http-host", "127.0.0.1",
                                         "--http-port", str(s.worker_port), "--commit-interval-ms", "200"])
        s.worker_url = f"http://127.0.0.1:{s.worker_port}/metrics"
        wait_for("the worker to count every article and the dead letter",
                 lambda: total(scrape(s.worker_url), "tally_articles_total") == len(ARTICLES) + 1
                 and total(scrape(s.worker_url), "tally_dead_letters_total") == 1, 120, s.logs, (s.worker,))
        s.exporter = s.start("tally-lag", ["lag", "--serve", f"127.0.0.1:{s.lag_port}", "--group", GROUP,
                                           "--interval", "1s"])
        s.lag_url = f"http://127.0.0.1:{s.lag_port}/metrics"
        wait_for("the lag exporter's first evaluation",
                 lambda: total(scrape(s.lag_url), "tally_lag_evaluation_success") == 1, 60, s.logs, (s.exporter,))

        rules = s.workdir / "alerts.yml"
        shipped = (ROOT / "deploy/prometheus/alerts.yml").read_text(encoding="utf-8")
        head, sep, tail = shipped.partition(f"- alert: {ALERT}")
        assert sep and "for: 15m" in tail, f"{ALERT} with for: 15m not found in alerts.yml"
        rules.write_text(head + sep + tail.replace("for: 15m", "for: 10s", 1), encoding="utf-8")
        config = host_prometheus_config(ROOT, s.workdir / "prometheus-config", interval="1s", scrape={
            "tally": [f"127.0.0.1:{s.worker_port}"], "tally-lag": [f"127.0.0.1:{s.lag_port}"]})
        text = load_yaml(config)
        text["rule_files"] = [str(rules)]
        config.write_text(json.dumps(text), encoding="utf-8")  # JSON is YAML
        s.prom = Prometheus(config, s.workdir)
        s.procs.append(s.prom.proc)
        wait_for("Prometheus to scrape both targets", lambda: s.prom.scalar('sum(up{job=~"tally|tally-lag"})') == 2,
                 60, s.logs)
        yield s
    finally:
        if hasattr(s, "producer"):
            s.producer.close()
        s.stop()


def test_prometheus_has_the_workers_counters(stack) -> None:
    direct = scrape(stack.worker_url)
    expected = {("metrics",): len(ARTICLES), ("no_metrics",): 1}
    for (outcome,), n in expected.items():
        assert total(direct, "tally_articles_total", outcome=outcome) == n, stack.logs()
    metrics = total(direct, "tally_metrics_total")
    assert metrics >= len(ARTICLES), f"{metrics} metric events for {len(ARTICLES)} articles with figures"
    for expr, want in [
        ('sum(tally_articles_total{job="tally", outcome="metrics"})', len(ARTICLES)),
        ('sum(tally_articles_total{job="tally", outcome="no_metrics"})', 1),
        ('sum(tally_dead_letters_total{job="tally", class="invalid_json"})', 1),
        ('sum(tally_dead_letters_total{job="tally"})', 1),
        ('sum(tally_metrics_total{job="tally"})', metrics),
    ]:
        got = wait_for(f"{expr} = {want} in Prometheus", lambda: stack.prom.scalar(expr) == want or None, 30,
                       lambda: f"last: {stack.prom.query(expr)}\n{stack.logs()}")
        assert got
        print(f"live: {expr} = {stack.prom.scalar(expr):g} (worker's /metrics: {want:g})")  # shown with pytest -s


def test_probe_paths_are_served(stack) -> None:
    """The paths the manifests probe (deploy_checks pins them) are the binaries' own routes."""
    for url in (stack.worker_url, stack.lag_url):
        base = url.removesuffix("/metrics")
        for path in (LIVENESS, READINESS):
            assert http_status(base + path) == 200, f"{base}{path}"
        assert http_status(base + "/no-such-route") == 404, base


def test_lag_zero_after_processing_in_prometheus_and_tally_lag(stack) -> None:
    expr = f'tally_lag_group_offset_lag_sum{{group="{GROUP}"}}'
    wait_for("tally lag --format json: total offset lag 0", lambda: stack.lag_json()["totalOffsetLag"] == 0, 60, stack.logs)
    wait_for(f"{expr} = 0 in Prometheus", lambda: stack.prom.scalar(expr) == 0, 30, stack.logs)
    assert stack.prom.scalar(f'tally_lag_group_members{{group="{GROUP}"}}') == 1


# ---- expressions: dashboard, alerts, KEDA --------------------------------------------------------

def exported_series(stack) -> set[str]:
    """Every series name Prometheus holds for the two Tally jobs, scraped from the real binaries."""
    result = stack.prom.query('group by (__name__) ({job=~"tally|tally-lag"})')
    return {r["metric"]["__name__"] for r in result}


def expression_problems(stack, exprs: list[tuple[str, str]], exported: set[str]) -> list[str]:
    problems = []
    for where, expr in exprs:
        answer = stack.prom.api("query", query=expr)
        if answer.get("status") != "success":
            problems.append(f"{where}: does not parse/evaluate in Prometheus: {answer.get('error')} ({expr})")
        unknown = series_names(expr) - exported
        if unknown:
            problems.append(f"{where}: names series Tally does not export: {sorted(unknown)} ({expr})")
    return problems


def test_dashboard_expressions_parse_and_name_exported_series(stack) -> None:
    exported = exported_series(stack)
    assert {"tally_articles_total", "tally_lag_group_offset_lag_sum", "up"} <= exported, sorted(exported)
    exprs = dashboard_expressions(ROOT / "deploy/grafana/dashboards/tally.json")
    assert len(exprs) >= 20, exprs
    assert not expression_problems(stack, exprs, exported), "\n".join(expression_problems(stack, exprs, exported))


def test_alert_and_keda_expressions_name_exported_series(stack) -> None:
    exported = exported_series(stack)
    exprs = [(f"alert {r['alert']}", r["expr"]) for r in alert_rules(ROOT / "deploy/prometheus/alerts.yml")]
    exprs += [("ScaledObject trigger", keda_query())]
    assert not expression_problems(stack, exprs, exported), "\n".join(expression_problems(stack, exprs, exported))
    # The label values the alerts select on are ones the binaries export.
    statuses = {r["metric"]["status"] for r in stack.prom.query("tally_lag_partition_status")}
    assert {"STALL", "STOP"} <= statuses, statuses


@pytest.mark.parametrize("old, new, expect", [
    ("tally_metrics_total", "tally_metric_total", "names series Tally does not export: ['tally_metric_total']"),
    ("sum(rate(tally_commit_failures_total[$__rate_interval]))", "sum(rate(tally_commit_failures_total[$__rate_interval])",
     "does not parse"),
], ids=["misspelled-series", "unbalanced-parenthesis"])
def test_dashboard_breakage_is_caught(stack, tmp_path: Path, old, new, expect) -> None:
    broken = tmp_path / "tally.json"
    text = (ROOT / "deploy/grafana/dashboards/tally.json").read_text(encoding="utf-8")
    assert old in text
    broken.write_text(text.replace(old, new, 1), encoding="utf-8")
    problems = expression_problems(stack, dashboard_expressions(broken), exported_series(stack))
    assert any(expect in p for p in problems), problems


# ---- the worker stops, a producer keeps writing: lag, KEDA and the alert -----------------------

def keda_query() -> str:
    (doc,) = [d for d in yaml_docs(ROOT / "deploy/kubernetes/scaledobject.yaml") if d["kind"] == "ScaledObject"]
    (trigger,) = [t for t in doc["spec"]["triggers"] if t["type"] == "prometheus"]
    return trigger["metadata"]["query"]


def test_worker_stopped_lag_reaches_prometheus_keda_and_fires_the_alert(stack) -> None:
    assert stack.worker.stop(45) == 0, f"tally run did not exit 0 on SIGTERM\n{stack.worker.logs()}"
    wait_for('up{job="tally"} = 0', lambda: stack.prom.scalar('up{job="tally"}') == 0, 30, stack.logs)
    # The shipped rule's job label is the shipped scrape job's: the stopped worker's alert is pending.
    down = 'ALERTS{alertname="TallyWorkerDown", alertstate="pending"}'
    (pending,) = wait_for(down, lambda: stack.prom.query(down), 30, stack.logs)
    assert pending["metric"]["instance"] == f"127.0.0.1:{stack.worker_port}", pending

    produced, stop = [0], threading.Event()

    def write() -> None:  # ~300 records/s until the alert fires (or the test gives up)
        while not stop.is_set():
            for _ in range(150):
                produced[0] += 1
                stack.producer.send(f"lag-{produced[0]}", article(f"lag-{produced[0]}", "新增就业岗位120个。"))
            time.sleep(0.5)

    writer = threading.Thread(target=write, daemon=True)
    writer.start()
    alert = f'ALERTS{{alertname="{ALERT}", group="{GROUP}"}}'
    states: list[str] = []
    try:
        def firing() -> bool:
            for r in stack.prom.query(alert):
                if not states or states[-1] != r["metric"]["alertstate"]:
                    states.append(r["metric"]["alertstate"])
            return "firing" in states
        wait_for(f"{alert} to fire", firing, 120, lambda: f"states seen: {states}\n{stack.logs()}")
    finally:
        stop.set()
        writer.join(10)
    delivered_before = len(ARTICLES) + 2
    assert stack.producer.flush() == delivered_before + produced[0]
    assert states[:2] == ["pending", "firing"], f"{ALERT} went {states}, not pending then firing"
    (fired,) = [r["metric"] for r in stack.prom.query(alert + ' and ALERTS{alertstate="firing"}')]
    assert fired["severity"] == "warning", fired

    # Every record written since the worker's last commit is lag, in all three views.
    lag = produced[0]
    assert lag > 1000, lag
    report = wait_for(f"tally lag --format json: total offset lag {lag}",
                      lambda: (g := stack.lag_json())["totalOffsetLag"] == lag and g, 60, stack.logs)
    expr = f'tally_lag_group_offset_lag_sum{{group="{GROUP}"}}'
    wait_for(f"{expr} = {lag} in Prometheus", lambda: stack.prom.scalar(expr) == lag, 30,
             lambda: f"last: {stack.prom.query(expr)}")
    keda = stack.prom.scalar(keda_query())
    assert keda == lag, f"the ScaledObject's query {keda_query()!r} gave {keda}, the exporter {lag}"
    print(f"live: {produced[0]} records written with the worker stopped; {ALERT} went {states}; "
          f"tally lag json totalOffsetLag={report['totalOffsetLag']}; Prometheus {expr}={lag}; KEDA {keda_query()!r}={keda}")
    assert stack.prom.scalar(f'tally_lag_group_members{{group="{GROUP}"}}') == 0

    # Time lag: the exporter's, read from Prometheus, dates the same oldest unprocessed record.
    oldest_ms = min(p["oldestUnprocessedTimestampMs"] for p in report["partitions"] if p.get("offsetLag"))
    (sample,) = stack.prom.query(f'tally_lag_group_max_time_lag_seconds{{group="{GROUP}"}}')
    at, value = float(sample["value"][0]), float(sample["value"][1])
    assert report["maxTimeLagSeconds"] > 0 and value > 0, (report, sample)
    # Evaluated before it was scraped: never older than the record's age at scrape time, and
    # younger by at most an exporter interval, a scrape interval and one evaluation (1 s each here).
    age_at_scrape = at - oldest_ms / 1000
    assert -0.5 <= age_at_scrape - value <= 6, (at, oldest_ms, value, report["maxTimeLagSeconds"])
    print(f"live: time lag json={report['maxTimeLagSeconds']:.1f}s Prometheus={value:.1f}s (sample at {at:.1f}, "
          f"oldest record {oldest_ms / 1000:.1f})")
