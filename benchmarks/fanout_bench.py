"""Reminder fan-out benchmark: N reminders due in the same minute.

    REDIS_URL=redis://127.0.0.1:6379/7 \\
        .venv/bin/python benchmarks/fanout_bench.py [--clients 10000] [--workers 2] [--threads 8] [--rate R]

Without DATABASE_URL it makes and uses a PostgreSQL database of its own
(`planner_bench`) on the local server. It flushes the Redis database it is
given: give it one that no test run or other process uses.

Seeds N clients with an active program and a session today, starts the
workers (`planner worker`, rate limit lifted unless --rate is given) and a
fast fake Twilio, then runs one scheduler tick (`planner scheduler tick`) and prints how long it
takes from the tick to the last message received by the fake, and the peak
memory (VmHWM) of the scheduler and of each worker process.
Target on a 2-core machine: 10,000 delivered within 10 s of the tick, with
memory that does not grow with the number of clients (run it with 1,000
and 10,000 to compare).
"""
from __future__ import annotations

import argparse
import multiprocessing
import os
import subprocess
import sys
import time
from datetime import datetime, time as clock, timezone
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

# The target is with the rate limit lifted (0). `--rate 100000` keeps
# a limit too high to hold anything back, so every send pays the limiter's
# own cost (Dramatiq's bucket limiter: a few Redis round trips a message).
DEFAULT_RATE = 0
PLANNER = str(Path(sys.executable).with_name("planner"))
SEED_CHUNK = 5_000  # rows a statement: 5,000 x 13 columns stays under psycopg's 65,535 parameters
PY_SPY = str(Path(sys.executable).with_name("py-spy"))  # pip install py-spy into the venv to profile


def vm_hwm_kb(pid: int) -> int:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1])
    except OSError:
        pass
    return 0


def cpu_seconds(pid: int) -> float:
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
    except OSError:
        return 0.0


def descendants(pid: int) -> list[int]:
    out = subprocess.run(["pgrep", "-P", str(pid)], capture_output=True, text=True).stdout.split()
    result = []
    for child in map(int, out):
        result += [child] + descendants(child)
    return result


def seed(app, clients: int, today) -> None:
    from planner.extensions import db
    from planner.models import Client, Dispatch, Message, Program, ProgramSession, Trainer

    with app.app_context():
        old = db.session.scalar(db.select(Trainer).filter_by(email="fanout@bench.example"))
        if old is not None:
            ids = db.select(Client.id).where(Client.trainer_id == old.id)
            for model in (Message, Dispatch):
                db.session.execute(db.delete(model).where(model.client_id.in_(ids)))
            programs = db.select(Program.id).where(Program.client_id.in_(ids))
            db.session.execute(db.delete(ProgramSession).where(ProgramSession.program_id.in_(programs)))
            db.session.execute(db.delete(Program).where(Program.client_id.in_(ids)))
            db.session.execute(db.delete(Client).where(Client.trainer_id == old.id))
            db.session.delete(old)
            db.session.commit()
        trainer = Trainer(email="fanout@bench.example", name="Bench", password_hash="x")
        db.session.add(trainer)
        db.session.flush()
        now = datetime.now(timezone.utc).replace(tzinfo=None)
        # In chunks, and rows found by joins, never by an IN list of every
        # id: psycopg allows 65,535 parameters a statement.
        for first in range(0, clients, SEED_CHUNK):
            db.session.execute(Client.__table__.insert(), [{
                "trainer_id": trainer.id, "name": f"Client {i}", "phone": f"+1415{5550000 + i:07d}",
                "timezone": "UTC", "reminder_time": clock(8, 0), "checkin_time": clock(19, 0),
                "training_days": "mon,tue,wed,thu,fri,sat,sun", "sms_consent": True, "created_at": now,
                # Texted before: the practice's opt-in confirmation (its first
                # text) is behind them, so the tick sends one reminder each.
                "opt_in_sent_at": now, "updated_at": now} for i in range(first, min(first + SEED_CHUNK, clients))])
        client_ids = list(db.session.scalars(db.select(Client.id).filter_by(trainer_id=trainer.id)
                                             .order_by(Client.id)))
        for first in range(0, len(client_ids), SEED_CHUNK):
            db.session.execute(Program.__table__.insert(), [{
                "client_id": cid, "status": "active", "start_date": today, "weeks": 1, "sessions_per_week": 7,
                "minutes_per_session": 20, "equipment": [], "uncovered": [], "created_at": now, "updated_at": now,
                "published_at": datetime(2025, 1, 1)} for cid in client_ids[first:first + SEED_CHUNK]])
        program_ids = list(db.session.scalars(db.select(Program.id).join(Client).where(
            Client.trainer_id == trainer.id).order_by(Program.id)))
        for first in range(0, len(program_ids), SEED_CHUNK):
            db.session.execute(ProgramSession.__table__.insert(), [{
                "program_id": pid, "week": 1, "index": 1, "day": today.strftime("%a").lower()[:3], "date": today,
                "deload": False, "minutes": 10} for pid in program_ids[first:first + SEED_CHUNK]])
        db.session.commit()


# The scheduler reports its own VmHWM: ru_maxrss would not do, as Linux
# carries it across exec, so it would start at this (seeding) process's size.
SCHEDULER_SCRIPT = """
import sys, time
from datetime import datetime
from planner.app import create_app
from workers.scheduler import tick
app = create_app()
with app.app_context():
    import workers.tasks
    print("ready", flush=True)
    sys.stdin.readline()
    started = time.time()
    print(started, flush=True)
    report = tick(datetime.fromisoformat(sys.argv[1]))
    print(report, flush=True)
    print(time.time() - started, flush=True)
    print(next(l.split()[1] for l in open("/proc/self/status") if l.startswith("VmHWM:")), flush=True)
"""


