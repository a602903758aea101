import { strict as assert } from 'node:assert';
import { describe, test } from 'node:test';
import { createOpenDocumentModuleReader, moduleCandidates } from '../../server/src/moduleResolution';
import { basesNaming } from '../../server/src/service/workspace/moduleResolution';

// The web worker's module reader: github.dev and vscode.dev have no file system, so "Replace with named constant"
// finds an imported module only among the documents open in the editor, and says so once when it cannot.
describe('module reader without a file system (web worker)', () => {
	const open = new Map([
		['vscode-vfs://github/acme/chat/src/closeCodes.ts', 'export enum CloseCode { GoingAway = 1001 }'],
		['vscode-vfs://github/acme/chat/src/shared/index.ts', 'export const Codes = Object.freeze({ Kicked: 4000 });'],
	]);
	const from = 'vscode-vfs://github/acme/chat/src/client/socket.ts';

	test('resolves relative imports against the document URI, TypeScript style (./x.js names ./x.ts, folders have index files)', () => {
		const logs: string[] = [];
		const read = createOpenDocumentModuleReader({ workspaceFolders: () => [], openText: (uri) => open.get(uri), log: (message) => logs.push(message) });
		assert.deepEqual(read('../closeCodes.js', from), { uri: 'vscode-vfs://github/acme/chat/src/closeCodes.ts', text: open.get('vscode-vfs://github/acme/chat/src/closeCodes.ts') });
		assert.equal(read('../shared', from)?.uri, 'vscode-vfs://github/acme/chat/src/shared/index.ts');
		assert.equal(read('ws', from), undefined, 'a package import is not read');
		assert.deepEqual(logs, []);
	});

	test('an import that is not open is not read, and the output says why — once', () => {
		const logs: string[] = [];
		const read = createOpenDocumentModuleReader({ workspaceFolders: () => [], openText: (uri) => open.get(uri), log: (message) => logs.push(message) });
		assert.equal(read('./protocol', from), undefined);
		assert.equal(read('./other', from), undefined);
		assert.equal(logs.length, 1);
		assert.match(logs[0], /could not read '\.\/protocol'.*only while it is open in an editor/);
	});

	test('candidates follow the order the Node reader uses', () => {
		assert.deepEqual(moduleCandidates('/w/src/codes.js').slice(0, 3), ['/w/src/codes.ts', '/w/src/codes.tsx', '/w/src/codes.js']);
		assert.ok(moduleCandidates('/w/src/shared').includes('/w/src/shared/index.ts'));
	});
});

// The workspace index's inverse look: a file that appears or disappears re-links only the files whose specifiers name it.
describe('which specifiers name a file', () => {
	test('a source file, a declaration file and a folder\'s index file', () => {
		assert.deepEqual(basesNaming('file:///w/src/codes.ts').sort(), ['file:///w/src/codes', 'file:///w/src/codes.js', 'file:///w/src/codes.ts']);
		assert.ok(basesNaming('file:///w/src/codes.d.ts').includes('file:///w/src/codes.js'), 'a .js import reads its declaration file first');
		assert.ok(basesNaming('file:///w/src/codes/index.ts').includes('file:///w/src/codes'));
		assert.ok(basesNaming('file:///w/src/codes.mts').includes('file:///w/src/codes.mjs'));
		assert.ok(!basesNaming('file:///w/src/codes.ts').includes('file:///w/src/codes.mjs'));
	});
});
