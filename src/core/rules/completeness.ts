/**
 * Shared by output-binding/not-invoked and pubsub/not-published: does the lab need this building block, and does
 * app.py use it at all (through the SDK, or through the sidecar's HTTP API as the raw-HTTP quickstarts do)?
 */
import {lookupComponentType} from '../catalog/index.js';
import type {PyCall, PythonModel} from '../model.js';
import type {LabContext} from '../rule.js';

/** Whether a required-component group of the lab is satisfied only by components of `category` (with a binding side). */
export function labNeeds(lab: LabContext, wanted: 'output-binding' | 'pubsub'): boolean {
	return lab.requiredComponents.some((group) =>
		group.some((type) => {
			if (wanted === 'pubsub') return type.startsWith('pubsub.');
			const binding = lookupComponentType(type)?.binding;
			return binding?.output === true && binding.input === false;
		}),
	);
}

function mentionsApi(call: PyCall, apiPath: string): boolean {
	return call.args.some((arg) => (arg.value.kind === 'string' && arg.value.value.includes(apiPath)) || (arg.value.kind === 'partial-string' && arg.value.text.includes(apiPath)));
}

/** The calls that use the building block: the SDK method by name, or an HTTP call whose URL names the sidecar API. */
export function usesOf(python: PythonModel, method: string, apiPath: string): readonly PyCall[] {
	return python.calls.filter((call) => call.method === method || mentionsApi(call, apiPath));
}
