/**
 * The room server (fastify): students' workbooks POST events with the join code, the instructor's page reads the
 * grid (JSON, CSV, a student's detail) and follows it live over Server-Sent Events with the instructor token.
 * Every request body is validated against core/room/events.ts's schema (Ajv, through fastify) within a body limit;
 * each student is rate-limited; the grid is the fold of the store's events (core/room/grid.ts).
 */
import {readFile} from 'node:fs/promises';
import type {ServerResponse} from 'node:http';
import {join} from 'node:path';
import Fastify, {type FastifyReply, type FastifyRequest} from 'fastify';
import {applyEvent, createRoom, roomView, studentDetail, type RoomColumn, type StoredEvent} from '../../core/room/grid.js';
import {ROOM_BATCH_SCHEMA, ROOM_LIMITS, type RoomEvent} from '../../core/room/events.js';
import {createRateLimiter} from '../../core/room/rate.js';
import {formatRoomCsv} from '../../report/room-csv.js';
import {packageRoot} from '../package-root.js';
import type {RoomStore} from './store.js';
import {tokenChecker, type RoomTokens} from './tokens.js';

export type RoomServerOptions = {
	readonly store: RoomStore;
	readonly tokens: RoomTokens;
	readonly columns: readonly RoomColumn[];
	readonly host: string;
	readonly port: number;
	/** A student failing the same first rule for this long stands out. Default 5 minutes. */
	readonly stuckAfterMs?: number;
	/** Per student: events allowed in a burst and per second after it. */
	readonly rate?: {readonly burst: number; readonly perSecond: number};
	/** Most students a room takes (a flood of made-up ids cannot grow it without bound). */
	readonly maxStudents?: number;
	/** Least time between two grid pushes to the live pages. Default 100 ms. */
	readonly pushEveryMs?: number;
	readonly now?: () => number;
};

export type RoomServer = {readonly url: string; readonly port: number; close(): Promise<void>};

const PAGE_FILES: Readonly<Record<string, string>> = {'/': 'index.html', '/room.js': 'room.js', '/room.css': 'room.css'};
const TYPES: Readonly<Record<string, string>> = {html: 'text/html; charset=utf-8', js: 'text/javascript; charset=utf-8', css: 'text/css; charset=utf-8'};
const PAGE_HEADERS = {
	'content-security-policy': "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; img-src 'self' data:; base-uri 'none'; form-action 'none'; frame-ancestors 'none'",
	'x-content-type-options': 'nosniff',
	'referrer-policy': 'no-referrer',
	'cache-control': 'no-store',
};

function bearer(request: FastifyRequest): string | undefined {
	const header = request.headers.authorization;
	if (typeof header === 'string' && header.startsWith('Bearer ')) return header.slice(7).trim();
	const query = request.query as Record<string, unknown> | undefined;
	return typeof query?.['token'] === 'string' ? query['token'] : undefined;
}

