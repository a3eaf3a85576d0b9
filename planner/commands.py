"""The operator commands (`planner library|trainer|demo|alerts|serve|worker|scheduler`),
registered on the app's CLI group, so `planner` (planner/cli.py), `flask`
and the test runner (app.test_cli_runner) all see the same ones."""
from __future__ import annotations

import os
import signal
import subprocess
import sys
from datetime import datetime, timezone
from pathlib import Path

import click
from flask import current_app
from flask.cli import with_appcontext
from werkzeug.serving import run_simple

from planner.demo.seed import seed_demo
from planner.embedded_redis import EmbeddedRedis
from planner.extensions import db
from planner.library import DATA_DIR
from planner.library.loader import LibraryError, load_library
from planner.messaging.settings import SmsSettings
from planner.models import Trainer
from planner.people.accounts import AccountError, create_trainer, ensure_demo_trainer, find_trainer, rotate_token
from planner.people.sign_in_brake import unlock
from planner.progress.alerts import reevaluate_open_alerts
from planner.progress.report_rules import Thresholds
from planner.programs.store import ProgramConflict
from planner.startup import freeze_startup_objects
from planner.validation import InputError
from workers.broker import configure as configure_broker, redis_url
from workers.scheduler import periodic_tick, run_forever, tick

DEMO_EMAIL = "demo@example.com"
# The password rule (planner/people/passwords.py) holds for the demo too.
DEMO_PASSWORD = "bridge-and-plank-demo"


def register_commands(app) -> None:
    """Our commands live on app.cli."""
    for command in (library, trainer, demo, alerts, serve, worker, scheduler):
        app.cli.add_command(command)


# --- library --------------------------------------------------------------

@click.group()
def library() -> None:
    """The muscle catalog, exercise library and movement screens."""


@library.command("load")
@click.option("--data-dir", type=click.Path(exists=True, file_okay=False), default=None,
              help="Folder of library files (default: the built-in library).")
@with_appcontext
def library_load(data_dir: str | None) -> None:
    """Check and load the library; idempotent."""
    try:
        report = load_library(Path(data_dir) if data_dir else DATA_DIR)
        db.session.commit()
    except LibraryError as exc:
        raise click.ClickException(str(exc)) from None
    except Exception:
        db.session.rollback()  # all or nothing: no half-written library
        raise
    click.echo(f"library loaded: {report.summary()}")


# --- trainers -------------------------------------------------------------

@click.group()
def trainer() -> None:
    """Trainer accounts."""


@trainer.command("create")
@click.option("--email", required=True)
@click.option("--name", required=True)
@click.option("--password", prompt=True, hide_input=True, confirmation_prompt=True)
@with_appcontext
def trainer_create(email: str, name: str, password: str) -> None:
    """Create a trainer and print their API token (shown once)."""
    try:
        _, token = create_trainer(email, name, password)
    except AccountError as exc:
        raise click.ClickException(str(exc)) from None
    db.session.commit()
    click.echo(f"trainer {email} created")
    click.echo(f"API token (shown once, keep it safe): {token}")


@trainer.command("token")
@click.option("--email", required=True)
@with_appcontext
def trainer_token(email: str) -> None:
    """Issue a new API token for a trainer; the old one stops working."""
    try:
        token = rotate_token(email)
    except AccountError as exc:
        raise click.ClickException(str(exc)) from None
    db.session.commit()
    click.echo(f"API token for {email} (shown once): {token}")


@trainer.command("unlock")
@click.option("--email", required=True)
@with_appcontext
def trainer_unlock(email: str) -> None:
    """Reopen an account closed by too many failed sign-ins in a row (NIST
    SP 800-63B's ceiling of 100), and clear its failures."""
    try:
        unlock(find_trainer(email))
    except AccountError as exc:
        raise click.ClickException(str(exc)) from None
    db.session.commit()
    click.echo(f"{email} can sign in again from anywhere")


