import json
import logging

from cloudevents.sdk.event import v1
from dapr.clients import DaprClient
from dapr.ext.fastapi import DaprApp
from fastapi import FastAPI

logging.basicConfig(level=logging.INFO)
app = FastAPI()
dapr_app = DaprApp(app)


@dapr_app.subscribe(pubsub='orderpubsub', topic='orders')
def orders_subscriber(event: v1.Event) -> None:
    logging.info('Subscriber received : %s', event.Data())


@app.post('/cleanup-cron')
def cron():
    with DaprClient() as client:
        order = {'orderId': 1}
        client.publish_event(pubsub_name='orderpubsub', topic_name='orders', data=json.dumps(order), data_content_type='application/json')
        client.invoke_binding(binding_name='monitoring-webhook', operation='post', data=json.dumps(order))
    return {'status': 'OK'}
