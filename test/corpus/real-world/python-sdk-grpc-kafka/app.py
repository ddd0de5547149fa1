import json

from dapr.ext.grpc import App, BindingRequest

app = App()


@app.binding('kafkaBinding')
def binding(request: BindingRequest):
    print(request.metadata, flush=True)
    print(request.text(), flush=True)


@app.binding('cleanup-cron')
def cleanup(request: BindingRequest):
    print('CRON TRIGGERED', flush=True)


app.run(50051)
