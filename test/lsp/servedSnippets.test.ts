// The JavaScript shutdown snippets come from the server, in the file's module system: `require` in CommonJS,
// `import` in an ES module; the nearest package.json decides for a file that shows neither.
import { strict as assert } from 'node:assert';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { pathToFileURL } from 'node:url';
import type { CompletionItem, TextEdit } from 'vscode-languageserver-protocol';
import { TestClient } from './lspClient';

let client: TestClient;
let folder = '';

before(async () => {
	({ client } = await TestClient.start({ transport: 'stdio', locale: 'en' }));
	folder = mkdtempSync(join(tmpdir(), 'wscc-served-'));
	for (const [name, type] of [['cjs', 'commonjs'], ['esm', 'module']] as const) {
		mkdirSync(join(folder, name));
		writeFileSync(join(folder, name, 'package.json'), JSON.stringify({ name, type }));
	}
});

after(async () => {
	await client?.stop();
	rmSync(folder, { recursive: true, force: true });
});

/** Types `typed` at the end of `text` and asks for completion there, as the editor does while typing. */
async function complete(uri: string, text: string, languageId = 'javascript'): Promise<CompletionItem[]> {
	await client.open(uri, text, languageId);
	const items = await client.connection.sendRequest<CompletionItem[] | null>('textDocument/completion',
		{ textDocument: { uri }, position: endOf(text), context: { triggerKind: 1 } });
	await client.close(uri);
	return items ?? [];
}

const endOf = (text: string) => {
	const lines = text.split('\n');
	return { line: lines.length - 1, character: (lines.at(-1) ?? '').length };
};
const body = (item: CompletionItem | undefined) => (item?.textEdit as TextEdit | undefined)?.newText ?? '';
const fileUri = (...path: string[]) => pathToFileURL(join(folder, ...path)).href;

describe('snippets served in JavaScript, in the file\'s module system', () => {
	test('a file that uses require gets require; one that imports gets import', async () => {
		const cjs = await complete('file:///w/server.js', "const http = require('node:http');\n\nws-sh");
		assert.deepEqual(cjs.map((item) => item.label), ['ws-shutdown', 'ws-shutdown-http']);
		const shutdown = cjs.find((item) => item.label === 'ws-shutdown');
		assert.equal(shutdown?.insertTextFormat, 2);
		assert.equal(shutdown?.detail, 'WebSocket Server Graceful Shutdown (ws, 1001)');
		assert.match(body(shutdown), /^const \{ WebSocketServer \} = require\('ws'\);\n/);
		assert.doesNotMatch(body(shutdown), /^import /m);
		assert.match(body(cjs[1]), /^const \{ createServer \} = require\('node:http'\);\nconst \{ WebSocketServer \} = require\('ws'\);\n/);
		// The item replaces what was typed of its prefix.
		assert.deepEqual((shutdown?.textEdit as TextEdit).range, { start: { line: 2, character: 0 }, end: { line: 2, character: 5 } });

		const esm = await complete('file:///w/server.js', "import http from 'node:http';\n\nws-shutdown");
		assert.match(body(esm[0]), /^import \{ WebSocketServer \} from 'ws';\n/);
	});

	test('the extension decides first, then the nearest package.json, then an ES module', async () => {
		assert.match(body((await complete('file:///w/a.cjs', 'ws'))[0]), /require\('ws'\)/);
		assert.match(body((await complete('file:///w/a.mjs', "const x = require('y');\nws"))[0]), /^import /);
		assert.match(body((await complete(fileUri('cjs', 'new.js'), 'ws-'))[0]), /require\('ws'\)/);
		assert.match(body((await complete(fileUri('esm', 'new.js'), 'ws-'))[0]), /^import /);
		assert.match(body((await complete('untitled:Untitled-1', 'ws'))[0]), /^import /);
	});

	test('not in TypeScript (its snippets are contributed), not in strings, comments or after a dot', async () => {
		assert.deepEqual(await complete('file:///w/a.ts', 'ws-sh', 'typescript'), []);
		assert.deepEqual(await complete('file:///w/b.js', "const s = 'ws-sh"), []);
		assert.deepEqual(await complete('file:///w/c.js', '// ws-sh'), []);
		assert.deepEqual(await complete('file:///w/d.js', 'server.ws'), []);
		assert.deepEqual(await complete('file:///w/e.js', 'news'), []);
	});
});
