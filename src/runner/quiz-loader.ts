/**
 * Reads labs/quiz.yaml (the "bindings or pub/sub?" quiz) from the package.
 */
import {readFile} from 'node:fs/promises';
import {join} from 'node:path';
import {parse} from 'yaml';
import type {QuizQuestion} from '../core/session/state.js';
import {packageRoot} from './package-root.js';

/** Validates the quiz document; throws an Error naming the first bad entry. */
export function parseQuiz(text: string): readonly QuizQuestion[] {
	const doc = parse(text) as {questions?: unknown} | null;
	if (!doc || !Array.isArray(doc.questions)) throw new Error('quiz.yaml: `questions` must be a list.');
	return doc.questions.map((raw: unknown, index: number) => {
		const q = (raw ?? {}) as Record<string, unknown>;
		for (const key of ['id', 'need', 'componentType', 'reason']) {
			if (typeof q[key] !== 'string' || !(q[key] as string).trim()) throw new Error(`quiz.yaml: question ${index + 1} needs a string \`${key}\`.`);
		}
		if (q['answer'] !== 'binding' && q['answer'] !== 'pubsub') throw new Error(`quiz.yaml: question ${index + 1}: answer must be binding or pubsub.`);
		return {
			id: q['id'] as string,
			need: q['need'] as string,
			answer: q['answer'],
			componentType: q['componentType'] as string,
			reason: q['reason'] as string,
			...(q['fromLesson'] === true ? {fromLesson: true} : {}),
		};
	});
}

/** The quiz shipped with the package. */
export async function loadQuiz(root = packageRoot()): Promise<readonly QuizQuestion[]> {
	return parseQuiz(await readFile(join(root, 'labs', 'quiz.yaml'), 'utf8'));
}
