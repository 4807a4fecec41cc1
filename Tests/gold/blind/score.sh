#!/bin/sh
# usage (from the package root): Tests/gold/blind/score.sh TALLY_BINARY
# Parses each blind report with the given binary and prints value F1 / full F1, then the means.
set -e
bin=$1; dir=$(dirname "$0"); out=${TMPDIR:-/tmp}/blind-pred.jsonl
for txt in "$dir"/[0-9][0-9]-*.txt; do
  case $txt in *-hk-*) loc="--locale zh-HK";; *-tw-*) loc="--locale zh-TW";; *) loc="";; esac
  "$bin" parse "$txt" --format jsonl $loc > "$out"
  python3 ../shared/tools/score_metrics.py "$txt" "${txt%.txt}.gold.jsonl" "$out" |
    awk -v f="$(basename "$txt" .txt)" '/value_f1/{v=$2} /full_f1/{u=$2} END{print f, v, u}'
done | awk '{print; v+=$2; u+=$3; n++} END{printf "mean %.4f %.4f\n", v/n, u/n}'
