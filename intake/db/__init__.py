"""Persistence: SQLAlchemy 2 tables, sessions, and Alembic migrations (SQLite default, PostgreSQL)."""