@trainer.command("demo")
@with_appcontext
def trainer_demo() -> None:
    """Make sure the demo trainer exists and print a fresh login and token."""
    if current_app.config["PLANNER_ENV"] == "production":
        raise click.ClickException("no demo trainer in production")
    token = ensure_demo_trainer(DEMO_EMAIL, "Demo Trainer", DEMO_PASSWORD)
    db.session.commit()
    click.echo("")
    click.echo(f"  demo login:  {DEMO_EMAIL} / {DEMO_PASSWORD}")
    click.echo(f"  API token:   {token}")
    base = current_app.config["PUBLIC_BASE_URL"]
    click.echo(f"  sign in at:  {base}/signin")
    click.echo(f"  try:         curl -H 'Authorization: Bearer {token}' {base}/api/v1/clients")
    click.echo("")


# --- demo -----------------------------------------------------------------

@click.group()
def demo() -> None:
    """The demo practice."""


@demo.command("seed")
@with_appcontext
def demo_seed() -> None:
    """Give the demo trainer clients with weeks of history (check-ins, a
    flare, lasting relief, a pending proposal); idempotent."""
    config = current_app.config
    if config["PLANNER_ENV"] == "production":
        raise click.ClickException("no demo clients in production: the demo is for trying the planner out")
    trainer = db.session.scalar(db.select(Trainer).filter_by(email=DEMO_EMAIL))
    if trainer is None:
        raise click.ClickException("no demo trainer yet: run `planner trainer demo` first")
    try:
        report = seed_demo(trainer, SmsSettings.from_config(config), Thresholds.from_config(config),
                           config["FOLLOW_UP_WEEKS"], may_text=config["SMS_TRANSPORT"] == "console")
        db.session.commit()
    except (InputError, ProgramConflict) as exc:
        db.session.rollback()  # all or nothing
        raise click.ClickException(f"the demo could not be seeded ({exc}); is the library loaded "
                                   "(`planner library load`)?") from None
    click.echo(report.summary())
    if report.created:
        click.echo(f"  see them at:  {config['PUBLIC_BASE_URL']}/dashboard (sign in as {DEMO_EMAIL})")


# --- alerts ---------------------------------------------------------------

@click.group()
def alerts() -> None:
    """The trainer's alerts."""


@alerts.command("reevaluate")
@with_appcontext
def alerts_reevaluate() -> None:
    """Judge the open pain alerts again by the current rules and resolve,
    with a note saying why, those the rules would not raise now. Run once
    after an upgrade that changes the rules; running it again does nothing."""
    resolved = reevaluate_open_alerts(Thresholds.from_config(current_app.config))
    db.session.commit()
    # Ids only: the notes hold pain scores, which stay in the planner.
    for alert in resolved:
        click.echo(f"alert {alert.id} of client {alert.client_id} resolved (the note is on the client's page)")
    click.echo(f"{len(resolved)} open alert{'' if len(resolved) == 1 else 's'} resolved")


# --- background processes -------------------------------------------------

# How often an idle worker looks for new messages. Dramatiq's default (1 s)
# holds the start of each minute's fan-out back by up to a second; this
# costs an idle worker process some twenty small Redis calls a second.
WORKER_IDLE_POLL_MS = 100

def require_redis() -> str:
    """The Redis this command works with, or a clear error saying what to set."""
    url = redis_url(current_app.config)
    if url is None:
        raise click.ClickException(
            "no Redis to use: REDIS_URL is unset and no `planner serve` with its embedded Redis is running "
            "on this instance folder. Set REDIS_URL (e.g. redis://127.0.0.1:6379/0) or start `planner serve`.")
    return url


@click.command("worker")
@click.option("--processes", default=1, show_default=True, type=int)
@click.option("--threads", default=8, show_default=True, type=int)
@with_appcontext
def worker(processes: int, threads: int) -> None:
    """Run the Dramatiq worker (Redis from REDIS_URL, else the running `planner serve`'s)."""
    env = dict(os.environ, REDIS_URL=require_redis())
    env.setdefault("dramatiq_worker_timeout", str(WORKER_IDLE_POLL_MS))
    args = [sys.executable, "-m", "dramatiq", "workers.main:broker", "--processes", str(processes),
            "--threads", str(threads), "--queues", "sms", "inbound", "progress"]
    os.execvpe(args[0], args, env)


@click.group("scheduler", invoke_without_command=True)
@click.pass_context
@with_appcontext
def scheduler(context) -> None:
    """Run the scheduler: reminders each minute, reviews and digests every few minutes."""
    require_redis()
    if context.invoked_subcommand is None:
        run_forever()


