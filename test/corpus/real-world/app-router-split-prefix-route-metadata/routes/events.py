import logging

from fastapi import APIRouter

logging.basicConfig(level=logging.INFO)
logger = logging.getLogger(__name__)

router = APIRouter(tags=["cron"])


@router.post("/cleanup")
async def cleanup():
    logger.info("CRON TRIGGERED")
    return {"status": "OK"}
