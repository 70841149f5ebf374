"""The committed sample files are exactly what samples/make_samples.py writes from samples/description.toml."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from tests.helpers import SAMPLES


def test_the_committed_samples_equal_the_generators_output(tmp_path: Path) -> None:
    subprocess.run([sys.executable, str(SAMPLES / "make_samples.py"), str(tmp_path)], check=True)
    for name in ("commitments.csv", "members.csv"):
        assert (tmp_path / name).read_bytes() == (SAMPLES / name).read_bytes(), (
            f"samples/{name} is not what make_samples.py writes: edit samples/description.toml and regenerate"
        )
