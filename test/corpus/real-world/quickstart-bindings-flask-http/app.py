import json
import os

import requests
from flask import Flask

app = Flask(__name__)

dapr_port = os.getenv('DAPR_HTTP_PORT', 3500)
base_url = os.getenv('BASE_URL', 'http://localhost')
sql_binding = 'sqldb'


@app.route('/cron', methods=['POST'])
def process_batch():
    print('Processing batch..', flush=True)
    orders = [{'orderid': 1, 'customer': 'John Smith', 'price': 100.32}]
    for order_line in orders:
        sql_output(order_line)
    return json.dumps({'success': True}), 200, {'ContentType': 'application/json'}


def sql_output(order_line):
    sql = f"insert into orders (orderid, customer, price) values ({order_line['orderid']}, '{order_line['customer']}', {order_line['price']});"
    payload = {'operation': 'exec', 'metadata': {'sql': sql}}
    requests.post(f'{base_url}:{dapr_port}/v1.0/bindings/{sql_binding}', json=payload)


if __name__ == '__main__':
    app.run(port=5001)
