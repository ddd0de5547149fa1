from fastapi import FastAPI

app = FastAPI()


@app.post("/cleanup-jobs")
async def cleanup():
    return {"status": "OK"}
