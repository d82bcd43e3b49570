"""The house rules of issue #10 that a linter does not check: docstrings, short functions,
tests that never wait for real time."""

from __future__ import annotations

import ast
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = ROOT / "dashboard"
TESTS = ROOT / "tests"
LAYERS = ("cli", "data", "geocoding", "maps", "model", "outputs", "text", "timelines", "ui", "views")


def _modules(folder: Path) -> list[Path]:
    return sorted(p for p in folder.rglob("*.py") if "static" not in p.parts)


def test_every_module_says_what_it_is():
    missing = [
        str(p.relative_to(ROOT)) for p in _modules(PACKAGE) if not ast.get_docstring(ast.parse(p.read_text()))
    ]
    assert missing == []


def test_every_layer_is_a_package_that_says_what_it_may_import():
    for layer in LAYERS:
        doc = ast.get_docstring(ast.parse((PACKAGE / layer / "__init__.py").read_text())) or ""
        assert "import" in doc, layer


def test_no_long_function_without_a_reason():
    """Over ~60 lines only with a comment right above saying why."""
    long = []
    for path in _modules(PACKAGE):
        lines = path.read_text().splitlines()
        for node in ast.walk(ast.parse("\n".join(lines))):
            if isinstance(node, ast.FunctionDef) and node.end_lineno - node.lineno + 1 > 60:
                above = lines[node.lineno - 2] if node.lineno > 1 else ""
                if not above.lstrip().startswith("#"):
                    long.append(f"{path.relative_to(ROOT)}:{node.name}")
    assert long == []


def test_tests_never_wait_for_real_time():
    """No fixed waits: conditions (expect, wait_for_function) or an injected clock instead."""
    pattern = re.compile(r"wait_for_timeout\(|time\.sleep\(|^\s*sleep\(", re.M)
    offenders = [
        str(p.relative_to(ROOT))
        for p in _modules(TESTS)
        if p.name != "test_house_rules.py" and pattern.search(p.read_text())
    ]
    assert offenders == []
