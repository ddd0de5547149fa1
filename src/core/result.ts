/**
 * The check result: exactly the JSON shape graders parse (see README, `check --format json`).
 */
import type {Finding, LabId} from './types.js';

export type StepResult = {
	readonly id: string;
	readonly title: string;
	readonly status: 'pass' | 'fail';
	/** Runtime steps in `check`: whether a passed `dapr-labs run` of these very files is on record (core/run-record.ts). */
	readonly verified?: boolean;
};

export type LabResult = {
	readonly id: LabId;
	readonly title: string;
	readonly status: 'pass' | 'fail';
	readonly score: number;
	readonly maxScore: number;
	readonly steps: readonly StepResult[];
	readonly findings: readonly Finding[];
};

export type CheckResult = {
	readonly tool: 'dapr-labs';
	readonly version: string;
	readonly workspace: string;
	readonly labs: readonly LabResult[];
	readonly summary: {readonly errors: number; readonly warnings: number};
};
