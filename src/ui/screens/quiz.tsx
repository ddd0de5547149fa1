/** The "binding or pub/sub?" quiz: one need at a time, answer with b / p (or arrows + enter), scored. */
import {Box, Text} from 'ink';
import {quizScore} from '../../core/session/selectors.js';
import type {SessionState} from '../../core/session/state.js';
import {KeyBar, Prose, Title} from '../components.js';
import {Tone} from '../theme.js';

const LABEL = {binding: 'Binding', pubsub: 'Pub/sub'} as const;

export function QuizScreen({state}: {readonly state: SessionState}) {
	const {index, choice, answers, revealed} = state.quizState;
	const score = quizScore(state);
	const title = 'Quiz: binding or pub/sub?';
	if (state.quiz.length === 0) return <Title text={title} right="no questions" />;
	if (index >= state.quiz.length) {
		return (
			<Box flexDirection="column">
				<Title text={title} right="done" />
				<Tone tone={score.correct === score.total ? 'ok' : 'warn'} bold>
					Score: {score.correct}/{score.total}
				</Tone>
				<Text>The rule: is the other end a Dapr app? Then pub/sub. Anything else (a schedule, a SaaS API, a bucket, someone else's queue): a binding.</Text>
				<KeyBar keys={[['enter', 'again'], ['esc', 'back'], ['q', 'quit']]} />
			</Box>
		);
	}
	const question = state.quiz[index]!;
	const given = answers[question.id];
	return (
		<Box flexDirection="column">
			<Title text={title} right={`${index + 1}/${state.quiz.length} · score ${score.correct}/${score.answered}`} />
			{question.fromLesson ? <Tone tone="muted">From the lesson</Tone> : null}
			<Tone bold>{question.need}</Tone>
			<Box marginTop={1} columnGap={2}>
				{(['binding', 'pubsub'] as const).map((option, i) => {
					const selected = revealed ? given === option : choice === i;
					const tone = revealed && option === question.answer ? 'ok' : revealed && selected ? 'bad' : selected ? 'accent' : 'plain';
					return (
						<Tone key={option} tone={tone} bold={selected}>
							{selected ? '❯ ' : '  '}
							{option === 'binding' ? '[b] ' : '[p] '}
							{LABEL[option]}
						</Tone>
					);
				})}
			</Box>
			{revealed ? (
				<Box flexDirection="column" marginTop={1}>
					<Tone tone={given === question.answer ? 'ok' : 'bad'} bold>
						{given === question.answer ? '✔ Right.' : `✖ Not quite: ${LABEL[question.answer]}.`}
					</Tone>
					<Text>
						Component: <Tone tone="accent">{question.componentType}</Tone>
					</Text>
					<Prose text={question.reason} />
				</Box>
			) : null}
			<Box marginTop={1}>
				<KeyBar keys={revealed ? [['enter', 'next'], ['esc', 'back'], ['q', 'quit']] : [['b', 'binding'], ['p', 'pub/sub'], ['←↑↓ enter', 'choose'], ['esc', 'back']]} />
			</Box>
		</Box>
	);
}
