"""Turn a CustomResourceDefinition's openAPIV3Schema into a strict JSON Schema file.

    python3 Tests/deploy/crd_to_jsonschema.py CRD.yaml VERSION OUT.json

What the API server does with the structural schema, made explicit for a JSON Schema validator:
- objects with `properties` reject unknown fields (additionalProperties: false), unless marked
  `x-kubernetes-preserve-unknown-fields`; this is how the API server prunes, and what an unknown
  field in a manifest must fail on;
- `x-kubernetes-int-or-string` accepts an integer or a string; `nullable` accepts null;
- apiVersion, kind and metadata are required and pinned to the CRD's group/version/kind.
Used once per pinned CRD (see schemas/README.md); the output is committed.
"""

from __future__ import annotations

import json
import sys
from typing import Any

import yaml


def strict(node: Any) -> Any:
    if isinstance(node, list):
        return [strict(x) for x in node]
    if not isinstance(node, dict):
        return node
    out = {k: strict(v) for k, v in node.items() if not k.startswith("x-kubernetes-") and k != "nullable"}
    if node.get("x-kubernetes-int-or-string"):
        out.pop("type", None)
        out["anyOf"] = [{"type": "integer"}, {"type": "string"}]
    if node.get("nullable") and "type" in out:
        out["type"] = [out["type"], "null"]
    if "properties" in out and "additionalProperties" not in out and not node.get("x-kubernetes-preserve-unknown-fields"):
        out["additionalProperties"] = False
    return out


def convert(crd: dict[str, Any], version: str) -> dict[str, Any]:
    names = crd["spec"]["names"]
    group = crd["spec"]["group"]
    (v,) = [v for v in crd["spec"]["versions"] if v["name"] == version]
    schema = strict(v["schema"]["openAPIV3Schema"])
    schema["properties"]["apiVersion"] = {"const": f"{group}/{version}"}
    schema["properties"]["kind"] = {"const": names["kind"]}
    schema["properties"]["metadata"] = {
        "type": "object",
        "required": ["name"],
        "properties": {
            "name": {"type": "string"}, "namespace": {"type": "string"},
            "labels": {"type": "object", "additionalProperties": {"type": "string"}},
            "annotations": {"type": "object", "additionalProperties": {"type": "string"}},
        },
        "additionalProperties": False,
    }
    schema["required"] = sorted(set(schema.get("required", [])) | {"apiVersion", "kind", "metadata"})
    return {"$schema": "http://json-schema.org/draft-07/schema#", "title": f"{names['kind']} {group}/{version}", **schema}


def main() -> None:
    src, version, dst = sys.argv[1:4]
    with open(src, encoding="utf-8") as f:
        crd = yaml.safe_load(f)
    with open(dst, "w", encoding="utf-8") as f:
        json.dump(convert(crd, version), f, indent=1, sort_keys=True, ensure_ascii=False)
        f.write("\n")


if __name__ == "__main__":
    main()
