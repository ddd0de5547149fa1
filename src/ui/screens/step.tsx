/** The step screen: instructions, the live checklist, hints shown so far, and the runtime check's panel. */
import {Box, Text} from 'ink';
import type {LabDef, StepDef} from '../../core/labs.js';
import {canShowSolution, currentLab, hintsShown, instructionsFor, runBlocker, runHeadline, secondsUntil, stepFindings, stepIndexOf, stepStatus, type StepStatus} from '../../core/session/selectors.js';
import type {RunView, SessionState} from '../../core/session/state.js';
import {findingPlace, type Finding} from '../../core/types.js';
import {balanceBackticks, rowsOf, wrapLines} from '../wrap.js';
import {stripControl} from '../../core/text.js';
import {KeyBar, Messages, paragraphs, Prose, Title} from '../components.js';
import {keyBarRows} from './scroller.js';
import {Tone, useLayout, type ToneName} from '../theme.js';

const STEP_MARK: Readonly<Record<StepStatus, readonly [string, ToneName]>> = {
	pass: ['✔', 'ok'],
	fail: ['✖', 'bad'],
	pending: ['·', 'muted'],
	'not-run': ['○', 'muted'],
};

const MAX_FINDINGS = 4;

/** A line cut short: ends in … within the same width. */
function ellipsis(line: string): string {
	return line.length > 1 ? `${line.replace(/\s*\S?$/, '')}…` : '…';
}
const SPINNER = ['⠋', '⠙', '⠹', '⠸', '⠼', '⠴', '⠦', '⠧', '⠇', '⠏'];

function StepStrip({state, lab, index}: {readonly state: SessionState; readonly lab: LabDef; readonly index: number}) {
	return (
		<Box flexWrap="wrap" columnGap={1}>
			{lab.steps.map((step, i) => {
				const [mark, tone] = STEP_MARK[stepStatus(state, lab, step)];
				return (
					<Text key={step.id} inverse={i === index}>
						<Tone tone={tone}>{mark}</Tone>
						{i + 1}
					</Text>
				);
			})}
		</Box>
	);
}

/** Lines to draw; the last `keep` lines (a finding's fix) survive when the block is cut short. */
type Block = {readonly key: string; readonly lines: readonly string[]; readonly keep?: number};

/** The checklist's last line when problems did not fit: where the rest are (paged under the instructions, or check). */
function moreProblems(hidden: number, paged: number): string {
	if (paged === 0) return `…and ${hidden} more (\`dapr-labs check\` lists all).`;
	return paged === hidden ? `…and ${hidden} more: space pages to ${hidden === 1 ? 'it' : 'them'}.` : `…and ${hidden} more: space pages to ${paged}, \`dapr-labs check\` lists all.`;
}

function Checklist({state, lab, step, blocks, total, paged}: {readonly state: SessionState; readonly lab: LabDef; readonly step: StepDef; readonly blocks: readonly Block[]; readonly total: number; readonly paged: number}) {
	const status = stepStatus(state, lab, step);
	const all = stepFindings(state, lab, step);
	const errors = all.filter((f) => f.severity === 'error').length;
	let head: [string, ToneName];
	if (step.kind === 'runtime' && status !== 'pass' && total === 0) head = ['○ Runtime step: press r to run the lab under Dapr.', 'muted'];
	else if (status === 'pass') head = [`✔ Step passes${total ? ` (${total} note${total === 1 ? '' : 's'})` : ''}.`, 'ok'];
	else if (status === 'pending') head = [state.checking ? '… checking' : '· Not checked yet.', 'muted'];
	else head = [`✖ ${errors} problem${errors === 1 ? '' : 's'} to fix.`, 'bad'];
	return (
		<Box flexDirection="column" marginTop={1}>
			<Text wrap="truncate-end">
				<Tone tone="accent" bold>
					Checklist{' '}
				</Tone>
				<Tone tone={head[1]} bold>
					{head[0]}
				</Tone>
			</Text>
			{blocks.map((block) =>
				block.lines.map((line, index) =>
					index === 0 ? (
						<Text key={`${block.key}:${index}`} wrap="truncate-end">
							<Tone tone={line.startsWith('✖') ? 'bad' : 'warn'}>{line.slice(0, 1)}</Tone>
							{line.slice(1)}
						</Text>
					) : (
						<Text key={`${block.key}:${index}`} wrap="truncate-end">
							{line}
						</Text>
					),
				),
			)}
			{total > blocks.length ? (
				<Text wrap="truncate-end">
					<Tone tone="muted">{moreProblems(total - blocks.length, paged)}</Tone>
				</Text>
			) : null}
		</Box>
	);
}

