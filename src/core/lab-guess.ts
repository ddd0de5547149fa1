/**
 * Which lab a folder (or a Markdown answer made into one, see markdown-answer.ts) is written for, read from the
 * labs' own definitions: their requiredComponents. Pure; no lab is named here.
 *
 * The trigger of a lab (a group of input-only bindings such as bindings.cron) does not tell labs apart: every answer
 * is checked for its trigger anyway. The other groups do: an answer meets a group when it has a component of that
 * type, or when its code uses one (invoke_binding meets an output binding, publish_event a pub/sub). The guess is
 * the lab all of whose other groups the answer meets, the one with the most such groups, ties by list order.
 */
import {lookupComponentType} from './catalog/index.js';
import {componentTypeMatches, type LabDef} from './labs.js';

/** What the answer has: its components' types and the Dapr calls its code makes. */
export type AnswerTraits = {readonly types: readonly string[]; readonly calls: readonly string[]};

type Group = readonly string[];

const isOutputBinding = (type: string): boolean => lookupComponentType(type)?.binding?.output === true;
const isPubsub = (type: string): boolean => type.startsWith('pubsub.');

/** A group of input-only bindings: the lab's trigger. */
function isTrigger(group: Group): boolean {
	return group.length > 0 && group.every((type) => {
		const binding = lookupComponentType(type)?.binding;
		return binding !== undefined && binding.input && !binding.output;
	});
}

/** How the answer meets a group, as a verb phrase ("has an output binding (it calls invoke_binding)"), or null. */
function meets(group: Group, traits: AnswerTraits): string | null {
	const component = traits.types.find((type) => group.some((pattern) => componentTypeMatches(pattern, type)));
	if (group.some(isOutputBinding)) {
		if (traits.calls.includes('invoke_binding')) return 'has an output binding (it calls invoke_binding)';
		return component === undefined ? null : `has an output binding (a ${component} component)`;
	}
	if (group.some(isPubsub)) return traits.calls.includes('publish_event') || component !== undefined ? 'publishes to pub/sub' : null;
	return component === undefined ? null : `has a ${component} component`;
}

/** A group as a noun, for "the answer has no …". */
function noun(group: Group): string {
	if (group.some(isOutputBinding)) return 'output binding';
	if (group.some(isPubsub)) return 'pub/sub';
	return `${group.join(' or ')} component`;
}

type Scored = {readonly lab: LabDef; readonly met: readonly string[]; readonly unmet: readonly Group[]};

/** The lab the answer is written for, and one sentence saying why. `labs` is in list order and not empty. */
export function guessLab(labs: readonly LabDef[], traits: AnswerTraits): {readonly lab: LabDef; readonly reason: string} {
	const scored: Scored[] = labs.map((lab) => {
		const groups = lab.requiredComponents.filter((group) => !isTrigger(group));
		const met: string[] = [];
		const unmet: Group[] = [];
		for (const group of groups) {
			const phrase = meets(group, traits);
			if (phrase === null) unmet.push(group);
			else met.push(phrase);
		}
		return {lab, met, unmet};
	});
	// Stable sort: the list order breaks ties.
	const best = [...scored].sort((a, b) => Number(a.unmet.length > 0) - Number(b.unmet.length > 0) || b.met.length - a.met.length)[0]!;
	if (best.met.length > 0) return {lab: best.lab, reason: `The answer ${best.met.join(' and ')}.`};
	// Nothing beyond the trigger: say what the nearest other lab would have needed.
	const others = scored.filter((entry) => entry !== best && entry.unmet.length > 0);
	const fewest = Math.min(...others.map((entry) => entry.unmet.length));
	const lacking = [...new Set(others.filter((entry) => entry.unmet.length === fewest).flatMap((entry) => entry.unmet.map(noun)))];
	const triggers = best.lab.requiredComponents.filter(isTrigger).flat();
	const what = triggers.length > 0 ? `the ${triggers.map((type) => (lookupComponentType(type)?.title ?? type).toLowerCase()).join(' or ')} input binding lab` : `the lab "${best.lab.title}"`;
	return {lab: best.lab, reason: lacking.length > 0 ? `The answer has no ${lacking.join(' or ')}, so it is checked as ${what}.` : `The answer is checked as ${what}.`};
}
