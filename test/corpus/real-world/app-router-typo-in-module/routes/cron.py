from fastapi import APIRouter

router = APIRouter()


@router.post("/cleanup_cron")
async def cleanup():
    return {"status": "OK"}
