import { mayNamePackageConstant } from './protocols/exports';

/**
 * A look at the raw text, much cheaper than parsing, that tells whether a file can contain a close-code site or a
 * `close()` call worth checking. Most JS/TS files cannot, and they are then not parsed at all.
 *
 * It must never say "nothing" where recognition would find something (a test compares both on every fixture and
 * the eval corpus), so it errs towards "maybe": a number in a comment or a string is enough. Recognition only
 * reports
 * - literals (or constants holding them) valued 1000–5000, wherever they stand,
 * - names of codes that a protocol library exports (`CloseCode.Forbidden` of graphql-ws), and
 * - any value sent with `close(…)` / a socket's `end(…)`, and the `close()` calls themselves (diagnostics check only
 *   calls with arguments).
 */
export function mayHaveSites(text: string): boolean {
	// Arguments to close(…), or to end(…) when the file has a number at all; a library's named code.
	if (closeWithArgument.test(text) || mayNamePackageConstant(text)) {
		return true;
	}
	const anyValue = endWithArgument.test(text);
	if (!anyValue && !mayHoldCandidate.test(text)) {
		return false; // no 1000–5000 in any literal form: no need to look at each number of the file
	}
	const counts = (token: string) => {
		const value = numericValue(token);
		return value !== undefined && (anyValue || (value >= 1000 && value <= 5000));
	};
	numberToken.lastIndex = 0;
	for (let match = numberToken.exec(text); match; match = numberToken.exec(text)) {
		if (counts(match[0])) {
			// A candidate somewhere in the text. Recognition only reads numeric literals, so one in a comment or a
			// string (a copyright year, `'4.1000'`, a port in a doc comment: half the bytes of a large tree) does not
			// count; a second, lexing look tells whether one stands in code.
			return numberInCode(text, counts);
		}
	}
	return false;
}

/** What a `/` after such a word starts: a regular expression (`return /x/`), not a division. */
const regexAfterWord = new Set(['return', 'typeof', 'instanceof', 'in', 'of', 'new', 'delete', 'void', 'throw', 'case', 'do', 'else', 'yield', 'await']);

/**
 * Whether a numeric token for which `counts` is true stands in code: outside comments, string literals and the text
 * of template literals (their `${…}` is code), and regular expressions. A light lexer, so it must never hide code: it
 * answers `true` ("maybe") whenever it may have lost track — a string that runs into a line break, a regular
 * expression that does, an unterminated comment, template or string at the end. A `/` is a regular expression
 * after an operator, a keyword like `return`, or `}`, and a division after a name, a number, `)` or `]`.
 */
