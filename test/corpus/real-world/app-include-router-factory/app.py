from fastapi import FastAPI

from routing import build_router

app = FastAPI()
app.include_router(build_router())
