"""Inbound reply load benchmark: Twilio-signed POST /sms/inbound at a fixed rate.

    REDIS_URL=redis://127.0.0.1:6379/8 \\
        .venv/bin/python benchmarks/inbound_bench.py [--rates 50,100,200] [--seconds 10] \\
            [--web-workers 2] [--worker-processes 1] [--worker-threads 8]

Needs the `bench` extra (gunicorn, aiohttp): pip install -e '.[bench]'.
Without DATABASE_URL it makes a PostgreSQL database of its own
(`planner_bench_inbound`, dropped and made again each run) on the local
server, never the tests' one. It flushes the Redis database it is given:
give it one no test run or other process uses (the default, db 8).

Seeds clients with an active program, a session today and `--history-days`
of past check-ins (so a reply's flare check has a history to read), then
runs the web app as an operator would (gunicorn `wsgi:app`), the worker
(`planner worker`) and a fast fake Twilio for the answers. For each rate it
sends signed replies ("3 y") on a fixed schedule, open loop: a request
leaves at its time whatever the earlier ones are doing, and its latency is
counted from that time (so a stalled server cannot hide its queue). It
prints the webhook's p50/p95/p99, errors, replies lost (not `processed`
with the day's check-in by the deadline), how long the replies took to be
processed, and CPU time per reply in the web processes, the worker
processes and PostgreSQL, from /proc.
Target on a 2-core machine: 200/s with p99 under 50 ms, nothing lost.
"""
from __future__ import annotations

import argparse
import asyncio
import multiprocessing
import os
import socket
import subprocess
import sys
import time
import uuid
from datetime import datetime, time as clock, timedelta, timezone
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

from fanout_bench import SEED_CHUNK, cpu_seconds, descendants  # noqa: E402

BIN = Path(sys.executable).parent
DATABASE = "planner_bench_inbound"
PUBLIC_BASE_URL = "https://planner.example.test"
AUTH_TOKEN = "bench-token"
FROM_NUMBER = "+15005550006"


def fresh_database(name: str) -> str:
    """The benchmark's own database, made again so every run starts alike."""
    import psycopg

    with psycopg.connect("postgresql://127.0.0.1:5432/postgres", autocommit=True) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        connection.execute(f'CREATE DATABASE "{name}"')
    return f"postgresql://127.0.0.1:5432/{name}"


def phone(i: int) -> str:
    return f"+1415{5550000 + i:07d}"


def seed(app, clients: int, history_days: int, today) -> None:
    from planner.extensions import db
    from planner.models import CheckIn, Client, Program, ProgramSession, Trainer

    with app.app_context():
        trainer = Trainer(email="inbound@bench.example", name="Bench", password_hash="x")
        db.session.add(trainer)
        db.session.flush()
        now = datetime.now(timezone.utc).replace(tzinfo=None)
        for first in range(0, clients, SEED_CHUNK):
            db.session.execute(Client.__table__.insert(), [{
                "trainer_id": trainer.id, "name": f"Client {i}", "phone": phone(i), "timezone": "UTC",
                "reminder_time": clock(8, 0), "checkin_time": clock(19, 0),
                "training_days": "mon,tue,wed,thu,fri,sat,sun", "sms_consent": True, "created_at": now,
                "opt_in_sent_at": now, "updated_at": now} for i in range(first, min(first + SEED_CHUNK, clients))])
        client_ids = list(db.session.scalars(db.select(Client.id).filter_by(trainer_id=trainer.id)
                                             .order_by(Client.id)))
        for first in range(0, len(client_ids), SEED_CHUNK):
            db.session.execute(Program.__table__.insert(), [{
                "client_id": cid, "status": "active", "start_date": today - timedelta(days=history_days),
                "weeks": 1, "sessions_per_week": 7, "minutes_per_session": 20, "equipment": [], "uncovered": [],
                "created_at": now, "updated_at": now, "published_at": datetime(2025, 1, 1)}
                for cid in client_ids[first:first + SEED_CHUNK]])
        program_ids = list(db.session.scalars(db.select(Program.id).join(Client).where(
            Client.trainer_id == trainer.id).order_by(Program.id)))
        for first in range(0, len(program_ids), SEED_CHUNK):
            db.session.execute(ProgramSession.__table__.insert(), [{
                "program_id": pid, "week": 1, "index": 1, "day": today.strftime("%a").lower()[:3], "date": today,
                "deload": False, "minutes": 10} for pid in program_ids[first:first + SEED_CHUNK]])
        # A history of usual pain around 3-4, every other day.
        history = [{"client_id": cid, "date": today - timedelta(days=days), "pain": 3 + (cid + days) % 2,
                    "done": True, "source": "sms", "created_at": now, "updated_at": now}
                   for cid in client_ids for days in range(history_days, 0, -2)]
        rows_per_statement = SEED_CHUNK
        for first in range(0, len(history), rows_per_statement):
            db.session.execute(CheckIn.__table__.insert(), history[first:first + rows_per_statement])
        db.session.commit()


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def postgres_cpu() -> float:
    """CPU seconds of every PostgreSQL process on this machine (the server
    is local): the backends the web and worker processes talk to."""
    total = 0.0
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                if (entry / "comm").read_text().strip() in ("postgres", "postmaster"):
                    total += cpu_seconds(int(entry.name))
            except OSError:
                pass
    return total


