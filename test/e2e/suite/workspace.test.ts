/**
 * Close codes across modules, as a user meets them: a protocol module with the chat's codes, used by rooms and a
 * client in other files; the hover, "Find All References" and "Check Workspace" in a real VS Code.
 */
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { isOurDiagnostic, openEditor, poll, positionOf, ruleOf, waitForOurHover, workspaceUri } from './helpers';

describe('Workspace: close codes across modules', () => {
	it('the number in the protocol module is explained, with only that file open', async () => {
		const codes = (await openEditor('chat/protocol/chatCodes.ts')).document;
		const hover = await waitForOurHover(codes, positionOf(codes, 'Kicked: 4002', '4002'), (text) => text.includes('4002'));
		assert.ok(hover.includes('ChatCodes.Kicked = 4002'), hover);
		assert.ok(hover.includes('A moderator removed the user from the room.'), `the doc comment is shown:\n${hover}`);
	});

	it('an imported constant shows its code and links to where it is defined', async () => {
		const room = (await openEditor('chat/rooms/room.ts')).document;
		const hover = await waitForOurHover(room, positionOf(room, 'ChatCodes.Kicked', 'Kicked'), (text) => text.includes('defined in'));
		assert.ok(hover.includes('ChatCodes.Kicked = 4002 · private-use range · sent here'), hover);
		assert.ok(hover.includes('defined in [chatCodes.ts:4]('), hover);
	});

	it('Find All References on 4002 lists the definition, the sender and the handler', async () => {
		const codes = (await openEditor('chat/protocol/chatCodes.ts')).document;
		const locations = await poll(
			async () => vscode.commands.executeCommand<vscode.Location[]>('vscode.executeReferenceProvider', codes.uri, positionOf(codes, 'Kicked: 4002', '4002')),
			(found) => (found?.length ?? 0) >= 3,
			{ what: 'references of 4002 in three files' },
		);
		const files = locations.map((location) => vscode.workspace.asRelativePath(location.uri)).sort();
		assert.deepEqual(files, ['chat/client.ts', 'chat/protocol/chatCodes.ts', 'chat/rooms/room.ts']);
	});

	it('Check Workspace reports the problem of a file that is not open in the Problems panel', async () => {
		const crash = workspaceUri('chat/rooms/crash.ts');
		assert.equal(vscode.workspace.textDocuments.some((document) => document.uri.toString() === crash.toString()), false, 'crash.ts is not open');
		const result = await vscode.commands.executeCommand<{ problems: number; message: string }>('websocketCloseCodes.checkWorkspace');
		assert.ok(result.problems >= 1, result.message);
		const diagnostics = vscode.languages.getDiagnostics(crash).filter(isOurDiagnostic);
		assert.deepEqual(diagnostics.map((diagnostic) => [ruleOf(diagnostic), diagnostic.range.start.line]), [['reserved-close-code', 4]]);
	});
});
