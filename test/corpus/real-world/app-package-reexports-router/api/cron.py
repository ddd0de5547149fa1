from fastapi import APIRouter

router = APIRouter()


@router.post("/cleanup-cron")
def cleanup_cron():
    print("CRON TRIGGERED", flush=True)
    return {"status": "OK"}
