from starlette.applications import Starlette
from starlette.responses import JSONResponse
from starlette.routing import Mount, Route


async def cleanup(request):
    print("CRON TRIGGERED", flush=True)
    return JSONResponse({"status": "OK"})


app = Starlette(
    routes=[
        Mount("/hooks", routes=[Route("/cleanup-cron", cleanup, methods=["POST"])]),
    ]
)
