"""What `make run` does, step by step, as separate processes on the embedded
defaults: migrate, load, demo trainer, then `planner serve` with its
embedded Redis, answering the API and stopping everything on SIGTERM."""
import os
import re
import signal
import subprocess
import sys
import urllib.request
from pathlib import Path

import pytest

from planner.embedded_redis import EmbeddedRedis, free_loopback_port, pid_alive

from tests.support.waiting import wait_for

PLANNER = str(Path(sys.executable).with_name("planner"))


def test_embedded_redis_starts_and_stops(tmp_path):
    import redis

    with EmbeddedRedis(str(tmp_path)) as server:
        assert redis.Redis.from_url(server.url).ping()
        pid = server.pid
    assert wait_for(lambda: not pid_alive(pid), 5)


@pytest.fixture
def embedded_env(tmp_path):
    env = {k: v for k, v in os.environ.items()
           if k not in ("DATABASE_URL", "REDIS_URL", "TWILIO_ACCOUNT_SID", "TWILIO_AUTH_TOKEN")}
    env["DATABASE_URL"] = f"sqlite:///{tmp_path / 'serve.sqlite3'}"
    return env


def run(args, env):
    result = subprocess.run([PLANNER, *args], env=env, capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stdout + result.stderr
    return result.stdout


def test_make_run_steps_serve_the_api_and_stop_cleanly(embedded_env):
    run(["db", "upgrade"], embedded_env)
    assert "created" in run(["library", "load"], embedded_env)
    token = re.search(r"API token:\s+(\S+)", run(["trainer", "demo"], embedded_env)).group(1)
    assert "6 demo clients added" in run(["demo", "seed"], embedded_env)

    port = free_loopback_port()
    server = subprocess.Popen([PLANNER, "serve", "--port", str(port)], env=embedded_env,
                              stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    try:
        def answers():
            try:
                request = urllib.request.Request(f"http://127.0.0.1:{port}/api/v1/muscles",
                                                 headers={"Authorization": f"Bearer {token}"})
                return urllib.request.urlopen(request, timeout=1).status == 200
            except OSError:
                return False
        assert wait_for(answers), "planner serve did not answer"
        server.send_signal(signal.SIGTERM)
        output, _ = server.communicate(timeout=20)
    finally:
        if server.poll() is None:
            server.kill()
    assert "embedded Redis at redis://127.0.0.1:" in output
    assert "planner stopped" in output
    redis_pid = int(re.search(r"embedded Redis at redis://127.0.0.1:\d+/0 \(pid (\d+)\)", output).group(1))
    assert wait_for(lambda: not pid_alive(redis_pid), 5), "the embedded Redis outlived planner serve"
    found = re.search(r"worker \(pid (\d+)\) and scheduler \(pid (\d+)\) started", output)
    assert found, output
    for pid in map(int, found.groups()):
        assert wait_for(lambda p=pid: not pid_alive(p), 5), "a worker or scheduler outlived planner serve"
