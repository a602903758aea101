// The hover a person sees: the mouse resting on a close code, and F1 "Show or Focus Hover". Each hover must fit its
// box without a scrollbar (checked on the widget's geometry), and "More…" must open the full reference page.
import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { hoverWidget, hoverWithKeyboard, hoverWithMouse, openFile, quickOpen, token } from './workbench.mjs';

export const feature = 'hover';

/**
 * The rendered height of the hover's content and of its visible box. A content taller than the box means a
 * scrollbar, i.e. something the user has to scroll to. Also logs the figures (words and pixels) for the README.
 */
async function assertFitsWithoutScrolling(page, text, label) {
	const widget = hoverWidget(page, text).first();
	const geometry = await widget.evaluate((element) => {
		const scrollable = element.querySelector('.monaco-scrollable-element') ?? element;
		const content = scrollable.firstElementChild ?? scrollable;
		return { contentHeight: content.scrollHeight, boxHeight: scrollable.clientHeight, words: content.innerText.split(/\s+/).filter(Boolean).length };
	});
	console.log(`  ${label}: ${geometry.words} words, content ${geometry.contentHeight} px in a ${geometry.boxHeight} px box`);
	assert.ok(geometry.contentHeight <= geometry.boxHeight + 1, `${label}: the hover scrolls (${JSON.stringify(geometry)})`);
}

/** Switches the extension's language through the workspace settings (the server pulls them again on change). */
function setLanguage(workspace, language) {
	mkdirSync(join(workspace, '.vscode'), { recursive: true });
	writeFileSync(join(workspace, '.vscode', 'settings.json'), JSON.stringify(language ? { 'websocketCloseCodes.language': language } : {}));
}

/** VS Code fades a hover in: let it finish before a screenshot, or the code behind shows through. */
const settled = (page) => page.waitForTimeout(400);

