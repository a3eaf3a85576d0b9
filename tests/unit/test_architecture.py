"""The layout's rules, checked on the source: no import cycle among the
project's modules (imports inside functions count), Flask only at the
edges, and domain packages never import an edge.

An import of `a.b.c` is an edge to the module `a.b.c` (or to the package
`a.b` when `c` is a name defined in it); a parent package's __init__ running
first is Python's business, not a dependency we wrote."""
from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PACKAGES = ("planner", "workers")
# Where Flask may be imported: the web pages, the JSON API, the workers,
# the app factory, the CLI and the extensions.
FLASK_LAYERS = ("planner.web", "planner.api", "workers", "planner.app", "planner.cli", "planner.commands",
                "planner.extensions")
FLASK_MODULES = ("flask", "flask_sqlalchemy", "flask_migrate", "flask_login", "flask_wtf", "werkzeug")
# Password hashing is a plain function that happens to ship with werkzeug.
FLASK_FREE_EXCEPTIONS = ("werkzeug.security",)
EDGES = ("planner.web", "planner.api", "workers", "planner.app", "planner.cli", "planner.commands")
DOMAIN = ("planner.people", "planner.library", "planner.assessments", "planner.programs", "planner.messaging",
          "planner.progress", "planner.caseload", "planner.models", "planner.local_time", "planner.vocabularies",
          "planner.time_zones", "planner.validation", "planner.inputs", "planner.config", "planner.demo")


def module_name(path: Path) -> str:
    parts = path.relative_to(ROOT).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def project_modules() -> dict[str, Path]:
    return {module_name(path): path for package in PACKAGES for path in (ROOT / package).rglob("*.py")}


def imports_of(name: str, path: Path, modules: dict[str, Path]) -> list[tuple[str, int]]:
    """(imported name, line) for every import in the file, at any depth."""
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    found = []
    for node in ast.walk(ast.parse(path.read_text(), str(path))):
        if isinstance(node, ast.Import):
            found += [(alias.name, node.lineno) for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.split(".")[: len(package.split(".")) - (node.level - 1)]
                base = ".".join(anchor + ([base] if base else []))
            for alias in node.names:
                # `from planner.messaging import texts`: the module, when it is one.
                candidate = f"{base}.{alias.name}"
                found.append((candidate if candidate in modules else base, node.lineno))
    return found


def project_target(imported: str, modules: dict[str, Path]) -> str | None:
    while imported:
        if imported in modules:
            return imported
        imported = imported.rpartition(".")[0]
    return None


def import_graph() -> dict[str, set[str]]:
    modules = project_modules()
    graph: dict[str, set[str]] = {name: set() for name in modules}
    for name, path in modules.items():
        for imported, _ in imports_of(name, path, modules):
            target = project_target(imported, modules)
            if target is not None and target != name:
                graph[name].add(target)
    return graph


def cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Strongly connected components of more than one module (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for nxt in sorted(graph[node]):
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
                found.append(sorted(component))

    for node in sorted(graph):
        if node not in index:
            visit(node)
    return found


def within(name: str, layers: tuple[str, ...]) -> bool:
    return any(name == layer or name.startswith(layer + ".") for layer in layers)


def test_no_import_cycles_among_the_projects_modules():
    assert cycles(import_graph()) == []


def test_the_cycle_finder_sees_a_cycle():
    assert cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c"]]


def test_flask_is_imported_only_at_the_edges():
    modules = project_modules()
    offenders = []
    for name, path in modules.items():
        if within(name, FLASK_LAYERS):
            continue
        for imported, line in imports_of(name, path, modules):
            if within(imported, FLASK_MODULES) and not within(imported, FLASK_FREE_EXCEPTIONS):
                offenders.append(f"{path.relative_to(ROOT)}:{line} imports {imported}")
        if "current_app" in path.read_text():
            offenders.append(f"{path.relative_to(ROOT)} reads current_app")
    assert offenders == []


def test_domain_packages_never_import_an_edge():
    graph = import_graph()
    offenders = [f"{name} imports {target}" for name, targets in sorted(graph.items()) if within(name, DOMAIN)
                 for target in sorted(targets) if within(target, EDGES)]
    assert offenders == []