def tree_cpu(pid: int) -> float:
    return sum(cpu_seconds(p) for p in [pid] + descendants(pid))


def percentile(values: list[float], share: float) -> float:
    if not values:
        return float("nan")
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))]


async def send_replies(url: str, schedule: list[tuple[float, dict, str]], timeout: float):
    """Each request leaves at its scheduled time; latency is from that time."""
    import aiohttp

    latencies: list[float] = []
    errors: dict[str, int] = {}
    accepted: list[str] = []
    connector = aiohttp.TCPConnector(limit=0)
    async with aiohttp.ClientSession(connector=connector,
                                     timeout=aiohttp.ClientTimeout(total=timeout)) as session:
        async def one(at: float, form: dict, signature: str) -> None:
            try:
                async with session.post(url, data=form, headers={"X-Twilio-Signature": signature}) as response:
                    await response.read()
                    latencies.append(time.perf_counter() - at)
                    if response.status == 200:
                        accepted.append(form["MessageSid"])
                    else:
                        errors[str(response.status)] = errors.get(str(response.status), 0) + 1
            except (aiohttp.ClientError, asyncio.TimeoutError) as error:
                errors[type(error).__name__] = errors.get(type(error).__name__, 0) + 1

        start = time.perf_counter() + 0.2
        tasks = []
        for offset, form, signature in schedule:
            delay = start + offset - time.perf_counter()
            if delay > 0:
                await asyncio.sleep(delay)
            tasks.append(asyncio.create_task(one(start + offset, form, signature)))
        await asyncio.gather(*tasks)
    return latencies, errors, accepted


def queues_empty(redis_client) -> bool:
    """No Dramatiq message waiting or being worked on (the Redis broker keeps
    each unacknowledged message in `dramatiq:<queue>.msgs`)."""
    return all(redis_client.hlen(key) == 0 for key in redis_client.scan_iter("dramatiq:*.msgs"))


