import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { reconnectSnippetLines } from '../../server/src/service/quickFixes/reconnectHelper';
import { registeredCodes } from '../../server/src/service/closeCodes';
import { reconnectAdvice, retryCodes, slowRetryCodes } from '../../server/src/service/reconnectPolicy';
import { expandSnippet, findSnippet, loadSnippets, parseSnippet, servedFile, snippetFiles, snippetsDirectory, tabStops } from './snippetSyntax';

const expectedScopes: Record<string, readonly string[]> = {
	'typescript.code-snippets': ['typescript', 'typescriptreact'],
	'javascript.code-snippets': ['javascript', 'javascriptreact'],
	[servedFile]: ['javascript', 'javascriptreact'],
};

describe('snippet expansion helper', () => {
	test('defaults, choices, empty tab stops, nesting, mirrors and escapes', () => {
		assert.equal(expandSnippet('a ${1:one} b $2 c ${3} d $0'), 'a one b  c  d ');
		assert.equal(expandSnippet('${1|first,second|} and $1'), 'first and first');
		assert.equal(expandSnippet('${1:outer ${2:inner} end} $2'), 'outer inner end inner');
		assert.equal(expandSnippet('$1 then ${1:late default}'), 'late default then late default');
		assert.equal(expandSnippet('`\\${name}` \\\\ ${1:a \\} b} \\n'), '`${name}` \\ a } b \\n');
		assert.equal(expandSnippet('${1|a\\,b,c|}'), 'a,b');
		assert.equal(expandSnippet('${1:port} ${2:x}', { 1: '0', 0: 'ignored' }), '0 x');
		assert.equal(expandSnippet('{ $0 }', { 0: 'cursor();' }), '{ cursor(); }');
	});

	test('rejects what VS Code would not insert as written', () => {
		assert.throws(() => parseSnippet('console.log(`${signal}`)'), /Variable/);
		assert.throws(() => parseSnippet('$TM_FILENAME'), /Variable/);
		assert.throws(() => parseSnippet('${1:never closed'), /Unterminated placeholder/);
		assert.throws(() => parseSnippet('${1|a,b'), /Unterminated choice/);
		assert.throws(() => parseSnippet('cost $ 5'), /Unescaped \$/);
		assert.throws(() => parseSnippet('${1/x/y/}'), /Malformed tab stop/);
	});
});

