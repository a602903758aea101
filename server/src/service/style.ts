/**
 * The code style of a file, so that inserted code looks like the code around it: indentation unit, quotes,
 * semicolons and line endings.
 */
export interface CodeStyle {
	/** One level of indentation: a tab, or N spaces. */
	readonly indent: string;
	readonly quote: "'" | '"';
	readonly semicolon: boolean;
	readonly eol: '\n' | '\r\n';
}

/** The last text asked about and its style: the providers of one code-action request each ask for the same file's. */
let last: { readonly text: string; readonly style: CodeStyle } | undefined;

export function detectStyle(text: string): CodeStyle {
	if (last?.text !== text) {
		last = { text, style: styleOf(text) };
	}
	return last.style;
}

function styleOf(text: string): CodeStyle {
	const eol = text.includes('\r\n') ? '\r\n' : '\n';
	const lines = text.split(/\r?\n/);

	// Indentation: tabs if most indented lines start with one; otherwise the most common step between lines.
	let tabs = 0;
	let spaces = 0;
	const steps = new Map<number, number>();
	let previous = 0;
	for (const line of lines) {
		if (line.trim() === '' || /^\s*\*/.test(line)) {
			continue;
		}
		const leading = /^[ \t]*/.exec(line)?.[0] ?? '';
		if (leading.startsWith('\t')) {
			tabs++;
		} else if (leading.length > 0) {
			spaces++;
			const step = Math.abs(leading.length - previous);
			if (step > 0 && step <= 8) {
				steps.set(step, (steps.get(step) ?? 0) + 1);
			}
		}
		previous = leading.startsWith('\t') ? previous : leading.length;
	}
	let indent = '\t';
	if (spaces > tabs) {
		const [step] = [...steps.entries()].sort((a, b) => b[1] - a[1] || a[0] - b[0])[0] ?? [2];
		indent = ' '.repeat(step);
	}

	// Quotes: whichever string delimiter is more common (ignoring strings inside comments is not worth the cost).
	const single = (text.match(/'(?:[^'\\\n]|\\.)*'/g) ?? []).length;
	const double = (text.match(/"(?:[^"\\\n]|\\.)*"/g) ?? []).length;
	const quote = double > single ? '"' : "'";

	// Semicolons: statements that end a line with one versus statement-like lines without.
	let withSemicolon = 0;
	let without = 0;
	for (const line of lines) {
		const trimmed = line.trim();
		if (trimmed === '' || trimmed.startsWith('//') || trimmed.startsWith('*') || trimmed.startsWith('/*')) {
			continue;
		}
		if (trimmed.endsWith(';')) {
			withSemicolon++;
		} else if (/^(?:const|let|var|return|import|export|throw)\b/.test(trimmed) || /\)$/.test(trimmed)) {
			without++;
		}
	}
	const semicolon = withSemicolon >= without;
	return { indent, quote, semicolon, eol };
}
