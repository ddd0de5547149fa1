from fastapi import FastAPI

from routes.cron import router as cron_router

app = FastAPI()
app.include_router(cron_router)
