from datetime import datetime
import json
import logging

from dapr.clients import DaprClient
from fastapi import FastAPI

logging.basicConfig(level=logging.INFO)
logger = logging.getLogger(__name__)

app = FastAPI()


@app.post("/cleanup-cron")  # the path is the component's metadata.name
async def handle_cron():
    logger.info(f"CRON TRIGGERED at {datetime.now().isoformat()}")
    return {"status": "OK"}


@app.post("/tasks/{task_id}/complete")
async def complete_task(task_id: str):
    """Mark a task complete and notify external monitoring."""
    with DaprClient() as client:  # the SDK's client is synchronous: with, not async with
        client.invoke_binding(
            binding_name="monitoring-webhook",
            operation="post",
            data=json.dumps({"event": "task.completed", "task_id": task_id}),
        )
    return {"task_id": task_id, "status": "notified"}
