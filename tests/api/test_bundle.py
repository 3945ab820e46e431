"""The dashboard's vendor assets in the package are exactly what web/build.mjs makes from the pinned
npm packages (MANIFEST.json records each file's package, version and sha256)."""
import hashlib
import json
import shutil
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
VENDOR = ROOT / "marsad" / "web" / "static" / "vendor"


def test_committed_assets_match_their_manifest():
    manifest = json.loads((VENDOR / "MANIFEST.json").read_text())
    lock = json.loads((ROOT / "web" / "package-lock.json").read_text())
    for name, entry in manifest["files"].items():
        assert hashlib.sha256((VENDOR / name).read_bytes()).hexdigest() == entry["sha256"], name
        assert lock["packages"][f"node_modules/{entry['package']}"]["version"] == entry["version"], name


def test_assets_match_a_fresh_build():
    if shutil.which("node") is None or not (ROOT / "web" / "node_modules").is_dir():
        pytest.skip("web/node_modules is not installed (`npm ci --prefix web`; .ci/run does it)")
    p = subprocess.run(["node", str(ROOT / "web" / "build.mjs"), "--check"], capture_output=True, text=True)
    assert p.returncode == 0, p.stdout + p.stderr


def test_no_remote_urls_in_the_pages():
    for f in ("index.html", "app.js", "app.css"):
        text = (VENDOR.parent / f).read_text().replace("http://www.w3.org/2000/svg", "")  # a namespace, not a fetch
        assert "http://" not in text and "https://" not in text and "//cdn" not in text, f
