import json

from flask import Blueprint

bp = Blueprint("jobs", __name__, url_prefix="/jobs")


@bp.route("/cleanup-cron", methods=["POST"])
def cleanup():
    print("CRON TRIGGERED", flush=True)
    return json.dumps({"success": True}), 200, {"ContentType": "application/json"}
