import { strict as assert } from 'node:assert';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { pathToFileURL } from 'node:url';
import ts from 'typescript';
import type { CodeAction, CompletionItem, InlayHint } from 'vscode-languageserver-protocol';
import { createModuleReader } from '../../server/src/moduleReader';
import { applyTextEdits, positionOf, TestClient } from './lspClient';

const uri = 'file:///workspace/features.ts';
const text = "const socket = new WebSocket('wss://x');\nsocket.close(\nsocket.close(1008, 'policy');\n";

describe('completion, inlay hints and refactors over LSP', () => {
	test('advertised, and answered by the built server', async () => {
		const { client, result } = await TestClient.start({ transport: 'stdio', locale: 'en' });
		try {
			assert.deepEqual(result.capabilities.completionProvider?.triggerCharacters, ['(', ' ']);
			assert.equal(result.capabilities.inlayHintProvider, true);
			await client.open(uri, text);
			const completions = await client.connection.sendRequest<CompletionItem[] | null>('textDocument/completion',
				{ textDocument: { uri }, position: { line: 1, character: 13 }, context: { triggerKind: 2, triggerCharacter: '(' } });
			assert.deepEqual(completions?.map((item) => item.label), ['1000', '3000', '3003', '3008', '4000']);
			const hints = await client.connection.sendRequest<InlayHint[] | null>('textDocument/inlayHint',
				{ textDocument: { uri }, range: { start: { line: 0, character: 0 }, end: { line: 3, character: 0 } } });
			assert.deepEqual(hints?.map((hint) => hint.label), ['Policy Violation']);
			const position = positionOf(text, '1008', 1);
			const refactors = await client.connection.sendRequest<CodeAction[] | null>('textDocument/codeAction',
				{ textDocument: { uri }, range: { start: position, end: position }, context: { diagnostics: [], only: ['refactor'] } });
			assert.deepEqual(refactors?.map((action) => [action.kind, action.title]), [['refactor.extract.constant', 'Replace 1008 with CloseCode.PolicyViolation']]);
		} finally {
			await client.stop();
		}
	});
});

describe('replace with a named constant from a sibling module, over LSP', () => {
	test('the server reads the imported module from disk; the edit changes this file and adds the member over there', async () => {
		const folder = mkdtempSync(join(tmpdir(), 'wscc-refactor-'));
		const { client } = await TestClient.start({ transport: 'stdio', locale: 'en' });
		try {
			const modulePath = join(folder, 'closeCodes.ts');
			const clientPath = join(folder, 'client.ts');
			writeFileSync(modulePath, 'export enum CloseCode {\n\tNormalClosure = 1000,\n}\n\nexport const url = "wss://x";\n');
			const source = [
				"import { url } from './closeCodes';",
				'',
				'type Socket = { close(code?: number, reason?: string): void };',
				'export function stop(ws: Socket) {',
				"\tws.close(1001, url);",
				'}',
				'',
			].join('\n');
			writeFileSync(clientPath, source);
			const uri = pathToFileURL(clientPath).href;
			const moduleUri = pathToFileURL(modulePath).href;
			await client.open(uri, source);
			const refactors = await client.codeActions(uri, { start: positionOf(source, '1001', 1), end: positionOf(source, '1001', 1) }, [], ['refactor']);
			assert.deepEqual(refactors?.map((action) => action.title), ['Replace 1001 with CloseCode.GoingAway']);
			const changes = refactors?.[0].edit?.changes ?? {};
			assert.deepEqual(Object.keys(changes).sort(), [uri, moduleUri].sort());
			const edited = applyTextEdits(source, changes[uri]);
			const editedModule = applyTextEdits(readFileSync(modulePath, 'utf8'), changes[moduleUri]);
			assert.match(edited, /^import \{ url, CloseCode \} from '\.\/closeCodes';/);
			assert.match(edited, /ws\.close\(CloseCode\.GoingAway, url\);/);
			assert.match(editedModule, /NormalClosure = 1000,\n\tGoingAway = 1001,\n\}/);
			writeFileSync(clientPath, edited);
			writeFileSync(modulePath, editedModule);
			const options: ts.CompilerOptions = { strict: true, noEmit: true, lib: ['lib.es2022.d.ts'], types: [] };
			const program = ts.createProgram([clientPath, modulePath], options);
			assert.deepEqual(ts.getPreEmitDiagnostics(program).map((diagnostic) => ts.flattenDiagnosticMessageText(diagnostic.messageText, '\n')), []);
		} finally {
			await client.stop();
			rmSync(folder, { recursive: true, force: true });
		}
	});

	test('the module reader: relative specifiers, extensions, index files, the workspace boundary and the size cap', () => {
		const folder = mkdtempSync(join(tmpdir(), 'wscc-modules-'));
		try {
			const workspace = join(folder, 'workspace');
			mkdirSync(join(workspace, 'src'), { recursive: true });
			mkdirSync(join(workspace, 'shared', 'ws'), { recursive: true });
			writeFileSync(join(workspace, 'shared', 'ws', 'index.mts'), 'export enum CloseCode { GoingAway = 1001 }\n');
			writeFileSync(join(workspace, 'src', 'codes.ts'), 'export const CLOSE = {};\n');
			writeFileSync(join(workspace, 'src', 'big.js'), `export const x = ${'1'.repeat(2000)};\n`);
			writeFileSync(join(folder, 'outside.ts'), 'export const CLOSE = {};\n');
			symlinkSync(join(folder, 'outside.ts'), join(workspace, 'src', 'link.ts'));
			const from = pathToFileURL(join(workspace, 'src', 'client.ts')).href;
			const read = createModuleReader({ workspaceFolders: () => [pathToFileURL(workspace).href], maxBytes: 1000 });
			assert.equal(read('../shared/ws', from)?.uri, pathToFileURL(join(workspace, 'shared', 'ws', 'index.mts')).href);
			assert.equal(read('./codes', from)?.text, 'export const CLOSE = {};\n');
			assert.equal(read('./codes.js', from)?.uri, pathToFileURL(join(workspace, 'src', 'codes.ts')).href, 'TypeScript ESM style');
			assert.equal(read('./big', from), undefined, 'over the size cap');
			assert.equal(read('../../outside', from), undefined, 'outside the workspace');
			assert.equal(read('./link', from), undefined, 'a symlink out of the workspace');
			assert.equal(read('./missing', from), undefined);
			assert.equal(read('ws', from), undefined, 'bare specifiers are packages, not read');
			const open = createModuleReader({ workspaceFolders: () => [], openText: () => 'unsaved' });
			assert.equal(open('./codes', from)?.text, 'unsaved', 'an open document wins; without folders, the importer\'s folder is the boundary');
			assert.equal(open('../shared/ws', from), undefined);
		} finally {
			rmSync(folder, { recursive: true, force: true });
		}
	});
});
