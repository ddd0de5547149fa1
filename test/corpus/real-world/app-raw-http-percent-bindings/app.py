import os

import requests
from fastapi import FastAPI

app = FastAPI()

dapr_port = os.getenv('DAPR_HTTP_PORT', '3500')
base_url = os.getenv('BASE_URL', 'http://localhost')
webhook_binding = 'monitoring-webhook'
dapr_url = '%s:%s/v1.0/bindings/%s' % (base_url,
                                       dapr_port,
                                       webhook_binding)


@app.post("/tasks/{task_id}/complete")
def complete_task(task_id: str):
    payload = {"operation": "post", "data": {"event": "task.completed", "task_id": task_id}}
    requests.post(dapr_url, json=payload)
    return {"task_id": task_id, "status": "notified"}
