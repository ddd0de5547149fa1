import json
import os

from dapr.clients import DaprClient
from flask import Flask

app = Flask(__name__)

app_port = os.getenv('APP_PORT', '5002')
cron_binding_name = 'cron'
sql_binding = 'sqldb'


@app.route('/' + cron_binding_name, methods=['POST'])
def process_batch():
    print('Processing batch..', flush=True)
    with open('../../orders.json', 'r') as file:
        orders = json.load(file)
    for order_line in orders['orders']:
        sql_output(order_line)
    print('Finished processing batch', flush=True)
    return json.dumps({'success': True}), 200, {'ContentType': 'application/json'}


def sql_output(order_line):
    sqlCmd = ('insert into orders (orderid, customer, price) values ' +
              '(%s, \'%s\', %s);' % (order_line['orderid'], order_line['customer'], order_line['price']))
    payload = {'sql': sqlCmd}
    print(sqlCmd, flush=True)
    try:
        DaprClient().invoke_binding(binding_name=sql_binding, operation='exec',
                                    binding_metadata=payload, data='')
    except Exception as e:
        print(e, flush=True)
        raise SystemExit(e)


app.run(port=app_port)
