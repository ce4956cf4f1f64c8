"""Command line of the service: `intake serve`, `intake users create|invite|reset|disable|list`."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from contextlib import contextmanager

import click
from sqlalchemy.orm import Session

from intake.service import accounts
from intake.settings import Settings


@click.command("serve")
@click.option("--host", default="127.0.0.1", show_default=True)
@click.option("--port", default=8000, show_default=True, type=int)
@click.pass_obj
def serve(settings: Settings, host: str, port: int) -> None:
    """Start the HTTP service on the configured storage, database and worker."""
    import uvicorn

    from intake.logs import configure
    from intake.service.app import create_app

    click.echo(f"intake: http://{host}:{port}/docs  (data: {settings.data_dir.resolve()})", err=True)
    configure(settings.log_format)
    uvicorn.run(create_app(settings), host=host, port=port, log_level="info", log_config=None)


@click.command("purge")
@click.option("--older-than-days", required=True, type=click.IntRange(min=1),
              help="Retention period: packages received before it are deleted.")
def purge(older_than_days: int) -> None:
    """Delete checked packages older than the retention period: originals, pages, caches, reports (the
    audit keeps the fact of each deletion, not the data)."""
    from intake.service.context import make_context
    from intake.service.retention import purge as purge_packages

    ctx = make_context(Settings())
    try:
        n = purge_packages(ctx, older_than_days)
    finally:
        ctx.db.dispose()
    click.echo(f"purged {n} packages older than {older_than_days} days")


@click.group("users")
def users() -> None:
    """Manage user accounts."""


def _password(from_stdin: bool) -> str:
    """The new password: one line of standard input (scripts), else typed twice at a hidden prompt."""
    if from_stdin:
        line = sys.stdin.readline()
        if not line:
            raise click.UsageError("на стандартном вводе нет пароля")
        return line.rstrip("\r\n")
    if not sys.stdin.isatty():
        raise click.UsageError("пароль вводится с клавиатуры или через --password-stdin")
    return str(click.prompt("Пароль", hide_input=True, confirmation_prompt="Пароль еще раз"))


@contextmanager
def _session(settings: Settings) -> Iterator[Session]:
    """A session of the configured database, committed when the block ends without an error."""
    from intake.db.session import Database

    settings.data_dir.mkdir(parents=True, exist_ok=True)
    db = Database(settings.db_url)
    try:
        with db.session() as s:
            yield s
    finally:
        db.dispose()


def _link(base_url: str, token: str) -> str:
    return f"{base_url.rstrip('/')}/account/{token}"


ROLE = click.option("--role", required=True, type=click.Choice(list(accounts.ROLES)))
BASE_URL = click.option("--base-url", default=None,
                        help="The service's address as users reach it (default: INTAKE_PUBLIC_URL).")


@users.command("create")
@click.option("--email", required=True)
@ROLE
@click.option("--password-stdin", is_flag=True, help="Read the password from standard input (one line).")
@click.pass_obj
def create_user(settings: Settings, email: str, role: str, password_stdin: bool) -> None:
    """Add a user (e.g. the first officer). The password is prompted for, never given as an argument."""
    password = _password(password_stdin)
    with _session(settings) as s:
        try:
            accounts.create_user(s, email, password, role)
        except accounts.AccountError as exc:
            raise click.ClickException(str(exc)) from None
    click.echo(f"created {role} {email.strip().lower()}")


@users.command("invite")
@click.option("--email", required=True)
@ROLE
@BASE_URL
@click.pass_obj
def invite_user(settings: Settings, email: str, role: str, base_url: str | None) -> None:
    """Print a one-time link (valid 72 hours) with which the invited person sets their password."""
    with _session(settings) as s:
        try:
            token = accounts.invite(s, email, role)
        except accounts.AccountError as exc:
            raise click.ClickException(str(exc)) from None
    click.echo(_link(base_url or settings.public_url, token))


@users.command("reset")
@click.option("--email", required=True)
@BASE_URL
@click.pass_obj
def reset_user(settings: Settings, email: str, base_url: str | None) -> None:
    """Print a one-time link with which the user sets a new password (a disabled user is enabled by it)."""
    with _session(settings) as s:
        user = accounts.find(s, email)
        if user is None:
            raise click.ClickException(f"пользователя {email} нет")
        token = accounts.reset(s, user)
    click.echo(_link(base_url or settings.public_url, token))


@users.command("disable")
@click.option("--email", required=True)
@click.option("--enable", is_flag=True, help="Enable a disabled user again.")
@click.pass_obj
def disable_user(settings: Settings, email: str, enable: bool) -> None:
    """Disable a user: no sign-in, and tokens already issued stop working."""
    with _session(settings) as s:
        user = accounts.find(s, email)
        if user is None:
            raise click.ClickException(f"пользователя {email} нет")
        accounts.set_disabled(s, user, not enable)
    click.echo(f"{'enabled' if enable else 'disabled'} {email.strip().lower()}")


@users.command("list")
@click.pass_obj
def list_users(settings: Settings) -> None:
    """Users with role and state."""
    from sqlalchemy import select

    from intake.db.tables import User

    with _session(settings) as s:
        for u in s.scalars(select(User).order_by(User.id)):
            click.echo(f"{u.email}\t{u.role}\t{'disabled' if u.disabled_at else 'active'}")
