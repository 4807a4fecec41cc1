"""Model of Tally and its deployment files, for Tests/deploy/test_deploy.py.

Truth about Tally comes from Tally itself, read at test time (never copied here):
- CLI flags of `tally run` and `tally lag`, the settings key each sets and the environment
  `tally lag` reads: the built binary's `--experimental-dump-help` (swift-argument-parser);
- settings keys, their defaults, types and ranges, the TALLY_* mapping and the `kafka.`
  pass-through: WorkerConfiguration.swift and Settings.swift (until `tally` prints its settings);
- the product, resources bundle and system packages: Package.swift.
Metric names, probe routes and PromQL are checked against the running binaries instead
(test_live_stack.py); syntax and schemas by the real validators (test_validators.py).

Every `check_*` function takes a `Repo` and returns a list of problems (empty = fine), so the
same checks run against the real tree and against mutated scratch copies.
"""

from __future__ import annotations

import functools
import json
import os
import re
import shlex
import shutil
import subprocess
from pathlib import Path
from typing import Any

import yaml

# --------------------------------------------------------------------------------------------
# Constants that are not in this repository's sources (external libraries and tools).
# --------------------------------------------------------------------------------------------

# Debian's runtime package of librdkafka-dev (the build dependency named in Package.swift).
RUNTIME_LIBRDKAFKA_PACKAGE = "librdkafka1"
# Debian's runtime package of libxml2-dev (the HTML parser's system library).
RUNTIME_LIBXML2_PACKAGE = "libxml2"
ROOT_USERS = {"root", "0"}


class StaticError(Exception):
    pass


def tally_binary() -> Path:
    """The built `tally` of the repository under test (TALLY_BIN overrides)."""
    root = Path(os.environ.get("TALLY_REPO_ROOT", Path(__file__).resolve().parents[2]))
    path = Path(os.environ.get("TALLY_BIN", root / ".build/debug/tally"))
    if not os.access(path, os.X_OK):
        raise StaticError(f"tally is not built at {path}: run `swift build --product tally` (or set TALLY_BIN)")
    return path


# --------------------------------------------------------------------------------------------
# The CLI, from the built binary: swift-argument-parser's `--experimental-dump-help` (JSON of
# every option of a subcommand, its option groups included)
# --------------------------------------------------------------------------------------------

class CLIOption:
    def __init__(self, prop: str, names: list[str], takes_value: bool, setting: str | None = None):
        self.prop = prop  # the preferred name without dashes (`input-topic`)
        self.names = names
        self.takes_value = takes_value
        self.setting = setting  # the settings key its help names (`(setting input.topic; …)`)

    def __repr__(self) -> str:
        return f"CLIOption({self.prop}, {self.names}, value={self.takes_value})"


class CLICommand:
    def __init__(self, type_name: str, command_name: str, options: list[CLIOption], positionals: int):
        self.type_name = type_name
        self.command_name = command_name
        self.options = options
        self.positionals = positionals

    def by_name(self) -> dict[str, CLIOption]:
        return {n: o for o in self.options for n in o.names}

    def parse(self, tokens: list[str]) -> tuple[dict[str, list[str | None]], list[str]]:
        """Parses `tokens` (after the subcommand name) like the CLI would.

        Returns ({property: [values]}, problems)."""
        known = self.by_name()
        values: dict[str, list[str | None]] = {}
        problems: list[str] = []
        positionals = 0
        i = 0
        while i < len(tokens):
            tok = str(tokens[i])
            if tok.startswith("-") and tok != "-":
                name, eq, inline = tok.partition("=")
                opt = known.get(name)
                if opt is None:
                    problems.append(f"`{tok}` is not a flag of `tally {self.command_name}` "
                                    f"({self.type_name}: {sorted(known)})")
                    i += 1
                    continue
                if opt.takes_value:
                    if eq:
                        values.setdefault(opt.prop, []).append(inline)
                    elif i + 1 < len(tokens):
                        values.setdefault(opt.prop, []).append(str(tokens[i + 1]))
                        i += 1
                    else:
                        problems.append(f"`{tok}` needs a value")
                else:
                    if eq:
                        problems.append(f"`{tok}`: flag {name} takes no value")
                    values.setdefault(opt.prop, []).append(None)
            else:
                positionals += 1
                if positionals > self.positionals:
                    problems.append(f"unexpected argument `{tok}` for `tally {self.command_name}`")
            i += 1
        return values, problems


