"""Series names a PromQL expression selects (whether it parses is Prometheus' job, not this).

A small tokenizer: identifiers outside strings, label matchers `{…}`, ranges `[…]` and grouping
lists (`by (…)`, `on (…)`, …) that are not function calls or keywords. Grafana's `$variables`
are not names.
"""

from __future__ import annotations

import re

KEYWORDS = {"by", "without", "on", "ignoring", "group_left", "group_right", "and", "or", "unless",
            "bool", "offset", "inf", "nan", "atan2", "start", "end"}
GROUPING = {"by", "without", "on", "ignoring", "group_left", "group_right"}
CLOSING = {"{": "}", "[": "]"}
TOKEN = re.compile(r'"(?:\\.|[^"\\])*"|\'(?:\\.|[^\'\\])*\'|`[^`]*`|\$\{?\w+\}?|\d[\w.]*|[A-Za-z_:][\w:]*|\s+|.', re.S)


def series_names(expr: str) -> set[str]:
    tokens = [t for t in TOKEN.findall(expr) if not t.isspace()]
    names, i, skip_to = set(), 0, None
    while i < len(tokens):
        t = tokens[i]
        if skip_to:
            if t == skip_to:
                skip_to = None
        elif t in CLOSING:
            skip_to = CLOSING[t]
        elif t in GROUPING and i + 1 < len(tokens) and tokens[i + 1] == "(":
            i = tokens.index(")", i)
        elif re.fullmatch(r"[A-Za-z_:][\w:]*", t) and t not in KEYWORDS:
            following = tokens[i + 1] if i + 1 < len(tokens) else ""
            if following != "(" and following not in ("by", "without"):  # a call, or `sum by (…) (…)`
                names.add(t)
        i += 1
    return names
