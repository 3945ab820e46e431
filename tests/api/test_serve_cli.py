"""`marsad serve` and `marsad token` as a user runs them: a real server process on loopback."""
import os
import socket
import subprocess
import sys
import time

import httpx


def run(*args, env):
    return subprocess.run([sys.executable, "-m", "marsad", *args], capture_output=True, text=True, env=env, timeout=120)


def test_token_commands(tmp_path):
    env = dict(os.environ, MARSAD_HOME=str(tmp_path))
    p = run("token", "create", "alice", env=env)
    assert p.returncode == 0, p.stderr
    token = p.stdout.strip()
    assert token.startswith("msd_") and len(token) > 40
    stored = (tmp_path / "tokens.sqlite").read_bytes()
    assert token.encode() not in stored  # only its hash is kept
    assert run("token", "create", "alice", env=env).returncode == 2  # the name is taken
    assert run("token", "create", "bad name!", env=env).returncode == 2
    listed = run("token", "list", env=env).stdout
    assert "alice" in listed and "active" in listed and token not in listed
    assert run("token", "revoke", "alice", env=env).returncode == 0
    assert "revoked" in run("token", "list", env=env).stdout
    assert run("token", "revoke", "alice", env=env).returncode == 2


def test_serve_answers_and_stops(example_db, tmp_path):
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    env = dict(os.environ, MARSAD_HOME=str(tmp_path))
    proc = subprocess.Popen([sys.executable, "-m", "marsad", "serve", "--db", str(example_db), "--port", str(port)],
                            env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        url = f"http://127.0.0.1:{port}"
        deadline = time.time() + 60
        while True:
            try:
                r = httpx.get(url + "/health", timeout=2)
                break
            except httpx.TransportError:
                assert proc.poll() is None, proc.stderr.read()
                assert time.time() < deadline, "marsad serve did not answer"
                time.sleep(0.3)
        assert r.status_code == 200 and r.json()["documents"] == 6
        assert httpx.get(url + "/").status_code == 200
        assert httpx.get(url + "/api/geojson").json()["features"]
    finally:
        proc.terminate()
        proc.wait(timeout=20)


def test_serve_refuses_an_unreadable_store(tmp_path):
    bad = tmp_path / "bad.sqlite"
    bad.write_bytes(b"not a database" * 100)
    p = run("serve", "--db", str(bad), "--port", "0", env=dict(os.environ, MARSAD_HOME=str(tmp_path)))
    assert p.returncode == 2 and "bad.sqlite" in p.stderr
