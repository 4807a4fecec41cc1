#!/usr/bin/env python3
"""Compare MetricParser's throughput with JioNLP's money extractor on the same text.

usage: parser_vs_jionlp.py BENCH_BINARY [FILE ...] [--min-mb N] [--jionlp-seconds S] [--tally TALLY]

BENCH_BINARY is the release build of MetricParserBench
(`swift build -c release --product MetricParserBench`, then `.build/release/MetricParserBench`).
FILEs default to ../shared/corpus/*.txt beside the repository root.

The Swift bench times `MetricExtractor.extract` on one core (the thread's CPU clock) over >= N MB
(default 20) of the files repeated: the founding article alone, then all FILEs together (the whole
shared corpus by default), each printed in MB/s against issue 13's goal (>= 300 MB/s per core). JioNLP (`pip install jionlp`) runs `jio.ner.extract_money` over the same
articles, repeated until S seconds (default 10) have passed — it is far too slow for 20 MB —
also on one core. Both are reported in MB/s (1 MB = 10^6 UTF-8 bytes) with the ratio.
It then splits the cost between prose and figures: the same texts with every character a figure
can start with removed (digits, Chinese numerals, 万/亿, 负/半/几/数/上/对, signs and decimal points,
as `CharClass.numeralStart` lists them, and currency and percent signs) are timed the same way; that is the
cost of the passes over every byte (decoding, normalizing, the locale, quote and numeral-start scans). The rest
of the corpus's time, divided by its metrics, is the cost of one figure's rules, and the corpus's bytes
per metric over that cost is the most the parser could reach on this text with a free prose path.
It also runs the bench's --scaling mode: the founding 7.6 KB article against one 2 MB article of
the same text, and prints the per-byte cost ratio (at most 1.5 by issue 9; 1.0 is linear).
With --tally (the release `tally` binary) it also times the whole process, as a user runs it:
`tally parse --format jsonl` over the same articles written as separate files (copies until >= 15 MB),
output to a file, once as one process reading the list with --files-from and once with the files as
arguments, 500 per process; MB/s of input over wall-clock time (and the process's CPU time), and the ratio to
JioNLP (issue 13: >= 100 MB/s and >= 20x).
"""
import argparse
import glob
import json
import os
import re
import resource
import shutil
import subprocess
import sys
import tempfile
import time


def tally_whole_process(tally, files, min_mb=15.0):
    """`tally parse` on article-sized files (copies of FILES until min_mb), output to a file, run the
    two ways a user runs it on many files: one process reading the list with `--files-from` (the
    figure for the goal), and file arguments 500 per process, as `xargs -n 500` would."""
    tmp = tempfile.mkdtemp(prefix="tally-parse-bench-")
    try:
        paths, total = [], 0
        while total < min_mb * 1e6:
            for f in files:
                dst = os.path.join(tmp, f"{len(paths):05d}-{os.path.basename(f)}")
                shutil.copyfile(f, dst)
                paths.append(dst)
                total += os.path.getsize(dst)
        listing = os.path.join(tmp, "files.txt")
        with open(listing, "w") as fh:
            fh.write("".join(p + "\n" for p in paths))
        out_path = os.path.join(tmp, "out.jsonl")
        # swift-argument-parser copies the array of positional values once per value (quadratic:
        # 7,420 file arguments cost 1.5 s of CPU in one process), hence batches for that form.
        forms = {"files_from": [[tally, "parse", "--format", "jsonl", "--files-from", listing]],
                 "arguments_500_per_process": [[tally, "parse", "--format", "jsonl", *paths[k:k + 500]]
                                               for k in range(0, len(paths), 500)]}
        result = {"files": len(paths), "bytes": total}
        for name, commands in forms.items():
            best = None
            for _ in range(3):
                before = resource.getrusage(resource.RUSAGE_CHILDREN)
                start = time.perf_counter()
                with open(out_path, "wb") as out:
                    for command in commands:
                        subprocess.run(command, check=True, stdout=out)
                wall = time.perf_counter() - start
                after = resource.getrusage(resource.RUSAGE_CHILDREN)
                cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
                if best is None or wall < best["seconds"]:
                    best = {"processes": len(commands), "seconds": round(wall, 4), "cpu_seconds": round(cpu, 4),
                            "mb_per_s": round(total / 1e6 / wall, 2), "cpu_mb_per_s": round(total / 1e6 / cpu, 2),
                            "output_bytes": os.path.getsize(out_path)}
            result[name] = best
        return result
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