/** The run panel's lines, wrapped, each with its tone: measured and drawn from the same list. */
function runPanelLines(state: SessionState, run: RunView, tailLines: number, width: number): {readonly text: string; readonly tone: ToneName; readonly truncate?: boolean}[] {
	const running = run.status === 'running';
	const head = runHeadline(run);
	const spinner = SPINNER[Math.floor(state.now / 100) % SPINNER.length];
	const tone: ToneName = run.status === 'pass' ? 'ok' : running ? 'accent' : run.status === 'cancelled' ? 'muted' : 'bad';
	const out: {text: string; tone: ToneName; truncate?: boolean}[] = [];
	wrapLines(`Run ${running ? `${spinner} ` : ''}${head.text}`, width).forEach((text) => out.push({text, tone}));
	if (head.fix) wrapLines(`  → ${head.fix}`, width).forEach((text) => out.push({text, tone: 'plain'}));
	if (run.triggers.length) out.push({text: `✔ ${run.triggers.length} trigger${run.triggers.length === 1 ? '' : 's'}, last at ${run.triggers.at(-1)!.at.slice(11, 19)}`, tone: 'ok', truncate: true});
	if (run.expect && running) {
		const due = secondsUntil(state, run.expect.at);
		const missing = secondsUntil(state, run.expect.deadline);
		const when = due > 0 ? `in ${due}s (missing after ${Math.max(0, missing)}s)` : missing > 0 ? `due now (missing after ${missing}s)` : 'overdue';
		out.push({text: `⏱ ${run.expect.what}: ${when}`, tone: 'plain', truncate: true});
	}
	for (const check of run.checks) {
		const mark = check.status === 'pass' ? '✔' : check.status === 'fail' ? '✖' : '-';
		wrapLines(`${mark} ${check.message}`, width).forEach((text) => out.push({text, tone: check.status === 'pass' ? 'ok' : check.status === 'fail' ? 'bad' : 'muted'}));
	}
	if (run.error && run.status !== 'error') wrapLines(run.error, width).forEach((text) => out.push({text, tone: 'bad'}));
	for (const line of run.lines.slice(-tailLines)) out.push({text: `│ ${line}`, tone: 'muted', truncate: true});
	if (run.logFile) out.push({text: `Log: ${run.logFile}`, tone: 'muted', truncate: true});
	return out;
}

function RunPanel({lines}: {readonly lines: ReturnType<typeof runPanelLines>}) {
	return (
		<Box flexDirection="column" marginTop={1}>
			{lines.map((line, index) => (
				<Text key={index} wrap="truncate-end">
					<Tone tone={line.tone}>{line.text}</Tone>
				</Text>
			))}
		</Box>
	);
}

function findingLines(finding: Finding, width: number): {readonly lines: string[]; readonly hint: number} {
	const head = `${finding.severity === 'error' ? '✖' : '⚠'} ${stripControl(findingPlace(finding, false))} ${stripControl(finding.message)} (${finding.ruleId})`;
	const lines = wrapLines(head, width);
	const hint = finding.hint ? wrapLines(`  → ${stripControl(finding.hint)}`, width) : [];
	return {lines: [...lines, ...hint], hint: hint.length};
}

