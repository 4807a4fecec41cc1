#!/usr/bin/env python3
"""Validates Prometheus text exposition with the reference parser and prints its samples.

Reads the exposition from stdin, parses it with prometheus_client's
text_string_to_metric_families (the parser Prometheus' own Python client uses), and prints
one JSON document: {"families": {name: type}, "samples": [{"name", "labels", "value"}]}.
Exit status 2 with a message on stderr when the text does not parse or a sample has a
non-finite value where a number was expected; 3 when prometheus_client is missing.

Used by Tests/OperationsTests/LagTests.swift; CI needs `pip install prometheus-client`.
"""
import json
import math
import sys

try:
    from prometheus_client.parser import text_string_to_metric_families
except ImportError:
    print("prometheus_client is not installed: pip install prometheus-client", file=sys.stderr)
    sys.exit(3)


def main() -> int:
    text = sys.stdin.read()
    families = {}
    samples = []
    try:
        for family in text_string_to_metric_families(text):
            families[family.name] = family.type
            for s in family.samples:
                if math.isnan(s.value) or math.isinf(s.value):
                    print(f"non-finite value in {s.name}{s.labels}", file=sys.stderr)
                    return 2
                samples.append({"name": s.name, "labels": s.labels, "value": s.value})
    except Exception as e:  # the parser raises ValueError and friends on bad input
        print(f"invalid Prometheus text: {e!r}", file=sys.stderr)
        return 2
    json.dump({"families": families, "samples": samples}, sys.stdout)
    return 0


if __name__ == "__main__":
    sys.exit(main())
