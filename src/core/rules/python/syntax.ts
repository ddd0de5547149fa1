import {defineRule} from '../../rule.js';

/** How many syntax errors to list: the first is the real one, later ones are often knock-on effects. */
const MAX = 5;

export default defineRule({
	id: 'python/syntax',
	meta: {
		description: 'Require app.py to be valid Python',
		severity: 'error',
		messages: {
			first: 'The file app.py does not parse: {{detail}}',
			more: 'The file app.py has another syntax error here: {{detail}}',
		},
		docs: 'uvicorn imports app.py when it starts; a syntax error stops the import, there is no app on port 8000, and daprd waits for the app port forever. While the file does not parse, dapr-labs skips the rules that read the Python code (routes, DaprClient, invoke_binding): their results on a broken tree would be noise.',
		symptom: 'uvicorn exits at once with a `SyntaxError` traceback; `dapr run` prints `❌ The App process exited with error code: 1` (CLI 1.16 and older: `... error code: exit status 1`) and stops daprd.',
		fix: 'Fix the first reported error first; later ones are often knock-on effects.',
	},
	check({model, report}) {
		const python = model.python;
		if (!python) return;
		python.syntaxErrors.slice(0, MAX).forEach((error, index) => {
			const text = error.message.trim();
			report({
				messageId: index === 0 ? 'first' : 'more',
				data: {detail: /[.!?]$/.test(text) ? text : `${text}.`},
				file: python.file,
				at: error.span,
				hint:
					index === 0
						? 'Fix this line first (a missing `:` after def/if/with, an unclosed bracket or quote, or mixed indentation); the route and DaprClient checks run once app.py parses.'
						: 'This may be a knock-on effect of the first error; fix that one and check again.',
			});
		});
	},
});
