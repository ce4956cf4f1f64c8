"""Write `requirements.lock`: the exact versions, in this environment, of the project's dependencies and
its `dev` extra, with everything they pull in (the venv `make test` ran in is the one locked).

    .venv/bin/python scripts/lock.py          # rewrite requirements.lock
    .venv/bin/python scripts/lock.py --check  # exit 1 when the lock differs from this environment
"""

from __future__ import annotations

import sys
import tomllib
from importlib import metadata
from pathlib import Path

from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

ROOT = Path(__file__).resolve().parents[1]
LOCK = ROOT / "requirements.lock"
NO_DEPS = frozenset({"augraphy"})
"""Installed by the Makefile with `--no-deps` (not pinned here); its other requirements are."""
PROVIDED = frozenset({"opencv-python"})
"""Requirements another installed package provides: `opencv-python-headless` is the same `cv2`."""


def _wanted(req: Requirement, extras: set[str]) -> bool:
    if req.marker is None:
        return True
    return any(req.marker.evaluate({"extra": e}) for e in (extras or {""}))


def locked() -> dict[str, str]:
    """Canonical name → installed version, for the closure of the project's requirements."""
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    todo = [(Requirement(r), set()) for r in project["dependencies"]]
    todo += [(Requirement(r), set()) for r in project["optional-dependencies"]["dev"]]
    seen: dict[str, str] = {}
    expanded: set[tuple[str, str]] = set()
    while todo:
        req, _ = todo.pop()
        name = canonicalize_name(req.name)
        if name in PROVIDED:
            continue
        dist = metadata.distribution(req.name)
        if name not in NO_DEPS:
            seen[name] = dist.version
        for extra in req.extras | {""}:
            if (name, extra) in expanded:
                continue
            expanded.add((name, extra))
            for raw in dist.requires or ():
                sub = Requirement(raw)
                if _wanted(sub, {extra} if extra else set()) and (
                    extra or sub.marker is None or "extra" not in str(sub.marker)
                ):
                    todo.append((sub, set()))
    return dict(sorted(seen.items()))


def render(pins: dict[str, str]) -> str:
    head = "# Exact versions `make` installs (scripts/lock.py writes this from the tested environment).\n"
    return head + "".join(f"{name}=={version}\n" for name, version in pins.items())


def main() -> int:
    text = render(locked())
    if "--check" in sys.argv[1:]:
        return 0 if LOCK.exists() and LOCK.read_text(encoding="utf-8") == text else 1
    LOCK.write_text(text, encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