function numberInCode(text: string, counts: (token: string) => boolean): boolean {
	const length = text.length;
	/** For each open template substitution, the depth of `{` inside it; a `}` at depth 0 resumes the template. */
	const templates: number[] = [];
	let regexAllowed = true;
	let index = 0;
	const scanTemplate = (): boolean | undefined => {
		// From inside a template's text: to its end (undefined), or into a substitution (true); false: unterminated.
		while (index < length) {
			const code = text.charCodeAt(index);
			if (code === 0x5c /* \\ */) {
				index += 2;
			} else if (code === 0x60 /* ` */) {
				index++;
				return undefined;
			} else if (code === 0x24 /* $ */ && text.charCodeAt(index + 1) === 0x7b /* { */) {
				index += 2;
				templates.push(0);
				return true;
			} else {
				index++;
			}
		}
		return false;
	};
	/**
	 * Moves past a string or regular expression literal (from just after its opening character) to just after its
	 * `closing` character, skipping escapes and, in a regular expression, `[…]` classes. `false`: lost track — the
	 * text ends, or the line does (neither literal spans lines unescaped).
	 */
	const skipToClosing = (closing: number, classes: boolean): boolean => {
		let inClass = false;
		while (index < length) {
			const inner = text.charCodeAt(index);
			if (inner === 0x0a || inner === 0x0d) {
				return false;
			}
			index++;
			if (inner === 0x5c) {
				index++;
			} else if (classes && inner === 0x5b /* [ */) {
				inClass = true;
			} else if (classes && inner === 0x5d /* ] */) {
				inClass = false;
			} else if (inner === closing && !inClass) {
				return true;
			}
		}
		return false;
	};
	while (index < length) {
		const code = text.charCodeAt(index);
		if (code === 0x20 || code === 0x09 || code === 0x0a || code === 0x0d) {
			index++;
		} else if (code === 0x2f /* / */) {
			const next = text.charCodeAt(index + 1);
			if (next === 0x2f) {
				const end = text.indexOf('\n', index);
				index = end < 0 ? length : end;
			} else if (next === 0x2a /* * */) {
				const end = text.indexOf('*/', index + 2);
				if (end < 0) {
					return true;
				}
				index = end + 2;
			} else if (regexAllowed) {
				index++;
				if (!skipToClosing(0x2f, true)) {
					return true;
				}
				regexAllowed = false;
			} else {
				index++;
				regexAllowed = true;
			}
		} else if (code === 0x27 || code === 0x22 /* ' " */) {
			index++;
			if (!skipToClosing(code, false)) {
				return true;
			}
			regexAllowed = false;
		} else if (code === 0x60 /* ` */) {
			index++;
			const state = scanTemplate();
			if (state === false) {
				return true;
			}
			regexAllowed = state === true;
		} else if (code === 0x7b /* { */) {
			if (templates.length > 0) {
				templates[templates.length - 1]++;
			}
			index++;
			regexAllowed = true;
		} else if (code === 0x7d /* } */) {
			index++;
			if (templates.length > 0 && templates[templates.length - 1] === 0) {
				templates.pop();
				const state = scanTemplate();
				if (state === false) {
					return true;
				}
				regexAllowed = state === true;
			} else {
				if (templates.length > 0) {
					templates[templates.length - 1]--;
				}
				regexAllowed = true;
			}
		} else if ((code >= 0x30 && code <= 0x39) || (code === 0x2e && isDigit(text.charCodeAt(index + 1)))) {
			numberToken.lastIndex = index;
			const match = numberToken.exec(text);
			const token = match && match.index === index ? match[0] : text[index];
			if (counts(token)) {
				return true;
			}
			index += token.length;
			regexAllowed = false;
		} else if (isWordStart(code)) {
			const start = index;
			while (index < length && isWordPart(text.charCodeAt(index))) {
				index++;
			}
			regexAllowed = regexAfterWord.has(text.slice(start, index));
		} else {
			index++;
			// `)` and `]` end a value (a `/` after them divides); any other punctuator expects one.
			regexAllowed = code !== 0x29 && code !== 0x5d;
		}
	}
	// Unterminated template at the end: lost track.
	return templates.length > 0;
}

function isDigit(code: number): boolean {
	return code >= 0x30 && code <= 0x39;
}

function isWordStart(code: number): boolean {
	return (code >= 0x61 && code <= 0x7a) || (code >= 0x41 && code <= 0x5a) || code === 0x5f || code === 0x24 || code === 0x23 || code === 0x5c || code > 0x7f;
}

function isWordPart(code: number): boolean {
	return isWordStart(code) || isDigit(code);
}

/**
 * What any literal valued 1000–5000 contains: four digits in a row (decimal, or a legacy octal such as `01750`; three
 * octal digits stay below 1000), an exponent (`1e3`, `1.5E+3`), or a hex, octal or binary prefix.
 */
const mayHoldCandidate = /\d{4}|\d\.?[eE][+-]?\d|0[xXoObB]/;

const closeWithArgument = /\bclose\s*\(\s*[^\s)]/;
const endWithArgument = /\bend\s*\(\s*[^\s)]/;

/**
 * Every numeric literal token (and some harmless look-alikes): decimal with fraction and exponent, hex, octal,
 * binary, legacy octal, separators, BigInt. Not preceded by an identifier character, so `a1000` is no number.
 */
const numberToken = /(?<![\w$])(?:0[xX][\da-fA-F_]+|0[oObB][\d_]+|(?:\d[\d_]*(?:\.[\d_]*)?|\.\d[\d_]*)(?:[eE][+-]?[\d_]+)?)n?/g;

/** The value TypeScript gives a literal as recognition reads it: integers only, no separators, no BigInt. */
function numericValue(token: string): number | undefined {
	if (token.includes('_') || token.endsWith('n')) {
		return undefined; // `1_000` is a quantity, never a code; a BigInt is no NumericLiteral
	}
	// A legacy octal literal (`07640`, sloppy-mode JavaScript) is octal; `Number()` would read it as decimal.
	const value = /^0[0-7]+$/.test(token) ? parseInt(token, 8) : Number(token);
	return Number.isInteger(value) ? value : undefined;
}