export async function startRoomServer(options: RoomServerOptions): Promise<RoomServer> {
	const now = options.now ?? Date.now;
	const stuckAfterMs = options.stuckAfterMs ?? 5 * 60_000;
	const pushEveryMs = options.pushEveryMs ?? 100;
	const maxStudents = options.maxStudents ?? 5000;
	const limiter = createRateLimiter(options.rate ?? {burst: 200, perSecond: 50});
	const room = createRoom();
	// Students admitted so far (checked before their first event is folded in, so concurrent first requests count).
	const admitted = new Set<string>();
	const pageDir = join(packageRoot(), 'assets', 'room');
	const page = new Map<string, Buffer>();
	for (const [route, file] of Object.entries(PAGE_FILES)) page.set(route, await readFile(join(pageDir, file)));

	const clients = new Set<ServerResponse>();
	let pushTimer: NodeJS.Timeout | null = null;
	let lastPush = 0;
	const view = () => roomView(room, {now: now(), columns: options.columns, stuckAfterMs});
	function push(): void {
		pushTimer = null;
		lastPush = now();
		if (clients.size === 0) return;
		const frame = `event: grid\ndata: ${JSON.stringify(view())}\n\n`;
		for (const client of clients) client.write(frame);
	}
	function schedulePush(): void {
		if (pushTimer) return;
		pushTimer = setTimeout(push, Math.max(0, lastPush + pushEveryMs - now()));
	}
	// Time spent and "stuck" change with the clock alone.
	const clock = setInterval(schedulePush, 5000);
	const heartbeat = setInterval(() => {
		for (const client of clients) client.write(': keep-alive\n\n');
	}, 15_000);

	await options.store.start((events) => {
		for (const event of events) {
			applyEvent(room, event);
			admitted.add(event.student);
		}
		schedulePush();
	});

	const app = Fastify({
		logger: false,
		bodyLimit: ROOM_LIMITS.maxBodyBytes,
		requestTimeout: 15_000,
		forceCloseConnections: true,
		// The schema has additionalProperties: false; reject extras instead of stripping them, coerce nothing.
		ajv: {customOptions: {removeAdditional: false, coerceTypes: false, useDefaults: false, allErrors: false, discriminator: true}},
	});

	app.setErrorHandler((error: {statusCode?: number; message: string}, _request, reply) => {
		const status = error.statusCode && error.statusCode >= 400 && error.statusCode < 500 ? error.statusCode : 500;
		void reply.code(status).send({error: status === 500 ? 'Internal error.' : error.message.slice(0, 300)});
	});
	app.setNotFoundHandler((_request, reply) => void reply.code(404).send({error: 'Not found.'}));

	const isInstructor = tokenChecker(options.tokens.instructor);
	const isStudent = tokenChecker(options.tokens.join);
	const instructorOnly = async (request: FastifyRequest, reply: FastifyReply) => {
		if (!isInstructor(bearer(request))) await reply.code(401).send({error: 'The instructor token is missing or wrong.'});
	};
	const studentsOnly = async (request: FastifyRequest, reply: FastifyReply) => {
		if (!isStudent(bearer(request))) await reply.code(401).send({error: 'The join code is missing or wrong.'});
	};

	for (const route of Object.keys(PAGE_FILES)) {
		app.get(route, async (_request, reply) => {
			const file = PAGE_FILES[route]!;
			return reply.headers(PAGE_HEADERS).type(TYPES[file.split('.').pop()!]!).send(page.get(route));
		});
	}

	app.get('/api/hello', {preHandler: studentsOnly}, async () => ({ok: true, columns: options.columns.length}));

	const ACK = {type: 'object', properties: {added: {type: 'integer'}, duplicates: {type: 'integer'}}, required: ['added', 'duplicates']};
	const ERROR = {type: 'object', properties: {error: {type: 'string'}}};
	app.post('/api/events', {preHandler: studentsOnly, schema: {body: ROOM_BATCH_SCHEMA, response: {200: ACK, '4xx': ERROR}}}, async (request, reply) => {
		const {events} = request.body as {events: RoomEvent[]};
		const student = events[0]!.student;
		if (events.some((event) => event.student !== student)) return reply.code(400).send({error: 'All events of one request must be one student’s.'});
		if (!admitted.has(student)) {
			if (admitted.size >= maxStudents) return reply.code(403).send({error: `The room is full (${maxStudents} students).`});
			admitted.add(student);
		}
		const allowed = limiter.take(student, events.length, now());
		if (!allowed.ok) {
			return reply
				.code(429)
				.header('retry-after', String(Math.ceil(allowed.retryAfterMs / 1000)))
				.send({error: 'Too many events from this student; retry later.'});
		}
		const received = now();
		const stored: StoredEvent[] = events.map((event) => ({...event, received}));
		const result = await options.store.append(stored);
		return {added: result.added, duplicates: result.duplicates};
	});

	app.get('/api/grid', {preHandler: instructorOnly}, async (request, reply) => {
		if ((request.query as Record<string, unknown>)['download'] !== undefined) void reply.header('content-disposition', 'attachment; filename="room-grid.json"');
		return reply.header('cache-control', 'no-store').send(view());
	});
	app.get('/api/grid.csv', {preHandler: instructorOnly}, async (_request, reply) =>
		reply.header('content-disposition', 'attachment; filename="room-grid.csv"').type('text/csv; charset=utf-8').send(formatRoomCsv(view())),
	);
	app.get('/api/student/:id', {preHandler: instructorOnly, schema: {params: {type: 'object', properties: {id: {type: 'string', maxLength: ROOM_LIMITS.idLength}}}}}, async (request, reply) => {
		const detail = studentDetail(room, (request.params as {id: string}).id);
		return detail ? detail : reply.code(404).send({error: 'No such student.'});
	});
	app.get('/api/stream', {preHandler: instructorOnly}, (request, reply) => {
		reply.hijack();
		const response = reply.raw;
		response.writeHead(200, {'content-type': 'text/event-stream; charset=utf-8', 'cache-control': 'no-store', connection: 'keep-alive', 'x-accel-buffering': 'no'});
		response.write(`retry: 2000\n\nevent: grid\ndata: ${JSON.stringify(view())}\n\n`);
		clients.add(response);
		request.raw.on('close', () => clients.delete(response));
	});

	await app.listen({host: options.host, port: options.port});
	const address = app.server.address();
	const port = typeof address === 'object' && address ? address.port : options.port;
	const hostForUrl = options.host.includes(':') ? `[${options.host}]` : options.host;
	return {
		url: `http://${hostForUrl}:${port}`,
		port,
		async close() {
			clearInterval(clock);
			clearInterval(heartbeat);
			if (pushTimer) clearTimeout(pushTimer);
			for (const client of clients) client.end();
			clients.clear();
			await app.close();
			await options.store.close();
		},
	};
}
