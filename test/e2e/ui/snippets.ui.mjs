// A snippet as a person inserts it: type the prefix, accept the suggestion with Enter, Ctrl+S.
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { activeEditor, openFile, save, suggestion, waitForFileOnDisk } from './workbench.mjs';

export const feature = 'snippets';

export const tests = [
	{
		name: 'typing ws-shutdown in an empty .ts file and pressing Enter inserts the graceful 1001 shutdown; saved to disk',
		async run({ page, workspace, screenshot }) {
			await openFile(page, 'snippetTarget.ts', '');
			await activeEditor(page).locator('.view-lines').click();
			await page.keyboard.type('ws-shutdown');
			await suggestion(page, 'ws-shutdown', 'WebSocket Server Graceful Shutdown (ws, 1001)');
			await page.keyboard.press('Enter');
			await activeEditor(page).locator('.view-lines', { hasText: 'SHUTDOWN_REASON' }).first().waitFor({ state: 'visible', timeout: 10_000 });
			await screenshot('snippet-ws-shutdown');
			// Leave the placeholders with their defaults, then save.
			await page.keyboard.press('Escape');
			await save(page);

			const onDisk = await waitForFileOnDisk(join(workspace, 'snippetTarget.ts'), (content) => content.includes('SHUTDOWN_REASON'));
			const lines = onDisk.split('\n').map((line) => line.trim()); // the editor re-indents with its own settings
			for (const line of ["import { WebSocketServer } from 'ws';", 'client.close(1001, SHUTDOWN_REASON);', "process.on('SIGTERM', onSignal);"]) {
				assert.ok(lines.includes(line), `the saved file lacks ${JSON.stringify(line)}:\n${onDisk}`);
			}
			assert.ok(!onDisk.includes('ws-shutdown'), `the typed prefix was left in the file:\n${onDisk}`);
		},
	},
];
