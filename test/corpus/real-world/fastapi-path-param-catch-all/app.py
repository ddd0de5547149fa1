from fastapi import FastAPI

app = FastAPI()


@app.post("/{binding}")
async def any_binding(binding: str):
    print(f"trigger from {binding}", flush=True)
    return {"status": "OK"}
