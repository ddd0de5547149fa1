import {defineRule} from '../../rule.js';
import {didYouMean} from '../../text.js';
import {argOf, categoryOfDoc, readyPython, short, stringArg, where} from '../support.js';

/** The fix when pub/sub components exist under other names: publish to one of them. */
function renameHint(names: readonly string[]): string {
	if (names.length === 1) return `Change \`pubsub_name\` to "${short(names[0]!)}" (the pub/sub component components/ declares).`;
	return `Change \`pubsub_name\` to one of the pub/sub components components/ declares: ${names.map((name) => `"${short(name)}"`).join(', ')}.`;
}

export default defineRule({
	id: 'pubsub/unknown-component',
	meta: {
		description: 'Require publish_event to name a pub/sub component declared in components/',
		severity: 'error',
		messages: {
			unknown: 'The publish_event call names pub/sub "{{name}}", but components/ has no pubsub component with that name; `--resources-path ./components` does not load ~/.dapr/components.',
			unknownNear: 'The publish_event call names pub/sub "{{name}}", but components/ has no pubsub component with that name; did you mean {{near}}?',
			notPubsub: 'Component "{{name}}" ({{component}}) is a {{type}} component, not a pub/sub; publish_event needs a pubsub.* component.',
		},
		docs: '`dapr init` writes a `pubsub` component to ~/.dapr/components, and plain `dapr run` loads it. `dapr run --resources-path ./components` loads only ./components, so the pubsub component must be there too, with the name publish_event uses.',
		symptom: 'publish_event fails with `pubsub pubsub is not found` (ERR_PUBSUB_NOT_FOUND).',
		fix: 'Change `pubsub_name` to the name of the pub/sub component in components/; if there is none, create components/pubsub.yaml with the name publish_event uses.',
	},
	check({model, report}) {
		const python = readyPython(model);
		if (!python) return;
		const pubsubs = model.components.filter((doc) => doc.name && categoryOfDoc(doc) === 'pubsub');
		const names = pubsubs.map((doc) => doc.name!.value);
		for (const call of python.calls) {
			if (call.method !== 'publish_event') continue;
			const arg = argOf(call, 'pubsub_name', 0);
			const name = stringArg(arg);
			if (name === null || !arg || names.includes(name)) continue;
			const other = model.components.find((doc) => doc.name?.value === name);
			if (other) {
				report({
					messageId: 'notPubsub',
					data: {name: short(name), component: where(other.file, other.name?.span ?? other.span), type: other.type?.value ?? 'typeless'},
					file: python.file,
					at: arg.span,
					hint: pubsubs.length > 0 ? renameHint(pubsubs.map((doc) => doc.name!.value)) : `Create components/pubsub.yaml with a pubsub.redis component and publish to its name.`,
				});
				continue;
			}
			const near = didYouMean(name, names);
			report({
				messageId: near ? 'unknownNear' : 'unknown',
				data: {name: short(name), near: near ?? ''},
				file: python.file,
				at: arg.span,
				// A pub/sub component under another name is the one to publish to; never suggest a file over a correct one.
				hint: near ? `Write pubsub_name="${near}".` : names.length > 0 ? renameHint(names) : `Create components/pubsub.yaml: metadata.name ${short(name)}, spec.type pubsub.redis, version v1, metadata redisHost localhost:6379 and redisPassword "".`,
			});
		}
	},
});
