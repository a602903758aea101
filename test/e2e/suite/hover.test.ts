/** What a person reads when hovering a close code: English by default, Japanese with the language setting. */
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { hoverTexts, isOurHover, openEditor, positionOf, setWorkspaceSetting, waitForOurHover } from './helpers';

function assertIncludes(text: string, expected: string[]): void {
	for (const part of expected) {
		assert.ok(text.includes(part), `the hover does not say "${part}":\n${text}`);
	}
}

describe('Hover', () => {
	let client: vscode.TextDocument;
	let server: vscode.TextDocument;
	const at1001 = () => positionOf(client, 'event.code === 1001', '1001');
	const at1003 = () => positionOf(client, 'event.code === 1003', '1003');

	before(async () => {
		server = (await openEditor('wsServer.js')).document;
		client = (await openEditor('browserClient.ts')).document;
	});

	it('explains 1001 in a close handler (TypeScript)', async () => {
		const hover = await waitForOurHover(client, at1001(), (text) => text.includes('Going Away'));
		assertIncludes(hover, [
			'1001 Going Away · registered close code · received here',
			'How to fix',
			'The server is shutting down or restarting',
			'Reconnect?',
			'1001 or 1003?',
			// VS Code's client asks for command links: the full page is one click away.
			'More…',
			'command:websocketCloseCodes.showReference',
		]);
	});

	it('explains 1003 in a close handler (TypeScript)', async () => {
		const hover = await waitForOurHover(client, at1003(), (text) => text.includes('Unsupported Data'));
		assertIncludes(hover, [
			'1003 Unsupported Data · registered close code · received here',
			'You sent a frame type the peer does not accept',
		]);
	});

	it('explains 1003 in ws.close() (JavaScript)', async () => {
		const position = positionOf(server, "ws.close(1003, 'text frames only')", '1003');
		const hover = await waitForOurHover(server, position, (text) => text.includes('Unsupported Data'));
		assertIncludes(hover, ['1003 Unsupported Data · registered close code · sent here', 'When to send it', 'The peer', '1003 or 1001?']);
	});

	it('says nothing about the 1000 in setTimeout(connect, 1000)', async () => {
		// The server is up and answering in this file…
		await waitForOurHover(client, at1001());
		// …and has nothing to say about a timeout.
		const texts = await hoverTexts(client.uri, positionOf(client, 'setTimeout(connect, 1000)', '1000'));
		assert.deepEqual(texts.filter(isOurHover), [], 'a timeout of 1000 ms got a close-code hover');
	});

	describe('with websocketCloseCodes.language set to "ja"', () => {
		before(async () => {
			await setWorkspaceSetting('language', 'ja');
		});

		after(async () => {
			await setWorkspaceSetting('language', undefined);
			// Leave English behind for whatever runs next.
			await waitForOurHover(client, at1001(), (text) => text.includes('registered close code'), 'the English hover to come back');
		});

		it('explains 1001 in Japanese', async () => {
			const hover = await waitForOurHover(client, at1001(), (text) => text.includes('登録済みのクローズコード'), 'a Japanese hover');
			assertIncludes(hover, [
				'1001 Going Away · 登録済みのクローズコード · ここで受信',
				'対処方法 — ',
				'サーバーが停止または再起動しています',
				'[詳細…](command:',
			]);
			assert.ok(!hover.includes('registered close code'), `the Japanese hover still has English in it:\n${hover}`);
		});

		it('explains 1003 in Japanese', async () => {
			const hover = await waitForOurHover(client, at1003(), (text) => text.includes('登録済みのクローズコード'), 'a Japanese hover');
			assertIncludes(hover, [
				'1003 Unsupported Data · 登録済みのクローズコード · ここで受信',
				'相手が受け付けない種類のフレームを送りました',
			]);
		});
	});
});
