// Reads the contributed snippet files and expands snippet bodies the way VS Code inserts them when the user
// accepts every default: `${1:default}` → default (nested placeholders expanded), `${1|a,b|}` → `a`, `$1` / `${1}` /
// `$0` → the default of the same tab stop elsewhere in the body, or empty. `\$`, `\}` and `\\` are escapes
// (inside a choice also `\,` and `\|`); any other backslash is literal text.
// Variables (`$TM_FILENAME`, `${CLIPBOARD}`) are reported as errors: these snippets use none, and an unescaped
// `${name}` from a template literal would otherwise be inserted by VS Code as a placeholder named `name`.
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { servedSnippets, snippetBody } from '../../server/src/service/snippets';

/** The repository root: the compiled test lives in out/test/snippets/. */
export const repoRoot = resolve(__dirname, '..', '..', '..');
export const snippetsDirectory = join(repoRoot, 'snippets');

export interface Snippet {
	readonly file: string;
	readonly name: string;
	readonly prefix: string;
	readonly body: string;
	readonly description: string;
	readonly scopes: readonly string[];
	readonly raw: Record<string, unknown>;
}

/** Every snippet of every `snippets/*.code-snippets` file; files must be plain JSON (no comments). */
export function loadSnippets(): Snippet[] {
	const snippets: Snippet[] = [];
	for (const file of snippetFiles()) {
		const json = JSON.parse(readFileSync(join(snippetsDirectory, file), 'utf8')) as Record<string, Record<string, unknown>>;
		for (const [name, raw] of Object.entries(json)) {
			const body = Array.isArray(raw.body) ? raw.body.join('\n') : String(raw.body ?? '');
			snippets.push({
				file,
				name,
				prefix: String(raw.prefix ?? ''),
				body,
				description: String(raw.description ?? ''),
				scopes: String(raw.scope ?? '').split(',').map((scope) => scope.trim()).filter((scope) => scope !== ''),
				raw,
			});
		}
	}
	// The JavaScript shutdown snippets are served by the language server (in the file's module system): here as ES
	// modules; the CommonJS form is run and checked where the tests need it.
	for (const served of servedSnippets) {
		const scope = 'javascript,javascriptreact';
		snippets.push({
			file: servedFile, name: served.name, prefix: served.prefix, body: snippetBody(served, 'module'), description: served.description,
			scopes: scope.split(','), raw: { body: [...served.body], description: served.description, prefix: served.prefix, scope },
		});
	}
	return snippets;
}

/** Where `loadSnippets()` says a served snippet comes from. */
export const servedFile = 'served by the language server (JavaScript)';

export function snippetFiles(): string[] {
	return readdirSync(snippetsDirectory).filter((name) => name.endsWith('.code-snippets')).sort();
}

/** The snippet with this prefix whose scope includes this language. */
export function findSnippet(prefix: string, language: 'typescript' | 'javascript'): Snippet {
	const found = loadSnippets().find((snippet) => snippet.prefix === prefix && snippet.scopes.includes(language));
	if (!found) {
		throw new Error(`No ${language} snippet with prefix ${prefix}`);
	}
	return found;
}

export type SnippetNode =
	| { readonly kind: 'text'; readonly value: string }
	| { readonly kind: 'tabstop'; readonly index: number }
	| { readonly kind: 'placeholder'; readonly index: number; readonly children: readonly SnippetNode[] }
	| { readonly kind: 'choice'; readonly index: number; readonly options: readonly string[] };

export class SnippetSyntaxError extends Error {
	constructor(message: string, readonly offset: number) {
		super(`${message} at offset ${offset}`);
	}
}

