/**
 * The one bridge between the Ink views and the effects: it owns the AbortController the watcher, checks and runs
 * hang off, feeds their events to the pure reducer, persists progress, and maps keys to actions (core/session/keys).
 * Effects are injected (SessionDeps), so screen tests pass plain functions.
 */
import {useCallback, useEffect, useReducer, useRef} from 'react';
import {keyIntent, splitKeys, type KeyPress} from '../core/session/keys.js';
import {reduce} from '../core/session/reducer.js';
import type {Progress, SessionState} from '../core/session/state.js';
import type {CheckResult} from '../core/result.js';
import type {RunEvent} from '../core/run-events.js';
import type {LabId} from '../core/types.js';

/** The effects a session needs; start.ts wires the real ones. */
export type SessionDeps = {
	/** Checks the lab folder. */
	readonly check: (signal: AbortSignal) => Promise<CheckResult>;
	/** Starts watching the folder; `onChange` fires (debounced) on saves. Stops when the signal aborts. */
	readonly watch?: (onChange: () => void, signal: AbortSignal) => {readonly closed: Promise<void>};
	/** Runs a lab under Dapr (the r key); absent when no runner is available. */
	readonly run?: (lab: LabId, signal: AbortSignal) => AsyncIterable<RunEvent>;
	readonly saveProgress?: (progress: Progress) => Promise<void>;
	readonly now?: () => number;
	/** Called once everything started here has stopped, after q / ctrl-c. */
	readonly onQuit?: () => void;
	/** Aborted from outside (SIGTERM, SIGHUP): the session quits as if q was pressed. */
	readonly stop?: AbortSignal;
	/** Called when a check finishes (the benchmark and tests hook on it). */
	readonly onChecked?: (result: CheckResult) => void;
	/** Called after every state change (the workshop room derives what to share from it; it must not block). */
	readonly onState?: (state: SessionState) => void;
};

/** A check that takes longer than this shows "checking…". */
const CHECKING_DELAY_MS = 150;

