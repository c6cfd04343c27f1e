"""The package's layout shows its parts: layers import one way, no cycles, small functions."""

from __future__ import annotations

import ast
from pathlib import Path

SRC = Path(__file__).resolve().parents[1] / "src" / "handbook"

#: Each part and its layer: a module imports only from its own part or a lower layer.
LAYERS = {
    "errors": 0,
    "messages": 0,
    "project": 0,
    "model": 1,
    "load": 2,
    "registers": 3,
    "validate": 4,
    "blanks": 4,
    "indicators": 5,
    "due": 5,
    "outputs": 5,
    "export": 5,
    "site": 6,
    "checker": 6,
    "fill": 6,
    "cli": 7,
    "__main__": 8,
    "__init__": 0,
}
MAX_LOOSE_MODULES = 8
MAX_FUNCTION_LINES = 120


def _module_name(path: Path) -> str:
    parts = list(path.relative_to(SRC.parent).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def _imports() -> dict[str, set[str]]:
    graph: dict[str, set[str]] = {}
    for path in SRC.rglob("*.py"):
        name = _module_name(path)
        found = graph.setdefault(name, set())
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
                if node.module.startswith("handbook"):
                    found.add(node.module)
                    found.update(
                        f"{node.module}.{a.name}"
                        for a in node.names
                        if (SRC.parent / node.module.replace(".", "/") / f"{a.name}.py").exists()
                    )
            elif isinstance(node, ast.Import):
                found.update(a.name for a in node.names if a.name.startswith("handbook"))
    return graph


IMPORTS = _imports()


def _part(module: str) -> str:
    parts = module.split(".")
    return parts[1] if len(parts) > 1 else "__init__"


def test_layers_import_one_way() -> None:
    wrong = [
        f"{module} imports {target}"
        for module, targets in IMPORTS.items()
        for target in targets
        if _part(target) != _part(module) and LAYERS[_part(target)] > LAYERS[_part(module)]
    ]
    assert not wrong, "imports against the layers (model → load → … → site, cli):\n" + "\n".join(
        wrong
    )


def test_every_part_has_a_layer() -> None:
    parts = {p.stem if p.is_file() else p.name for p in SRC.iterdir() if p.name != "__pycache__"}
    parts = {p for p in parts if not p.startswith(".") and p != "py"}
    assert parts <= set(LAYERS) | {"_shipped"}, parts - set(LAYERS)


def test_no_import_cycle() -> None:
    imports = IMPORTS
    # a package imports its own submodules to re-export them: that is not a cycle
    edges = {
        m: {t for t in ts if t in imports and t != m and not t.startswith(m + ".")}
        for m, ts in imports.items()
    }
    state: dict[str, int] = {}
    cycles: list[list[str]] = []

    def visit(node: str, stack: list[str]) -> None:
        state[node] = 1
        for nxt in sorted(edges.get(node, ())):
            if state.get(nxt) == 1:
                cycles.append(stack[stack.index(nxt) :] + [nxt] if nxt in stack else [node, nxt])
            elif nxt not in state:
                visit(nxt, [*stack, nxt])
        state[node] = 2

    for module in sorted(edges):
        if module not in state:
            visit(module, [module])
    assert not cycles, "import cycles: " + "; ".join(" → ".join(c) for c in cycles)


def test_few_loose_modules() -> None:
    loose = [p.name for p in SRC.glob("*.py")]
    assert len(loose) <= MAX_LOOSE_MODULES, loose


def test_no_long_function() -> None:
    long = []
    for path in SRC.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
                length = (node.end_lineno or node.lineno) - node.lineno + 1
                if length > MAX_FUNCTION_LINES:
                    long.append(f"{path.relative_to(SRC)}:{node.lineno} {node.name} ({length})")
    assert not long, f"functions over {MAX_FUNCTION_LINES} lines: {long}"
