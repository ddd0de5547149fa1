/**
 * review's lab guess comes from the labs' requiredComponents (core/lab-guess.ts). On the shipped labs it picks what
 * the former hard-coded choice picked, with the same sentence, for every mix of cron / output binding / pub/sub;
 * a lab added as data is picked with no code change. doctor's needs come from the same definitions.
 */
import {describe, expect, test} from 'vitest';
import {doctorNeeds} from '../../src/core/doctor.js';
import {guessLab} from '../../src/core/lab-guess.js';
import type {LabDef} from '../../src/core/labs.js';
import {loadLabs} from '../../src/runner/labs-loader.js';

const labs = await loadLabs();
const shipped = labs.filter((lab) => ['lab-a', 'lab-b', 'combined'].includes(lab.id));

// [component types, Dapr calls, the lab the former code chose, its reason]
const table: [string[], string[], string, string][] = [
	[[], [], 'lab-a', 'The answer has no output binding, so it is checked as the cron input binding lab.'],
	[['bindings.cron'], [], 'lab-a', 'The answer has no output binding, so it is checked as the cron input binding lab.'],
	[['pubsub.redis'], [], 'lab-a', 'The answer has no output binding, so it is checked as the cron input binding lab.'],
	[['bindings.cron'], ['publish_event'], 'lab-a', 'The answer has no output binding, so it is checked as the cron input binding lab.'],
	[['bindings.http'], [], 'lab-b', 'The answer has an output binding (a bindings.http component).'],
	[['bindings.cron', 'bindings.http'], [], 'lab-b', 'The answer has an output binding (a bindings.http component).'],
	[['bindings.cron'], ['invoke_binding'], 'lab-b', 'The answer has an output binding (it calls invoke_binding).'],
	[['bindings.http'], ['invoke_binding'], 'lab-b', 'The answer has an output binding (it calls invoke_binding).'],
	[['bindings.http', 'pubsub.redis'], [], 'combined', 'The answer has an output binding (a bindings.http component) and publishes to pub/sub.'],
	[['bindings.cron'], ['invoke_binding', 'publish_event'], 'combined', 'The answer has an output binding (it calls invoke_binding) and publishes to pub/sub.'],
	[['bindings.cron', 'bindings.http', 'pubsub.kafka'], ['invoke_binding', 'publish_event'], 'combined', 'The answer has an output binding (it calls invoke_binding) and publishes to pub/sub.'],
];

describe('guessLab', () => {
	test.each(table)('types %j, calls %j: %s', (types, calls, id, reason) => {
		const guess = guessLab(shipped, {types, calls});
		expect([guess.lab.id, guess.reason]).toEqual([id, reason]);
	});

	test('a lab added as data is guessed from its own requiredComponents', () => {
		const state: LabDef = {...shipped[0]!, id: 'state-lab', order: 5, title: 'State', requiredComponents: [['bindings.cron'], ['state.*']]};
		expect(guessLab([...shipped, state], {types: ['bindings.cron', 'state.redis'], calls: []})).toMatchObject({lab: {id: 'state-lab'}, reason: 'The answer has a state.redis component.'});
		expect(guessLab([...shipped, state], {types: ['bindings.cron'], calls: []}).lab.id).toBe('lab-a');
	});
});

describe('doctorNeeds', () => {
	test('read from the definitions: the SDK and a pub/sub, with the labs that need them', () => {
		const needs = doctorNeeds(labs);
		expect(needs.daprSdk).toEqual(labs.filter((lab) => lab.needsDaprSdk).map((lab) => lab.title));
		// A live pub/sub only for the labs that run (bindings-or-pubsub sketches one and never runs).
		expect(needs.pubsub).toEqual(labs.filter((lab) => lab.runtime !== undefined && lab.requiredComponents.flat().some((type) => type.startsWith('pubsub.'))).map((lab) => lab.title));
		expect(labs.some((lab) => lab.runtime === undefined && lab.requiredComponents.flat().some((type) => type.startsWith('pubsub.')))).toBe(true);
		expect(needs.daprSdk.length).toBeGreaterThan(0);
		const first = labs[0]!;
		expect(doctorNeeds([first]).daprSdk).toEqual(first.needsDaprSdk ? [first.title] : []);
	});
});
