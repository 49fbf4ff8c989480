#!/usr/bin/env python3
"""Fails when a crate depends on what the architecture says it must not (see
ARCHITECTURE.md), or when modules of one crate import each other in a circle."""

import json
import re
import subprocess
import sys
from pathlib import Path

# Which workspace crates each crate may depend on (normal dependencies).
ALLOWED_WORKSPACE = {
    "rookery-entity": set(),
    "rookery-migration": set(),
    "rookery-domain": {"rookery-entity", "rookery-migration"},
    "rookery-federation": {"rookery-domain", "rookery-entity"},
    "rookery-jobs": {"rookery-domain", "rookery-federation"},
    "rookery-server": {"rookery-domain", "rookery-federation", "rookery-jobs"},
    "rookery-e2e": {"rookery-domain"},
    # Benchmarks seed databases through the domain and time signing as federation signs.
    "rookery-bench": {"rookery-domain", "rookery-federation"},
    # The fuzzer runs what the domain and federation read from outside.
    "rookery-fuzz": {"rookery-domain", "rookery-federation"},
}
# sea-orm is spoken only here.
SEA_ORM_USERS = {"rookery-entity", "rookery-domain", "rookery-migration"}
# The domain knows nothing of the web, GraphQL, queues or Redis, even transitively.
DOMAIN_FORBIDDEN = ("poem", "async-graphql", "apalis", "redis")


# `use crate::a::b`, `crate::a::b::c(...)`, `super::a`: the paths a module takes from others.
PATH = re.compile(r"\b(crate|super)((?:::[A-Za-z_][A-Za-z0-9_]*)+)")
TEST_MODULE = re.compile(r"#\[cfg\(test\)\]\s*(?:pub(?:\([a-z]+\))?\s+)?mod\s+\w+\s*\{")


def without_comments_and_tests(source: str) -> str:
    """The code of a file without line comments or inline test modules."""
    source = re.sub(r"//[^\n]*", "", source)
    while match := TEST_MODULE.search(source):
        depth, end = 0, match.end() - 1
        for end in range(match.end() - 1, len(source)):
            depth += {"{": 1, "}": -1}.get(source[end], 0)
            if depth == 0:
                break
        source = source[: match.start()] + source[end + 1 :]
    return source


USE = re.compile(r"\buse\s+((?:crate|super)\b[^;]*);")


def expand_use(tree: str) -> list[str]:
    """The paths a use tree names: `a::{b, c::{d}}` gives `a::b`, `a::c::d`."""
    tree = re.sub(r"\s+", "", tree)
    if "{" not in tree:
        return [tree.split(" as ")[0]]
    head, rest = tree.split("{", 1)
    body = rest[: rest.rfind("}")]
    parts, depth, current = [], 0, ""
    for ch in body:
        if ch == "," and depth == 0:
            parts.append(current)
            current = ""
            continue
        depth += {"{": 1, "}": -1}.get(ch, 0)
        current += ch
    parts.append(current)
    return [p for part in parts if part for p in expand_use(head + part)]


def paths_of(code: str) -> list[tuple[str, str]]:
    """(`crate` or `super`, `::a::b…`) for every path the code names."""
    found = []
    for tree in USE.findall(code):
        for path in expand_use(tree):
            root, _, rest = path.partition("::")
            found.append((root, "::" + rest if rest else ""))
    found += PATH.findall(USE.sub("", code))
    return found


def module_of(src: Path, file: Path) -> tuple[str, ...]:
    parts = file.relative_to(src).with_suffix("").parts
    if parts[-1] in ("mod", "lib", "main"):
        parts = parts[:-1]
    return tuple(parts)


def import_cycles(src: Path) -> list[list[str]]:
    """Circles of imports among the modules (files) of the crate whose sources are `src`."""
    files = {module_of(src, f): f for f in sorted(src.rglob("*.rs")) if "bin" not in f.relative_to(src).parts}
    edges: dict[tuple[str, ...], set[tuple[str, ...]]] = {m: set() for m in files}
    for module, file in files.items():
        is_dir_module = file.stem in ("mod", "lib", "main")
        for root, path in paths_of(without_comments_and_tests(file.read_text())):
            names = tuple(n for n in path.split("::")[1:] if n not in ("self", "*"))
            if root == "crate":
                base: tuple[str, ...] = ()
            else:
                base = module if is_dir_module else module[:-1]
                while names and names[0] == "super":
                    names, base = names[1:], base[:-1]
            target = base + names
            while target and target not in files:
                target = target[:-1]
            if target != module and target in files and target != ():
                edges[module].add(target)
    # Tarjan's strongly connected components.
    index: dict[tuple[str, ...], int] = {}
    low: dict[tuple[str, ...], int] = {}
    stack: list[tuple[str, ...]] = []
    on_stack: set[tuple[str, ...]] = set()
    cycles = []

    def visit(node: tuple[str, ...]) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for nxt in sorted(edges[node]):
            if nxt not in index:
                visit(nxt)
                low[node] = min(low[node], low[nxt])
            elif nxt in on_stack:
                low[node] = min(low[node], index[nxt])
        if low[node] == index[node]:
            component = []
            while True:
                member = stack.pop()
                on_stack.discard(member)
                component.append(member)
                if member == node:
                    break
            if len(component) > 1:
                cycles.append(sorted(str(files[m]) for m in component))

    sys.setrecursionlimit(10_000)
    for node in sorted(edges):
        if node not in index:
            visit(node)
    return cycles


def main() -> int:
    metadata = json.loads(
        subprocess.run(
            ["cargo", "metadata", "--format-version", "1", "--no-deps"],
            check=True,
            capture_output=True,
            text=True,
        ).stdout
    )
    problems = []
    for package in metadata["packages"]:
        name = package["name"]
        if name not in ALLOWED_WORKSPACE:
            problems.append(f"{name}: not in the dependency rules; add it to this script")
            continue
        for dep in package["dependencies"]:
            dep_name = dep["name"]
            if dep.get("kind") == "dev" and dep_name.startswith("rookery-"):
                continue
            if dep_name.startswith("rookery-") and dep_name not in ALLOWED_WORKSPACE[name]:
                problems.append(f"{name} must not depend on {dep_name}")
            if dep_name.startswith("sea-orm") and name not in SEA_ORM_USERS:
                problems.append(f"{name} must not use {dep_name} (only {sorted(SEA_ORM_USERS)})")
    tree = subprocess.run(
        ["cargo", "tree", "-p", "rookery-domain", "-e", "normal", "--prefix", "none", "--format", "{p}"],
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    for line in tree.splitlines():
        crate = line.split(" ")[0]
        if any(crate == f or crate.startswith(f + "-") or crate.startswith(f + "_") for f in DOMAIN_FORBIDDEN):
            problems.append(f"rookery-domain depends (transitively) on {crate}")
    for package in metadata["packages"]:
        src = Path(package["manifest_path"]).parent / "src"
        if src.is_dir():
            for cycle in import_cycles(src):
                problems.append(f"{package['name']}: modules import each other in a circle: {', '.join(cycle)}")
    for problem in sorted(set(problems)):
        print(f"dependency direction: {problem}", file=sys.stderr)
    if not problems:
        print("dependency direction: ok")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
