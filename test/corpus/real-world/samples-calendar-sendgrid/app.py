import json

import flask
from dapr.clients import DaprClient
from flask import Flask, request, jsonify

app = Flask(__name__)

binding_name = 'sendgrid'


@app.route('/dapr/subscribe', methods=['GET'])
def subscribe():
    subscriptions = [{'pubsubname': 'pubsub', 'topic': 'events-topic', 'route': 'getmsg'}]
    return jsonify(subscriptions)


@app.route('/getmsg', methods=['POST'])
def subscriber():
    print(request.json, flush=True)
    jsonRequest = request.json
    data = jsonRequest["data"]["message"]
    send_email(data)
    return json.dumps({'success': True}), 200, {'ContentType': 'application/json'}


def send_email(message):
    with DaprClient() as d:
        req_data = {
            'metadata': {
                'emailTo': 'someone@example.com',
                'subject': 'Reminder'
            },
            'data': message
        }
        print(req_data, flush=True)
        resp = d.invoke_binding(binding_name, 'create', json.dumps(req_data))
        print(resp, flush=True)
