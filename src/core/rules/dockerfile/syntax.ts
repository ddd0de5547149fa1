import {defineRule} from '../../rule.js';

export default defineRule({
	id: 'dockerfile/syntax',
	meta: {
		description: 'Require the Dockerfile to be one that docker build can read as intended',
		severity: 'error',
		messages: {
			syntax: 'Docker does not read this line as intended: {{detail}}',
		},
		docs: 'docker build stops at an unknown instruction (`RUNN`, `COPPY`) or an instruction without arguments, and a first instruction other than FROM (or ARG). A CMD, ENTRYPOINT or RUN written as a JSON array with single quotes or missing commas is not JSON, so Docker silently runs it in shell form: `CMD [\'uvicorn\', \'app:app\']` makes /bin/sh run a command literally named `[uvicorn,`. An unclosed quote makes the shell fail when the command runs. A Dockerfile too large to read is reported here alone.',
		symptom: '`unknown instruction: RUNN` from docker build, or `/bin/sh: 1: [uvicorn,: not found` when the container starts.',
		fix: 'Use double quotes and commas in exec form, and spell the instruction as Docker knows it.',
	},
	check({model, report}) {
		const dockerfile = model.dockerfile;
		if (!dockerfile) return;
		for (const error of dockerfile.syntaxErrors) {
			const detail = /[.!?]$/.test(error.message.trim()) ? error.message.trim() : `${error.message.trim()}.`;
			report({
				messageId: 'syntax',
				data: {detail},
				file: dockerfile.file,
				at: error.span,
				hint: /JSON/.test(detail)
					? 'Write the array with double quotes and commas: `CMD ["uvicorn", "app:app", "--host", "0.0.0.0", "--port", "8000"]`.'
					: /KB/.test(detail)
						? 'Replace it with the short Dockerfile the lab asks for (FROM, WORKDIR, RUN pip install, COPY, CMD).'
						: 'Fix this line so docker build reads it: FROM, WORKDIR, RUN, COPY and CMD are the instructions the lab needs.',
			});
		}
	},
});
