/** What the Problems panel and the squiggles show: close codes that throw or break RFC 6455. */
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { openEditor, positionOf, ruleOf, saveAndRead, waitForOurDiagnostics } from './helpers';

/** Where the diagnostic is, as the user reads it: the text it underlines and its 1-based line. */
function located(document: vscode.TextDocument, range: vscode.Range) {
	return { text: document.getText(range), line: range.start.line + 1 };
}

describe('Diagnostics', () => {
	it('reports close(1001) in a browser client as an error (InvalidAccessError)', async () => {
		const { document } = await openEditor('browserProblems.ts');
		const [problem, ...more] = await waitForOurDiagnostics(document.uri, (all) => all.length > 0, 'a diagnostic');
		assert.deepEqual(more, [], 'more than one diagnostic');
		assert.equal(ruleOf(problem), 'browser-close-code');
		assert.equal(problem.severity, vscode.DiagnosticSeverity.Error);
		assert.equal(problem.message, '`WebSocket#close()` accepts only 1000 and 3000–4999, so `close(1001)` throws `InvalidAccessError`.');
		const expected = positionOf(document, "socket.close(1001, 'page hidden')", '1001');
		assert.deepEqual(located(document, problem.range), { text: '1001', line: expected.line + 1 });
	});

	it('reports a reserved 1006 sent through ws as an error (TypeError)', async () => {
		const { document } = await openEditor('nodeProblems.js');
		const [problem, ...more] = await waitForOurDiagnostics(document.uri, (all) => all.length > 0, 'a diagnostic');
		assert.deepEqual(more, [], 'more than one diagnostic');
		assert.equal(ruleOf(problem), 'reserved-close-code');
		assert.equal(problem.severity, vscode.DiagnosticSeverity.Error);
		assert.equal(problem.message, '1006 (Abnormal Closure) is reserved for reporting and must never be sent in a Close frame. Here `ws` throws `TypeError`.');
		assert.equal(located(document, problem.range).text, '1006');
	});

	it('follows edits: a new error appears as you type and disappears when the code is corrected', async () => {
		const editor = await openEditor('browserClient.ts');
		const { document } = editor;
		const original = document.getText();
		const at = positionOf(document, "socket?.close(1000, 'user left')", '1000');
		const literal = new vscode.Range(at.translate(0, -1), at.translate(0, 3));
		assert.equal(document.getText(literal), '1000');

		assert.ok(await editor.edit((edit) => edit.replace(literal, '1006')), 'the edit was refused');
		const [problem] = await waitForOurDiagnostics(document.uri, (all) => all.some((d) => ruleOf(d) === 'reserved-close-code'), 'the reserved-code error');
		assert.equal(located(document, problem.range).text, '1006');

		assert.ok(await editor.edit((edit) => edit.replace(literal, '1000')), 'the edit was refused');
		await waitForOurDiagnostics(document.uri, (all) => all.length === 0, 'the error to go away');
		assert.equal(await saveAndRead(document), original);
	});
});
