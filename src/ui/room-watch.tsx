/**
 * `room watch`: the room's grid in the terminal, refreshed every interval. Lines come from report/room-text.ts
 * (student text already stripped of escapes there).
 */
import {Box, Text, useApp, useInput} from 'ink';
import {useEffect, useState} from 'react';
import type {RoomView} from '../core/room/grid.js';
import {roomLines} from '../report/room-text.js';

export type RoomWatchProps = {readonly load: () => Promise<RoomView>; readonly intervalMs: number; readonly base: string; readonly width: number};

export function RoomWatch({load, intervalMs, base, width}: RoomWatchProps) {
	const {exit} = useApp();
	const [view, setView] = useState<RoomView | null>(null);
	const [error, setError] = useState<string | null>(null);
	useInput((input, key) => {
		if (input === 'q' || key.escape || (key.ctrl && input === 'c')) exit();
	});
	useEffect(() => {
		let alive = true;
		let timer: NodeJS.Timeout | undefined;
		const tick = async () => {
			try {
				const next = await load();
				if (!alive) return;
				setView(next);
				setError(null);
			} catch (caught) {
				if (alive) setError(caught instanceof Error ? caught.message : String(caught));
			}
			if (alive) timer = setTimeout(() => void tick(), intervalMs);
		};
		void tick();
		return () => {
			alive = false;
			if (timer) clearTimeout(timer);
		};
	}, [load, intervalMs]);
	return (
		<Box flexDirection="column">
			<Text bold>dapr-labs room · {base}</Text>
			{error ? <Text color="red">{error}</Text> : null}
			{view ? (
				roomLines(view, width).map((line, index) => (
					<Text key={index} {...(line.tone === 'stuck' ? {color: 'yellow'} : line.tone === 'left' || line.tone === 'dim' ? {dimColor: true} : line.tone === 'title' ? {bold: true} : {})}>
						{line.text}
					</Text>
				))
			) : error ? null : (
				<Text dimColor>loading…</Text>
			)}
			<Text dimColor>✔ pass ✘ failing · not yet — q quits</Text>
		</Box>
	);
}
