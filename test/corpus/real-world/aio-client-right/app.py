import json

from dapr.aio.clients import DaprClient
from fastapi import FastAPI

app = FastAPI()


@app.post("/tasks/{task_id}/complete")
async def complete_task(task_id: str):
    async with DaprClient() as client:
        await client.invoke_binding(
            binding_name="monitoring-webhook",
            operation="post",
            data=json.dumps({"event": "task.completed", "task_id": task_id}),
            binding_metadata={"path": "/hooks"},
        )
    return {"task_id": task_id}
