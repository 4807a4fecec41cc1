"""Static model of Tally's sources and deployment files, for Tests/deploy/test_deploy.py.

Truth comes from the built `tally` binary and the Swift sources, read at test time (never copied here):
- CLI flags and subcommands: swift-argument-parser's `tally --experimental-dump-help` JSON;
- settings keys, flags, environment names, defaults, the `kafka.` pass-through and the config
  file variable: `tally run --print-config --format json`; values are validated by the binary
  itself (`tally run --print-config` with the value in the environment); the lag exporter's
  environment: the `env …` names in `tally lag`'s own help;
- metric names: string literals `"tally_…"` under Sources/ (timers/histograms also allow
  `_bucket/_sum/_count`); the lag exporter's own names: Sources/Operations/Lag/;
- HTTP routes: TelemetryServer.swift.

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
from typing import Any, Iterable

import yaml

# --------------------------------------------------------------------------------------------
# Constants that are not in this repository's sources (external libraries and tools).
# --------------------------------------------------------------------------------------------

# swift-log's Logger.Level raw values (log.level).
SWIFT_LOG_LEVELS = {"trace", "debug", "info", "notice", "warning", "error", "critical"}
# Series Prometheus synthesizes for every scrape target.
PROMETHEUS_BUILTIN_SERIES = {"up"}
HISTOGRAM_SUFFIXES = ("_bucket", "_sum", "_count")
# Debian's runtime package of librdkafka-dev (the build dependency named in Package.swift).
RUNTIME_LIBRDKAFKA_PACKAGE = "librdkafka1"
PROMQL_KEYWORDS = {
    "by", "without", "on", "ignoring", "group_left", "group_right", "and", "or", "unless",
    "bool", "offset", "inf", "nan", "atan2", "start", "end",
}
ROOT_USERS = {"root", "0"}


class StaticError(Exception):
    pass


# --------------------------------------------------------------------------------------------
# Swift source scanning
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


def camel(flag: str) -> str:
    """`input-topic` → `inputTopic`: the Swift property swift-argument-parser derives the flag from."""
    head, *rest = flag.split("-")
    return head + "".join(w[:1].upper() + w[1:] for w in rest)


class CLIOption:
    def __init__(self, prop: str, names: list[str], takes_value: bool):
        self.prop = prop
        self.names = names
        self.takes_value = takes_value

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


def tally_binary(root: Path) -> Path:
    """The built `tally` (`make test` builds it before pytest); TALLY_BINARY overrides."""
    override = os.environ.get("TALLY_BINARY")
    path = Path(override) if override else Path(root) / ".build" / "debug" / "tally"
    if not path.exists():
        raise StaticError(f"{path} not found: build it first (swift build --product tally)")
    return path


def run_tally(binary: Path, args: list[str], env: dict[str, str] | None = None) -> subprocess.CompletedProcess:
    """Runs the binary with only `env` (plus PATH/HOME) in its environment: nothing of the caller's TALLY_*."""
    base = {k: v for k, v in os.environ.items() if k in ("PATH", "HOME", "LANG")}
    return subprocess.run([str(binary), *args], capture_output=True, text=True, timeout=60, env={**base, **(env or {})})


def cli_json(binary: Path, args: list[str]) -> Any:
    r = run_tally(binary, args)
    if r.returncode != 0:
        raise StaticError(f"tally {' '.join(args)} exited {r.returncode}: {r.stderr[-800:]}")
    return json.loads(r.stdout)


def _dump_command(dump: dict[str, Any], path: list[str]) -> dict[str, Any]:
    cmd = dump["command"]
    for name in path:
        cmd = next((c for c in cmd.get("subcommands") or [] if c.get("commandName") == name), None)
        if cmd is None:
            raise StaticError(f"no subcommand {name!r} in tally --experimental-dump-help")
    return cmd


def command_from_dump(dump: dict[str, Any], command_name: str, type_name: str) -> CLICommand:
    """A subcommand's options, as swift-argument-parser reports them (--experimental-dump-help)."""
    cmd = _dump_command(dump, [command_name])
    options: list[CLIOption] = []
    positionals = 0
    for arg in cmd.get("arguments") or []:
        names = [("--" if n["kind"] == "long" else "-") + n["name"] for n in arg.get("names") or []]
        if arg["kind"] == "positional":
            positionals += 10**6 if arg.get("isRepeating") else 1
            continue
        if set(names) & {"--help", "-h", "--version"}:
            continue
        long = next((n[2:] for n in names if n.startswith("--")), names[0].lstrip("-"))
        options.append(CLIOption(camel(long), names, arg["kind"] == "option"))
    return CLICommand(type_name, cmd["commandName"], options, positionals)


# --------------------------------------------------------------------------------------------
# Settings (WorkerConfiguration / Settings)
# --------------------------------------------------------------------------------------------

