"""Dramatiq actors. Each takes ids, not objects, and is safe to run twice:
the database says what is already done. The actors own the transactions:
the domain functions they call change and flush, and the actors commit."""
from __future__ import annotations

import threading
import time

import dramatiq
from dramatiq.middleware import CurrentMessage
from dramatiq.rate_limits import BucketRateLimiter
from dramatiq.rate_limits.backends import RedisBackend
from flask import current_app

from planner.caseload import digest
from planner.caseload.digest_email import EmailSettings, email_digest
from planner.extensions import db
from planner.messaging import fan_out, inbound, outbound
from planner.messaging.settings import SmsSettings
from planner.messaging.transport import TransientSmsError, transport_from_config
from planner.models import Message, Trainer
from planner.progress import alerts, reviews
from planner.progress.report_rules import Thresholds
from workers.broker import commit_then_send, current

# Transient send failures back off exponentially: 2 s, 4 s, ... capped at
# 10 minutes, for about an hour in all (Dramatiq's Retries middleware).
SEND_RETRIES = dict(max_retries=8, min_backoff=2_000, max_backoff=600_000)


class SenderRateLimit:
    """At most `rate` messages a second per sender number, shared by every
    worker through Redis (Dramatiq's bucket rate limiter). Waits its turn
    instead of failing, so a fan-out drains at the allowed pace."""
    def __init__(self, sender: str, rate: float):
        self.rate = rate
        backend = RedisBackend(client=current().client)
        per_second = max(int(rate), 1)
        bucket_ms = int(1000 * per_second / rate) if rate > 0 else 1000
        self.limiter = BucketRateLimiter(backend, f"sms-sender:{sender}", limit=per_second, bucket=bucket_ms)

    def wait(self) -> None:
        if self.rate <= 0:  # 0 lifts the limit (benchmarks)
            return
        while True:
            with self.limiter.acquire(raise_on_failure=False) as acquired:
                if acquired:
                    return
            time.sleep(0.05)


class SenderRateLimits:
    """A SenderRateLimit for each number texts go out from (the shared one
    and practices' own), made on first use."""
    def __init__(self, rate: float):
        self.rate = rate
        self.by_sender: dict[str, SenderRateLimit] = {}

    def wait(self, sender: str | None) -> None:
        if self.rate <= 0:
            return
        sender = sender or "console"
        limit = self.by_sender.get(sender)
        if limit is None:
            limit = self.by_sender[sender] = SenderRateLimit(sender, self.rate)
        limit.wait()


class SentMarkers:
    """Which messages went out but may not be recorded yet: a Redis key per
    message, kept two days (far longer than any retry). The key carries the
    message's creation time as well as its id, so a reused id (SQLite can
    reuse the highest rowid after a delete) never matches an old marker."""
    TTL_SECONDS = 2 * 24 * 3600
    PREFIX = "sms-sent:"

    def __init__(self, client=None):
        self.client = client or current().client

    def _key(self, message) -> str:
        return f"{self.PREFIX}{message.id}:{message.created_at.isoformat()}"

    def get_many(self, messages) -> dict[int, str]:
        """The markers of these messages, by message id, in one round trip."""
        if not messages:
            return {}
        values = self.client.mget([self._key(m) for m in messages])
        return {m.id: v.decode() for m, v in zip(messages, values) if v is not None}

    def put(self, message, sid: str) -> None:
        self.client.set(self._key(message), sid, ex=self.TTL_SECONDS)


_transports = threading.local()


def _transport_and_limits():
    """The transport and the senders' rate limits for the current settings,
    built once per worker thread (an HTTP session is not shared between
    threads) so connections are kept alive between messages."""

    config = current_app.config
    key = tuple(config.get(k) for k in ("SMS_TRANSPORT", "TWILIO_ACCOUNT_SID", "TWILIO_AUTH_TOKEN",
                                        "TWILIO_API_BASE_URL", "TWILIO_HTTP_TIMEOUT_SECONDS"))
    cache = _transports.__dict__.setdefault("by_settings", {})
    transport = cache.get(key)
    if transport is None:
        transport = cache[key] = transport_from_config(config)
    by_rate = _transports.__dict__.setdefault("limits", {})
    limits = by_rate.get(config["SMS_RATE_PER_SECOND"])
    if limits is None:
        limits = by_rate[config["SMS_RATE_PER_SECOND"]] = SenderRateLimits(config["SMS_RATE_PER_SECOND"])
    return transport, limits


class RetryLater(Exception):
    """Some sends hit a transient error; Dramatiq retries the message."""


