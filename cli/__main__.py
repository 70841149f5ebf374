"""``python -m cli …``: the same command as ``ogp``."""

from cli import app

app(prog_name="python -m cli")
