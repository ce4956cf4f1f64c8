"""Command line of the service: `intake serve`, `intake users create`."""

from __future__ import annotations

import click

from intake.settings import Settings


@click.command("serve")
@click.option("--host", default="127.0.0.1", show_default=True)
@click.option("--port", default=8000, show_default=True, type=int)
@click.pass_obj
def serve(settings: Settings, host: str, port: int) -> None:
    """Start the HTTP service on the configured storage, database and worker."""
    import uvicorn

    from intake.service.app import create_app

    click.echo(f"intake: http://{host}:{port}/docs  (data: {settings.data_dir.resolve()})", err=True)
    uvicorn.run(create_app(settings), host=host, port=port, log_level="info")


@click.group("users")
def users() -> None:
    """Manage user accounts."""


@users.command("create")
@click.option("--email", required=True)
@click.option("--password", required=True, help="At least 8 characters.")
@click.option("--role", required=True, type=click.Choice(["applicant", "officer", "operator"]))
@click.pass_obj
def create_user(settings: Settings, email: str, password: str, role: str) -> None:
    """Add a user (e.g. the first officer)."""
    from sqlalchemy import select

    from intake.db.session import Database
    from intake.db.tables import AuditEntry, User
    from intake.service.security import hash_password

    if len(password) < 8:
        raise click.BadParameter("пароль — не короче 8 символов", param_hint="--password")
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
