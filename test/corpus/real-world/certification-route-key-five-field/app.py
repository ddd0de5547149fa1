from fastapi import FastAPI, Request

app = FastAPI()


@app.post("/cron")
async def cron(request: Request):
    print(request.headers.get("readtimeutc"), flush=True)
    return {}
