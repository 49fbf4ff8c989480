#!/usr/bin/env python3
"""Fails when a crate depends on what the architecture says it must not (see DESIGN)."""

import json
import subprocess
import sys

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
    for problem in sorted(set(problems)):
        print(f"dependency direction: {problem}", file=sys.stderr)
    if not problems:
        print("dependency direction: ok")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
