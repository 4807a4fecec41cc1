#!/usr/bin/env python3
"""End-to-end worker throughput against pass-through baselines, on the same broker, in one script.

usage: pipeline_bench.py PATH/TO/PipelineBench [--articles N] [--rounds R]

Starts a noida-db broker (scripts/dev-broker) unless KAFKA_BROKERS is set, writes N articles to a
raw topic once, then runs over the same input — each run in its own process, modes interleaved,
R rounds — the real worker (`tally`) and two pass-through workers that share everything with it
(poll thread, worker queues, offset tracker, idempotent producer, commits) except the parser:
  noparse  same consume and same produce (decode, one metric event per metric, JSON, keys);
           the parser is replaced by a table of metrics computed before the run;
  copy     each input record copied to the output (one record out per article instead of ~24).
Reports articles/s, MB/s of input JSON, the ratios (goal >= 0.7), peak RSS, and p50/p99
end-to-end latency at a steady rate of half the measured throughput.
Also the worker process's CPU-seconds (getrusage user + system, from the group's assignment to its
last commit) per 1,000 articles in each mode, with the ratio tally / noparse (goal <= 1.2): wall
time is bounded by the broker on the same cores, CPU shows the parser's share. And the processing
path alone (`PipelineBench cpu`: decode + parse + encode, no Kafka, one core, thread CPU time) in
MB/s of input JSON (goal >= 100), with and without the parser.
Results are also written to bench/out/pipeline.json.
"""
import argparse
import json
import os
import statistics
import subprocess
import sys
import time
import uuid

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def run(cmd):
    out = subprocess.run(cmd, check=True, capture_output=True, text=True)
    return json.loads(out.stdout.strip().splitlines()[-1])


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("bench")
    ap.add_argument("--articles", type=int, default=20000)
    ap.add_argument("--rounds", type=int, default=3)
    ap.add_argument("--latency-seconds", type=int, default=10)
    a = ap.parse_args()

    started_broker = False
    brokers = os.environ.get("KAFKA_BROKERS")
    if not brokers:
        out = subprocess.run([os.path.join(ROOT, "scripts/dev-broker"), "start"], check=True, capture_output=True, text=True)
        brokers = out.stdout.strip().split("=", 1)[1]
        started_broker = True
    try:
        prefix = "bench-" + uuid.uuid4().hex[:8]
        base = [a.bench]
        prep = run(base + ["prepare", "--brokers", brokers, "--prefix", prefix, "--articles", str(a.articles)])
        print(f"input: {prep['articles']} articles, {prep['bytes'] / 1e6:.1f} MB of JSON, broker {brokers}")
        modes = ("noparse", "tally", "copy")
        results = {m: [] for m in modes}
        for r in range(a.rounds):
            for mode in modes:
                # Each run reads the same input with a fresh consumer group.
                res = run(base + ["run", "--brokers", brokers, "--prefix", prefix, "--mode", mode, "--bytes", str(prep["bytes"]),
                                  "--group-suffix", f"r{r}"])
                results[mode].append(res)
                print(f"round {r + 1} {mode:>8}: {res['articles_per_s']:9.0f} articles/s  {res['mb_per_s']:6.1f} MB/s  "
                      f"{res['outputs']:>8} records out  peak RSS {res['peak_rss_mb']:.0f} MB  "
                      f"CPU {res['cpu_seconds_per_1000_articles']:.3f} s per 1,000 articles")
        med = {m: statistics.median(x["articles_per_s"] for x in v) for m, v in results.items()}
        ratio = med["tally"] / med["noparse"]
        ratio_copy = med["tally"] / med["copy"]
        rate = max(1, int(med["tally"] / 2))
        lat = run(base + ["latency", "--brokers", brokers, "--prefix", prefix, "--rate", str(rate), "--seconds", str(a.latency_seconds)])
        mbps = statistics.median(x["mb_per_s"] for x in results["tally"])
        cpu = {m: statistics.median(x["cpu_seconds_per_1000_articles"] for x in v) for m, v in results.items()}
        cpu_ratio = cpu["tally"] / cpu["noparse"]
        path = {m: run(base + ["cpu", "--mode", m]) for m in ("tally", "noparse")}
        print()
        print(f"tally worker: {med['tally']:.0f} articles/s, {mbps:.1f} MB/s (median of {a.rounds})")
        print(f"pass-through, same produce (noparse): {med['noparse']:.0f} articles/s")
        print(f"pass-through, copy:                   {med['copy']:.0f} articles/s")
        print(f"ratio tally / noparse: {ratio:.2f} (goal >= 0.7)   tally / copy: {ratio_copy:.2f}")
        print(f"end-to-end latency at {rate} articles/s: p50 {lat['p50_ms']} ms, p99 {lat['p99_ms']} ms, max {lat['max_ms']} ms "
              f"over {lat['metrics']} metrics")
        print("peak RSS: " + ", ".join(f"{m} {max(x['peak_rss_mb'] for x in results[m]):.0f} MB" for m in modes))
        print("worker CPU-seconds per 1,000 articles (median): " + ", ".join(f"{m} {cpu[m]:.3f}" for m in modes))
        print(f"ratio CPU tally / noparse: {cpu_ratio:.2f} (goal <= 1.2)")
        print(f"processing path, one core (decode + parse + encode): {path['tally']['mb_per_s']:.1f} MB/s of JSON, "
              f"{path['tally']['articles_per_s']:.0f} articles/s (goal >= 100 MB/s); "
              f"without the parser (decode + encode): {path['noparse']['mb_per_s']:.1f} MB/s")
        os.makedirs(os.path.join(ROOT, "bench/out"), exist_ok=True)
        with open(os.path.join(ROOT, "bench/out/pipeline.json"), "w") as f:
            json.dump({"input": prep, "runs": results, "median_articles_per_s": med, "ratio_vs_noparse": ratio, "ratio_vs_copy": ratio_copy, "latency": lat,
                       "cpu_seconds_per_1000_articles": cpu, "cpu_ratio_vs_noparse": cpu_ratio, "processing_path": path,
                       "cores": os.cpu_count(), "time": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime())}, f, indent=2)
    finally:
        if started_broker:
            subprocess.run([os.path.join(ROOT, "scripts/dev-broker"), "stop"], capture_output=True)


if __name__ == "__main__":
    sys.exit(main())
