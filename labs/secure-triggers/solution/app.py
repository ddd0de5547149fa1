import hashlib
import hmac
import json
import logging
import os
import time

from dapr.clients import DaprClient
from fastapi import FastAPI, HTTPException, Request

logging.basicConfig(level=logging.INFO)
logger = logging.getLogger(__name__)

app = FastAPI()

MAX_AGE_SECONDS = 300


def find_expired_tasks():
    """Stand-in for a database query: the ids of tasks past their deadline."""
    return ["task-1", "task-2"]


def from_sidecar(request: Request) -> bool:
    """daprd started with APP_API_TOKEN sends it in dapr-api-token on every call to the app."""
    token = request.headers.get("dapr-api-token", "")
    return hmac.compare_digest(token.encode(), os.environ["APP_API_TOKEN"].encode())


def signed_by_provider(body: bytes, timestamp: str, signature: str) -> bool:
    """X-Signature is sha256=<hex HMAC-SHA256 of "<timestamp>." + the raw body>, keyed with the shared secret."""
    secret = os.environ["PAYMENT_WEBHOOK_SECRET"].encode()
    expected = "sha256=" + hmac.new(secret, timestamp.encode() + b"." + body, hashlib.sha256).hexdigest()
    return hmac.compare_digest(expected.encode(), signature.encode())


@app.post("/cleanup-cron")
async def handle_cleanup(request: Request):
    """Fired by the cron binding; only the sidecar knows the token."""
    if not from_sidecar(request):
        raise HTTPException(status_code=401, detail="not from the Dapr sidecar")
    expired_tasks = find_expired_tasks()
    logger.info(f"CRON TRIGGERED: {len(expired_tasks)} expired")
    with DaprClient() as client:
        for task_id in expired_tasks:
            client.invoke_binding(
                binding_name="monitoring-webhook",
                operation="post",
                data=json.dumps({"alert": "task_expired", "task_id": task_id}),
            )
    return {"status": "OK", "expired_count": len(expired_tasks)}


@app.post("/webhooks/payments")
async def payment_webhook(request: Request):
    """The payment provider calls this when a payment arrives: verify first, publish after."""
    body = await request.body()
    timestamp = request.headers.get("X-Timestamp", "")
    if not timestamp.isdigit() or abs(time.time() - int(timestamp)) > MAX_AGE_SECONDS:
        raise HTTPException(status_code=401, detail="missing or stale timestamp")
    if not signed_by_provider(body, timestamp, request.headers.get("X-Signature", "")):
        raise HTTPException(status_code=401, detail="bad signature")
    payment = json.loads(body)
    with DaprClient() as client:
        client.publish_event(
            pubsub_name="pubsub",
            topic_name="payment-events",
            data=json.dumps({"event": "payment.received", "payment_id": payment.get("payment_id"), "amount": payment.get("amount")}),
            data_content_type="application/json",
        )
    return {"status": "accepted"}
