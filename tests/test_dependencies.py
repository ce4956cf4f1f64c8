"""Dependencies earn their place: every third-party module the product imports is declared in
`pyproject.toml`, every declared runtime dependency is imported (or named here with why it is not), the
lock pins what this environment runs, and test-only packages stay in the `dev` extra."""

from __future__ import annotations

import ast
import subprocess
import sys
import tomllib
from importlib import metadata
from pathlib import Path

from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

ROOT = Path(__file__).resolve().parents[1]
PRODUCT = ("intake", "extractors", "checklists", "models", "fixtures")
LOCAL = {*PRODUCT, "tests", "bench"}
LOADED_INDIRECTLY = {
    "psycopg": "the PostgreSQL driver SQLAlchemy loads for postgresql+psycopg:// URLs",
    "python-multipart": "FastAPI's form and upload parser",
}
TEST_ONLY = {"jsonschema", "hypothesis", "schemathesis", "playwright", "pytest", "httpx"}


def declared() -> tuple[set[str], set[str]]:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    runtime = {canonicalize_name(Requirement(r).name) for r in project["dependencies"]}
    dev = {canonicalize_name(Requirement(r).name) for r in project["optional-dependencies"]["dev"]}
    return runtime, dev


def imported_distributions(folders: tuple[str, ...]) -> dict[str, set[str]]:
    """Distribution → files of `folders` that import it (stdlib and the project's own modules left out)."""
    owners = metadata.packages_distributions()
    out: dict[str, set[str]] = {}
    for folder in folders:
        for path in (ROOT / folder).rglob("*.py"):
            for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
                if isinstance(node, ast.Import):
                    names = [a.name for a in node.names]
                elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                    names = [node.module]
                else:
                    continue
                for name in names:
                    top = name.split(".")[0]
                    if top in LOCAL or top in sys.stdlib_module_names:
                        continue
                    for dist in owners.get(top, [top]):
                        out.setdefault(canonicalize_name(dist), set()).add(str(path.relative_to(ROOT)))
    return out


def test_every_import_of_the_product_is_declared() -> None:
    runtime, dev = declared()
    used = imported_distributions(PRODUCT)
    fixtures_only = {d for d, files in used.items() if all(f.startswith("fixtures/") for f in files)}
    undeclared = {d: sorted(f) for d, f in used.items() if d not in runtime and not (d in dev and
                                                                                     d in fixtures_only)}
    assert undeclared == {}


def test_every_runtime_dependency_is_imported() -> None:
    runtime, _ = declared()
    used = imported_distributions(PRODUCT)
    unused = runtime - set(used) - set(LOADED_INDIRECTLY)
    assert unused == set()


def test_test_only_packages_are_not_runtime_dependencies() -> None:
    runtime, dev = declared()
    assert not runtime & TEST_ONLY
    assert dev >= TEST_ONLY


def test_lock_pins_this_environment() -> None:
    run = subprocess.run([sys.executable, str(ROOT / "scripts" / "lock.py"), "--check"], cwd=ROOT)
    assert run.returncode == 0, "requirements.lock differs from the environment: run `make lock`"
