from datetime import datetime
import logging

from fastapi import FastAPI

logging.basicConfig(level=logging.INFO)
logger = logging.getLogger(__name__)

app = FastAPI()


def collect_stats():
    """System stats with the standard library only: load average, memory and disk."""
    # TODO: fill in load_average (os.getloadavg), memory (/proc/meminfo or os.sysconf) and disk (shutil.disk_usage).
    return {}


@app.post("/stats-cron")  # the path is the cron component's metadata.name
def report_stats():
    stats = collect_stats()
    logger.info(f"STATS at {datetime.now().isoformat()}: {stats}")
    # TODO: send the stats as JSON through the HTTP output binding.
    return {"status": "OK"}
