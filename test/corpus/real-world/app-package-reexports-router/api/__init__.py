from .cron import router

__all__ = ["router"]
