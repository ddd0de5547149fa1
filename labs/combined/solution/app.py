from datetime import datetime
import json
import logging

from dapr.clients import DaprClient
from fastapi import FastAPI

logging.basicConfig(level=logging.INFO)
logger = logging.getLogger(__name__)

app = FastAPI()


def find_expired_tasks():
    """Stand-in for a database query: the ids of tasks past their deadline."""
    return ["task-1", "task-2"]


@app.post("/cleanup-cron")
async def handle_cleanup():
    """Cron fires, find expired tasks, tell internal services (pub/sub) and external monitoring (binding)."""
    expired_tasks = find_expired_tasks()
    logger.info(f"CRON TRIGGERED at {datetime.now().isoformat()}: {len(expired_tasks)} expired")
    with DaprClient() as client:
        for task_id in expired_tasks:
            client.publish_event(
                pubsub_name="pubsub",
                topic_name="task-events",
                data=json.dumps({"event": "task.expired", "task_id": task_id}),
            )
            client.invoke_binding(
                binding_name="monitoring-webhook",
                operation="post",
                data=json.dumps({"alert": "task_expired", "task_id": task_id}),
            )
    return {"status": "OK", "expired_count": len(expired_tasks)}


@app.post("/tasks/{task_id}/complete")
async def complete_task(task_id: str):
    """Mark a task complete and notify external monitoring."""
    with DaprClient() as client:
        client.invoke_binding(
            binding_name="monitoring-webhook",
            operation="post",
            data=json.dumps({"event": "task.completed", "task_id": task_id}),
        )
    return {"task_id": task_id, "status": "notified"}
