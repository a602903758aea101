// The hover a person sees: the mouse resting on a close code, and F1 "Show or Focus Hover".
import assert from 'node:assert/strict';
import { hoverWithKeyboard, hoverWithMouse, openFile, token } from './workbench.mjs';

export const feature = 'hover';

export const tests = [
	{
		name: 'resting the mouse on 1001 in a close handler shows its documentation',
		async run({ page, screenshot }) {
			await openFile(page, 'browserClient.ts', 'function scheduleReconnect()');
			const text = await hoverWithMouse(page, token(page, '1001'), 'Going Away');
			assert.ok(text.includes('1001 Going Away · registered close code'), `hover reads:\n${text}`);
			assert.ok(text.includes('The endpoint is going away'), `hover reads:\n${text}`);
			assert.ok(text.includes('Often confused with'), `hover reads:\n${text}`);
			await screenshot('hover-1001-mouse');
		},
	},
	{
		name: '"Show or Focus Hover" on 1003 in ws.close() (JavaScript) shows its documentation',
		async run({ page, screenshot }) {
			await openFile(page, 'wsServer.js', "'text frames only'");
			const text = await hoverWithKeyboard(page, token(page, '1003'), 'Unsupported Data');
			assert.ok(text.includes('1003 Unsupported Data · registered close code'), `hover reads:\n${text}`);
			assert.ok(text.includes('The endpoint received a type of data it cannot accept'), `hover reads:\n${text}`);
			await screenshot('hover-1003-keyboard');
		},
	},
];