@scheduler.command("tick")
@click.option("--now", "now_text", required=True, help="The instant to tick for, e.g. 2026-03-08T13:00:00Z")
@with_appcontext
def scheduler_tick(now_text: str) -> None:
    """Run one pass for the given instant (replays a missed window): due
    reminders and prompts, then nightly reviews and Monday digests."""
    try:
        moment = datetime.fromisoformat(now_text.replace("Z", "+00:00"))
    except ValueError:
        raise click.BadParameter(f"{now_text!r} is not an ISO 8601 instant like 2026-03-08T13:00:00Z",
                                 param_hint="--now") from None
    if moment.tzinfo is None:
        raise click.BadParameter("give a time zone, e.g. a trailing Z for UTC", param_hint="--now")
    try:
        instant = moment.astimezone(timezone.utc).replace(tzinfo=None)
    except OverflowError:
        raise click.BadParameter(f"{now_text!r} is beyond the calendar in UTC", param_hint="--now") from None
    click.echo(str(tick(instant)))
    click.echo(str(periodic_tick(instant)))


# --- serving --------------------------------------------------------------

@click.command("serve")
@click.option("--host", default="127.0.0.1", show_default=True)
@click.option("--port", default=None, type=int, help="Default: PORT, else 5000.")
@click.option("--worker-threads", default=4, show_default=True, type=int)
@with_appcontext
def serve(host: str, port: int | None, worker_threads: int) -> None:
    """Run the whole planner on one machine: the web app, a worker and the
    scheduler, plus an embedded Redis when REDIS_URL is unset. Stops
    everything it started on Ctrl-C, SIGTERM or SIGHUP, whether the signal
    reaches it alone or its whole process group, and during start-up too."""
    app = current_app._get_current_object()
    port = port or app.config["PORT"]
    state = {"starting": True, "stop_asked": False, "stopping": False}

    def stop(signum, frame):
        # During start-up a stop waits until what is being started is known
        # to the shutdown; a second signal (make passes a group's signal on,
        # so it can come twice) must not cut the shutdown short.
        if state["starting"]:
            state["stop_asked"] = True
        elif not state["stopping"]:
            state["stopping"] = True
            raise KeyboardInterrupt

    for sig in STOP_SIGNALS:
        signal.signal(sig, stop)
    embedded = None
    children: list[subprocess.Popen] = []
    try:
        if not app.config["REDIS_URL"]:
            embedded = EmbeddedRedis(app.instance_path).start()
            embedded.announce(os.getpid())
            app.config["REDIS_URL"] = embedded.url
            click.echo(f"embedded Redis at {embedded.url} (pid {embedded.pid})")
            configure_broker(app)  # the web app enqueues on the embedded Redis too
        env = dict(os.environ, REDIS_URL=app.config["REDIS_URL"])
        planner = str(Path(sys.executable).with_name("planner"))
        # Sessions of their own: a signal to our group is ours to pass on, in order.
        for command in (["worker", "--threads", str(worker_threads)], ["scheduler"]):
            children.append(subprocess.Popen([planner, *command], env=env, start_new_session=True))
        click.echo(f"worker (pid {children[0].pid}) and scheduler (pid {children[1].pid}) started")
        click.echo(f"planner at http://{host}:{port} (database: {db.engine.url.render_as_string()})")
        freeze_startup_objects()
        state["starting"] = False
        if state["stop_asked"]:
            raise KeyboardInterrupt
        # Werkzeug directly: Flask refuses app.run() inside its own CLI.
        run_simple(host, port, app, threaded=True, use_reloader=False)
    except KeyboardInterrupt:
        pass
    finally:
        state["stopping"] = True
        _stop_children(children)
        if embedded:
            embedded.withdraw()
            embedded.stop()
        click.echo("planner stopped")
        sys.stdout.flush()


STOP_SIGNALS = {signal.SIGINT, signal.SIGTERM, signal.SIGHUP}


def _stop_children(children: list[subprocess.Popen]) -> None:
    for child in children:
        if child.poll() is None:
            os.killpg(child.pid, signal.SIGTERM)
    for child in children:
        try:
            child.wait(timeout=15)
        except subprocess.TimeoutExpired:
            os.killpg(child.pid, signal.SIGKILL)
            child.wait()