/** Parses a snippet body into nodes; throws SnippetSyntaxError on anything VS Code would not read as intended. */
export function parseSnippet(body: string): SnippetNode[] {
	let position = 0;

	function parseSequence(insidePlaceholder: boolean): SnippetNode[] {
		const nodes: SnippetNode[] = [];
		let text = '';
		const flush = () => {
			if (text !== '') {
				nodes.push({ kind: 'text', value: text });
				text = '';
			}
		};
		while (position < body.length) {
			const char = body[position];
			if (char === '\\') {
				const next = body[position + 1];
				if (next === '$' || next === '}' || next === '\\') {
					text += next;
					position += 2;
				} else {
					text += char;
					position += 1;
				}
			} else if (char === '$') {
				flush();
				nodes.push(parseDollar());
			} else if (char === '}' && insidePlaceholder) {
				flush();
				return nodes;
			} else {
				text += char;
				position += 1;
			}
		}
		if (insidePlaceholder) {
			throw new SnippetSyntaxError('Unterminated placeholder', position);
		}
		flush();
		return nodes;
	}

	function parseDollar(): SnippetNode {
		const start = position;
		position += 1; // $
		const digits = /^\d+/.exec(body.slice(position));
		if (digits) {
			position += digits[0].length;
			return { kind: 'tabstop', index: Number(digits[0]) };
		}
		if (/^[_a-zA-Z]/.test(body.slice(position))) {
			throw new SnippetSyntaxError('Variable (or an unescaped $ before a name)', start);
		}
		if (body[position] !== '{') {
			throw new SnippetSyntaxError('Unescaped $', start);
		}
		position += 1; // {
		if (/^[_a-zA-Z]/.test(body.slice(position))) {
			throw new SnippetSyntaxError('Variable (or an unescaped ${ in a template literal)', start);
		}
		const index = /^\d+/.exec(body.slice(position));
		if (!index) {
			throw new SnippetSyntaxError('`${` not followed by a tab stop number (escape it as `\\${` in code)', start);
		}
		position += index[0].length;
		const number = Number(index[0]);
		const next = body[position];
		if (next === '}') {
			position += 1;
			return { kind: 'tabstop', index: number };
		}
		if (next === ':') {
			position += 1;
			const children = parseSequence(true);
			position += 1; // }
			return { kind: 'placeholder', index: number, children };
		}
		if (next === '|') {
			position += 1;
			const options: string[] = [];
			let option = '';
			for (;;) {
				if (position >= body.length) {
					throw new SnippetSyntaxError('Unterminated choice', start);
				}
				const char = body[position];
				if (char === '\\' && ',|\\$}'.includes(body[position + 1] ?? '')) {
					option += body[position + 1];
					position += 2;
				} else if (char === ',') {
					options.push(option);
					option = '';
					position += 1;
				} else if (char === '|' && body[position + 1] === '}') {
					options.push(option);
					position += 2;
					break;
				} else {
					option += char;
					position += 1;
				}
			}
			return { kind: 'choice', index: number, options };
		}
		throw new SnippetSyntaxError('Malformed tab stop', start);
	}

	return parseSequence(false);
}

/** Every tab stop, placeholder and choice, nested ones included, in document order. */
export function tabStops(nodes: readonly SnippetNode[]): Exclude<SnippetNode, { kind: 'text' }>[] {
	return nodes.flatMap((node) => {
		if (node.kind === 'text') {
			return [];
		}
		return node.kind === 'placeholder' ? [node, ...tabStops(node.children)] : [node];
	});
}

/**
 * The body as inserted when the user accepts every default. `overrides` replaces what is typed at a tab stop
 * (all its mirrors too), e.g. `{ 1: '0' }` for a port, `{ 0: 'onText(text);' }` for the final cursor.
 */
export function expandSnippet(body: string, overrides: Readonly<Record<number, string>> = {}): string {
	const nodes = parseSnippet(body);
	const defaults = new Map<number, readonly SnippetNode[] | string>();
	for (const stop of tabStops(nodes)) {
		if (defaults.has(stop.index)) {
			continue;
		}
		if (stop.kind === 'placeholder') {
			defaults.set(stop.index, stop.children);
		} else if (stop.kind === 'choice') {
			defaults.set(stop.index, stop.options[0] ?? '');
		}
	}
	const render = (list: readonly SnippetNode[]): string => list.map((node) => {
		if (node.kind === 'text') {
			return node.value;
		}
		const override = overrides[node.index];
		if (override !== undefined) {
			return override;
		}
		const value = defaults.get(node.index);
		return value === undefined ? '' : typeof value === 'string' ? value : render(value);
	}).join('');
	return render(nodes);
}

/** The number of the tab stop whose default text is `text` (to override it by meaning rather than by number). */
export function tabStopWithDefault(body: string, text: string): number {
	const matches = tabStops(parseSnippet(body)).filter((stop) => stop.kind === 'placeholder'
		&& stop.children.length === 1 && stop.children[0]?.kind === 'text' && stop.children[0].value === text);
	const numbers = [...new Set(matches.map((stop) => stop.index))];
	if (numbers.length !== 1) {
		throw new Error(`Expected one tab stop with default ${JSON.stringify(text)}, found ${numbers.length}`);
	}
	return numbers[0] as number;
}
