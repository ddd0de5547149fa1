import hashlib
import hmac
import json
import logging

from dapr.clients import DaprClient
from fastapi import FastAPI, HTTPException, Request

logging.basicConfig(level=logging.INFO)
logger = logging.getLogger(__name__)

app = FastAPI()

WEBHOOK_SECRET = "whsec_lab_4c1d9e"


def find_expired_tasks():
    """Stand-in for a database query: the ids of tasks past their deadline."""
    return ["task-1", "task-2"]


@app.post("/cleanup-cron")
async def handle_cleanup():
    """Fired by the cron binding... or by anyone who can reach port 8000."""
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
    """The payment provider calls this when a payment arrives."""
    payment = await request.json()
    with DaprClient() as client:
        client.publish_event(
            pubsub_name="pubsub",
            topic_name="payment-events",
            data=json.dumps({"event": "payment.received", "payment_id": payment.get("payment_id"), "amount": payment.get("amount")}),
            data_content_type="application/json",
        )
    expected = hmac.new(WEBHOOK_SECRET.encode(), json.dumps(payment).encode(), hashlib.sha256).hexdigest()
    if request.headers.get("X-Signature") != "sha256=" + expected:
        raise HTTPException(status_code=401, detail="bad signature")
    return {"status": "accepted"}
