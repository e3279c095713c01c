"""The layout is the pipeline: no import circles, small modules, and a README whose table of
folders matches the tree."""

import ast
import re
from pathlib import Path

from conftest import ROOT

PACKAGE = ROOT / "ingest"
MAX_LINES = 350


def modules() -> dict[str, Path]:
    out = {}
    for path in sorted(PACKAGE.rglob("*.py")):
        parts = path.relative_to(ROOT).with_suffix("").parts
        out[".".join(parts[:-1] if parts[-1] == "__init__" else parts)] = path
    return out


def imports(name: str, path: Path, known: dict) -> set[str]:
    """The project modules `name` imports, at module level or inside functions."""
    package = name if path.name == "__init__.py" else name.rsplit(".", 1)[0]
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")[:len(package.split(".")) - node.level + 1]
                module = ".".join(base + ([node.module] if node.module else []))
            else:
                module = node.module or ""
            for alias in node.names:
                found.add(f"{module}.{alias.name}" if f"{module}.{alias.name}" in known else module)
        elif isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
    return {m for m in found if m in known and m != name}


def test_no_module_imports_one_that_imports_it_back():
    known = modules()
    graph = {name: imports(name, path, known) for name, path in known.items()}
    circles = []
    for start in graph:
        stack, seen = [(start, [start])], set()
        while stack:
            node, trail = stack.pop()
            for nxt in graph[node]:
                if nxt == start:
                    circles.append(" -> ".join(trail + [start]))
                elif nxt not in seen:
                    seen.add(nxt)
                    stack.append((nxt, trail + [nxt]))
    assert not circles, circles


def test_the_cycle_check_sees_a_circle(tmp_path):
    """The check above can fail: two modules that import each other are found."""
    (tmp_path / "a.py").write_text("from .b import x\n")
    (tmp_path / "b.py").write_text("def f():\n    from .a import y\n")
    known = {"p.a": tmp_path / "a.py", "p.b": tmp_path / "b.py"}
    assert imports("p.a", known["p.a"], known) == {"p.b"}
    assert imports("p.b", known["p.b"], known) == {"p.a"}


def test_modules_are_small():
    long = {str(p.relative_to(ROOT)): n for p in PACKAGE.rglob("*.py")
            if (n := len(p.read_text(encoding="utf-8").splitlines())) > MAX_LINES}
    assert not long, f"modules over {MAX_LINES} lines: {long}"


def test_readme_table_of_folders_matches_the_tree():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    table = readme[readme.index("## How the data flows"):readme.index("## Commands")]
    rows = [line for line in table.splitlines() if line.startswith("| `")]
    named = set()
    for row in rows:
        first_cell = row.split(" | ")[0]
        for path in re.findall(r"`([^`]+)`", first_cell):
            named.add(path.rstrip("/"))
            assert (ROOT / path).exists(), f"the README names {path}, which is not in the tree"
    # every stage folder and top-level module of the package has its row
    for path in sorted(PACKAGE.iterdir()):
        if path.name.startswith(("_", ".")) or path.suffix not in ("", ".py"):
            continue
        assert f"ingest/{path.name}" in named, f"ingest/{path.name} has no row in the README's table"


def test_readme_names_every_module_of_a_stage_folder():
    """A stage folder's row names each of its modules, so the table is a map of the rooms."""
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    for folder in sorted(p for p in PACKAGE.iterdir() if p.is_dir() and not p.name.startswith(("_", "."))):
        row = next((line for line in readme.splitlines() if line.startswith(f"| `ingest/{folder.name}/`")), None)
        assert row is not None, f"ingest/{folder.name}/ has no row in the README's table"
        named = set(re.findall(r"`([^`]+)`", row))
        missing = [p.name for p in sorted(folder.iterdir())
                   if p.suffix in (".py", ".yml", ".sql") and p.name != "__init__.py" and p.name not in named]
        assert not missing, f"the README's row for ingest/{folder.name}/ does not name {missing}"
