// "Check Workspace" as a person runs it: from the Command Palette, a progress notification, a summary with
// "Open Problems", and the Problems panel listing a file that was never opened.
import assert from 'node:assert/strict';
import { runCommand } from './workbench.mjs';

export const feature = 'workspace';

export const tests = [
	{
		name: 'Check Workspace: the summary offers the Problems panel, which lists the problem of a file that is not open',
		async run({ page, screenshot }) {
			await runCommand(page, 'WebSocket Close Codes: Check Workspace');
			const toast = page.locator('.notification-toast', { hasText: 'close-code problems' });
			await toast.waitFor({ state: 'visible', timeout: 60_000 });
			const summary = (await toast.innerText()).replace(/\u00a0/g, ' ');
			assert.match(summary, /Checked \d+ files: \d+ close-code problems in \d+ files/);
			await toast.locator('a.monaco-button, .monaco-button', { hasText: 'Open Problems' }).first().click();
			const problems = page.locator('.markers-panel');
			await problems.locator('.monaco-list-row', { hasText: 'crash.ts' }).first().waitFor({ state: 'visible', timeout: 15_000 });
			await problems.locator('.monaco-list-row', { hasText: '1006' }).first().waitFor({ state: 'visible', timeout: 15_000 });
			await screenshot('check-workspace-problems');
		},
	},
];
