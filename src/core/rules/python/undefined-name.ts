import {defineRule} from '../../rule.js';
import type {Span} from '../../types.js';
import {readyPython} from '../support.js';

/** Python 3.12's builtins module: functions, constants, types and exceptions. */
const BUILTINS = new Set(
	(
		'abs aiter all anext any ascii bin bool breakpoint bytearray bytes callable chr classmethod compile complex copyright credits ' +
		'delattr dict dir divmod enumerate eval exec exit filter float format frozenset getattr globals hasattr hash help hex id input int ' +
		'isinstance issubclass iter len license list locals map max memoryview min next object oct open ord pow print property quit range ' +
		'repr reversed round set setattr slice sorted staticmethod str sum super tuple type vars zip __import__ __build_class__ ' +
		'__debug__ __doc__ __name__ __file__ __spec__ __loader__ __package__ __builtins__ None True False Ellipsis NotImplemented ' +
		'ArithmeticError AssertionError AttributeError BaseException BaseExceptionGroup BlockingIOError BrokenPipeError BufferError ' +
		'BytesWarning ChildProcessError ConnectionAbortedError ConnectionError ConnectionRefusedError ConnectionResetError ' +
		'DeprecationWarning EOFError EncodingWarning EnvironmentError Exception ExceptionGroup FileExistsError FileNotFoundError ' +
		'FloatingPointError FutureWarning GeneratorExit IOError ImportError ImportWarning IndentationError IndexError InterruptedError ' +
		'IsADirectoryError KeyError KeyboardInterrupt LookupError MemoryError ModuleNotFoundError NameError NotADirectoryError ' +
		'NotImplementedError OSError OverflowError PendingDeprecationWarning PermissionError ProcessLookupError RecursionError ' +
		'ReferenceError ResourceWarning RuntimeError RuntimeWarning StopAsyncIteration StopIteration SyntaxError SyntaxWarning ' +
		'SystemError SystemExit TabError TimeoutError TypeError UnboundLocalError UnicodeDecodeError UnicodeEncodeError UnicodeError ' +
		'UnicodeTranslateError UnicodeWarning UserWarning ValueError Warning ZeroDivisionError'
	).split(' '),
);

export default defineRule({
	id: 'python/undefined-name',
	meta: {
		description: 'Disallow calls to names that are neither defined, imported nor builtin',
		severity: 'error',
		messages: {
			undefined: 'The function {{name}}() is called {{count}} but never defined or imported; Python raises NameError when the line runs.',
		},
		docs: 'Python resolves names when a line runs, not when the file loads. The app starts fine, and the first trigger that reaches the call raises NameError: the handler answers 500 and daprd logs the failed delivery only at debug level. The lesson\'s handler calls find_expired_tasks() without defining it.',
		symptom: 'HTTP 500 on each trigger and `NameError: name ... is not defined` in the app output.',
		fix: 'Define or import the function.',
	},
	check({model, report}) {
		const python = readyPython(model);
		// A star import can bind any name; claiming NameError then would be a guess.
		if (!python || python.imports.some((imp) => imp.name === '*')) return;
		const uses = new Map<string, {first: Span; count: number}>();
		for (const use of python.calledNames) {
			const name = use.name;
			if (name === 'DaprClient' || python.boundNames.has(name) || BUILTINS.has(name)) continue;
			const seen = uses.get(name);
			if (seen) seen.count++;
			else uses.set(name, {first: use.span, count: 1});
		}
		for (const [name, {first, count}] of uses) {
			report({
				messageId: 'undefined',
				data: {name, count: count === 1 ? 'once' : `${count} times`},
				file: python.file,
				at: first,
				hint: `Define it above its first use, e.g. \`def ${name}():\` returning what the caller needs, or import it (\`from module import ${name}\`).`,
			});
		}
	},
});