def cli_from_binary(binary: Path, command_name: str) -> CLICommand:
    out = subprocess.run([str(binary), command_name, "--experimental-dump-help"], capture_output=True, text=True, timeout=60)
    if out.returncode != 0:
        raise StaticError(f"tally {command_name} --experimental-dump-help: exit {out.returncode}: {out.stderr}")
    command = json.loads(out.stdout)["command"]
    options, positionals, env = [], 0, set()
    for a in command.get("arguments", []):
        env |= set(re.findall(r"\benv (TALLY_\w+(?:<\w+>)?)", a.get("abstract", "")))
        names = [("--" if n["kind"] == "long" else "-") + n["name"] for n in a.get("names", [])]
        prop = a.get("preferredName", {}).get("name", a.get("valueName", ""))
        if a["kind"] == "positional":
            positionals += 10**6 if a.get("isRepeating") else 1
        elif prop not in ("help", "version"):
            setting = re.search(r"\(setting ([\w.]+)", a.get("abstract", ""))
            options.append(CLIOption(prop, names, a["kind"] == "option", setting and setting.group(1)))
    cli = CLICommand(command_name, command["commandName"], options, positionals)
    cli.env = env  # environment variables its help names (`TALLY_KAFKA_<KEY>`: a prefix)
    return cli


# --------------------------------------------------------------------------------------------
# Swift source scanning (Package.swift)
# --------------------------------------------------------------------------------------------

def _skip_string(text: str, i: int) -> int:
    """`text[i]` is `"`: returns the index after the string literal (plain or triple-quoted)."""
    if text.startswith('"""', i):
        end = text.find('"""', i + 3)
        if end < 0:
            raise StaticError("unterminated multi-line string literal")
        return end + 3
    j = i + 1
    while j < len(text):
        c = text[j]
        if c == "\\":
            j += 2
            continue
        if c == '"':
            return j + 1
        if c == "\n":
            raise StaticError("unterminated string literal")
        j += 1
    raise StaticError("unterminated string literal")


def _matching(text: str, i: int, open_c: str, close_c: str) -> int:
    """`text[i]` is `open_c`: the index of the matching `close_c` (string literals skipped)."""
    depth = 0
    j = i
    while j < len(text):
        c = text[j]
        if c == '"':
            j = _skip_string(text, j)
            continue
        if text.startswith("//", j):
            j = text.find("\n", j)
            if j < 0:
                break
            continue
        if c == open_c:
            depth += 1
        elif c == close_c:
            depth -= 1
            if depth == 0:
                return j
        j += 1
    raise StaticError(f"unbalanced {open_c}{close_c}")


# --------------------------------------------------------------------------------------------
# Settings, from the built binary: `tally run --print-config --format json`
# --------------------------------------------------------------------------------------------