/** The session state and the key handler for a workbook render. */
export function useSession(initial: SessionState, deps: SessionDeps): {readonly state: SessionState; readonly onKey: (input: string, key: KeyPress) => void} {
	const [state, dispatch] = useReducer(reduce, initial);
	const stateRef = useRef(state);
	stateRef.current = state;
	const depsRef = useRef(deps);
	depsRef.current = deps;
	const root = useRef(new AbortController());
	const pending = useRef(new Set<Promise<unknown>>());
	const checkRunning = useRef(false);
	const checkAgain = useRef(false);
	const runController = useRef<AbortController | null>(null);
	const quitting = useRef(false);
	const saveChain = useRef<Promise<void>>(Promise.resolve());

	const track = useCallback(<T,>(promise: Promise<T>): Promise<T> => {
		pending.current.add(promise);
		void promise.finally(() => pending.current.delete(promise)).catch(() => undefined);
		return promise;
	}, []);

	// One check at a time; saves during a check queue exactly one more, so the last save always gets a verdict.
	const runCheck = useCallback(() => {
		if (root.current.signal.aborted) return;
		if (checkRunning.current) {
			checkAgain.current = true;
			return;
		}
		checkRunning.current = true;
		// "checking…" only for a slow check: a frame for it would open Ink's frame throttle (maxFps 30) and hold
		// the verdict's frame back by up to 33 ms, longer than a typical check takes.
		const slow = setTimeout(() => dispatch({type: 'check-started'}), CHECKING_DELAY_MS);
		const work = (async () => {
			do {
				checkAgain.current = false;
				try {
					const result = await depsRef.current.check(root.current.signal);
					if (root.current.signal.aborted) return;
					dispatch({type: 'check-finished', result});
					depsRef.current.onChecked?.(result);
				} catch (error) {
					if (root.current.signal.aborted) return;
					dispatch({type: 'check-failed', message: error instanceof Error ? error.message : String(error)});
				}
			} while (checkAgain.current && !root.current.signal.aborted);
		})().finally(() => {
			clearTimeout(slow);
			checkRunning.current = false;
		});
		void track(work);
	}, [track]);

	useEffect(() => {
		const signal = root.current.signal;
		const watcher = depsRef.current.watch?.(() => runCheck(), signal);
		if (watcher) void track(watcher.closed);
		runCheck();
		return () => root.current.abort();
	}, [runCheck, track]);

	useEffect(() => {
		depsRef.current.onState?.(state);
	}, [state]);

	// Persist progress whenever it changes, one write at a time.
	const lastSaved = useRef(JSON.stringify(initial.progress));
	useEffect(() => {
		const save = depsRef.current.saveProgress;
		const text = JSON.stringify(state.progress);
		if (!save || text === lastSaved.current) return;
		lastSaved.current = text;
		const progress = state.progress;
		saveChain.current = saveChain.current.then(() => save(progress)).catch((error: unknown) => dispatch({type: 'warning', message: `Could not save progress: ${error instanceof Error ? error.message : String(error)}`}));
		void track(saveChain.current);
	}, [state.progress, track]);

	// The countdown and spinner need a clock while a run is live.
	const running = state.run?.status === 'running';
	useEffect(() => {
		if (!running) return;
		const now = depsRef.current.now ?? Date.now;
		dispatch({type: 'tick', now: now()});
		const timer = setInterval(() => dispatch({type: 'tick', now: now()}), 250);
		return () => clearInterval(timer);
	}, [running]);

	const startRun = useCallback(() => {
		const current = stateRef.current;
		const lab = current.labs[current.labIndex];
		const run = depsRef.current.run;
		if (!lab) return;
		if (!run) {
			dispatch({type: 'flash', message: 'The runtime check is not available in this build; run `dapr-labs run` in another terminal.'});
			return;
		}
		if (runController.current) {
			dispatch({type: 'flash', message: 'A run is already going; it stops when it has its verdict (q stops it too).'});
			return;
		}
		const controller = new AbortController();
		const stop = () => controller.abort();
		root.current.signal.addEventListener('abort', stop, {once: true});
		runController.current = controller;
		dispatch({type: 'run-started', lab: lab.id});
		const work = (async () => {
			try {
				for await (const event of run(lab.id, controller.signal)) {
					dispatch({type: 'run-event', event});
				}
				dispatch({type: 'run-ended', cancelled: controller.signal.aborted});
			} catch (error) {
				dispatch({type: 'run-ended', cancelled: controller.signal.aborted, error: error instanceof Error ? error.message : String(error)});
			} finally {
				root.current.signal.removeEventListener('abort', stop);
				runController.current = null;
			}
		})();
		void track(work);
	}, [track]);

	const quit = useCallback(() => {
		if (quitting.current) return;
		quitting.current = true;
		dispatch({type: 'quit'});
		root.current.abort();
		void Promise.allSettled([...pending.current, saveChain.current]).then(() => depsRef.current.onQuit?.());
	}, []);

	useEffect(() => {
		const stop = depsRef.current.stop;
		if (!stop) return;
		if (stop.aborted) quit();
		stop.addEventListener('abort', quit, {once: true});
		return () => stop.removeEventListener('abort', quit);
	}, [quit]);

	const onKey = useCallback(
		(input: string, key: KeyPress) => {
			// Several presses can share one chunk ("jj"): each is decided on the state the previous one left, which
			// the reducer (pure) gives us before React renders it.
			for (const press of splitKeys(input, key)) {
				if (quitting.current) return;
				const intent = keyIntent(stateRef.current, press, key);
				switch (intent.kind) {
					case 'action':
						stateRef.current = reduce(stateRef.current, intent.action);
						dispatch(intent.action);
						break;
					case 'run':
						startRun();
						break;
					case 'quit':
						quit();
						return;
					case 'none':
						break;
				}
			}
		},
		[quit, startRun],
	);

	return {state, onKey};
}
