from datetime import datetime, timezone
import json
import logging
import os
import shutil
import socket

from dapr.clients import DaprClient
from fastapi import FastAPI

logging.basicConfig(level=logging.INFO)
logger = logging.getLogger(__name__)

app = FastAPI()


def memory_stats():
    """Total and available memory in bytes: /proc/meminfo on Linux, os.sysconf elsewhere."""
    try:
        fields = {}
        with open("/proc/meminfo") as meminfo:
            for line in meminfo:
                key, _, rest = line.partition(":")
                fields[key] = int(rest.split()[0]) * 1024  # the file counts in kB
        return {"total": fields["MemTotal"], "available": fields.get("MemAvailable", fields["MemFree"])}
    except (OSError, KeyError, ValueError, IndexError):
        page = os.sysconf("SC_PAGE_SIZE")
        return {"total": page * os.sysconf("SC_PHYS_PAGES"), "available": None}


def collect_stats():
    """System stats with the standard library only: load average, memory and disk."""
    disk = shutil.disk_usage("/")
    return {
        "host": socket.gethostname(),
        "time": datetime.now(timezone.utc).isoformat(),
        "load_average": list(os.getloadavg()),  # 1, 5 and 15 minutes
        "memory": memory_stats(),
        "disk": {"total": disk.total, "used": disk.used, "free": disk.free},
    }


@app.post("/stats-cron")  # the path is the cron component's metadata.name
def report_stats():
    """Runs every 60 s: a plain def, so FastAPI runs it in a thread pool and the sync DaprClient blocks nothing."""
    stats = collect_stats()
    logger.info(f"STATS at {stats['time']}: load {stats['load_average'][0]:.2f}")
    with DaprClient() as client:  # the SDK's client is synchronous: with, not async with
        client.invoke_binding(
            binding_name="monitoring-webhook",
            operation="post",
            data=json.dumps(stats),
        )
    return {"status": "OK"}