export function StepScreen({state}: {readonly state: SessionState}) {
	const {columns, rows} = useLayout();
	const lab = currentLab(state);
	if (!lab) return <Text>No labs.</Text>;
	const index = stepIndexOf(state, lab);
	const step = lab.steps[index];
	if (!step) return <Text>This lab has no steps.</Text>;
	const shown = hintsShown(state, lab.id, step.id);
	const solution = canShowSolution(state, lab, step) && step.solutionFiles.length > 0;
	const keys: (readonly [string, string])[] = [
		['j/k', 'step'],
		['h', shown >= step.hints.length ? 'hints (all shown)' : `hint ${shown + 1}/${step.hints.length}`],
	];
	if (step.solutionFiles.length) keys.push(['s', solution ? 'solution' : 'locked']);
	// r is offered on every step; until the static steps pass the footer says what it waits for. The footer fits
	// one row at 80 columns (space is listed only when the instructions page).
	const blocker = runBlocker(state, lab);
	keys.push(['r', state.run?.status === 'running' ? 'running…' : blocker ? `after step ${blocker.index + 1}` : 'run']);

	// Fit the terminal's height: everything is wrapped here (so rows are counted exactly) and given rows in order of
	// use: the first finding, the newest hint, a line of instructions, then more findings, older hints and the rest
	// of the instructions (which scroll with space / page keys).
	const width = columns - 1;
	const run = state.run && state.run.lab === lab.id ? state.run : null;
	const findings = stepFindings(state, lab, step);
	const messages = [...state.warnings.map((w) => `⚠ ${w}`), ...(state.flash ? [state.flash] : []), ...(state.checkError ? [`Check failed: ${state.checkError}`] : [])];
	// esc (back to the labs) is on the help screen; l does the same.
	const tailKeys: (readonly [string, string])[] = [['?', 'help'], ['q', 'quit']];
	// Whether the instructions page is known only after the layout; the space key takes at most one more row.
	const keyRows = keyBarRows([...keys, ['space', 'more'], ...tailKeys], columns);
	const runTail = rows >= 34 ? 6 : 2;
	const runLines = run ? runPanelLines(state, run, runTail, width) : [];
	const titleRows = rowsOf(`${index + 1}. ${step.title}`, width);
	// Title and rule, step strip, step title (with its margin), checklist head (with its margin), the footer (with
	// its margin), the run panel (with its margin), messages, and one row so the frame stays below the terminal's
	// height (Ink redraws the whole screen when a frame reaches it).
	let free = rows - (2 + 1 + 1 + titleRows + 2 + 1 + keyRows + (run ? 1 + runLines.length : 0) + messages.reduce((sum, m) => sum + rowsOf(m, width), 0) + 1);
	const findingBlocks: Block[] = findings.slice(0, MAX_FINDINGS).map((f, index) => {
		const drawn = findingLines(f, width);
		return {key: `f${index}`, lines: drawn.lines, keep: drawn.hint};
	});
	const hintBlocks: Block[] = step.hints.slice(0, shown).map((hint, index) => ({key: `h${index}`, lines: balanceBackticks(wrapLines(`Hint ${index + 1}: ${hint}`, width - 2))}));
	const instructionLines = paragraphs(instructionsFor(state, lab, step)).flatMap((p, i) => [...(i > 0 ? [''] : []), ...balanceBackticks(wrapLines(p, width - 2))]);
	const shownFindings: Block[] = [];
	const shownHints: Block[] = [];
	const take = (block: Block, extra: number, min: number): Block | null => {
		const room = free - extra;
		if (room < min) return null;
		const keep = block.keep ?? 0;
		// Cut short: the message loses its end (marked …), the fix under it stays when there is room for both.
		const lines = block.lines.length <= room ? block.lines : room > keep ? [...block.lines.slice(0, room - keep - 1), ellipsis(block.lines[room - keep - 1]!), ...block.lines.slice(block.lines.length - keep)] : block.lines.slice(0, room);
		free -= lines.length + extra;
		return {key: block.key, lines};
	};
	// Rows go first to the instructions (a few lines) and the first problem, then the newest hint, the other
	// problems and older hints; the instructions take what is left and page with space.
	if (findings.length > 1) free -= 1; // the "…and N more" line
	const needsPaging = (rowsFor: number) => pagedLines.length > rowsFor;
	const reserveInstructions = Math.min(instructionLines.length, Math.max(1, Math.min(4, free - 3)));
	free -= reserveInstructions;
	const first = findingBlocks[0] ? take(findingBlocks[0], 0, 1) : null;
	if (first) shownFindings.push(first);
	const newest = hintBlocks.at(-1);
	if (newest && newest.lines.length + 1 <= free) shownHints.push(take(newest, 1, 2)!);
	for (const block of findingBlocks.slice(1)) {
		if (block.lines.length > free) break;
		shownFindings.push(take(block, 0, 1)!);
	}
	for (let index = hintBlocks.length - 2; index >= 0 && shownHints.length > 0; index--) {
		if (hintBlocks[index]!.lines.length > free) break;
		shownHints.unshift(take(hintBlocks[index]!, 0, 1)!);
	}
	// Problems that did not fit under the checklist page with the instructions, so space reaches every line of them.
	const hiddenFindings = findings.slice(shownFindings.length, MAX_FINDINGS);
	const pagedLines = [...instructionLines, ...hiddenFindings.flatMap((finding) => ['', ...balanceBackticks(findingLines(finding, width - 2).lines)])];
	const budget = reserveInstructions + Math.max(0, Math.min(free, pagedLines.length - reserveInstructions));
	// Paging: a page is what fits with the "more" line under it; space shows the next page and, after the last,
	// the first again, so every line is reached and none is skipped.
	const paged = needsPaging(budget);
	const pageSize = paged ? Math.max(1, budget - 1) : budget;
	const pages = Math.max(1, Math.ceil(pagedLines.length / pageSize));
	const page = ((state.scroll % pages) + pages) % pages;
	const start = page * pageSize;
	const visible = pagedLines.slice(start, start + pageSize);
	if (paged) keys.push(['space', 'more']);
	keys.push(...tailKeys);
	const hiddenHints = shown - shownHints.length;
	const after = pagedLines.length - start - visible.length;
	const moreText = after > 0 ? `… space: ${after} more line${after === 1 ? '' : 's'} (page ${page + 1}/${pages})` : `… space: back to the top (page ${page + 1}/${pages})`;
	const moreLine = paged ? `${moreText}${hiddenHints ? `, ${hiddenHints} earlier hint${hiddenHints === 1 ? '' : 's'} hidden` : ''}` : null;

	return (
		<Box flexDirection="column">
			<Title text={lab.title} right={state.checking ? 'checking…' : `step ${index + 1}/${lab.steps.length}`} />
			<StepStrip state={state} lab={lab} index={index} />
			<Box marginTop={1}>
				<Tone bold>
					{index + 1}. {step.title}
				</Tone>
			</Box>
			{visible.map((line, i) => (
				<Prose key={i} text={line || ' '} />
			))}
			{moreLine ? (
				<Text wrap="truncate-end">
					<Tone tone="muted">{moreLine}</Tone>
				</Text>
			) : null}
			{shownHints.length ? (
				<Box flexDirection="column" marginTop={1}>
					{shownHints.map((block) =>
						block.lines.map((line, index) => {
							const label = index === 0 ? /^Hint \d+: / .exec(line)?.[0] ?? '' : '';
							return (
								<Box key={`${block.key}:${index}`}>
									{label ? <Tone tone="warn">{label}</Tone> : null}
									<Prose text={line.slice(label.length) || ' '} />
								</Box>
							);
						}),
					)}
				</Box>
			) : null}
			<Checklist state={state} lab={lab} step={step} blocks={shownFindings} total={findings.length} paged={hiddenFindings.length} />
			{run ? <RunPanel lines={runLines} /> : null}
			{state.checkError ? <Tone tone="bad">Check failed: {state.checkError}</Tone> : null}
			<Messages flash={state.flash} warnings={state.warnings} />
			<Box marginTop={1}>
				<KeyBar keys={keys} />
			</Box>
		</Box>
	);
}
