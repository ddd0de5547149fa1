from flask import Blueprint, Flask

jobs = Blueprint("jobs", __name__)


@jobs.route("/cleanup-cron", methods=["POST"])
def cleanup():
    return "", 200


app = Flask(__name__)
app.register_blueprint(jobs)

if __name__ == "__main__":
    app.run(host="0.0.0.0", port=8000)
