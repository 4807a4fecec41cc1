#!/usr/bin/env python3
"""Exit 0 when every pinned requirement in the file is installed at that version, else 1.

Lets `make` skip pip (and its network access) when nothing is missing.
"""
import sys
from importlib import metadata


def main(path):
    missing = []
    for line in open(path, encoding="utf-8"):
        spec = line.split("#", 1)[0].strip()
        if not spec:
            continue
        name, _, version = spec.partition("==")
        try:
            installed = metadata.version(name)
        except metadata.PackageNotFoundError:
            missing.append(spec)
            continue
        if version and installed != version:
            missing.append(f"{spec} (have {installed})")
    if missing:
        print("missing:", ", ".join(missing))
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
