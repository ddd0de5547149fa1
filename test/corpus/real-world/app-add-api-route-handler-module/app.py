from fastapi import FastAPI

import handlers

app = FastAPI()
app.add_api_route("/cleanup-cron", handlers.cleanup, methods=["POST"])