class SettingsModel:
    """`tally run --print-config --format json`: [{key, flag, env, value, source, default, secret}].

    Besides the table's settings it lists `config` (the properties file: --config / TALLY_CONFIG)
    and `kafka.*` (the librdkafka pass-through) with their flag and environment names. Values are
    checked by the binary itself (`value_problems`)."""

    def __init__(self, entries: list[dict[str, Any]], binary: Path | None):
        self.binary = binary
        pattern = next((e for e in entries if e["key"].endswith("*")), None)
        if pattern is None:
            raise StaticError("print-config lists no pass-through pattern (key ending in *)")
        self.passthrough_prefix = pattern["key"][:-1]
        rows = [e for e in entries if e["key"] != "config" and not e["key"].endswith("*")
                and not e["key"].startswith(self.passthrough_prefix)]
        self.keys: set[str] = {e["key"] for e in rows}
        row = rows[0]
        self.env_prefix = row["env"][: len(row["env"]) - len(row["key"])]
        for e in rows:
            if e["env"] != self.env_prefix + e["key"].upper().replace(".", "_"):
                raise StaticError(f"print-config: {e['key']} has environment name {e['env']} (expected one mapping)")
        if pattern["env"][:-1] != self.env_prefix + self.passthrough_prefix.upper().replace(".", "_"):
            raise StaticError(f"print-config: pass-through environment {pattern['env']} does not follow the mapping")
        config = next((e for e in entries if e["key"] == "config"), None)
        self.config_env: set[str] = {config["env"]} if config else set()
        self.env_excluded = set(self.config_env)
        self.defaults: dict[str, str] = {e["key"]: e["default"] for e in rows if e["default"] is not None}

    def env_to_key(self, name: str) -> str | None:
        if not name.startswith(self.env_prefix) or name in self.env_excluded:
            return None
        return name[len(self.env_prefix):].lower().replace("_", ".")

    def is_known(self, key: str) -> bool:
        return key in self.keys or key.startswith(self.passthrough_prefix)

    def value_problems(self, key: str, value: str, where: str) -> list[str]:
        """What the binary says of `key=value` (its own validation, through --print-config)."""
        if self.binary is None or key not in self.keys:
            return []
        message = _validate(str(self.binary), self.env_prefix + key.upper().replace(".", "_"), str(value))
        return [f"{where}: {message}"] if message else []


@functools.lru_cache(maxsize=None)
def _validate(binary: str, env_name: str, value: str) -> str | None:
    base = {k: v for k, v in os.environ.items() if k in ("PATH", "HOME", "LANG")}
    r = subprocess.run([binary, "run", "--print-config", "--format", "json"], capture_output=True, text=True, timeout=60,
                       env={**base, env_name: value})
    if r.returncode == 0:
        return None
    return (r.stderr.strip().splitlines() or [f"exit {r.returncode}"])[-1]


def print_config(binary: Path) -> list[dict[str, Any]]:
    """`tally run --print-config --format json` with none of the caller's TALLY_* variables."""
    base = {k: v for k, v in os.environ.items() if k in ("PATH", "HOME", "LANG")}
    r = subprocess.run([str(binary), "run", "--print-config", "--format", "json"], capture_output=True, text=True,
                       timeout=60, env=base)
    if r.returncode != 0:
        raise StaticError(f"tally run --print-config: exit {r.returncode}: {r.stderr[-800:]}")
    return json.loads(r.stdout)



def parse_properties(text: str) -> dict[str, str]:
    """Settings.parseProperties: `key=value` or `key: value`, `#`/`!` comments."""
    out = {}
    for n, raw in enumerate(text.split("\n"), 1):
        line = raw.strip()
        if not line or line[0] in "#!":
            continue
        m = re.match(r"([^=:]*)[=:](.*)", line)
        if not m or not m.group(1).strip():
            raise StaticError(f"properties line {n}: expected key=value, got {line!r}")
        out[m.group(1).strip()] = m.group(2).strip()
    return out


# --------------------------------------------------------------------------------------------
# PromQL
# --------------------------------------------------------------------------------------------

def promql_label_values(expr: str, label: str) -> set[str]:
    """Values a selector compares `label` with (=, !=, =~ and !~ alternatives)."""
    out = set()
    for m in re.finditer(r"\b" + re.escape(label) + r'\s*(=~|!~|=|!=)\s*"([^"]*)"', expr):
        op, value = m.groups()
        if "$" in value:
            continue  # a Grafana variable
        if "~" in op:
            out |= {v for v in re.split(r"\|", value.strip("()^$")) if v}
        else:
            out.add(value)
    return out


DURATION = re.compile(r"^(\d+(ms|s|m|h|d|w|y))+$")


def duration_seconds(text: Any) -> float:
    s = str(text).strip()
    if not DURATION.match(s):
        raise StaticError(f"not a duration: {text!r}")
    units = {"ms": 0.001, "s": 1, "m": 60, "h": 3600, "d": 86400, "w": 604800, "y": 31536000}
    return sum(int(n) * units[u] for n, u in re.findall(r"(\d+)(ms|s|m|h|d|w|y)", s))


