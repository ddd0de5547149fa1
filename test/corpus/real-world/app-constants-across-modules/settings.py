BINDING = "cleanup-cron"
ROUTE = f"/{BINDING}"
