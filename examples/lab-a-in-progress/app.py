from datetime import datetime
import logging

from fastapi import FastAPI

logging.basicConfig(level=logging.INFO)
logger = logging.getLogger(__name__)

app = FastAPI()


# Dapr POSTs to /<component name> on every tick.
@app.post("/cleanup_cron")
async def handle_cron():
    logger.info(f"CRON TRIGGERED at {datetime.now().isoformat()}")
    return {"status": "OK"}
