"""One error hierarchy (`intake/errors.py`): each product error carries its code, exit code, HTTP status and
a Russian message; the CLI turns it (and Ctrl-C) into its exit code, the API into a body with `code`."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import click
import pytest
from click.testing import CliRunner
from fastapi.testclient import TestClient

from intake import errors
from intake.cli import IntakeGroup
from intake.db.session import Database
from intake.db.tables import User
from intake.service.app import create_app
from intake.service.security import hash_password
from intake.settings import Settings
from intake.storage import StorageUnavailable
from tests.intake.service.test_api import FORM, login

ROOT = Path(__file__).resolve().parents[2]
CYRILLIC = re.compile(r"[А-Яа-яЁё]")


def _all(cls: type[errors.IntakeError]) -> list[type[errors.IntakeError]]:
    return [cls, *(s for sub in cls.__subclasses__() for s in _all(sub))]


@pytest.mark.parametrize("cls", _all(errors.IntakeError), ids=lambda c: c.__name__)
def test_every_error_carries_code_exit_status_and_a_russian_message(cls: type[errors.IntakeError]) -> None:
    assert re.fullmatch(r"[a-z][a-z0-9_]*", cls.code)
    assert cls.exit_code in (1, 2, 3)
    assert 400 <= cls.http_status <= 599
    assert CYRILLIC.search(cls.user_message), cls.user_message


def test_codes_are_unique() -> None:
    codes = [c.code for c in _all(errors.IntakeError)]
    assert len(codes) == len(set(codes))


def test_cli_handler_maps_errors_and_ctrl_c() -> None:
    group = IntakeGroup()

    @group.command("config")
    def config() -> None:
        raise errors.ConfigError("INTAKE_X: bad")

    @group.command("interrupted")
    def interrupted() -> None:
        raise KeyboardInterrupt

    @group.command("storage")
    def storage() -> None:
        raise StorageUnavailable("connection refused")

    runner = CliRunner()
    bad = runner.invoke(group, ["config"])
    assert bad.exit_code == 2 and "INTAKE_X: bad" in bad.output
    assert runner.invoke(group, ["interrupted"]).exit_code == 130
    down = runner.invoke(group, ["storage"])
    assert down.exit_code == 3 and StorageUnavailable.user_message in down.output
    assert isinstance(group, click.Group)


def test_missing_tesseract_language_exits_3_with_the_fix(tmp_path: Path) -> None:
    env = {**os.environ, "INTAKE_DATA_DIR": str(tmp_path), "INTAKE_LANGUAGES": "rus+xyz"}
    run = subprocess.run([sys.executable, "-m", "intake.cli", "check", str(tmp_path), "--cost-type",
                          FORM["cost_type"], "--application-date", FORM["application_date"],
                          "--applicant-bin", FORM["applicant_bin"]],
                         capture_output=True, text=True, cwd=ROOT, env=env, timeout=120)
    assert run.returncode == 3
    assert "apt-get install tesseract-ocr-xyz" in run.stderr and "Traceback" not in run.stderr


def test_every_api_error_body_has_a_code(tmp_path: Path) -> None:
    settings = Settings(data_dir=tmp_path / "var", workers=1)
    db = Database(settings.db_url)
    with db.session() as s:
        s.add(User(email="ann@example.kz", password_hash=hash_password("secret-123"), role="applicant"))
    db.dispose()
    with TestClient(create_app(settings)) as client:
        anonymous = client.get("/packages")
        assert (anonymous.status_code, anonymous.json()["code"]) == (401, "unauthorized")
        ann = login(client, "ann@example.kz")
        missing = client.get("/packages/00000000-0000-0000-0000-000000000000", headers=ann)
        assert (missing.status_code, missing.json()["code"]) == (404, "not_found")
        malformed = client.post("/packages", headers=ann, data={"cost_type": "nonsense"})
        assert (malformed.status_code, malformed.json()["code"]) == (422, "invalid_request")
        no_route = client.get("/no/such/route", headers=ann)
        assert (no_route.status_code, no_route.json()["code"]) == (404, "not_found")
