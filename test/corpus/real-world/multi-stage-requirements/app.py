import json

from dapr.clients import DaprClient
from fastapi import FastAPI

app = FastAPI()


@app.post("/alert")
def alert():
    with DaprClient() as client:
        resp = client.invoke_binding(binding_name="monitoring-webhook", operation="post", data=json.dumps({"alert": "x"}))
    return {"status": resp.binding_metadata.get("statusCode")}
