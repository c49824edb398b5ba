"""Layering: core/ is headless (no Qt, no gui); gui/ does not talk to spaCy itself."""
from __future__ import annotations

import ast
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]


def python_files(package: str) -> list[Path]:
    files = sorted((REPO / package).rglob("*.py"))
    assert files, f"no Python files found under {package}/"
    return files


def imported_modules(path: Path) -> set[str]:
    """Every module an ``import`` or ``from ... import`` anywhere in the file names,
    including imports inside functions, classes and ``if TYPE_CHECKING`` blocks.
    Relative imports are resolved against the file's package."""
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    package = path.relative_to(REPO).with_suffix("").parts[:-1]
    modules: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            modules.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package[: len(package) - (node.level - 1)]
                prefix = ".".join(base)
                name = f"{prefix}.{node.module}" if node.module else prefix
            else:
                name = node.module or ""
            modules.add(name)
            # "from gui import x" / "from . import x" may import submodules.
            modules.update(f"{name}.{alias.name}" for alias in node.names)
        elif isinstance(node, ast.Call):
            # importlib.import_module("...") / __import__("...") with a literal name.
            func = node.func
            called = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", None)
            if called in ("import_module", "__import__") and node.args:
                first = node.args[0]
                if isinstance(first, ast.Constant) and isinstance(first.value, str):
                    modules.add(first.value)
    return modules


def top_level(module: str) -> str:
    return module.split(".")[0]


def offenders(package: str, forbidden: set[str]) -> dict[str, list[str]]:
    found = {}
    for path in python_files(package):
        bad = sorted(m for m in imported_modules(path) if top_level(m) in forbidden)
        if bad:
            found[str(path.relative_to(REPO))] = bad
    return found


def test_the_import_walker_sees_imports_at_every_depth(tmp_path, monkeypatch):
    """The checks below are only as good as the walker: make sure it can fail."""
    fake_repo = tmp_path
    (fake_repo / "core" / "sub").mkdir(parents=True)
    source = (
        "import os\n"
        "def later():\n"
        "    from PySide6.QtCore import Qt\n"
        "class A:\n"
        "    import gui.main_window as w\n"
        "if False:\n"
        "    import importlib; importlib.import_module('gui.app')\n"
        "from .. import gui\n"
    )
    path = fake_repo / "core" / "sub" / "mod.py"
    path.write_text(source, encoding="utf-8")
    monkeypatch.setattr(sys.modules[__name__], "REPO", fake_repo)
    modules = imported_modules(path)
    assert {"os", "PySide6.QtCore", "gui.main_window", "gui.app", "core.gui"} <= modules
    assert offenders("core", {"PySide6", "gui"}) == {
        "core/sub/mod.py": ["PySide6.QtCore", "PySide6.QtCore.Qt", "gui.app", "gui.main_window"]
    }


def test_the_walker_finds_the_real_imports_of_core():
    store_imports = imported_modules(REPO / "core" / "store.py")
    assert "sqlite_utils" in store_imports
    pipeline_imports = imported_modules(REPO / "core" / "nlp" / "pipeline.py")
    assert "spacy" in pipeline_imports


@pytest.mark.parametrize("forbidden", ["PySide6", "gui", "shiboken6"])
def test_core_does_not_import_qt_or_gui(forbidden):
    assert offenders("core", {forbidden}) == {}


def test_gui_does_not_import_spacy():
    assert offenders("gui", {"spacy", "thinc"}) == {}


def test_gui_uses_qt_and_core():
    """A sanity check that the gui/ scan looks at real code."""
    everything = set().union(*(imported_modules(path) for path in python_files("gui")))
    assert any(top_level(m) == "PySide6" for m in everything)
    assert any(top_level(m) == "core" for m in everything)