def ensure_database(name: str) -> str:
    """A PostgreSQL database of the benchmark's own on the local server, so
    other data (a test run's) cannot add to the counts."""
    import psycopg

    with psycopg.connect("postgresql://127.0.0.1:5432/postgres", autocommit=True) as connection:
        if not connection.execute("SELECT 1 FROM pg_database WHERE datname = %s", (name,)).fetchone():
            connection.execute(f'CREATE DATABASE "{name}"')
    return f"postgresql://127.0.0.1:5432/{name}"


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--clients", type=int, default=10_000)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--threads", type=int, default=8)
    parser.add_argument("--rate", type=float, default=DEFAULT_RATE, help="0 lifts the rate limit")
    args = parser.parse_args()

    if "DATABASE_URL" not in os.environ:
        os.environ["DATABASE_URL"] = ensure_database("planner_bench")
    os.environ.setdefault("REDIS_URL", "redis://127.0.0.1:6379/1")
    os.environ.setdefault("SECRET_KEY", "benchmark")
    from fast_fake_twilio import serve
    from flask_migrate import upgrade

    from planner.app import create_app

    port, count = multiprocessing.Value("i", 0), multiprocessing.Value("i", 0)
    first_at, last_at = multiprocessing.Value("d", 0), multiprocessing.Value("d", 0)
    ready, stop = multiprocessing.Event(), multiprocessing.Event()
    fake = multiprocessing.Process(target=serve, args=(port, count, first_at, last_at, ready, stop), daemon=True)
    fake.start()
    ready.wait(10)

    env = dict(os.environ, SMS_TRANSPORT="twilio", TWILIO_ACCOUNT_SID="AC" + "0" * 32,
               TWILIO_AUTH_TOKEN="bench-token", TWILIO_FROM_NUMBER="+15005550006",
               TWILIO_API_BASE_URL=f"http://127.0.0.1:{port.value}", SMS_RATE_PER_SECOND=str(args.rate),
               PUBLIC_BASE_URL="https://planner.example.test")
    app = create_app()
    with app.app_context():
        upgrade()
    today = datetime.now(timezone.utc).date()
    started = time.perf_counter()
    seed(app, args.clients, today)
    print(f"database: {app.config['SQLALCHEMY_DATABASE_URI'].split('@')[-1]}   redis: {os.environ['REDIS_URL']}")
    print(f"seeded {args.clients} clients with a session today in {time.perf_counter() - started:.1f} s")

    import redis
    redis.Redis.from_url(os.environ["REDIS_URL"]).flushdb()
    worker = subprocess.Popen([PLANNER, "worker", "--processes", str(args.workers), "--threads", str(args.threads)],
                              env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
    try:
        time.sleep(4)  # let the worker processes boot
        if os.environ.get("PROFILE_WORKER"):
            target = descendants(worker.pid)[0]
            # --gil: only the thread holding the GIL, so where the CPU goes, not the waits
            subprocess.Popen([PY_SPY, "record", "-d", "8", "-r", "200", "-f", "raw", "--gil", "-o",
                              "/tmp/worker-profile.txt", "--pid", str(target)],
                             stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            time.sleep(1)
        boot_cpu = sum(cpu_seconds(pid) for pid in descendants(worker.pid))
        # A scheduler process, booted and waiting, as `planner scheduler` is
        # when a minute strikes: the clock starts when its tick starts.
        tick_at = datetime.combine(today, clock(8, 0))
        scheduler = subprocess.Popen([sys.executable, "-c", SCHEDULER_SCRIPT, tick_at.isoformat()], env=env,
                                     stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
        assert scheduler.stdout.readline().strip() == "ready"
        scheduler.stdin.write("go\n")
        scheduler.stdin.flush()
        t0 = float(scheduler.stdout.readline())
        report_line = scheduler.stdout.readline().strip()
        tick_seconds = float(scheduler.stdout.readline())
        scheduler_rss = int(scheduler.stdout.readline())
        scheduler.wait(30)
        print(report_line)
        deadline = time.time() + 600
        peaks: dict[int, int] = {}
        while count.value < args.clients and time.time() < deadline:
            for pid in descendants(worker.pid):
                peaks[pid] = max(peaks.get(pid, 0), vm_hwm_kb(pid))
            time.sleep(0.2)
        for pid in descendants(worker.pid):
            peaks[pid] = max(peaks.get(pid, 0), vm_hwm_kb(pid))
        worker_cpu = sum(cpu_seconds(pid) for pid in descendants(worker.pid))
        fake_cpu = cpu_seconds(fake.pid)
        delivered, first, last = count.value, first_at.value, last_at.value
    finally:  # whatever happened, the workers must not outlive the benchmark
        os.killpg(worker.pid, 15)
        worker.wait(30)
    stop.set()
    print(f"\n{delivered} of {args.clients} delivered to the fake Twilio")
    print(f"tick (inside a running scheduler): {tick_seconds:.2f} s")
    print(f"from the tick to the first message received: {first - t0:.2f} s, to the last: {last - t0:.2f} s "
          f"({delivered / max(last - t0, 1e-9):.0f} messages/s)")
    print(f"CPU used: workers {worker_cpu:.1f} s ({boot_cpu:.1f} s of it booting), fake Twilio {fake_cpu:.1f} s")
    print(f"peak memory: scheduler process {scheduler_rss / 1024:.0f} MB; worker processes "
          + ", ".join(f"{kb / 1024:.0f} MB" for pid, kb in sorted(peaks.items()) if kb))


if __name__ == "__main__":
    main()