def run_rate(app, args, rate: float, first_client: int, web_pid: int, worker_pid: int, redis_client, today,
             seconds: float, quiet: bool = False) -> int:
    from twilio.request_validator import RequestValidator

    from planner.extensions import db
    from planner.models import CheckIn, Message

    validator = RequestValidator(AUTH_TOKEN)
    count = int(rate * seconds)
    url_path = "/sms/inbound"
    schedule = []
    for n in range(count):
        client = (first_client + n) % args.clients
        form = {"MessageSid": "SM" + uuid.uuid4().hex, "AccountSid": "AC" + "0" * 32, "From": phone(client),
                "To": FROM_NUMBER, "Body": f"{2 + n % 3} y", "NumMedia": "0"}
        schedule.append((n / rate, form, validator.compute_signature(PUBLIC_BASE_URL + url_path, form)))

    cpu_before = tree_cpu(web_pid), tree_cpu(worker_pid), postgres_cpu()
    load_before = os.getloadavg()[0]
    started = datetime.now(timezone.utc).replace(tzinfo=None)
    t0 = time.perf_counter()
    latencies, errors, accepted = asyncio.run(send_replies(f"http://127.0.0.1:{args.port}{url_path}", schedule,
                                                           args.request_timeout))
    sent_for = time.perf_counter() - t0
    load_after = os.getloadavg()[0]
    deadline = time.perf_counter() + args.deadline
    processed = 0
    # A request the generator gave up on may still have been stored: it
    # must be processed too, and it counts in the CPU per reply.
    sids = [form["MessageSid"] for _, form, _ in schedule]
    with app.app_context():
        stored = db.session.scalar(db.select(db.func.count(Message.id)).where(Message.twilio_sid.in_(sids)))
        while time.perf_counter() < deadline:
            stored = db.session.scalar(db.select(db.func.count(Message.id)).where(Message.twilio_sid.in_(sids)))
            processed = db.session.scalar(db.select(db.func.count(Message.id)).where(
                Message.twilio_sid.in_(sids), Message.status == "processed"))
            db.session.rollback()
            if processed == stored and queues_empty(redis_client):
                break
            time.sleep(0.2)
        drained = time.perf_counter() - t0
        cpu_after = tree_cpu(web_pid), tree_cpu(worker_pid), postgres_cpu()
        with_checkin = db.session.scalar(db.select(db.func.count(Message.id)).join(
            CheckIn, db.and_(CheckIn.client_id == Message.client_id, CheckIn.date == today)).where(
            Message.twilio_sid.in_(sids), Message.status == "processed"))
        accepted_stored = db.session.scalar(db.select(db.func.count(Message.id)).where(
            Message.twilio_sid.in_(accepted)))
        times = db.session.execute(db.select(Message.created_at, Message.updated_at).where(
            Message.twilio_sid.in_(sids), Message.status == "processed")).all()
        db.session.rollback()
    to_processed = [(done - made).total_seconds() for made, done in times]
    last_processed = max((done for _, done in times), default=started)
    web, worker, pg = (after - before for after, before in zip(cpu_after, cpu_before))
    per = 1000 / max(stored, 1)
    if quiet:
        return first_client + count
    lost = (stored - with_checkin) + (len(accepted) - accepted_stored)
    print(f"\n{rate:g}/s for {seconds:g} s: {count} replies sent in {sent_for:.1f} s "
          f"(load average {load_before:.2f} -> {load_after:.2f})")
    print(f"  webhook latency: p50 {1000 * percentile(latencies, .50):.1f} ms, "
          f"p95 {1000 * percentile(latencies, .95):.1f} ms, p99 {1000 * percentile(latencies, .99):.1f} ms, "
          f"max {1000 * max(latencies, default=float('nan')):.1f} ms")
    print(f"  errors: {sum(errors.values())} {errors or ''}   lost: {lost} ({len(accepted)} answered 200, "
          f"{stored} stored; {stored - processed} not processed, {processed - with_checkin} processed without "
          f"a check-in, {len(accepted) - accepted_stored} answered but not stored)")
    print(f"  stored to processed: p50 {1000 * percentile(to_processed, .50):.0f} ms, "
          f"p99 {1000 * percentile(to_processed, .99):.0f} ms; last reply processed "
          f"{(last_processed - started).total_seconds():.1f} s after the first was sent; "
          f"queues drained after {drained:.1f} s")
    print(f"  CPU per reply stored: web {web * per:.1f} ms, worker {worker * per:.1f} ms, PostgreSQL {pg * per:.1f} ms "
          f"(total {(web + worker + pg) * per:.1f} ms)")
    return first_client + count