# Every character a figure can start with (CharClass.numeralStart, with the full-width and
# traditional forms TextNormalizer folds onto them), and the signs read before or after a number.
FIGURE_CHARACTERS = re.compile(
    "[0-9０-９零〇一壹幺二两兩贰貳三叁參四肆五伍六陆陸七柒八捌九玖十拾百佰千仟万萬亿億"
    "负負半廿卅卌几幾数數上对對.．\\-－$＄¥￥€£%％‰]")


def cost_split(bench, files, texts, corpus, min_mb):
    """The parser's time on `files` split into a per-byte part (the texts without figure
    characters) and a per-metric part (the rest of `corpus`'s time over its metrics)."""
    tmp = tempfile.mkdtemp(prefix="tally-prose-bench-")
    try:
        paths = []
        for f, t in zip(files, texts):
            dst = os.path.join(tmp, os.path.basename(f))
            with open(dst, "w", encoding="utf-8") as fh:
                fh.write(FIGURE_CHARACTERS.sub("", t))
            paths.append(dst)
        out = subprocess.run([bench, *paths, "--min-mb", str(min_mb)], check=True,
                             capture_output=True, text=True).stdout
        prose = json.loads(out.strip().splitlines()[-1])
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    per_byte = prose["seconds"] / prose["bytes"]
    figures_seconds = max(corpus["seconds"] - per_byte * corpus["bytes"], 0.0)
    per_metric = figures_seconds / corpus["metrics"] if corpus["metrics"] else 0.0
    bytes_per_metric = corpus["bytes"] / corpus["metrics"] if corpus["metrics"] else 0.0
    return {
        "prose": prose,
        "prose_share": round(per_byte * corpus["bytes"] / corpus["seconds"], 3),
        "microseconds_per_metric": round(per_metric * 1e6, 3),
        "bytes_per_metric": round(bytes_per_metric, 1),
        "mb_per_s_with_free_prose": round(bytes_per_metric / per_metric / 1e6, 2) if per_metric else None,
    }


