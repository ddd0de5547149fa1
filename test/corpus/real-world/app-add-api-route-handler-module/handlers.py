import logging

logger = logging.getLogger("app")


def cleanup():
    logger.info("CRON TRIGGERED")
    return {"status": "OK"}
