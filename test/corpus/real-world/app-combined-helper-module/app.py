import json
import logging

from dapr.clients import DaprClient
from fastapi import FastAPI

import notify

logging.basicConfig(level=logging.INFO)
logger = logging.getLogger(__name__)

app = FastAPI()


def find_expired_tasks():
    return ["task-1", "task-2"]


@app.post("/cleanup-cron")
def handle_cleanup():
    expired_tasks = find_expired_tasks()
    logger.info(f"CRON TRIGGERED: {len(expired_tasks)} expired")
    with DaprClient() as client:
        for task_id in expired_tasks:
            notify.task_expired(client, task_id)
    return {"status": "OK", "expired_count": len(expired_tasks)}
