/**
 * The `grade --format` registry: format name → formatter. Adding a format is one entry here.
 */
import type {GradeReport} from '../core/grade.js';
import type {LabDef} from '../core/labs.js';
import {formatGradeClassroom, type RunEvidence} from './classroom.js';
import {formatGradeCsv} from './csv.js';
import {formatGradeJson} from './grade-json.js';
import {formatGradeJunit} from './junit.js';
import {formatGradeMarkdown} from './markdown.js';
import {formatGradeTable} from './table.js';

export type GradeFormatter = (report: GradeReport, labs: readonly LabDef[], runs: readonly RunEvidence[]) => string;

/** Every format `grade --format` accepts. */
export const gradeFormats: Readonly<Record<string, GradeFormatter>> = {
	table: (report) => formatGradeTable(report),
	json: (report) => formatGradeJson(report),
	csv: (report) => formatGradeCsv(report),
	junit: (report, labs) => formatGradeJunit(report, {labs}),
	markdown: (report) => formatGradeMarkdown(report),
	classroom: (report, labs, runs) => formatGradeClassroom(report, {labs, runs}),
};
