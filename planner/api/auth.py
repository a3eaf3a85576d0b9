"""Bearer-token authentication for the API."""
from __future__ import annotations

from functools import wraps

from flask import abort, g, request

from planner.extensions import db
from planner.models import Client, Trainer
from planner.models.people import hash_token
from planner.people.ownership import client_of
from planner.api.errors import Unauthorized


def token_required(view):
    @wraps(view)
    def wrapper(*args, **kwargs):
        header = request.headers.get("Authorization", "")
        scheme, _, token = header.partition(" ")
        if scheme.lower() != "bearer" or not token.strip():
            raise Unauthorized("send an API token: Authorization: Bearer <token>")
        trainer = db.session.scalar(db.select(Trainer).filter_by(api_token_hash=hash_token(token.strip())))
        if trainer is None:
            raise Unauthorized("the API token is not valid")
        g.trainer = trainer
        return view(*args, **kwargs)
    return wrapper


def current_trainer() -> Trainer:
    return g.trainer


def owned_client(client_id: int) -> Client:
    """The signed-in trainer's client, or 404 (never 403: another trainer's
    client must not be revealed to exist)."""
    client = client_of(current_trainer().id, client_id)
    if client is None:
        abort(404)
    return client
