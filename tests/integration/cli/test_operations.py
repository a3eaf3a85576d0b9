"""Operating on the embedded defaults, as the README says: `planner serve`
tells the other commands where its embedded Redis runs, every process it
started stops with it whatever signal reaches it or its group, and the
instance folder keeps health data to its owner."""
import json
import os
import re
import signal
import sqlite3
import subprocess
import sys
import urllib.request
from datetime import date, timedelta
from pathlib import Path

import pytest

from planner.embedded_redis import free_loopback_port, pid_alive

from tests.support.waiting import wait_for

PROJECT = Path(__file__).resolve().parents[3]
PLANNER = str(Path(sys.executable).with_name("planner"))
ASSESSMENT = {"muscle_tests": [{"muscle": "gluteus_medius", "side": "right", "grade": 3, "inhibited": False}],
              "overhead_squat": ["knees_move_inward"], "pain": [{"region": "knee", "score": 3}]}


@pytest.fixture
def embedded_env(tmp_path):
    env = {k: v for k, v in os.environ.items()
           if k not in ("DATABASE_URL", "REDIS_URL", "TWILIO_ACCOUNT_SID", "TWILIO_AUTH_TOKEN", "SMS_TRANSPORT")}
    env["DATABASE_URL"] = f"sqlite:///{tmp_path / 'ops.sqlite3'}"
    return env


def run(args, env, check=True):
    result = subprocess.run([PLANNER, *args], env=env, capture_output=True, text=True, timeout=120)
    if check:
        assert result.returncode == 0, result.stdout + result.stderr
    return result


def api(port, token, method, path, body=None):
    request = urllib.request.Request(f"http://127.0.0.1:{port}/api/v1{path}", method=method,
                                     data=None if body is None else json.dumps(body).encode(),
                                     headers={"Authorization": f"Bearer {token}", "Content-Type": "application/json"})
    with urllib.request.urlopen(request, timeout=10) as response:
        return json.loads(response.read() or b"null")


class Serving:
    """`planner serve` (or `make run`) in a process group of its own, its output collected."""

    def __init__(self, args, env):
        self.port = free_loopback_port()
        self.output_path = Path(env["DATABASE_URL"].removeprefix("sqlite:///")).with_suffix(".log")
        self.log = open(self.output_path, "w")
        self.process = subprocess.Popen([a.replace("{port}", str(self.port)) for a in args], env=env,
                                        cwd=PROJECT, stdout=self.log, stderr=subprocess.STDOUT, text=True,
                                        start_new_session=True)

    @property
    def output(self) -> str:
        return self.output_path.read_text()

    def answers(self) -> bool:
        try:
            return urllib.request.urlopen(f"http://127.0.0.1:{self.port}/healthz", timeout=1).status == 200
        except OSError:
            return False

    def started_pids(self) -> list[int]:
        found = re.search(r"worker \(pid (\d+)\) and scheduler \(pid (\d+)\) started", self.output)
        redis = re.search(r"embedded Redis at \S+ \(pid (\d+)\)", self.output)
        return [int(p) for p in (*found.groups(), redis.group(1))]

    def stop(self):
        if self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGKILL)
        self.process.wait()
        self.log.close()


def test_scheduler_tick_enqueues_on_the_embedded_redis_of_the_running_serve(embedded_env):
    run(["db", "upgrade"], embedded_env)
    run(["library", "load"], embedded_env)
    token = re.search(r"API token:\s+(\S+)", run(["trainer", "demo"], embedded_env).stdout).group(1)
    serving = Serving([PLANNER, "serve", "--port", "{port}"], embedded_env)
    try:
        assert wait_for(serving.answers, 60), serving.output
        client = api(serving.port, token, "POST", "/clients", {
            "name": "Ada", "phone": "+14155552671", "timezone": "UTC", "reminder_time": "07:30",
            "training_days": ["mon", "wed", "fri"], "sms_consent": True})
        api(serving.port, token, "POST", f"/clients/{client['id']}/assessments",
            ASSESSMENT | {"performed_on": date.today().isoformat()})
        start = date.today() + timedelta(days=7)
        program = api(serving.port, token, "POST", f"/clients/{client['id']}/programs",
                      {"start_date": start.isoformat(), "weeks": 2})
        api(serving.port, token, "POST", f"/programs/{program['id']}/publish")
        first = program["weeks"][0]["sessions"][0]["date"]

        tick = run(["scheduler", "tick", "--now", f"{first}T07:30:00Z"], embedded_env)
        assert "1 new" in tick.stdout, tick.stdout

        database = embedded_env["DATABASE_URL"].removeprefix("sqlite:///")

        def sent():
            with sqlite3.connect(database) as connection:
                return connection.execute("select state from dispatch where kind = 'reminder'").fetchall() == [("sent",)]
        # The serve's own worker sends it at once: it was enqueued where that worker listens.
        assert wait_for(sent, 30), serving.output
    finally:
        os.killpg(serving.process.pid, signal.SIGTERM)
        serving.process.wait(timeout=30)
        serving.stop()


def test_without_redis_a_command_that_needs_it_says_what_to_set(embedded_env):
    run(["db", "upgrade"], embedded_env)
    result = run(["scheduler", "tick", "--now", "2026-03-02T13:00:00Z"], embedded_env, check=False)
    assert result.returncode != 0
    assert "REDIS_URL is unset and no `planner serve`" in result.stderr
    assert "Set REDIS_URL" in result.stderr


@pytest.mark.parametrize("how", ["group SIGTERM to make run", "SIGHUP to serve alone", "SIGINT during start-up"])
def test_every_process_started_stops_with_it(embedded_env, how):
    if how == "group SIGTERM to make run":
        serving = Serving(["make", "--no-print-directory", "run", "PORT={port}"], embedded_env)
    else:
        run(["db", "upgrade"], embedded_env)
        serving = Serving([PLANNER, "serve", "--port", "{port}"], embedded_env)
    try:
        if how == "SIGINT during start-up":
            assert wait_for(lambda: "embedded Redis at" in serving.output, 60), serving.output
            os.kill(serving.process.pid, signal.SIGINT)
        else:
            assert wait_for(serving.answers, 120), serving.output
            if how == "SIGHUP to serve alone":
                os.kill(serving.process.pid, signal.SIGHUP)
            else:
                os.killpg(serving.process.pid, signal.SIGTERM)
        serving.process.wait(timeout=60)
        assert wait_for(lambda: "planner stopped" in serving.output, 10), serving.output
        assert "Aborted" not in serving.output
        started = [int(p) for p in re.findall(r"\(pid (\d+)\)", serving.output)]
        assert len(started) >= 2, serving.output
        for pid in started:
            assert wait_for(lambda p=pid: not pid_alive(p), 10), f"pid {pid} outlived it:\n{serving.output}"
    finally:
        serving.stop()


def test_the_instance_folder_and_the_database_file_are_the_owners_alone(app):
    assert os.stat(app.instance_path).st_mode & 0o777 == 0o700
    database = app.config["SQLALCHEMY_DATABASE_URI"]
    if database.startswith("sqlite:///"):
        assert os.stat(database.removeprefix("sqlite:///")).st_mode & 0o777 == 0o600