class SettingsModel:
    """`tally run --print-config --format json`: [{key, flag, env, value, source, default, secret}].

    Besides the table's settings it lists `config` (the properties file: --config / TALLY_CONFIG)
    and `kafka.*` (the librdkafka pass-through) with their flag and environment names."""

    def __init__(self, entries: list[dict[str, Any]], binary: Path | None):
        self.binary = binary
        self.entries = {e["key"]: e for e in entries}
        rows = [e for e in entries if e["key"] != "config" and not e["key"].endswith("*")
                and not e["key"].startswith(self._pattern(entries)[0])]
        self.keys: set[str] = {e["key"] for e in rows}
        self.passthrough_prefix, env_pattern = self._pattern(entries)
        row = rows[0]
        self.env_prefix = row["env"][: len(row["env"]) - len(row["key"])]
        for e in rows:
            if e["env"] != self.env_prefix + e["key"].upper().replace(".", "_"):
                raise StaticError(f"print-config: {e['key']} has environment name {e['env']} (expected one mapping)")
        if env_pattern != self.env_prefix + self.passthrough_prefix.upper().replace(".", "_"):
            raise StaticError(f"print-config: pass-through environment {env_pattern}* does not follow the mapping")
        config = self.entries.get("config")
        self.config_env: set[str] = {config["env"]} if config else set()
        self.env_excluded = set(self.config_env)
        self.defaults: dict[str, str] = {e["key"]: e["default"] for e in rows if e["default"] is not None}
        self.flags: dict[str, str] = {e["flag"]: e["key"] for e in rows if e["flag"]}

    @staticmethod
    def _pattern(entries: list[dict[str, Any]]) -> tuple[str, str]:
        p = next((e for e in entries if e["key"].endswith("*")), None)
        if p is None:
            raise StaticError("print-config lists no pass-through pattern (key ending in *)")
        return p["key"][:-1], p["env"][:-1]

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
    r = run_tally(Path(binary), ["run", "--print-config", "--format", "json"], {env_name: value})
    if r.returncode == 0:
        return None
    return (r.stderr.strip().splitlines() or [f"exit {r.returncode}"])[-1]


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

def promql_metric_names(expr: str) -> set[str]:
    """Metric names (selectors) in a PromQL expression; functions, keywords and labels excluded."""
    s = re.sub(r'"(?:\\.|[^"\\])*"|\'(?:\\.|[^\'\\])*\'|`[^`]*`', '""', expr)
    s = re.sub(r"\{[^{}]*\}", " ", s)
    s = re.sub(r"\[[^\]]*\]", " ", s)
    s = re.sub(r"\b(by|without|on|ignoring|group_left|group_right)\s*\([^)]*\)", " ", s)
    names = set()
    for m in re.finditer(r"(?<![\w.$])([a-zA-Z_:][a-zA-Z0-9_:]*)(\s*\()?", s):
        if m.group(2) or m.group(1) in PROMQL_KEYWORDS:
            continue
        names.add(m.group(1))
    return names


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


