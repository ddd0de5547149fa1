from datetime import datetime
import logging

from fastapi import FastAPI

logging.basicConfig(level=logging.INFO)
logger = logging.getLogger(__name__)

app = FastAPI()


@app.post("/cleanup-cron")  # the path is the component's metadata.name
async def handle_cron():
    logger.info(f"CRON TRIGGERED at {datetime.now().isoformat()}")
    return {"status": "OK"}