# --------------------------------------------------------------------------------------------
# Dockerfile
# --------------------------------------------------------------------------------------------

def parse_dockerfile(text: str) -> list[tuple[str, str]]:
    """[(INSTRUCTION, arguments)], continuation lines joined, comments dropped."""
    out: list[tuple[str, str]] = []
    current = ""
    for raw in text.split("\n"):
        line = raw.rstrip()
        if not current and (not line.strip() or line.lstrip().startswith("#")):
            continue
        if current and line.lstrip().startswith("#"):
            continue
        if line.endswith("\\"):
            current += line[:-1] + " "
            continue
        current += line
        if current.strip():
            instr, _, args = current.strip().partition(" ")
            out.append((instr.upper(), args.strip()))
        current = ""
    if current.strip():
        instr, _, args = current.strip().partition(" ")
        out.append((instr.upper(), args.strip()))
    return out


def exec_form(args: str) -> list[str]:
    args = args.strip()
    if args.startswith("["):
        return json.loads(args)
    return ["/bin/sh", "-c", args]


def apt_installed(run_args: str) -> set[str]:
    """Packages named by `apt-get install` commands in one RUN."""
    pkgs = set()
    for part in re.split(r"&&|;|\|\|", run_args):
        words = part.split()
        if len(words) >= 2 and words[0] in ("apt-get", "apt") and "install" in words:
            pkgs |= {w for w in words[words.index("install") + 1:] if not w.startswith("-")}
    return pkgs


# --------------------------------------------------------------------------------------------
# The repository model
# --------------------------------------------------------------------------------------------

def _load_yaml_docs(path: Path) -> list[Any]:
    with path.open(encoding="utf-8") as f:
        return [d for d in yaml.safe_load_all(f) if d is not None]


