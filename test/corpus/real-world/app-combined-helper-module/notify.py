import json

PUBSUB = "pubsub"
TOPIC = "task-events"
WEBHOOK = "monitoring-webhook"


def task_expired(client, task_id):
    client.publish_event(
        pubsub_name=PUBSUB,
        topic_name=TOPIC,
        data=json.dumps({"event": "task.expired", "task_id": task_id}),
    )
    _alert(client, task_id)


def _alert(client, task_id):
    client.invoke_binding(
        binding_name=WEBHOOK,
        operation="post",
        data=json.dumps({"alert": "task_expired", "task_id": task_id}),
    )
