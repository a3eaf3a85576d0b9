"""`planner`: the one command for every operator task.

It is Flask's CLI group bound to our app factory, so `planner db upgrade`
(Flask-Migrate), `planner routes` and `planner shell` come with it; our own
commands are in planner/commands.py."""
from __future__ import annotations

import click
from flask.cli import FlaskGroup

from planner.app import create_app


@click.group(cls=FlaskGroup, create_app=lambda: create_app(), add_version_option=False)
def main() -> None:
    """Corrective exercise planner: operator commands."""
