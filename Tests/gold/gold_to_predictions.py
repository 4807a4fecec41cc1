#!/usr/bin/env python3
"""Convert a hand-labelled gold file into a predictions file, so the scorer can be
run on the gold against itself (a self-check of the gold: it must load and give
value F1 = 1.0 and full F1 = 1.0).

usage: gold_to_predictions.py ARTICLE.txt GOLD.jsonl [PREDICTIONS.jsonl]
       (writes to stdout when PREDICTIONS is omitted)

then:  python3 /work/shared/tools/score_metrics.py ARTICLE.txt GOLD.jsonl PREDICTIONS.jsonl

Every gold line becomes one prediction with
  start = article.find(anchor) + anchor.index(text),  end = start + len(text)
(Unicode code-point offsets: Python str indices are code points) and the gold's
value, kind, unit, qualifier and subject copied over (plus text, lower, upper,
direction, change, period when present).  Optional gold lines are converted too:
the scorer neither rewards nor penalises them.

The script also validates the gold and exits non-zero if any line is malformed:
every required key is present, `anchor` occurs exactly once in the article and
`text` occurs inside `anchor`.
"""
import json
import sys

REQUIRED = ("anchor", "text", "subject", "value", "unit", "kind", "qualifier")
COPIED = ("text", "value", "kind", "unit", "qualifier", "subject",
          "lower", "upper", "direction", "change", "period")


def convert(article, gold_lines):
    preds, errors = [], []
    for n, g in enumerate(gold_lines, 1):
        missing = [k for k in REQUIRED if k not in g]
        if missing:
            errors.append(f"line {n}: missing keys {missing}")
            continue
        count = article.count(g["anchor"])
        if count != 1:
            errors.append(f"line {n}: anchor {g['anchor']!r} occurs {count} times")
            continue
        if g["text"] not in g["anchor"]:
            errors.append(f"line {n}: text {g['text']!r} not in anchor {g['anchor']!r}")
            continue
        start = article.find(g["anchor"]) + g["anchor"].index(g["text"])
        p = {"start": start, "end": start + len(g["text"])}
        p.update({k: g[k] for k in COPIED if k in g})
        preds.append(p)
    return preds, errors


def main(argv):
    if len(argv) not in (3, 4):
        raise SystemExit(__doc__)
    article = open(argv[1], encoding="utf-8").read()
    gold = []
    for n, line in enumerate(open(argv[2], encoding="utf-8"), 1):
        if line.strip():
            try:
                gold.append(json.loads(line))
            except json.JSONDecodeError as e:
                raise SystemExit(f"{argv[2]} line {n}: not JSON: {e}")
    preds, errors = convert(article, gold)
    if errors:
        raise SystemExit("\n".join(errors))
    out = open(argv[3], "w", encoding="utf-8") if len(argv) == 4 else sys.stdout
    for p in preds:
        out.write(json.dumps(p, ensure_ascii=False) + "\n")
    if out is not sys.stdout:
        out.close()


if __name__ == "__main__":
    main(sys.argv)
