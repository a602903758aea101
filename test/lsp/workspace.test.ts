import { strict as assert } from 'node:assert';
import { mkdirSync, mkdtempSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { describe, test } from 'node:test';
import { pathToFileURL } from 'node:url';
import { WorkspaceDiagnosticRequest, type Location, type WorkspaceDiagnosticReport, type WorkspaceDocumentDiagnosticReport } from 'vscode-languageserver-protocol';
import { hoverText, positionOf, TestClient } from './lspClient';

// Close codes across modules through the built server: a workspace folder on disk, indexed in the background.
function projectOnDisk(files: Record<string, string>): { root: string; uri: (path: string) => string; write: (path: string, text: string) => void; remove: () => void } {
	const root = mkdtempSync(join(tmpdir(), 'ws-close-codes-workspace-'));
	const write = (path: string, text: string) => {
		mkdirSync(dirname(join(root, path)), { recursive: true });
		writeFileSync(join(root, path), text);
	};
	for (const [path, text] of Object.entries(files)) {
		write(path, text);
	}
	return { root, uri: (path) => pathToFileURL(join(root, path)).href, write, remove: () => rmSync(root, { recursive: true, force: true }) };
}

/** Asks again until the server has indexed enough to answer (it indexes in the background after `initialized`). */
async function eventually<T>(ask: () => Promise<T | null | undefined>): Promise<T> {
	const deadline = Date.now() + 10_000;
	for (;;) {
		const answer = await ask();
		if (answer) {
			return answer;
		}
		if (Date.now() > deadline) {
			throw new Error('the server never gave the answer');
		}
		await new Promise((resolve) => setTimeout(resolve, 100));
	}
}

const files = {
	'src/protocol/codes.ts': 'export const ChatCodes = {\n\tKicked: 4002,\n\tCrashed: 1006,\n};\n',
	'src/protocol/index.ts': "export * from './codes';\n",
	'src/rooms/room.ts': "import { ChatCodes } from '../protocol';\nexport function kick(ws: WebSocket) {\n\tws.close(ChatCodes.Kicked, 'kicked');\n}\n",
	'src/rooms/crash.ts': "import WebSocket from 'ws';\nimport { ChatCodes } from '../protocol';\nexport const fail = (ws: WebSocket) => ws.close(ChatCodes.Crashed);\n",
	'src/client.ts': "socket.onclose = (event) => { if (event.code === 4002) showKicked(); };\n",
	'node_modules/lib/index.ts': "export const Other = { Kicked: 4002 };\nws.close(Other.Kicked);\n",
};

describe('workspace over LSP', () => {
	test('hover on an imported constant links to its module; the number there is a close code with only that file open', async () => {
		const project = projectOnDisk(files);
		const { client } = await TestClient.start({ transport: 'stdio', locale: 'en', workspaceFolders: [pathToFileURL(project.root).href] });
		try {
			const room = files['src/rooms/room.ts'];
			await client.open(project.uri('src/rooms/room.ts'), room);
			const hover = await eventually(() => client.hover(project.uri('src/rooms/room.ts'), { line: 2, character: room.split('\n')[2].indexOf('Kicked') }));
			const markdown = typeof hover.contents === 'object' && 'value' in hover.contents ? hover.contents.value : '';
			assert.match(markdown, /\*\*ChatCodes\.Kicked\*\* = 4002/);
			assert.ok(markdown.includes(`defined in [codes.ts:2](${project.uri('src/protocol/codes.ts')}#L2)`), markdown);

			await client.close(project.uri('src/rooms/room.ts'));
			await client.open(project.uri('src/protocol/codes.ts'), files['src/protocol/codes.ts']);
			const definition = await client.hover(project.uri('src/protocol/codes.ts'), { line: 1, character: 10 });
			assert.ok(definition, 'the literal 4002 has a hover in its own module, with room.ts closed');
			assert.deepEqual(client.logMessages.filter((message) => message.type === 1), [], 'no error in the output');
		} finally {
			await client.stop();
			project.remove();
		}
	});

	test('references of a close code list every file that sends, handles or names it (not node_modules)', async () => {
		const project = projectOnDisk(files);
		const { client } = await TestClient.start({ transport: 'stdio', locale: 'en', workspaceFolders: [pathToFileURL(project.root).href] });
		try {
			await client.open(project.uri('src/protocol/codes.ts'), files['src/protocol/codes.ts']);
			const locations = await eventually(async () => {
				const found = await client.connection.sendRequest<Location[] | null>('textDocument/references',
					{ textDocument: { uri: project.uri('src/protocol/codes.ts') }, position: { line: 1, character: 10 }, context: { includeDeclaration: true } });
				return found && found.length >= 3 ? found : undefined;
			});
			const where = locations.map((location) => `${location.uri.slice(pathToFileURL(project.root).href.length + 1)}:${location.range.start.line + 1}`).sort();
			assert.deepEqual(where, ['src/client.ts:1', 'src/protocol/codes.ts:2', 'src/rooms/room.ts:3']);
		} finally {
			await client.stop();
			project.remove();
		}
	});

	test('a change in another module asks the editor to pull again only when an open document\'s results moved', async () => {
		const project = projectOnDisk(files);
		const { client } = await TestClient.start({
			transport: 'stdio', locale: 'en', pullDiagnostics: true, configuration: () => ({}), initializationOptions: { workspaceDiagnostics: false },
			workspaceFolders: [pathToFileURL(project.root).href],
		});
		const room = project.uri('src/rooms/room.ts');
		const kickedIn = async (uri: string) => (await client.connection.sendRequest<Location[] | null>('textDocument/references',
			{ textDocument: { uri: room }, position: positionOf(files['src/rooms/room.ts'], 'Kicked'), context: { includeDeclaration: true } }) ?? [])
			.some((location) => location.uri === uri);
		const changeOnDisk = async (path: string, text: string) => {
			project.write(path, text);
			await client.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: project.uri(path), type: 2 }] });
		};
		try {
			await client.open(room, files['src/rooms/room.ts']);
			await eventually(() => kickedIn(project.uri('src/client.ts')));
			assert.deepEqual(await client.pullDiagnostics(room), []);
			const refreshes = client.refreshRequests;

			// crash.ts closes with Kicked too: the links move, but nothing found in room.ts changes.
			await changeOnDisk('src/rooms/crash.ts', files['src/rooms/crash.ts'].replace('ChatCodes.Crashed', 'ChatCodes.Kicked'));
			await eventually(() => kickedIn(project.uri('src/rooms/crash.ts')));
			await new Promise((resolve) => setTimeout(resolve, 300));
			assert.equal(client.refreshRequests, refreshes, 'no refresh for a change that moved nothing in the open document');

			// Kicked is 1005 now: room.ts sends a reserved code, and the editor is asked to pull again.
			await changeOnDisk('src/protocol/codes.ts', files['src/protocol/codes.ts'].replace('4002', '1005'));
			await client.until(() => client.refreshRequests > refreshes);
			assert.deepEqual((await client.pullDiagnostics(room)).map((diagnostic) => diagnostic.code), ['reserved-close-code']);
		} finally {
			await client.stop();
			project.remove();
		}
	});

	test('"Check Workspace" publishes the problems of files that are not open, with progress and a summary', async () => {
		const project = projectOnDisk(files);
		const { client } = await TestClient.start({ transport: 'stdio', locale: 'en', workspaceFolders: [pathToFileURL(project.root).href] });
		try {
			const result = await client.connection.sendRequest<{ files: number; problems: number; message: string }>('websocketCloseCodes/checkWorkspace', {});
			assert.equal(result.problems, 1);
			assert.match(result.message, /^Checked 5 files: 1 close-code problems in 1 files/);
			const crash = client.published.get(project.uri('src/rooms/crash.ts'));
			assert.deepEqual(crash?.map((diagnostic) => [diagnostic.code, diagnostic.range.start.line]), [['reserved-close-code', 2]]);
			assert.equal(client.published.get(project.uri('node_modules/lib/index.ts')), undefined);
			assert.ok(client.progress.length > 0, 'progress was reported');
		} finally {
			await client.stop();
			project.remove();
		}
	});

	test('a module created on disk links the files that import it (diagnostics, hovers, open or not); its deletion unlinks them', async () => {
		const crash = "import WebSocket from 'ws';\nimport { ChatCodes } from './codes';\nexport const fail = (ws: WebSocket) => ws.close(ChatCodes.Crashed);\n";
		// Nothing here to parse on its own: analysed only for the names ./codes exports.
		const client = "import { ChatCodes } from './codes';\nsocket.onclose = (event) => { if (event.code === ChatCodes.Kicked) showKicked(); };\n";
		const codes = 'export const ChatCodes = {\n\tKicked: 4002,\n\tCrashed: 1006,\n\tIdle: 4008,\n};\n';
		const project = projectOnDisk({
			'src/crash.ts': crash,
			'src/client.ts': client,
			'src/room.ts': "import { ChatCodes } from './codes';\nexport const idle = (ws: WebSocket) => ws.close(ChatCodes.Idle);\n", // never opened
		});
		const { client: editor } = await TestClient.start({ transport: 'stdio', locale: 'en', workspaceFolders: [pathToFileURL(project.root).href] });
		const uri = { crash: project.uri('src/crash.ts'), client: project.uri('src/client.ts'), codes: project.uri('src/codes.ts') };
		const watched = (type: number) => editor.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: uri.codes, type }] });
		const problems = () => editor.published.get(uri.crash)?.map((diagnostic) => diagnostic.code);
		const kickedHover = async () => hoverText(await editor.hover(uri.client, positionOf(client, 'Kicked')));
		try {
			// Indexed before the documents open (a check runs the index to its end), as in a workspace opened a while ago.
			await editor.connection.sendRequest('websocketCloseCodes/checkWorkspace', {});
			await editor.open(uri.crash, crash);
			await editor.open(uri.client, client);
			await editor.until(() => problems()); // pushed once: nothing to link yet
			assert.deepEqual(problems(), []);
			assert.equal(await kickedHover(), '');

			project.write('src/codes.ts', codes);
			await watched(1 /* Created */);
			await editor.until(() => problems()?.includes('reserved-close-code'));
			assert.match(await eventually(kickedHover), /\*\*ChatCodes\.Kicked\*\* = 4002/);
			// The new module hears of its importers, room.ts (never opened) included: 4008 is sent there.
			await editor.open(uri.codes, codes);
			assert.match(hoverText(await editor.hover(uri.codes, positionOf(codes, '4008'))), /4008/);
			await editor.close(uri.codes);

			unlinkSync(join(project.root, 'src/codes.ts'));
			await watched(3 /* Deleted */);
			await editor.until(() => problems()?.length === 0);
			await eventually(async () => (await kickedHover()) === '');
			assert.deepEqual(editor.logMessages.filter((message) => message.type === 1), [], 'no error in the output');
		} finally {
			await editor.stop();
			project.remove();
		}
	});

	test('workspace diagnostics (pull): the problems of unopened files, "unchanged" while they stay, fresh once a file changes on disk', async () => {
		const project = projectOnDisk(files);
		const { client, result } = await TestClient.start({
			transport: 'stdio', locale: 'en', pullDiagnostics: true, configuration: () => ({}), workspaceFolders: [pathToFileURL(project.root).href],
		});
		const pull = (previous: readonly WorkspaceDocumentDiagnosticReport[] = []) => client.connection.sendRequest<WorkspaceDiagnosticReport>('workspace/diagnostic',
			{ previousResultIds: previous.map((item) => ({ uri: item.uri, value: item.resultId! })) });
		const summary = (report: WorkspaceDiagnosticReport) => report.items.map((item) =>
			`${item.uri.slice(pathToFileURL(project.root).href.length + 1)} ${item.kind}${item.kind === 'full' ? ` ${item.items.map((diagnostic) => diagnostic.code).join(',')}` : ''}`);
		try {
			assert.equal((result.capabilities.diagnosticProvider as { workspaceDiagnostics?: boolean } | undefined)?.workspaceDiagnostics, true);
			// An open document's problems come from its own pull, not from the workspace's.
			const openCrash = "import WebSocket from 'ws';\nexport const quit = (ws: WebSocket) => ws.close(1005);\n";
			project.write('src/open.ts', openCrash);
			await client.open(project.uri('src/open.ts'), openCrash);
			const first = await pull();
			// Only files with problems: a clean file the client holds nothing for is not listed.
			assert.deepEqual(summary(first), ['src/rooms/crash.ts full reserved-close-code']);
			const crash = files['src/rooms/crash.ts'];
			assert.deepEqual((first.items[0] as { items: { range: unknown }[] }).items[0].range,
				{ start: positionOf(crash, 'ChatCodes.Crashed'), end: positionOf(crash, 'ChatCodes.Crashed', 'ChatCodes.Crashed'.length) });

			const second = await pull(first.items);
			assert.deepEqual(summary(second), ['src/rooms/crash.ts unchanged']);
			assert.equal(second.items[0].resultId, first.items[0].resultId);

			// Fixed on disk: the client is told its result is empty now (and hears that it should pull again).
			const refreshes = client.refreshRequests;
			project.write('src/rooms/crash.ts', files['src/rooms/crash.ts'].replace('ChatCodes.Crashed', 'ChatCodes.Kicked'));
			await client.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: project.uri('src/rooms/crash.ts'), type: 2 }] });
			await client.until(() => client.refreshRequests > refreshes);
			const third = await pull(second.items);
			assert.deepEqual(summary(third), ['src/rooms/crash.ts full ']);
			assert.deepEqual(summary(await pull(third.items)), ['src/rooms/crash.ts unchanged']);
			assert.deepEqual(client.logMessages.filter((message) => message.type === 1), [], 'no error in the output');
		} finally {
			await client.stop();
			project.remove();
		}
	});

	test('workspace diagnostics stream as partial results when the client gives a token; VS Code\'s client declines them', async () => {
		const project = projectOnDisk(files);
		const { client } = await TestClient.start({ transport: 'stdio', locale: 'en', pullDiagnostics: true, workspaceFolders: [pathToFileURL(project.root).href] });
		try {
			const streamed: WorkspaceDocumentDiagnosticReport[] = [];
			client.connection.onProgress(WorkspaceDiagnosticRequest.partialResult, 'partial-1', (partial) => {
				streamed.push(...partial.items);
			});
			const report = await client.connection.sendRequest<WorkspaceDiagnosticReport>('workspace/diagnostic', { previousResultIds: [], partialResultToken: 'partial-1' });
			// The whole result went out as progress (a workspace this small in one slice: the last flush), the answer is empty.
			assert.deepEqual(report.items, []);
			await client.until(() => streamed.length > 0);
			assert.deepEqual(streamed.map((item) => [item.uri, item.kind]), [[project.uri('src/rooms/crash.ts'), 'full']]);
		} finally {
			await client.stop();
			project.remove();
		}
		const declined = await TestClient.start({ transport: 'stdio', pullDiagnostics: true, initializationOptions: { commandLinks: true, workspaceDiagnostics: false } });
		try {
			assert.deepEqual(declined.result.capabilities.diagnosticProvider, { interFileDependencies: true, workspaceDiagnostics: false });
		} finally {
			await declined.client.stop();
		}
	});
});
