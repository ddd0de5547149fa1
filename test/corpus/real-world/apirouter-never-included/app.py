from fastapi import APIRouter, FastAPI

app = FastAPI()
router = APIRouter()


@router.post("/cleanup-cron")
async def cleanup():
    return {"status": "OK"}
