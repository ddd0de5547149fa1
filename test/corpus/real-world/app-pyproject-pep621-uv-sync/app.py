from fastapi import FastAPI

app = FastAPI()


@app.post("/cleanup-cron")
def cleanup():
    print("CRON TRIGGERED", flush=True)
    return {"status": "OK"}
