"""Command line of the service: `intake serve`, `intake users create`."""

from __future__ import annotations

import click

from intake.settings import Settings


@click.command("serve")
@click.option("--host", default="127.0.0.1", show_default=True)
@click.option("--port", default=8000, show_default=True, type=int)
def serve(host: str, port: int) -> None:
    """Start the HTTP service on the configured storage, database and worker."""
    import uvicorn

    from intake.service.app import create_app

    settings = Settings()
    click.echo(f"intake: http://{host}:{port}/docs  (data: {settings.data_dir.resolve()})", err=True)
    uvicorn.run(create_app(settings), host=host, port=port, log_level="info")


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


@users.command("create")
@click.option("--email", required=True)
@click.option("--password", required=True, help="At least 8 characters.")
@click.option("--role", required=True, type=click.Choice(["applicant", "officer", "operator"]))
def create_user(email: str, password: str, role: str) -> None:
    """Add a user (e.g. the first officer)."""
    from sqlalchemy import select

    from intake.db.session import Database
    from intake.db.tables import AuditEntry, User
    from intake.service.security import hash_password

    if len(password) < 8:
        raise click.BadParameter("пароль — не короче 8 символов", param_hint="--password")
    settings = Settings()
    settings.data_dir.mkdir(parents=True, exist_ok=True)
    db = Database(settings.db_url)
    email = email.strip().lower()
    with db.session() as s:
        if s.scalar(select(User).where(User.email == email)) is not None:
            raise click.ClickException(f"пользователь {email} уже есть")
        user = User(email=email, password_hash=hash_password(password), role=role)
        s.add(user)
        s.flush()
        s.add(AuditEntry(user_id=None, action="user_created", detail={"user_id": user.id, "role": role}))
    db.dispose()
    click.echo(f"created {role} {email}")
