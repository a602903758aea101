// The quick fixes a person picks with the keyboard: Ctrl+. on the code, arrow keys, Enter, Ctrl+S, then the file on disk.
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { activeEditor, openFile, quickFixMenuRow, save, token, waitForFileOnDisk } from './workbench.mjs';

export const feature = 'quick fixes';

export const tests = [
	{
		name: 'Ctrl+. on a received 1001 in a close handler, choose "Reconnect with exponential backoff", save: the file on disk reconnects',
		async run({ page, workspace, screenshot }) {
			await openFile(page, 'reconnectClient.ts', 'export function connect');
			await token(page, '1001').click();
			await page.keyboard.press('Control+.');
			await quickFixMenuRow(page, 'Reconnect with exponential backoff');
			await screenshot('quick-fix-menu-reconnect');
			await page.keyboard.press('Enter');
			await activeEditor(page).locator('.view-lines', { hasText: 'createReconnector' }).first().waitFor({ state: 'visible', timeout: 10_000 });
			await save(page);

			const onDisk = await waitForFileOnDisk(join(workspace, 'reconnectClient.ts'), (content) => content.includes('createReconnector'));
			const lines = onDisk.split('\n').map((line) => line.trim());
			for (const line of ['reconnector.track(socket, () => connect(url), url);', 'const reconnector = createReconnector({']) {
				assert.ok(lines.includes(line), `the saved file lacks ${JSON.stringify(line)}:\n${onDisk}`);
			}
		},
	},
	{
		name: 'Ctrl+. on close(1001) in a browser client, choose "Use 4001 …", save: the file on disk sends 4001',
		async run({ page, workspace, screenshot }) {
			await openFile(page, 'browserProblems.ts', 'function leavePage()');
			const squiggle = activeEditor(page).locator('.squiggly-error');
			await squiggle.first().waitFor({ state: 'visible', timeout: 30_000 });

			await token(page, '1001').click();
			const title = 'Use 4001 (private-use code mirroring 1001 Going Away)';
			// Once in a CI run (1 of 3 here) Ctrl+. pressed right after the click said "No code actions available" while
			// the light bulb stood on the line; the next press showed the fixes. Press again once before failing, and
			// say so, so that a real regression (no fix at all) still fails.
			for (let attempt = 1; ; attempt++) {
				await page.keyboard.press('Control+.');
				try {
					await quickFixMenuRow(page, title);
					break;
				} catch (error) {
					if (attempt === 2) {
						throw error;
					}
					console.log('  Ctrl+. showed no menu on the first press; pressing again');
					await page.keyboard.press('Escape');
					await page.waitForTimeout(1000);
				}
			}
			await screenshot('quick-fix-menu-diagnostic');
			await page.keyboard.press('Enter');
			await token(page, '4001').waitFor({ state: 'visible', timeout: 10_000 });
			await save(page);

			const onDisk = await waitForFileOnDisk(join(workspace, 'browserProblems.ts'), (content) => !content.includes('close(1001'));
			assert.ok(onDisk.includes("\tsocket.close(4001, 'page hidden');\n"), `saved file:\n${onDisk}`);
			// The error squiggle goes away with the problem.
			await squiggle.first().waitFor({ state: 'detached', timeout: 20_000 });
		},
	},
];
