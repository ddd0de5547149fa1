/**
 * The lesson's three components as YAML text, for tests that need real component files. One source, so rule tests,
 * runner tests and parser tests agree on what a correct component looks like.
 */

const DIRECTION_INPUT = '    - name: direction\n      value: "input"\n';

/** The Lab A cron binding `cleanup-cron`; `extra` replaces the direction entry (pass '' for none). */
export function cronYaml(schedule = '@every 30s', extra = DIRECTION_INPUT): string {
	return `apiVersion: dapr.io/v1alpha1
kind: Component
metadata:
  name: cleanup-cron
spec:
  type: bindings.cron
  version: v1
  metadata:
    - name: schedule
      value: "${schedule}"
${extra}`;
}

/** The Lab B HTTP output binding `monitoring-webhook`. */
export const HTTP_YAML = `apiVersion: dapr.io/v1alpha1
kind: Component
metadata:
  name: monitoring-webhook
spec:
  type: bindings.http
  version: v1
  metadata:
    - name: url
      value: "https://httpbin.org/post"
    - name: direction
      value: "output"
`;

/** The Lesson 5 pub/sub component `pubsub` (pubsub.redis) pointing at `redisHost`. */
export function pubsubYaml(redisHost = 'localhost:6379'): string {
	return `apiVersion: dapr.io/v1alpha1
kind: Component
metadata:
  name: pubsub
spec:
  type: pubsub.redis
  version: v1
  metadata:
    - name: redisHost
      value: ${redisHost}
    - name: redisPassword
      value: ""
`;
}
