"""The house rules, read from the code's own imports: rooms import downward only, and no module imports itself
back through others. `python -m pytest tests/test_architecture.py -v` shows it for anyone."""

from __future__ import annotations

import ast
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
# Repository folder -> its import package (pyproject.toml maps them at build time).
ROOMS = {"db": "jobfit.db", "crawler": "jobfit.crawler", "matcher": "jobfit.matcher", "jobfit": "jobfit"}
# Which rooms each room may import: db none, crawler and matcher db, the command line all of them.
ALLOWED = {"jobfit.db": set(), "jobfit.crawler": {"jobfit.db"}, "jobfit.matcher": {"jobfit.db"},
           "jobfit": {"jobfit.db", "jobfit.crawler", "jobfit.matcher"}}


def module_name(path: Path) -> str:
    folder, *rest = path.relative_to(REPO).with_suffix("").parts
    name = ".".join([ROOMS[folder], *rest])
    return name.removesuffix(".__init__")


def modules() -> dict[str, Path]:
    return {module_name(p): p for folder in ROOMS for p in (REPO / folder).rglob("*.py")}


def room(module: str) -> str:
    return next(r for r in sorted(ALLOWED, key=len, reverse=True) if module == r or module.startswith(r + "."))


def imports(path: Path, name: str) -> set[str]:
    """The jobfit modules a file imports, anywhere in it (inside functions too)."""
    found = set()
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found.update(a.name for a in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                parts = package.split(".")[:len(package.split(".")) - node.level + 1]
                base = ".".join(parts + ([base] if base else []))
            found.add(base)
            found.update(f"{base}.{a.name}" for a in node.names)
    return {m for m in found if m == "jobfit" or m.startswith("jobfit.")}


def test_every_repository_folder_is_a_room_of_the_one_package():
    assert {"jobfit.crawler.spiders.ashby", "jobfit.matcher.score", "jobfit.db.queries", "jobfit.cli"} <= set(modules())
    assert not (REPO / "jobfit" / "crawler").exists()  # the rooms stay top-level folders


def test_rooms_import_only_the_rooms_below_them():
    known = modules()
    upward = [f"{name} imports {target}" for name, path in known.items() for target in imports(path, name)
              if target in known and room(target) != room(name) and room(target) not in ALLOWED[room(name)]]
    assert upward == []


def test_no_import_circle():
    known = modules()
    graph = {name: {t for t in imports(path, name) if t in known and t != name} for name, path in known.items()}
    # A package's own __init__ is imported by its children as a matter of course: not an arrow back.
    graph = {n: {t for t in ts if not n.startswith(t + ".")} for n, ts in graph.items()}
    state: dict[str, int] = {}
    circles = []

    def visit(node, trail):
        state[node] = 1
        for target in sorted(graph[node]):
            if state.get(target) == 1:
                circles.append(" -> ".join(trail[trail.index(target):] + [target]))
            elif target not in state:
                visit(target, trail + [target])
        state[node] = 2

    for name in sorted(graph):
        if name not in state:
            visit(name, [name])
    assert circles == []
