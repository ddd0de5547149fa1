from datetime import datetime
import logging

from fastapi import FastAPI

logging.basicConfig(level=logging.INFO)
logger = logging.getLogger(__name__)

app = FastAPI()


def purge_expired_sessions():
    """Stand-in for the nightly database cleanup: the number of rows it removed."""
    return 0


@app.post("/nightly-cleanup")  # the component's metadata.name, hyphen and all
async def nightly_cleanup():
    removed = purge_expired_sessions()
    logger.info(f"NIGHTLY CLEANUP at {datetime.now().isoformat()}: {removed} rows removed")
    return {"status": "OK", "removed": removed}