class Repo:
    def __init__(self, root: Path):
        self.root = Path(root)
        self.deploy = self.root / "deploy"

    # ---- sources -----------------------------------------------------------------------

    def read(self, rel: str) -> str:
        return (self.root / rel).read_text(encoding="utf-8")

    @functools.cached_property
    def run_command(self) -> CLICommand:
        return cli_from_binary(tally_binary(), "run")

    @functools.cached_property
    def lag_command(self) -> CLICommand:
        return cli_from_binary(tally_binary(), "lag")

    @functools.cached_property
    def run_flag_keys(self) -> dict[str, str]:
        """`tally run` flag → the settings key it sets (from the binary's help)."""
        return {o.prop: o.setting for o in self.run_command.options if o.setting}

    @functools.cached_property
    def run_flag_passthrough(self) -> dict[str, str]:
        """`tally run` flag → settings prefix of its key=value pairs (`--kafka-property`)."""
        return {"kafka-property": self.settings.passthrough_prefix}

    # Mutation-test copies carry the binary's --print-config output here (see copy_inputs).
    PRINT_CONFIG = ".tally-cli/print-config.json"

    @functools.cached_property
    def settings(self) -> SettingsModel:
        captured = self.root / self.PRINT_CONFIG
        entries = json.loads(captured.read_text(encoding="utf-8")) if captured.exists() else print_config(tally_binary())
        return SettingsModel(entries, tally_binary())

    @functools.cached_property
    def lag_env(self) -> tuple[set[str], set[str]]:
        """(exact names, prefixes) of the environment variables `tally lag` reads (its help)."""
        env = self.lag_command.env
        return {e for e in env if "<" not in e}, {e.split("<")[0] for e in env if "<" in e}

    # ---- Package.swift -----------------------------------------------------------------

    @functools.cached_property
    def package(self) -> dict[str, Any]:
        text = self.read("Package.swift")
        name = re.search(r'Package\(\s*name:\s*"([^"]+)"', text).group(1)
        product = re.search(r'\.executable\(\s*name:\s*"([^"]+)"', text).group(1)
        apt = set(re.findall(r'\.apt\(\[([^\]]*)\]\)', text))
        apt_pkgs = {p for group in apt for p in re.findall(r'"([^"]+)"', group)}
        bundles = []
        for m in re.finditer(r'\.executableTarget\(\s*name:\s*"([^"]+)"', text):
            end = _matching(text, m.start() + len(".executableTarget"), "(", ")")
            if "resources:" in text[m.start(): end]:
                bundles.append(f"{name}_{m.group(1)}.resources")
        return {"name": name, "product": product, "apt": apt_pkgs, "bundles": bundles}

    # ---- deploy files ------------------------------------------------------------------

    @functools.cached_property
    def deploy_files(self) -> list[Path]:
        return sorted(p for p in self.deploy.rglob("*") if p.is_file())

    @functools.cached_property
    def compose_path(self) -> Path:
        return self.deploy / "compose.yaml"

    @functools.cached_property
    def compose(self) -> dict[str, Any]:
        return _load_yaml_docs(self.compose_path)[0]

    @property
    def services(self) -> dict[str, Any]:
        return self.compose.get("services") or {}

    @functools.cached_property
    def prometheus_config(self) -> dict[str, Any]:
        return _load_yaml_docs(self.deploy / "prometheus" / "prometheus.yml")[0]

    @functools.cached_property
    def alerts(self) -> dict[str, Any]:
        return _load_yaml_docs(self.deploy / "prometheus" / "alerts.yml")[0]

    @functools.cached_property
    def dashboard(self) -> dict[str, Any]:
        return json.loads((self.deploy / "grafana" / "dashboards" / "tally.json").read_text(encoding="utf-8"))

    @functools.cached_property
    def k8s_docs(self) -> list[tuple[Path, dict[str, Any]]]:
        out = []
        for p in sorted((self.deploy / "kubernetes").glob("*.y*ml")):
            if p.name == "kustomization.yaml":
                continue
            out += [(p, d) for d in _load_yaml_docs(p)]
        return out

    def k8s(self, kind: str) -> list[dict[str, Any]]:
        return [d for _, d in self.k8s_docs if isinstance(d, dict) and d.get("kind") == kind]

    @functools.cached_property
    def kustomization(self) -> dict[str, Any]:
        return _load_yaml_docs(self.deploy / "kubernetes" / "kustomization.yaml")[0]

    @functools.cached_property
    def dockerfile(self) -> list[tuple[str, str]]:
        return parse_dockerfile(self.read("Dockerfile"))

    # ---- derived facts ------------------------------------------------------------------

    def setting_default(self, key: str) -> str:
        return self.settings.defaults.get(key, "")

    def command_tokens(self, service: dict[str, Any]) -> list[str]:
        cmd = service.get("command")
        if cmd is None:
            return []
        return shlex.split(cmd) if isinstance(cmd, str) else [str(c) for c in cmd]

    def compose_role(self, command_name: str) -> tuple[str, dict[str, Any]] | None:
        """The service running `tally <command_name>` from the repository's image."""
        for name, svc in self.services.items():
            tokens = self.command_tokens(svc or {})
            if svc and svc.get("build") is not None and tokens and tokens[0] == command_name:
                return name, svc
        return None

    @property
    def worker_service(self) -> tuple[str, dict[str, Any]]:
        role = self.compose_role(self.run_command.command_name)
        if role is None:
            raise StaticError(f"no compose service runs `tally {self.run_command.command_name}` built from the repository")
        return role

    @property
    def lag_service(self) -> tuple[str, dict[str, Any]]:
        role = self.compose_role(self.lag_command.command_name)
        if role is None:
            raise StaticError(f"no compose service runs `tally {self.lag_command.command_name}` built from the repository")
        return role

    def effective_worker_settings(self, flags_tokens: list[str], env: dict[str, str], file: dict[str, str]) -> dict[str, str]:
        """Flags > environment (TALLY_<KEY>) > properties file > defaults, like RunCommand."""
        values, _ = self.run_command.parse(flags_tokens)
        flags = {}
        for prop, vals in values.items():
            key = self.run_flag_keys.get(prop)
            if key:
                flags[key] = "true" if vals[-1] is None else vals[-1]
            elif prop in self.run_flag_passthrough:
                for v in vals:
                    k, _, value = (v or "").partition("=")
                    flags[self.run_flag_passthrough[prop] + k] = value
        env_settings = {}
        for name, value in env.items():
            key = self.settings.env_to_key(name)
            if key:
                env_settings[key] = value
        merged = dict(self.settings.defaults)
        merged.update(file)
        merged.update(env_settings)
        merged.update(flags)
        return merged

    @staticmethod
    def compose_env(svc: dict[str, Any]) -> dict[str, str]:
        env = svc.get("environment") or {}
        if isinstance(env, list):
            out = {}
            for item in env:
                k, _, v = str(item).partition("=")
                out[k] = v
            return out
        return {str(k): "" if v is None else str(v) for k, v in env.items()}

    @functools.cached_property
    def compose_worker_settings(self) -> dict[str, str]:
        _, svc = self.worker_service
        return self.effective_worker_settings(self.command_tokens(svc)[1:], self.compose_env(svc), {})

    def serve_port(self, tokens: list[str]) -> int | None:
        values, _ = self.lag_command.parse(tokens[1:])
        serve = values.get("serve")
        if not serve or serve[-1] is None:
            return None
        m = re.fullmatch(r"(?:.*:)?(\d+)", serve[-1])
        return int(m.group(1)) if m else None

    def topic_partitions(self) -> dict[str, int]:
        """Topics created by the compose topic-creation service, with their partition counts."""
        out = {}
        for svc in self.services.values():
            text = " ".join(self.command_tokens(svc or {}) + [str(x) for x in ((svc or {}).get("entrypoint") or [])])
            for line in re.split(r"\n|&&|;", text):
                if "kafka-topics" in line and "--create" in line:
                    t = re.search(r"--topic[ =](\S+)", line)
                    p = re.search(r"--partitions[ =](\d+)", line)
                    if t:
                        out[t.group(1)] = int(p.group(1)) if p else 1
        return out

    # ---- Kubernetes helpers -------------------------------------------------------------

    def configmap_data(self, name: str) -> dict[str, str] | None:
        for cm in self.k8s("ConfigMap"):
            if cm.get("metadata", {}).get("name") == name:
                return {str(k): str(v) for k, v in (cm.get("data") or {}).items()}
        return None

    def container_env(self, pod: dict[str, Any], container: dict[str, Any], problems: list[str], where: str) -> tuple[dict[str, str], set[str]]:
        """(env with resolvable values, names whose value comes from a Secret)."""
        env: dict[str, str] = {}
        secret_names: set[str] = set()
        for src in container.get("envFrom") or []:
            ref = src.get("configMapRef")
            if ref:
                data = self.configmap_data(ref.get("name"))
                if data is None:
                    problems.append(f"{where}: envFrom ConfigMap {ref.get('name')!r} not defined in deploy/kubernetes")
                    continue
                prefix = src.get("prefix", "")
                for k, v in data.items():
                    if re.fullmatch(r"[A-Za-z_][A-Za-z0-9_]*", prefix + k):
                        env[prefix + k] = v
            elif src.get("secretRef"):
                problems.append(f"{where}: envFrom secretRef hides which variables are set; use secretKeyRef")
        for e in container.get("env") or []:
            name = e.get("name")
            if "value" in e:
                env[name] = str(e["value"])
            elif "valueFrom" in e:
                vf = e["valueFrom"]
                if "configMapKeyRef" in vf:
                    ref = vf["configMapKeyRef"]
                    data = self.configmap_data(ref.get("name"))
                    if data is None or ref.get("key") not in data:
                        problems.append(f"{where}: env {name}: ConfigMap key {ref.get('name')}/{ref.get('key')} does not exist")
                    else:
                        env[name] = data[ref["key"]]
                elif "secretKeyRef" in vf:
                    secret_names.add(name)
                    env.pop(name, None)
            else:
                problems.append(f"{where}: env {name} has neither value nor valueFrom")
        return env, secret_names

    def mounted_file(self, pod: dict[str, Any], container: dict[str, Any], path: str) -> str | None:
        """Contents of `path` when it is a ConfigMap key mounted into the container."""
        volumes = {v.get("name"): v for v in pod.get("volumes") or []}
        for vm in container.get("volumeMounts") or []:
            mount = vm.get("mountPath", "").rstrip("/")
            if not path.startswith(mount + "/"):
                continue
            rel = path[len(mount) + 1:]
            vol = volumes.get(vm.get("name")) or {}
            cm = vol.get("configMap")
            if not cm:
                continue
            data = self.configmap_data(cm.get("name")) or {}
            items = cm.get("items")
            if items:
                for it in items:
                    if it.get("path") == rel and it.get("key") in data:
                        return data[it["key"]]
            elif rel in data:
                return data[rel]
        return None

    def k8s_worker_deployments(self) -> list[dict[str, Any]]:
        return [d for d in self.k8s("Deployment") if self._deployment_command(d) == self.run_command.command_name]

    def k8s_lag_deployments(self) -> list[dict[str, Any]]:
        return [d for d in self.k8s("Deployment") if self._deployment_command(d) == self.lag_command.command_name]

    @staticmethod
    def containers(dep: dict[str, Any]) -> list[dict[str, Any]]:
        return ((dep.get("spec") or {}).get("template") or {}).get("spec", {}).get("containers") or []

    def _deployment_command(self, dep: dict[str, Any]) -> str | None:
        for c in self.containers(dep):
            tokens = [str(t) for t in (c.get("command") or []) + (c.get("args") or [])]
            if c.get("command") and Path(str(c["command"][0])).name == self.package["product"]:
                tokens = tokens[1:]
            if tokens:
                return tokens[0]
        return None

    def k8s_worker_settings(self, dep: dict[str, Any], problems: list[str]) -> dict[str, str]:
        name = dep["metadata"]["name"]
        pod = dep["spec"]["template"]["spec"]
        c = self.containers(dep)[0]
        env, _ = self.container_env(pod, c, problems, f"Deployment {name}")
        file: dict[str, str] = {}
        config_path = next((env[n] for n in self.settings.config_env if n in env), None)
        if config_path:
            text = self.mounted_file(pod, c, config_path)
            if text is None:
                problems.append(f"Deployment {name}: {config_path} (TALLY_CONFIG) is not a mounted ConfigMap key")
            else:
                file = parse_properties(text)
        args = [str(a) for a in c.get("args") or []]
        return self.effective_worker_settings(args[1:], env, file)