def wait_for(url: str, seconds: float) -> None:
    import urllib.request

    until = time.time() + seconds
    while time.time() < until:
        try:
            with urllib.request.urlopen(url, timeout=1) as response:
                if response.status == 200:
                    return
        except OSError:
            time.sleep(0.2)
    raise SystemExit(f"{url} did not answer within {seconds:g} s")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rates", default="50,100,200", help="replies a second, one run each, comma-separated")
    parser.add_argument("--seconds", type=float, default=10)
    parser.add_argument("--warmup-seconds", type=float, default=3, help="at 20/s, before the measured runs")
    parser.add_argument("--clients", type=int, default=2000)
    parser.add_argument("--history-days", type=int, default=90)
    parser.add_argument("--web-workers", type=int, default=2, help="gunicorn worker processes")
    parser.add_argument("--web-threads", type=int, default=1, help="gunicorn threads per worker (gthread if > 1)")
    parser.add_argument("--worker-processes", type=int, default=1)
    parser.add_argument("--worker-threads", type=int, default=8)
    parser.add_argument("--deadline", type=float, default=120, help="seconds after sending for every reply "
                                                                     "to be processed")
    parser.add_argument("--request-timeout", type=float, default=30)
    args = parser.parse_args()
    args.port = free_port()

    if "DATABASE_URL" not in os.environ:
        os.environ["DATABASE_URL"] = fresh_database(DATABASE)
    os.environ.setdefault("REDIS_URL", "redis://127.0.0.1:6379/8")
    os.environ.setdefault("SECRET_KEY", "benchmark")
    from fast_fake_twilio import serve
    from flask_migrate import upgrade

    from planner.app import create_app

    fake_port, fake_count = multiprocessing.Value("i", 0), multiprocessing.Value("i", 0)
    first_at, last_at = multiprocessing.Value("d", 0), multiprocessing.Value("d", 0)
    ready, stop = multiprocessing.Event(), multiprocessing.Event()
    fake = multiprocessing.Process(target=serve, args=(fake_port, fake_count, first_at, last_at, ready, stop),
                                   daemon=True)
    fake.start()
    ready.wait(10)
    env = dict(os.environ, SMS_TRANSPORT="twilio", TWILIO_ACCOUNT_SID="AC" + "0" * 32,
               TWILIO_AUTH_TOKEN=AUTH_TOKEN, TWILIO_FROM_NUMBER=FROM_NUMBER,
               TWILIO_API_BASE_URL=f"http://127.0.0.1:{fake_port.value}", SMS_RATE_PER_SECOND="0",
               PUBLIC_BASE_URL=PUBLIC_BASE_URL)
    os.environ.update(env)
    app = create_app()
    with app.app_context():
        upgrade()
    today = datetime.now(timezone.utc).date()
    started = time.perf_counter()
    seed(app, args.clients, args.history_days, today)
    print(f"database: {app.config['SQLALCHEMY_DATABASE_URI'].split('@')[-1]}   redis: {os.environ['REDIS_URL']}")
    print(f"seeded {args.clients} clients, {args.history_days} days of check-ins each (every other day), "
          f"in {time.perf_counter() - started:.1f} s")
    print(f"gunicorn: {args.web_workers} workers x {args.web_threads} threads; planner worker: "
          f"{args.worker_processes} processes x {args.worker_threads} threads; {os.cpu_count()} CPUs")

    import redis
    redis_client = redis.Redis.from_url(os.environ["REDIS_URL"])
    redis_client.flushdb()
    gunicorn = [str(BIN / "gunicorn"), "--workers", str(args.web_workers), "--threads", str(args.web_threads),
                "--bind", f"127.0.0.1:{args.port}", "wsgi:app"]
    web = subprocess.Popen(gunicorn, cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                           start_new_session=True)
    worker = subprocess.Popen([str(BIN / "planner"), "worker", "--processes", str(args.worker_processes),
                               "--threads", str(args.worker_threads)], cwd=ROOT, env=env,
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
    try:
        wait_for(f"http://127.0.0.1:{args.port}/healthz", 30)
        time.sleep(4)  # the worker processes boot
        # Warm up first: each process's first replies pay for lazy imports
        # and new connections, which a running service has long paid.
        next_client = run_rate(app, args, 20, 0, web.pid, worker.pid, redis_client, today, args.warmup_seconds,
                               quiet=True)
        for rate in (float(r) for r in args.rates.split(",")):
            next_client = run_rate(app, args, rate, next_client, web.pid, worker.pid, redis_client, today,
                                   args.seconds)
        print(f"\nanswers received by the fake Twilio: {fake_count.value}")
    finally:  # whatever happened, nothing started here outlives the benchmark
        for process in (web, worker):
            os.killpg(process.pid, 15)
        for process in (web, worker):
            process.wait(30)
        stop.set()


if __name__ == "__main__":
    main()
