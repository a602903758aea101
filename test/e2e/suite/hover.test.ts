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
			'1001 Going Away · registered close code',
			'The endpoint is going away: a server is shutting down, or a browser is leaving the page.',
			'When you see it',
			'How to fix',
			'Often confused with',
		]);
	});

	it('explains 1003 in a close handler (TypeScript)', async () => {
		const hover = await waitForOurHover(client, at1003(), (text) => text.includes('Unsupported Data'));
		assertIncludes(hover, [
			'1003 Unsupported Data · registered close code',
			'The endpoint received a type of data it cannot accept',
		]);
	});

	it('explains 1003 in ws.close() (JavaScript)', async () => {
		const position = positionOf(server, "ws.close(1003, 'text frames only')", '1003');
		const hover = await waitForOurHover(server, position, (text) => text.includes('Unsupported Data'));
		assertIncludes(hover, ['1003 Unsupported Data · registered close code']);
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
				'1001 Going Away · 登録済みのクローズコード',
				'エンドポイントが離脱します。サーバーのシャットダウンや、ブラウザがページを離れる場合です。',
			]);
			assert.ok(!hover.includes('registered close code'), `the Japanese hover still has English in it:\n${hover}`);
		});

		it('explains 1003 in Japanese', async () => {
			const hover = await waitForOurHover(client, at1003(), (text) => text.includes('登録済みのクローズコード'), 'a Japanese hover');
			assertIncludes(hover, [
				'1003 Unsupported Data · 登録済みのクローズコード',
				'受け付けられない種類のデータを受信しました。',
			]);
		});
	});
});
