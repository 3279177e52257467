"""The built wheel carries the data: build it, install it in a fresh virtual environment, load."""

import subprocess
import sys
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

CHECK = """
import shared_responsibility as sr, sys
cat = sr.default_catalog()
assert "site-packages" in sr.__file__, sr.__file__
assert len(cat.services) >= 14 and len(cat.layers) == 14, (len(cat.services), len(cat.layers))
assert sr.resolve(cat, "ec2", "patch-management").ownership is sr.Ownership.SHARED
print(cat.version)
"""


def test_wheel_installs_and_loads_its_data(tmp_path: Path) -> None:
    dist = tmp_path / "dist"
    subprocess.run(
        [sys.executable, "-m", "build", "--wheel", "--no-isolation", "--outdir", str(dist), str(ROOT)],
        check=True,
        capture_output=True,
    )
    (wheel,) = dist.glob("shared_responsibility-*.whl")
    env = tmp_path / "env"
    venv.create(env, with_pip=True)
    python = env / "bin" / "python"
    subprocess.run([python, "-m", "pip", "install", "--quiet", str(wheel)], check=True, capture_output=True)
    done = subprocess.run([python, "-c", CHECK], check=True, capture_output=True, text=True, cwd=tmp_path)
    assert done.stdout.strip() == __import__("shared_responsibility").default_catalog().version
    tool = subprocess.run(
        [env / "bin" / "shared-responsibility", "resolve", "s3", "data-classification", "--format", "json"],
        check=True,
        capture_output=True,
        text=True,
        cwd=tmp_path,
    )
    assert '"ownership": "customer"' in tool.stdout
