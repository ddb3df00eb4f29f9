"""The project's import graph between top-level packages, read from the source (AST).

Every ``import`` and ``from … import`` counts, those inside functions too (a deferred
import is still a dependency, only hidden from the interpreter at start-up); migrations
and tests are left out (a migration names the apps it depends on by design). Used by
``test_layers.py`` and runnable on its own to print the figures:
``python -m tests.architecture.importgraph``.
"""

from __future__ import annotations

import ast
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SKIPPED_DIRS = {".venv", "node_modules", "tests", "migrations", "static", "templates", "locale", "bench", "scripts", "deploy", "docs", "artifacts", "media"}


def project_packages(root: Path = ROOT) -> set[str]:
    """Top-level packages of the project: directories at the root with an ``__init__.py``."""
    return {
        path.name
        for path in root.iterdir()
        if path.is_dir() and (path / "__init__.py").exists() and path.name not in SKIPPED_DIRS
    }


def _module_name(path: Path, root: Path) -> str:
    parts = list(path.relative_to(root).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def _imported_names(tree: ast.AST, module: str, is_package: bool) -> list[str]:
    names = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.extend(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = module.split(".")
                if not is_package:
                    base = base[:-1]
                base = base[: len(base) - (node.level - 1)]
                target = ".".join(base + ([node.module] if node.module else []))
            else:
                target = node.module or ""
            names.append(target)
            names.extend(f"{target}.{alias.name}" for alias in node.names)
    return names


@dataclass
class ImportGraph:
    """Edges between top-level packages, each with the modules that make it."""

    packages: set[str]
    edges: dict[tuple[str, str], set[str]] = field(default_factory=lambda: defaultdict(set))

    def successors(self, package: str) -> set[str]:
        return {target for (source, target) in self.edges if source == package}

    def cycles(self) -> list[set[str]]:
        """Strongly connected components of more than one package (Tarjan)."""
        index: dict[str, int] = {}
        low: dict[str, int] = {}
        stack: list[str] = []
        on_stack: set[str] = set()
        components: list[set[str]] = []
        counter = [0]

        def visit(node: str) -> None:
            index[node] = low[node] = counter[0]
            counter[0] += 1
            stack.append(node)
            on_stack.add(node)
            for succ in sorted(self.successors(node)):
                if succ not in index:
                    visit(succ)
                    low[node] = min(low[node], low[succ])
                elif succ in on_stack:
                    low[node] = min(low[node], index[succ])
            if low[node] == index[node]:
                component = set()
                while True:
                    member = stack.pop()
                    on_stack.discard(member)
                    component.add(member)
                    if member == node:
                        break
                if len(component) > 1:
                    components.append(component)

        for package in sorted(self.packages):
            if package not in index:
                visit(package)
        return components


def build_graph(root: Path = ROOT) -> ImportGraph:
    packages = project_packages(root)
    graph = ImportGraph(packages=packages)
    for package in packages:
        for path in (root / package).rglob("*.py"):
            if set(path.relative_to(root).parts) & SKIPPED_DIRS:
                continue
            module = _module_name(path, root)
            tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
            for name in _imported_names(tree, module, path.name == "__init__.py"):
                target = name.split(".")[0]
                if target in packages and target != package:
                    graph.edges[(package, target)].add(module)
    return graph


def main() -> None:
    graph = build_graph()
    print(f"{len(graph.packages)} packages, {len(graph.edges)} edges between them")
    for component in graph.cycles():
        print(f"cycle of {len(component)}: {', '.join(sorted(component))}")
    for package in sorted(graph.packages):
        print(f"{package} -> {', '.join(sorted(graph.successors(package))) or '-'}")


if __name__ == "__main__":
    main()
