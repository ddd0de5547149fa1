// The instructor's live page: follows the room over Server-Sent Events and draws the grid. Every piece of student
// text (names, rule ids, file names) goes into the page with textContent, never as markup.
'use strict';
(function () {
	const params = new URLSearchParams(location.hash.slice(1));
	const token = params.get('token') || '';
	const q = '?token=' + encodeURIComponent(token);
	const $ = (id) => document.getElementById(id);
	let selected = null;
	let detailAt = 0;

	function el(tag, className, text) {
		const node = document.createElement(tag);
		if (className) node.className = className;
		if (text !== undefined && text !== null) node.textContent = String(text);
		return node;
	}
	function duration(ms) {
		const s = Math.floor(ms / 1000);
		if (s < 60) return s + 's';
		const m = Math.floor(s / 60);
		return m < 60 ? m + 'm' : Math.floor(m / 60) + 'h' + String(m % 60).padStart(2, '0');
	}

	$('export-csv').href = '/api/grid.csv' + q;
	$('export-json').href = '/api/grid' + q + '&download';

	function drawTop(top) {
		const list = $('top');
		list.replaceChildren();
		if (top.length === 0) list.append(el('li', '', 'No failing rules right now.'));
		for (const rule of top) {
			const item = el('li');
			item.append(el('span', 'count', rule.count + (rule.count === 1 ? ' student' : ' students')), ' ', el('code', '', rule.rule));
			if (rule.title) item.append(' ', el('span', 'title', rule.title));
			if (rule.fix) {
				const more = el('details');
				more.append(el('summary', '', 'what to explain'), el('div', 'fix', rule.fix));
				item.append(' ', more);
			}
			list.append(item);
		}
	}

	function drawGrid(view) {
		const head = $('grid').tHead;
		const labs = [];
		for (const column of view.columns) {
			const last = labs[labs.length - 1];
			if (last && last.lab === column.lab) last.span++;
			else labs.push({lab: column.lab, span: 1});
		}
		const row1 = el('tr');
		row1.append(el('th', '', ''));
		for (const lab of labs) {
			const th = el('th', 'lab', lab.lab);
			th.colSpan = lab.span;
			row1.append(th);
		}
		const row2 = el('tr');
		row2.append(el('th', '', 'student'));
		view.columns.forEach((column, index) => {
			const th = el('th', '', String(index + 1 - view.columns.findIndex((c) => c.lab === column.lab)));
			th.title = column.title;
			row2.append(th);
		});
		head.replaceChildren(row1, row2);
		const body = document.createDocumentFragment();
		for (const row of view.rows) {
			const tr = el('tr', (row.stuck ? 'stuck ' : '') + (row.left ? 'left' : ''));
			tr.dataset.student = row.student;
			const name = el('td', 'name');
			const button = el('button', 'student-name', row.name);
			button.type = 'button';
			button.addEventListener('click', () => showDetail(row.student));
			name.append(button);
			if (row.stuck) name.append(el('span', 'stuck-badge', 'stuck on ' + row.stuck.rule + ' · ' + duration(row.stuck.ms)));
			tr.append(name);
			row.cells.forEach((cell, index) => {
				const column = view.columns[index];
				const td = el('td', row.lab === column.lab && row.step === column.step ? 'current' : '');
				td.dataset.col = column.lab + '/' + column.step;
				if (cell) {
					td.dataset.status = cell.status;
					const text = cell.ms > 0 ? duration(cell.ms) : cell.status === 'pass' ? '✓' : '';
					const span = el('span', 'cell ' + cell.status, text);
					span.title = cell.failing.length ? 'failing: ' + cell.failing.join(', ') : cell.status;
					td.append(span);
				}
				tr.append(td);
			});
			body.append(tr);
		}
		$('grid').tBodies[0].replaceChildren(body);
		$('totals').textContent = view.totals.students + ' students · ' + view.totals.stuck + ' stuck · ' + view.totals.events + ' events';
		$('stuck-after').textContent = duration(view.stuckAfterMs);
		document.body.dataset.events = String(view.totals.events);
	}

	async function showDetail(id) {
		selected = id;
		detailAt = Date.now();
		const response = await fetch('/api/student/' + encodeURIComponent(id) + q);
		if (!response.ok) return;
		const detail = await response.json();
		$('detail').hidden = false;
		$('detail-title').textContent = detail.name + ' — ' + (detail.lab || '?') + ' / ' + (detail.step || '?');
		const body = $('detail-body');
		body.replaceChildren();
		body.append(el('h3', '', 'Latest findings'));
		const findings = el('ul');
		for (const finding of detail.findings) {
			const item = el('li');
			item.append(el('code', '', finding.file + ':' + finding.line), ' ', el('code', '', finding.rule), ' ' + finding.severity + (finding.title ? ': ' + finding.title : ''));
			findings.append(item);
		}
		if (detail.findings.length === 0) findings.append(el('li', '', 'none'));
		body.append(findings, el('h3', '', 'Runs'));
		const runs = el('ul');
		for (const run of detail.runs) runs.append(el('li', '', new Date(run.at).toLocaleTimeString() + ' ' + run.lab + ': ' + run.status + ' (' + run.checks.map((c) => c.id + ' ' + c.status).join(', ') + ')'));
		if (detail.runs.length === 0) runs.append(el('li', '', 'none'));
		body.append(runs, el('p', '', detail.hints + ' hints taken · ' + detail.catchUps.length + ' catch-ups · ' + detail.events + ' events'));
	}

	const source = new EventSource('/api/stream' + q);
	source.addEventListener('open', () => {
		$('connection').className = 'online';
		$('connection').textContent = 'live';
	});
	source.addEventListener('error', () => {
		$('connection').className = 'offline';
		$('connection').textContent = token ? 'reconnecting…' : 'no instructor token in the address (#token=…)';
	});
	source.addEventListener('grid', (message) => {
		const view = JSON.parse(message.data);
		drawTop(view.top);
		drawGrid(view);
		// The open detail follows the room too, at most every two seconds.
		if (selected && Date.now() - detailAt > 2000) void showDetail(selected);
	});
})();
