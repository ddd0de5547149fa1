import json
import logging

from dapr.clients import DaprClient
from fastapi import FastAPI

app = FastAPI()


@app.post("/cleanup-cron")
def handle_cleanup():
    with DaprClient() as client:
        for task_id in ["task-1"]:
            client.publish_event(pubsub_name="pubsub", topic_name="task-events", data=json.dumps({"task_id": task_id}))
    return {"status": "OK"}


@app.post("/tasks/{task_id}/complete")
def complete_task(task_id: str):
    with DaprClient() as client:
        client.invoke_binding(binding_name="monitoring-webhook", operation="post", data=json.dumps({"task_id": task_id}))
    return {"task_id": task_id}
