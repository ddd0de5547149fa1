from datetime import datetime
import json
import logging

from dapr.clients import DaprClient
from fastapi import FastAPI

logging.basicConfig(level=logging.INFO)
logger = logging.getLogger(__name__)

app = FastAPI()


@app.post("/cleanup-cron")
async def handle_cron():
    logger.info(f"CRON TRIGGERED at {datetime.now().isoformat()}")
    return {"status": "OK"}


@app.post("/tasks/{task_id}/complete")
async def complete_task(task_id: str):
    """Mark a task complete and notify external monitoring."""
    # TODO: three things here trip people up. `dapr-labs check` names them.
    async with DaprClient() as client:
        client.invoke_binding(
            binding_name="monitoring-webhook",
            operation="POST",
            data={"event": "task.completed", "task_id": task_id},
        )
    return {"task_id": task_id, "status": "notified"}
