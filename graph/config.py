"""Settings: the single place that reads the environment (and an optional ``.env``)."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Literal

from pydantic import Field
from pydantic_settings import BaseSettings, SettingsConfigDict

PROJECT_ROOT = Path(__file__).resolve().parent.parent


class Settings(BaseSettings):
    """Runtime settings, read from ``OGP_*`` environment variables."""

    model_config = SettingsConfigDict(env_file=".env", env_prefix="OGP_", extra="ignore")

    graph_url: str | None = Field(
        default=None,
        description="Unset = embedded FalkorDB file under var/; 'falkordb-lite:///path/graph.db' = "
        "another embedded file; 'neo4j://user:pass@host:7687' (or bolt://, neo4j+s://) = Neo4j.",
    )
    graph_name: str = Field(default="ogp", description="Graph (FalkorDB) or database (Neo4j) name.")
    query_timeout_ms: int = Field(default=15_000, ge=100, description="Per-query database timeout.")
    host: str = "127.0.0.1"
    port: int = Field(default=8000, ge=1, le=65535)
    environment: Literal["development", "production"] = "development"
    introspection: bool | None = Field(
        default=None, description="Allow introspection; default: on in development, off in production."
    )

    @property
    def embedded_path(self) -> Path:
        """Path of the embedded graph file when no URL (or a falkordb-lite URL) is configured."""
        url = self.graph_url
        if url and url.startswith("falkordb-lite://"):
            return Path(url.removeprefix("falkordb-lite://"))
        return PROJECT_ROOT / "var" / "ogp.db"


@lru_cache
def get_settings() -> Settings:
    """The process-wide settings (cached)."""
    return Settings()
