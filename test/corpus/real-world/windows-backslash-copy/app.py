from fastapi import FastAPI

app = FastAPI()


@app.post("/cleanup-cron")
async def handle():
    return {"status": "OK"}
