from starlette.applications import Starlette
from starlette.responses import JSONResponse
from starlette.routing import Route


async def cleanup(request):
    print("CRON TRIGGERED", flush=True)
    return JSONResponse({"status": "OK"})


routes = [
    Route("/cleanup-cron", cleanup, methods=["POST"]),
]

app = Starlette(routes=routes)
