"""``python -m loaders …``: the same command as ``ogp`` (see cli/__init__.py)."""

from cli import app

app(prog_name="python -m loaders")
