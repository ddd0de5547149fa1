import {defineRule} from '../../rule.js';

export default defineRule({
	id: 'file/unreadable',
	meta: {
		description: 'Require every lab file to be readable UTF-8 text inside the folder',
		severity: 'error',
		messages: {
			unreadable: 'The file {{path}} cannot be read as text: {{detail}}',
		},
		docs: 'daprd, Python and Docker all read these files as UTF-8 text. A binary file, another encoding, a huge file or a symlink that leaves the folder means the file the tools see is not the file you edited, and dapr-labs cannot check it either.',
		symptom: 'YAML or Python errors at odd positions, or a file that is not copied into the image.',
		fix: 'Save the file as UTF-8 or replace it with a regular text file inside the lab folder.',
	},
	check({model, report}) {
		for (const file of model.unreadable) {
			const detail = /[.!?]$/.test(file.detail.trim()) ? file.detail.trim() : `${file.detail.trim()}.`;
			report({
				messageId: 'unreadable',
				data: {path: file.path, detail},
				file: file.path,
				at: {line: file.line ?? 1, column: file.column ?? 1},
				hint: file.reason === 'not-utf8' ? 'Save the file as UTF-8 in your editor (File > Save with Encoding > UTF-8).' : file.reason === 'too-large' ? 'Replace it with the small text file the lab asks for.' : 'Replace it with a regular text file inside the lab folder.',
			});
		}
	},
});
