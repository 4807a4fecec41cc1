#!/usr/bin/env python3
"""HTML pages -> metrics throughput on one core, and its ratio to parsing the same articles' text.

usage: html_bench.py BENCH_BINARY [FILE ...] [--min-mb N]

BENCH_BINARY is the release build of MetricParserBench
(`swift build -c release --product MetricParserBench`). FILEs default to ../shared/corpus/*.txt
beside the repository root; each is wrapped (in memory, never stored) in a government site's page
— header, navigation, breadcrumb, sidebar, inline spans in every figure, &nbsp;, share bar,
footer — and the bench times PageReader (charset, libxml2's SAX parse into PageText's tree,
walk, tables) plus the parser over >= N MB of HTML (default 10), the reader alone, then the parser alone over the extracted texts;
five interleaved rounds, the fastest of each phase kept (the machine is shared).

Reported: MB/s of HTML (1 MB = 10^6 bytes; goal >= 30), MB/s of the reader alone, MB/s of plain
text, and the ratio time(pages) / time(their texts) for the same articles.
"""
import argparse
import glob
import json
import os
import subprocess
import sys

GOAL_MB_PER_S = 30.0


def main():
    root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("bench", help="path to the MetricParserBench release binary")
    ap.add_argument("files", nargs="*", help="UTF-8 text files (default: ../shared/corpus/*.txt)")
    ap.add_argument("--min-mb", type=float, default=10.0, help="MB per phase and round (5 rounds, best kept)")
    args = ap.parse_args()
    files = args.files or sorted(glob.glob(os.path.join(root, "..", "shared", "corpus", "*.txt")))
    if not files:
        sys.exit("no input files")
    # One core: the bench is single-threaded; taskset keeps the OS from spreading it.
    cmd = [args.bench, *files, "--min-mb", str(args.min_mb), "--html"]
    if os.path.exists("/usr/bin/taskset"):
        cmd = ["taskset", "-c", "0", *cmd]
    out = subprocess.run(cmd, check=True, capture_output=True, text=True).stdout
    r = json.loads(out.strip().splitlines()[-1])
    print(f"HTML pages -> metrics, one core ({r['pages']} corpus reports wrapped in a government site's page, "
          f"{r['html_bytes'] / 1e6:.1f} MB of HTML):")
    print(f"  pages (read + tables + parse): {r['html_mb_per_s']:8.2f} MB/s of HTML   (goal >= {GOAL_MB_PER_S:.0f})")
    print(f"  reader alone (libxml2 + walk): {r['read_only_mb_per_s']:8.2f} MB/s of HTML")
    print(f"  plain text (parser alone):     {r['text_mb_per_s']:8.2f} MB/s of text")
    print(f"  MB/s ratio, pages / plain text: {r['html_mb_per_s'] / r['text_mb_per_s']:7.2f}")
    print(f"  time per article, page / text: {r['ratio']:8.2f}x   (a page is {r['page_to_text_bytes']:.1f}x its text's bytes)")
    print(json.dumps(r))
    if r["html_mb_per_s"] < GOAL_MB_PER_S:
        print(f"  below the goal of {GOAL_MB_PER_S:.0f} MB/s", file=sys.stderr)


if __name__ == "__main__":
    main()
