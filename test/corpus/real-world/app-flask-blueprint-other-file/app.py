from flask import Flask

from views.jobs import bp

app = Flask(__name__)
app.register_blueprint(bp, url_prefix="")
