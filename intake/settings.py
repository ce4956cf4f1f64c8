"""Settings read once from the environment (`INTAKE_*`), passed down as a frozen value."""

from pathlib import Path

from pydantic_settings import BaseSettings, SettingsConfigDict


class Settings(BaseSettings):
    """Embedded defaults: everything under `./var` (SQLite, object store, cache); no server needed."""

    model_config = SettingsConfigDict(env_prefix="INTAKE_", frozen=True)

    data_dir: Path = Path("var")
    cache_dir: Path | None = None
    """Page and field cache; default `<data_dir>/cache`."""
    workers: int = 0
    """Parallel page readers; 0 = one per core."""
    languages: str = "rus+kaz+eng"

    @property
    def cache_path(self) -> Path:
        return self.cache_dir or self.data_dir / "cache"
