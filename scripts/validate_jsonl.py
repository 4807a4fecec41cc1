#!/usr/bin/env python3
"""Validate JSON lines against a JSON Schema (2020-12, formats asserted).

usage: validate_jsonl.py SCHEMA.json EVENTS.jsonl
Prints one JSON object per input line: {"line": n, "valid": bool, "errors": [...]}.
Exit status 0 whatever the verdicts (the caller decides); 2 on usage or schema errors.
"""
import json
import sys

from jsonschema import Draft202012Validator


def main(argv):
    if len(argv) != 3:
        print(__doc__, file=sys.stderr)
        return 2
    schema = json.load(open(argv[1], encoding="utf-8"))
    Draft202012Validator.check_schema(schema)
    validator = Draft202012Validator(schema, format_checker=Draft202012Validator.FORMAT_CHECKER)
    for n, line in enumerate(open(argv[2], encoding="utf-8"), 1):
        if not line.strip():
            continue
        try:
            doc = json.loads(line)
            errors = [f"{'/'.join(map(str, e.absolute_path)) or '<root>'}: {e.message}" for e in validator.iter_errors(doc)]
        except json.JSONDecodeError as e:
            errors = [f"not JSON: {e}"]
        print(json.dumps({"line": n, "valid": not errors, "errors": errors}, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
