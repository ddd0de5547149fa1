from fastapi import APIRouter, FastAPI

jobs = APIRouter(prefix="/jobs", tags=["jobs"])


@jobs.post("/cleanup")
async def cleanup():
    return {"status": "OK"}


app = FastAPI(title="tasks")
app.include_router(jobs)
