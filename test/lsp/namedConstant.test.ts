// "Replace with named constant" as the built server answers it: the file's own constant reused, definitions left alone,
// a new container that is a frozen as-const object — and the result type-checks with the repository's tsc under
// `--erasableSyntaxOnly` (what Node's type stripping accepts), which an enum would not.
import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { applyTextEdits, positionOf, TestClient } from './lspClient';

const tsc = join(__dirname, '..', '..', '..', 'node_modules', 'typescript', 'bin', 'tsc');

/** tsc's complaints about `source` (as a .ts file) under strict and erasableSyntaxOnly. */
function erasableErrors(source: string): string {
	const folder = mkdtempSync(join(tmpdir(), 'wscc-erasable-'));
	try {
		const file = join(folder, 'client.ts');
		writeFileSync(file, source);
		const run = spawnSync(process.execPath, [tsc, '--strict', '--erasableSyntaxOnly', '--noEmit', '--target', 'es2022', '--module', 'nodenext',
			'--lib', 'es2022', file], { encoding: 'utf8', cwd: folder });
		return `${run.stdout}${run.stderr}`.trim();
	} finally {
		rmSync(folder, { recursive: true, force: true });
	}
}

const source = [
	'type Socket = { close(code?: number, reason?: string): void };',
	'const GOING_AWAY = 1001;',
	'export function stop(ws: Socket, other: Socket): void {',
	"\tws.close(1001, 'bye');",
	'\tother.close(GOING_AWAY);',
	"\tother.close(1011, 'oops');",
	'}',
	'',
].join('\n');

describe('replace with a named constant, over LSP', () => {
	let client: TestClient;
	let documents = 0;
	before(async () => {
		({ client } = await TestClient.start({ transport: 'stdio', locale: 'en' }));
	});
	after(async () => {
		await client?.stop();
	});

	/** The refactors at `needle` in `text`, and the text after the first one titled `title` (when given). */
	async function refactorsAt(text: string, needle: string, delta: number, title?: string) {
		const uri = `file:///workspace/${++documents}/client.ts`;
		await client.open(uri, text);
		const position = positionOf(text, needle, delta);
		const actions = (await client.codeActions(uri, { start: position, end: position }, [], ['refactor'])) ?? [];
		await client.close(uri);
		const action = title === undefined ? undefined : actions.find((candidate) => candidate.title === title);
		assert.ok(title === undefined || action, `${title} not offered: ${actions.map((candidate) => candidate.title).join(', ')}`);
		return { titles: actions.map((candidate) => candidate.title), result: action ? applyTextEdits(text, action.edit?.changes?.[uri] ?? []) : text };
	}

	test('the check is not vacuous: tsc --erasableSyntaxOnly rejects an enum', () => {
		assert.match(erasableErrors('export enum CloseCode { GoingAway = 1001 }\n'), /TS1294/);
		assert.equal(erasableErrors(source), '');
	});

	test('the file\'s GOING_AWAY is reused; the new code goes into a frozen as-const object; both type-check as erasable syntax', async () => {
		const reused = await refactorsAt(source, "1001, 'bye'", 1, 'Replace 1001 with GOING_AWAY');
		assert.deepEqual(reused.titles, ['Replace 1001 with GOING_AWAY']);
		assert.equal(reused.result, source.replace("ws.close(1001, 'bye')", "ws.close(GOING_AWAY, 'bye')"));
		const created = await refactorsAt(reused.result, "1011, 'oops'", 1, 'Replace 1011 with CloseCode.InternalError');
		assert.match(created.result, /^const CloseCode = Object\.freeze\(\{\n\tInternalError: 1011,\n\} as const\);\n/);
		assert.match(created.result, /other\.close\(CloseCode\.InternalError, 'oops'\);/);
		assert.match(created.result, /^const GOING_AWAY = 1001;$/m);
		assert.equal(erasableErrors(created.result), '');
	});

	test('nothing on the definition const GOING_AWAY = 1001', async () => {
		assert.deepEqual((await refactorsAt(source, '= 1001', 3)).titles, []);
	});
});