describe('snippet files', () => {
	test('the two files exist, are plain JSON objects (no comments) and contain snippets', () => {
		assert.deepEqual(snippetFiles(), Object.keys(expectedScopes).filter((file) => file !== servedFile).sort());
		for (const file of snippetFiles()) {
			const json: unknown = JSON.parse(readFileSync(join(snippetsDirectory, file), 'utf8'));
			assert.ok(json !== null && typeof json === 'object' && !Array.isArray(json), file);
			// JavaScript's two Node shutdown snippets are served by the language server instead.
			assert.ok(Object.keys(json).length >= (file === 'javascript.code-snippets' ? 5 : 7), `${file} has every snippet`);
		}
	});

	const snippets = loadSnippets();

	test('every snippet has a Title Case name, a ws- prefix, a body array, a description and its file\'s scope', () => {
		for (const snippet of snippets) {
			const where = `${snippet.file}: ${snippet.name}`;
			assert.deepEqual(Object.keys(snippet.raw).sort(), ['body', 'description', 'prefix', 'scope'], where);
			const words = snippet.name.split(/[\s(),+]+/).filter((word) => word !== '');
			const lowercaseWords = ['ws', 'on', 'event.code']; // package names, identifiers and short prepositions
			assert.ok(words.every((word) => /^[A-Z0-9]/.test(word) || lowercaseWords.includes(word)), `${where}: Title Case`);
			assert.match(snippet.prefix, /^ws-[a-z0-9]+(?:-[a-z0-9]+)*$/, where);
			assert.ok(Array.isArray(snippet.raw.body) && snippet.raw.body.every((line) => typeof line === 'string'), where);
			assert.ok(snippet.description.length >= 80 && snippet.description.endsWith('.'), where);
			assert.deepEqual(snippet.scopes, expectedScopes[snippet.file], where);
		}
	});

	test('prefixes are unique per language', () => {
		for (const language of ['typescript', 'typescriptreact', 'javascript', 'javascriptreact']) {
			const prefixes = snippets.filter((snippet) => snippet.scopes.includes(language)).map((snippet) => snippet.prefix);
			assert.equal(new Set(prefixes).size, prefixes.length, `${language}: ${prefixes.join(', ')}`);
		}
	});

	test('TypeScript and JavaScript offer the same snippets under the same names and descriptions', () => {
		const summary = (...files: string[]) => snippets.filter((snippet) => files.includes(snippet.file))
			.map((snippet) => `${snippet.prefix} | ${snippet.name} | ${snippet.description}`).sort();
		assert.deepEqual(summary('typescript.code-snippets'), summary('javascript.code-snippets', servedFile));
	});

	test('placeholders are well-formed: no variables, $0 once, numbered 1..n, mirrors agree on their default', () => {
		for (const snippet of snippets) {
			const where = `${snippet.file}: ${snippet.prefix}`;
			const stops = tabStops(parseSnippet(snippet.body));
			assert.equal(stops.filter((stop) => stop.index === 0).length, 1, `${where}: exactly one $0`);
			assert.ok(stops.every((stop) => stop.index !== 0 || stop.kind === 'tabstop'), `${where}: $0 is a bare tab stop`);
			const numbers = [...new Set(stops.map((stop) => stop.index).filter((index) => index > 0))].sort((a, b) => a - b);
			assert.ok(numbers.length >= 1, `${where}: has tab stops`);
			assert.deepEqual(numbers, numbers.map((_, i) => i + 1), `${where}: tab stops 1..n without gaps`);
			for (const number of numbers) {
				const defaults = new Set(stops.filter((stop) => stop.index === number && stop.kind !== 'tabstop')
					.map((stop) => JSON.stringify(stop)));
				assert.equal(defaults.size, 1, `${where}: tab stop ${number} has one default`);
			}
			for (const stop of stops) {
				if (stop.kind === 'choice') {
					assert.ok(stop.options.length >= 2 && stop.options.every((option) => option !== ''), where);
				}
			}
		}
	});

	test('bodies indent with tabs and have no trailing whitespace', () => {
		for (const snippet of snippets) {
			(snippet.raw.body as string[]).forEach((line, i) => {
				// A JSDoc continuation (` * …`) is the one place a space follows the tabs.
				assert.doesNotMatch(line, /^\t* +(?!\*)/, `${snippet.file}: ${snippet.prefix} line ${i + 1} indents with spaces`);
				assert.doesNotMatch(line, /\s$/, `${snippet.file}: ${snippet.prefix} line ${i + 1} has trailing whitespace`);
			});
		}
	});

	test('close codes and reasons that the snippets send are valid to send', () => {
		let checked = 0;
		for (const snippet of snippets) {
			const text = expandSnippet(snippet.body);
			for (const match of text.matchAll(/\.close\((\d+)(?:, '([^']*)')?/g)) {
				const code = Number(match[1]);
				const sendable = (code >= 1000 && code <= 1014 && ![1004, 1005, 1006].includes(code)) || (code >= 3000 && code <= 4999);
				assert.ok(sendable, `${snippet.prefix}: close(${code}) sends a code that may go on the wire`);
				assert.ok(Buffer.byteLength(match[2] ?? '') <= 123, `${snippet.prefix}: reason fits 123 bytes`);
				checked++;
			}
			for (const match of text.matchAll(/_REASON = '([^']*)'/g)) {
				assert.ok(Buffer.byteLength(match[1] ?? '') <= 123, `${snippet.prefix}: reason fits 123 bytes`);
			}
		}
		assert.equal(checked, 2 * 7, 'seven close() calls with a code per language: four shutdowns (1001), the 1003 guard, the reconnecting client\'s sign-out (1000) and its replaced socket (1000)');
	});
});

describe('ws-reconnect follows the one reconnect policy', () => {
	test('its body is the generator\'s (the quick fix\'s helper and options): `npm run snippets` rewrites it', () => {
		for (const language of ['typescript', 'javascript'] as const) {
			assert.equal(findSnippet('ws-reconnect', language).body, reconnectSnippetLines(language === 'typescript').join('\n'), language);
		}
	});

	test('it retries exactly the policy\'s codes and waits longer after the policy\'s slow codes', () => {
		for (const language of ['typescript', 'javascript'] as const) {
			const body = findSnippet('ws-reconnect', language).body;
			assert.ok(body.includes(`retryCodes: [${retryCodes.join(', ')}],`), language);
			assert.ok(body.includes(`slowCodes: [${slowRetryCodes.join(', ')}],`), language);
		}
		// The hover's advice comes from the same lists.
		assert.deepEqual([1000, 1001, 1005, 1013, 3008, 4000, 4401].map(reconnectAdvice), ['stop', 'retry', 'stop', 'retrySlowly', 'retry', 'stop', 'stop']);
	});
});

describe('ws-close-switch', () => {
	test('has a case for every registered close code, grouped as the reconnect policy decides', () => {
		for (const language of ['typescript', 'javascript'] as const) {
			const body = findSnippet('ws-close-switch', language).body;
			for (const { code } of registeredCodes) {
				assert.match(body, new RegExp(`\\bcase ${code}:`), `${language}: case ${code}`);
			}
			// The codes the policy retries share the reconnect branch (1013 has a later one of its own).
			const transient = /((?:\t\tcase \d+:[^\n]*\n)+)\t\t\t\$\{3:/.exec(body)?.[1] ?? '';
			const grouped = [...transient.matchAll(/case (\d+):/g)].map((match) => Number(match[1]));
			assert.deepEqual(grouped, retryCodes.filter((code) => code < 4000 && reconnectAdvice(code) === 'retry'), language);
		}
	});
});
