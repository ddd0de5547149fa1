import json
import time

from dapr.clients import DaprClient
from fastapi import FastAPI

app = FastAPI()


@app.post("/send")
def send():
    with DaprClient() as d:
        n = 0
        while n < 3:
            n += 1
            req_data = {'id': n, 'message': 'hello world'}
            print(f'Sending message id: {req_data["id"]}, message "{req_data["message"]}"', flush=True)
            d.invoke_binding('kafka-binding', 'create', json.dumps(req_data))
            d.invoke_binding('monitoring-webhook', 'POST', json.dumps(req_data))
            time.sleep(1)
    return {"sent": n}