def main():
    root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("bench", help="path to the MetricParserBench release binary")
    ap.add_argument("files", nargs="*", help="UTF-8 text files (default: ../shared/corpus/*.txt)")
    ap.add_argument("--min-mb", type=float, default=20.0)
    ap.add_argument("--jionlp-seconds", type=float, default=10.0)
    ap.add_argument("--tally", help="path to the release tally binary: also time `tally parse` as a whole process")
    args = ap.parse_args()

    files = args.files or sorted(glob.glob(os.path.join(root, "..", "shared", "corpus", "*.txt")))
    if not files:
        sys.exit("no input files")
    texts = []
    for f in files:
        with open(f, encoding="utf-8") as fh:
            texts.append(fh.read())

    out = subprocess.run([args.bench, *files, "--min-mb", str(args.min_mb)], check=True,
                         capture_output=True, text=True).stdout
    swift = json.loads(out.strip().splitlines()[-1])
    founding = os.path.join(root, "..", "shared", "corpus", "fuzhou-2019-two-new-orgs.txt")
    out = subprocess.run([args.bench, founding, "--min-mb", str(args.min_mb)], check=True,
                         capture_output=True, text=True).stdout
    swift_founding = json.loads(out.strip().splitlines()[-1])
    goal = 300.0
    print(f"MetricParser, founding article ({os.path.basename(founding)}), 1 core: "
          f"{swift_founding['mb_per_s']:.2f} MB/s (issue 13 goal >= {goal:.0f}: {swift_founding['mb_per_s'] / goal:.2f} of it)")
    print(f"MetricParser, {len(files)} texts ({'the whole shared corpus' if not args.files else 'given files'}), 1 core: "
          f"{swift['mb_per_s']:.2f} MB/s (goal >= {goal:.0f}: {swift['mb_per_s'] / goal:.2f} of it)")

    with open(founding, encoding="utf-8") as fh:
        founding_text = fh.read()
    splits = {"corpus": cost_split(args.bench, files, texts, swift, args.min_mb),
              "founding_article": cost_split(args.bench, [founding], [founding_text], swift_founding, args.min_mb)}
    for name, split in splits.items():
        print(f"  where the time goes, {name.replace('_', ' ')}: prose alone (the text without figure characters, "
              f"{split['prose']['metrics']} metrics left) {split['prose']['mb_per_s']:.2f} MB/s, "
              f"{100 * split['prose_share']:.0f}% of the time; the figures' rules "
              f"{split['microseconds_per_metric']:.2f} µs a metric, one metric per {split['bytes_per_metric']:.0f} bytes: "
              f"{split['mb_per_s_with_free_prose']} MB/s at most with a free prose path")

    # Linear cost (issue 9): the founding 7.6 KB article, then one 2 MB article of the same text.
    out = subprocess.run([args.bench, "--scaling", founding, "--large-mb", "2", "--min-mb", str(args.min_mb)],
                         check=True, capture_output=True, text=True).stdout
    scaling = json.loads(out.strip().splitlines()[-1])
    print(f"MetricParser on a {scaling['small_article_bytes'] / 1e3:.1f} KB article: {scaling['small']['mb_per_s']:.2f} MB/s; "
          f"on a {scaling['large_article_bytes'] / 1e6:.1f} MB article: {scaling['large']['mb_per_s']:.2f} MB/s; "
          f"per-byte cost ratio {scaling['per_byte_cost_ratio']:.2f} (linear = 1.0, limit 1.5)")

    try:
        import jionlp as jio
    except ImportError:
        sys.exit("jionlp is not installed: pip install jionlp")
    jio.ner.extract_money(texts[0], with_parsing=False)  # warm-up: loads its tables
    jio_bytes = 0
    jio_found = 0
    rounds = 0
    start = time.perf_counter()
    while True:
        for t in texts:
            jio_found += len(jio.ner.extract_money(t, with_parsing=False))
            jio_bytes += len(t.encode("utf-8"))
        rounds += 1
        elapsed = time.perf_counter() - start
        if elapsed >= args.jionlp_seconds:
            break
    jio_mbps = jio_bytes / 1e6 / elapsed

    result = {
        "files": [os.path.basename(f) for f in files],
        "metricparser": {"bytes": swift["bytes"], "seconds": swift["seconds"], "mb_per_s": swift["mb_per_s"],
                         "metrics": swift["metrics"]},
        "metricparser_founding_article": {"bytes": swift_founding["bytes"], "seconds": swift_founding["seconds"],
                                          "mb_per_s": swift_founding["mb_per_s"], "metrics": swift_founding["metrics"]},
        "jionlp_extract_money": {"bytes": jio_bytes, "seconds": round(elapsed, 4), "mb_per_s": round(jio_mbps, 3),
                                 "money_spans": jio_found, "rounds": rounds},
        "ratio": round(swift["mb_per_s"] / jio_mbps, 1) if jio_mbps else None,
        "scaling": scaling,
        "cost_split": splits,
    }
    print(f"MetricParser (Swift, extract, 1 core): {swift['mb_per_s']:.2f} MB/s over {swift['bytes'] / 1e6:.1f} MB")
    print(f"JioNLP extract_money (Python, 1 core):  {jio_mbps:.3f} MB/s over {jio_bytes / 1e6:.2f} MB")
    print(f"ratio: {result['ratio']}x")
    if args.tally:
        whole = tally_whole_process(args.tally, files)
        result["tally_parse_whole_process"] = whole
        for name, label in (("files_from", "one process, --files-from"),
                            ("arguments_500_per_process", "file arguments, 500 per process")):
            run = whole[name]
            run["ratio_vs_jionlp"] = round(run["mb_per_s"] / jio_mbps, 1) if jio_mbps else None
            print(f"tally parse, whole process ({label}), {whole['files']} article files "
                  f"({whole['bytes'] / 1e6:.1f} MB) -> {run['output_bytes'] / 1e6:.1f} MB of JSON lines: "
                  f"{run['mb_per_s']:.2f} MB/s wall ({run['cpu_mb_per_s']:.2f} MB/s of process CPU), "
                  f"{run['ratio_vs_jionlp']}x JioNLP (goals >= 100 MB/s, >= 20x)")
    print(json.dumps(result, ensure_ascii=False))


if __name__ == "__main__":
    main()
