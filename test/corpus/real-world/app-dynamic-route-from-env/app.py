import os

from fastapi import FastAPI

app = FastAPI()


@app.post(f"/{os.environ.get('BINDING_NAME', 'cleanup-cron')}")
def cleanup():
    print("CRON TRIGGERED", flush=True)
    return {"status": "OK"}
