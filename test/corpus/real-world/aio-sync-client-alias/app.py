import json

import dapr.clients as dc
from fastapi import FastAPI

app = FastAPI()


@app.post("/notify")
async def notify():
    async with dc.DaprClient() as client:
        client.invoke_binding("monitoring-webhook", "post", json.dumps({"ok": True}))
    return {"status": "sent"}
