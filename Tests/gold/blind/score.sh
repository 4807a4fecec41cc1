#!/bin/sh
# usage (from the package root): Tests/gold/blind/score.sh TALLY_BINARY [--show]
# Scores the blind reports with the given binary through scripts/score-corpus (one scorer loop for
# every gold folder); each report's locale comes from LOCALES.tsv here.
set -e
bin=$1; shift
exec "$(dirname "$0")/../../../scripts/score-corpus" --tally "$bin" --dir "$(dirname "$0")" "$@"