export const tests = [
	{
		name: 'a received 1001 in a browser close handler: what it means, how to fix, reconnect, 1001 vs 1003 — without a scrollbar',
		async run({ page, screenshot }) {
			await openFile(page, 'browserClient.ts', 'function scheduleReconnect()');
			const text = await hoverWithMouse(page, token(page, '1001'), 'received here');
			for (const expected of ['1001 Going Away · registered close code · received here', 'How to fix', 'Reconnect?', '1001 or 1003?', 'More…']) {
				assert.ok(text.includes(expected), `"${expected}" missing; hover reads:\n${text}`);
			}
			await assertFitsWithoutScrolling(page, 'received here', 'EN receiving 1001');
			await settled(page);
			await screenshot('hover-1001-mouse');
		},
	},
	{
		name: '"Show or Focus Hover" on a sent 1003 in ws.close() (JavaScript): whether to send it, the peer, 1003 vs 1001 — without a scrollbar',
		async run({ page, screenshot }) {
			await openFile(page, 'wsServer.js', "'text frames only'");
			const text = await hoverWithKeyboard(page, token(page, '1003'), 'sent here');
			for (const expected of ['1003 Unsupported Data · registered close code · sent here', 'When to send it', 'The peer', '1003 or 1001?', 'More…']) {
				assert.ok(text.includes(expected), `"${expected}" missing; hover reads:\n${text}`);
			}
			await assertFitsWithoutScrolling(page, 'sent here', 'EN sending 1003');
			await settled(page);
			await screenshot('hover-1003-keyboard');
		},
	},
	{
		name: '"More…" in the hover opens the full reference page of that code in the Markdown preview',
		async run({ page, screenshot }) {
			await openFile(page, 'browserClient.ts', 'function scheduleReconnect()');
			await hoverWithMouse(page, token(page, '1001'), 'received here');
			await hoverWidget(page, 'received here').first().locator('a', { hasText: 'More…' }).click();
			await page.locator('.tabs-container .tab', { hasText: '1001.md' }).first().waitFor({ state: 'visible', timeout: 15_000 });
			// The preview is a webview: an iframe in an iframe.
			const preview = page.frameLocator('iframe.webview.ready').last().frameLocator('#active-frame');
			for (const heading of ['1001 Going Away', 'When you see it', 'How to fix', 'When to send it', 'Who may send it', 'Often confused with', '1003 Unsupported Data']) {
				await preview.locator('h1, h2, h3', { hasText: heading }).first().waitFor({ state: 'visible', timeout: 15_000 });
			}
			await screenshot('reference-1001');
		},
	},
	{
		name: 'a sent 1001 in a Cloudflare Worker: the socket is workerd\'s, and workerd accepts the code — without a scrollbar',
		async run({ page, screenshot }) {
			await openFile(page, 'cloudflareWorker.js', "'worker going away'");
			const text = await hoverWithMouse(page, token(page, '1001'), 'sent here');
			for (const expected of ['1001 Going Away · registered close code · sent here · Cloudflare Workers socket', 'Cloudflare Workers (workerd) accepts it.']) {
				assert.ok(text.includes(expected), `"${expected}" missing; hover reads:\n${text}`);
			}
			await assertFitsWithoutScrolling(page, 'sent here', 'EN workerd 1001');
			await settled(page);
			await screenshot('hover-workerd-1001');
		},
	},
	{
		name: 'a constant imported from another module: its code, what to do here and a link to its definition, next to TypeScript\'s own hover — without a scrollbar',
		async run({ page, screenshot }) {
			await quickOpen(page, 'chat/rooms/room.ts', 'export function kick');
			const text = await hoverWithMouse(page, token(page, 'Kicked'), 'defined in');
			for (const expected of ['ChatCodes.Kicked = 4002', 'defined in chatCodes.ts:4', 'sent here', 'When to send it']) {
				assert.ok(text.includes(expected), `"${expected}" missing; hover reads:\n${text}`);
			}
			await assertFitsWithoutScrolling(page, 'defined in', 'EN imported constant 4002');
			await settled(page);
			await screenshot('hover-imported-constant');
		},
	},
	{
		name: 'a library\'s named code (CloseCode.Forbidden of graphql-ws): its value, the protocol\'s advice, whether to send it — without a scrollbar',
		async run({ page, screenshot }) {
			await openFile(page, 'graphqlServer.ts', "'not allowed'");
			const text = await hoverWithMouse(page, token(page, 'Forbidden'), 'sent here');
			for (const expected of ['CloseCode.Forbidden = 4403 Forbidden · graphql-ws · sent here', 'onConnect']) {
				assert.ok(text.includes(expected), `"${expected}" missing; hover reads:\n${text}`);
			}
			await assertFitsWithoutScrolling(page, 'sent here', 'EN library code 4403');
			await settled(page);
			await screenshot('hover-library-code');
		},
	},
	{
		name: 'Japanese: the receiving and sending hovers read as Japanese and fit without a scrollbar',
		async run({ page, workspace, screenshot }) {
			setLanguage(workspace, 'ja');
			try {
				await openFile(page, 'browserClient.ts', 'function scheduleReconnect()');
				const received = await hoverWithMouse(page, token(page, '1001'), 'ここで受信');
				for (const expected of ['対処方法', '再接続の要否', '1001 と 1003 の使い分け', '詳細…']) {
					assert.ok(received.includes(expected), `"${expected}" missing; hover reads:\n${received}`);
				}
				await assertFitsWithoutScrolling(page, 'ここで受信', 'JA receiving 1001');
				await settled(page);
				await screenshot('hover-1001-ja');
				await page.keyboard.press('Escape');
				await openFile(page, 'wsServer.js', "'text frames only'");
				const sent = await hoverWithKeyboard(page, token(page, '1003'), 'ここで送信');
				assert.ok(sent.includes('送信の可否'), `hover reads:\n${sent}`);
				await assertFitsWithoutScrolling(page, 'ここで送信', 'JA sending 1003');
				await settled(page);
				await screenshot('hover-1003-ja');
			} finally {
				setLanguage(workspace, undefined);
			}
		},
	},
];
