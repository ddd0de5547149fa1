from fastapi import APIRouter

HANDLERS = {"cleanup-cron": lambda: {"status": "OK"}}


def build_router():
    router = APIRouter()
    for name, handler in HANDLERS.items():
        router.add_api_route(f"/{name}", handler, methods=["POST"])
    return router
