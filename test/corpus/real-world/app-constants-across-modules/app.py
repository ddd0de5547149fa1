from fastapi import FastAPI

from settings import ROUTE

app = FastAPI()


@app.post(ROUTE)
async def cleanup():
    print("CRON TRIGGERED", flush=True)
    return {"status": "OK"}