def send_dispatch_batch(dispatch_ids: list[int], owner: str, transport, sent_markers, limiter=None) -> list[int]:
    """Send what the Dramatiq message `owner` claims of these dispatches;
    return the ids that hit a transient error. The claim is committed before
    anything is sent, and the outcomes together after (planner/messaging/
    fan_out.py says why)."""
    settings = SmsSettings.from_config(current_app.config)
    claimed = fan_out.claim_and_prepare(dispatch_ids, owner, settings)
    db.session.commit()  # the claim and the new messages, before anything is sent
    results = fan_out.send_claimed(claimed, transport, settings, sent_markers, limiter)
    retry = outbound.record_outcomes(results)
    db.session.commit()
    return retry


@dramatiq.actor(broker=current(), queue_name="sms", on_retry_exhausted="dispatches_exhausted", **SEND_RETRIES)
def send_dispatches(dispatch_ids: list[int]) -> None:
    owner = CurrentMessage.get_current_message().message_id
    transport, limits = _transport_and_limits()
    retry = send_dispatch_batch(dispatch_ids, owner, transport, SentMarkers(), limits)
    if retry:
        raise RetryLater(f"transient failures for dispatches {retry}")


@dramatiq.actor(broker=current(), queue_name="sms", max_retries=3)
def dispatches_exhausted(message_data: dict, retry_info: dict) -> None:
    fan_out.give_up_on_dispatches(message_data["args"][0])
    db.session.commit()


@dramatiq.actor(broker=current(), queue_name="sms", on_retry_exhausted="messages_exhausted", **SEND_RETRIES)
def send_messages(message_ids: list[int]) -> None:
    """Send these messages in this order (a practice's opt-in confirmation
    before the text it precedes): each goes out once, and one that must
    wait or be retried holds back the ones after it."""
    transport, limits = _transport_and_limits()
    settings = SmsSettings.from_config(current_app.config)
    for message_id in message_ids:
        message = db.session.get(Message, message_id)
        if message is None:
            continue
        outcome = outbound.deliver(message, transport, settings, limits)
        db.session.commit()  # the attempt counts even when it is to be retried
        if outcome is not None and outcome.transient:
            raise TransientSmsError(outcome.error_message or "transient", code=outcome.error_code)


@dramatiq.actor(broker=current(), queue_name="sms", max_retries=3)
def messages_exhausted(message_data: dict, retry_info: dict) -> None:
    for message_id in message_data["args"][0]:
        outbound.give_up_on_message(message_id)
    db.session.commit()


@dramatiq.actor(broker=current(), queue_name="inbound", max_retries=5)
def process_inbound(message_id: int) -> None:
    claimed = inbound.claim(message_id)
    db.session.commit()  # of two workers given the same message, only the one that claimed it goes on
    if not claimed:
        return
    try:
        result = inbound.process_claimed(message_id, SmsSettings.from_config(current_app.config),
                                         Thresholds.from_config(current_app.config))
    except Exception:
        db.session.rollback()
        inbound.release(message_id)  # Dramatiq retries; the reply is not stuck `processing`
        db.session.commit()
        raise
    commit_then_send(send_messages.send, [result.send_order] if result.send_order else [])
    commit_then_send(check_flare.send, [result.checkin_client_id] if result.checkin_client_id is not None else [])


@dramatiq.actor(broker=current(), queue_name="progress", max_retries=5)
def check_flare(client_id: int) -> None:
    """A new check-in: alert the trainer at once if it is severe or shows a
    flare (raised, and still raised at the next check-in); never on a spike.
    Safe to run twice: one open alert per kind, one per flare and per severe day."""
    alerts.alert_on_latest_flare(client_id, Thresholds.from_config(current_app.config))
    db.session.commit()


@dramatiq.actor(broker=current(), queue_name="progress", max_retries=5)
def review_program(review_id: int) -> None:
    """Tonight's review of one program (planner/progress/reviews.py). Safe to
    run twice: the claim is committed before the work, so only one worker
    does it; work that fails is rolled back and the review handed back."""
    claimed = reviews.claim_review(review_id)
    db.session.commit()
    if not claimed:
        return
    try:
        reviews.fill_in_review(review_id, Thresholds.from_config(current_app.config))
        db.session.commit()
    except Exception:
        db.session.rollback()
        reviews.release_review(review_id)
        db.session.commit()
        raise


@dramatiq.actor(broker=current(), queue_name="progress", max_retries=8)
def build_digest(digest_id: int) -> None:
    """A trainer's Monday digest, emailed when SMTP is set. Safe to run
    twice: a ready digest is not rebuilt, and the email's claim is
    committed before sending, so it goes out once."""
    settings = EmailSettings.from_config(current_app.config)
    found = digest.fill_in_digest(digest_id)
    db.session.commit()
    if found is None or found.emailed_at is not None or not settings.enabled:
        return
    claimed = digest.claim_email(digest_id)
    db.session.commit()
    if not claimed:
        return
    try:
        email_digest(db.session.get(Trainer, found.trainer_id), found, settings)
    except Exception:
        # Give the claim back first, so the actor's retry sends it.
        digest.release_email(digest_id)
        db.session.commit()
        raise
    digest.mark_emailed(found)
    db.session.commit()