def promql_balanced(expr: str) -> bool:
    s = re.sub(r'"(?:\\.|[^"\\])*"', '""', expr)
    stack = []
    pairs = {")": "(", "]": "[", "}": "{"}
    for c in s:
        if c in "([{":
            stack.append(c)
        elif c in ")]}":
            if not stack or stack.pop() != pairs[c]:
                return False
    return not stack


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
    def swift_sources(self) -> dict[Path, str]:
        return {p: p.read_text(encoding="utf-8") for p in sorted((self.root / "Sources").rglob("*.swift"))}

    @functools.cached_property
    def tally_sources(self) -> dict[Path, str]:
        base = self.root / "Sources" / "tally"
        return {p: t for p, t in self.swift_sources.items() if base in p.parents}

    # ---- the built binary (CLI and settings) -------------------------------------------

    CLI_DIR = ".tally-cli"  # captured outputs in mutation-test copies (see copy_inputs)

    @functools.cached_property
    def binary(self) -> Path | None:
        captured = self.root / self.CLI_DIR / "binary"
        if captured.exists():
            return Path(captured.read_text(encoding="utf-8").strip())
        return tally_binary(self.root)

    def _cli(self, name: str, args: list[str]) -> Any:
        captured = self.root / self.CLI_DIR / name
        if captured.exists():
            return json.loads(captured.read_text(encoding="utf-8"))
        return cli_json(self.binary, args)

    @functools.cached_property
    def dump_help(self) -> dict[str, Any]:
        return self._cli("dump-help.json", ["--experimental-dump-help"])

    @functools.cached_property
    def print_config(self) -> list[dict[str, Any]]:
        return self._cli("print-config.json", ["run", "--print-config", "--format", "json"])

    @functools.cached_property
    def run_command(self) -> CLICommand:
        return command_from_dump(self.dump_help, "run", "RunCommand")

    @functools.cached_property
    def lag_command(self) -> CLICommand:
        return command_from_dump(self.dump_help, "lag", "LagCommand")

    @functools.cached_property
    def registered_subcommands(self) -> set[str]:
        """Type names (RunCommand …) of the subcommands the binary has."""
        return {camel(c["commandName"])[:1].upper() + camel(c["commandName"])[1:] + "Command"
                for c in self.dump_help["command"].get("subcommands") or []}

    @functools.cached_property
    def run_flag_keys(self) -> dict[str, str]:
        """RunCommand property → settings key (print-config's flag of each setting)."""
        return {camel(flag[2:]): key for flag, key in self.settings.flags.items()}

    @functools.cached_property
    def run_flag_passthrough(self) -> dict[str, str]:
        """RunCommand property → settings prefix of its key=value pairs (`--kafka-property`)."""
        p = next(e for e in self.print_config if e["key"].endswith("*"))
        return {camel(p["flag"][2:]): p["key"][:-1]}

    @functools.cached_property
    def settings(self) -> SettingsModel:
        return SettingsModel(self.print_config, self.binary)

    @functools.cached_property
    def lag_env(self) -> tuple[set[str], set[str]]:
        """(exact names, prefixes) of environment variables `tally lag` reads: the `env …` in its help."""
        cmd = _dump_command(self.dump_help, ["lag"])
        names: set[str] = set()
        prefixes: set[str] = set()
        for arg in cmd.get("arguments") or []:
            for m in re.finditer(r"\benv (" + re.escape(self.settings.env_prefix) + r"[A-Z0-9_]*)(<\w+>)?", arg.get("abstract") or ""):
                (prefixes if m.group(2) else names).add(m.group(1))
        return names, prefixes

    @functools.cached_property
    def telemetry_routes(self) -> dict[str, str]:
        """Route → the health property it reports (`/healthz` → isAlive …)."""
        text = self.read("Sources/Telemetry/TelemetryServer.swift")
        routes = {}
        matches = list(re.finditer(r'router\.get\("([^"]+)"\)', text))
        for i, m in enumerate(matches):
            end = matches[i + 1].start() if i + 1 < len(matches) else min(len(text), m.end() + 400)
            h = re.search(r"health\.(\w+)", text[m.end():end])
            routes[m.group(1)] = h.group(1) if h else ""
        return routes

    @functools.cached_property
    def emitted_metrics(self) -> set[str]:
        names = set()
        for text in self.swift_sources.values():
            names |= set(re.findall(r'"(tally_[a-z0-9_]+)"', text))
        return names

    @functools.cached_property
    def histogram_metrics(self) -> set[str]:
        names = set()
        for text in self.swift_sources.values():
            names |= set(re.findall(r'\b(?:Timer|Histogram|DurationHistogram|ValueHistogram|Summary)\s*\(\s*label:\s*"(tally_[a-z0-9_]+)"', text))
            names |= set(re.findall(r'make\w*Histogram\(\s*name:\s*"(tally_[a-z0-9_]+)"', text))
        return names

    @functools.cached_property
    def lag_exporter_metrics(self) -> set[str]:
        base = self.root / "Sources" / "Operations" / "Lag"
        names = set()
        for p, text in self.swift_sources.items():
            if base in p.parents:
                names |= set(re.findall(r'"(tally_[a-z0-9_]+)"', text))
        return names

    @functools.cached_property
    def lag_statuses(self) -> set[str]:
        for text in self.swift_sources.values():
            m = re.search(r"enum\s+LagStatus\b[^{]*\{(.*?)\n\}", text, re.S)
            if m:
                return set(re.findall(r'case\s+\w+\s*=\s*"([^"]+)"', m.group(1)))
        raise StaticError("enum LagStatus not found")

    @functools.cached_property
    def dead_letter_classes(self) -> set[str]:
        for text in self.swift_sources.values():
            m = re.search(r"enum\s+ErrorClass\b[^{]*\{(.*?)\n    \}", text, re.S)
            if m:
                return set(re.findall(r'case\s+\w+\s*=\s*"([^"]+)"', m.group(1)))
        raise StaticError("enum ErrorClass not found")

    def metric_problems(self, names: Iterable[str], where: str, allowed: set[str] | None = None) -> list[str]:
        emitted = self.emitted_metrics if allowed is None else allowed
        out = []
        for name in sorted(set(names)):
            if name in PROMETHEUS_BUILTIN_SERIES and allowed is None:
                continue
            if name in emitted:
                continue
            base = next((name[: -len(s)] for s in HISTOGRAM_SUFFIXES if name.endswith(s)), None)
            if base and base in self.histogram_metrics and base in emitted:
                continue
            who = "Tally (no such name in Sources/)" if allowed is None else "the lag exporter (Sources/Operations/Lag/)"
            out.append(f"{where}: metric `{name}` is not emitted by {who}")
        return out

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
    """The files the checks read, copied for mutation tests, with the binary's CLI outputs captured."""
    repo = Repo(src)
    cli = dst / Repo.CLI_DIR
    cli.mkdir(parents=True, exist_ok=True)
    (cli / "dump-help.json").write_text(json.dumps(repo.dump_help, indent=1), encoding="utf-8")
    (cli / "print-config.json").write_text(json.dumps(repo.print_config, indent=1), encoding="utf-8")
    (cli / "binary").write_text(str(repo.binary), encoding="utf-8")
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
