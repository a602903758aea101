/**
 * A look at the raw text, much cheaper than parsing, that tells whether a file can contain a close-code site or a
 * `close()` call worth checking. Most JS/TS files cannot, and they are then not parsed at all.
 *
 * It must never say "nothing" where recognition would find something (a test compares both on every fixture and
 * the eval corpus), so it errs towards "maybe": a number in a comment or a string is enough. Recognition only
 * reports
 * - literals (or constants holding them) valued 1000–5000, wherever they stand, and
 * - any value sent with `close(…)` / a socket's `end(…)`, and the `close()` calls themselves (diagnostics check only
 *   calls with arguments).
 */
export function mayHaveSites(text: string): boolean {
	// Arguments to close(…), or to end(…) when the file has a number at all.
	if (closeWithArgument.test(text)) {
		return true;
	}
	const anyValue = endWithArgument.test(text);
	numberToken.lastIndex = 0;
	for (let match = numberToken.exec(text); match; match = numberToken.exec(text)) {
		const value = numericValue(match[0]);
		if (value !== undefined && (anyValue || (value >= 1000 && value <= 5000))) {
			return true;
		}
	}
	return false;
}

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
