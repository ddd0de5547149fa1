from datetime import datetime

from fastapi import FastAPI

BINDING_NAME = "cleanup-cron"
API = "/api"
HEALTH = API + "/health"

app = FastAPI()


@app.post(f"/{BINDING_NAME}")
async def on_cron():
    print(f"CRON TRIGGERED at {datetime.now().isoformat()}", flush=True)
    return {"status": "OK"}


@app.get(HEALTH)
async def health():
    return {"ok": True}