def port_of(container: dict[str, Any], port: Any) -> int | None:
    """A probe's or Service's port (number or name) resolved against the container's ports."""
    for p in container.get("ports") or []:
        if port == p.get("name") or (isinstance(port, int) and port == p.get("containerPort")):
            return int(p["containerPort"])
    return None


def copy_inputs(src: Path, dst: Path) -> None:
    """The files the checks read, copied for mutation tests (with the binary's --print-config output)."""
    captured = dst / Repo.PRINT_CONFIG
    captured.parent.mkdir(parents=True, exist_ok=True)
    captured.write_text(json.dumps(print_config(tally_binary()), indent=1), encoding="utf-8")
    for rel in ("Package.swift", "Dockerfile", ".dockerignore"):
        if (src / rel).exists():
            shutil.copy2(src / rel, dst / rel)
    shutil.copytree(src / "deploy", dst / "deploy", ignore=shutil.ignore_patterns("__pycache__"))
    for p in (src / "Sources").rglob("*.swift"):
        target = dst / p.relative_to(src)
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(p, target)


def kubectl_kustomize(path: Path) -> subprocess.CompletedProcess | None:
    kubectl = shutil.which("kubectl")
    if not kubectl:
        return None
    return subprocess.run([kubectl, "kustomize", str(path)], capture_output=True, text=True, timeout=120,
                          env={**os.environ, "KUBECONFIG": os.devnull})
