import os

import requests
from fastapi import FastAPI

app = FastAPI()

base_url = os.getenv('BASE_URL', 'http://localhost') + ':' + os.getenv('DAPR_HTTP_PORT', '3500')
PUBSUB_NAME = 'pubsub'
TOPIC = 'task-events'


@app.post("/cleanup-cron")
def handle_cleanup():
    for task_id in ["task-1", "task-2"]:
        requests.post(
            url='%s/v1.0/publish/%s/%s' % (base_url, PUBSUB_NAME, TOPIC),
            json={"event": "task.expired", "task_id": task_id},
        )
        alert(task_id)
    return {"status": "OK"}


def alert(task_id):
    url = '{}/v1.0/bindings/{}'.format(base_url, 'monitoring-webhook')
    requests.post(url, json={"operation": "post", "data": {"alert": "task_expired", "task_id": task_id}})
