import { strict as assert } from 'node:assert';
import { describe, test } from 'node:test';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { createLanguageService } from '../../server/src/service';
import { scanFile } from '../../server/src/service/workspace/fileScan';

// The workspace index is lazy (issue 14): building it scans the files (no parse); facts are computed when a lookup
// needs them, and an edit re-reads that file alone. What a user notices: the features work as before, and the
// reads and parses stay with the files that matter.

function project(files: Record<string, string>) {
	const disk = new Map(Object.entries(files).map(([path, text]) => [`file:///p/${path}`, text]));
	const reads: string[] = [];
	const service = createLanguageService({
		workspace: { listFiles: () => [...disk.keys()], readFile: (uri) => (reads.push(uri.replace('file:///p/', '')), disk.get(uri)) },
	});
	const index = () => {
		for (const _ of service.indexWorkspace()) {
			// the graph
		}
	};
	const open = (path: string) => TextDocument.create(`file:///p/${path}`, 'typescript', 1, disk.get(`file:///p/${path}`)!);
	const sitesOf = (path: string) => service.analyse(open(path)).sites.map((site) => `${site.value} ${site.confidence} ${site.role}`);
	return { service, disk, reads, index, open, sitesOf };
}

const chat = {
	'protocol/codes.ts': 'export const ChatCodes = { Kicked: 4002, Banned: 4003 };\n',
	'protocol/index.ts': "export * from './codes';\n",
	'rooms/room.ts': "import { ChatCodes } from '../protocol';\nexport function kick(ws: WebSocket) {\n\tws.close(ChatCodes.Kicked, 'kicked');\n}\n",
	'util/format.ts': "import { pad } from './pad';\nexport const format = (n: number) => pad(String(n));\n",
	'util/pad.ts': 'export const pad = (text: string) => text.padStart(8);\n',
	'plain.ts': 'console.log("no imports, no exports");\n',
};

describe('lazy workspace index', () => {
	test('building reads each file once and parses none', () => {
		const { service, reads, index } = project(chat);
		const before = service.workspaceGeneration;
		index();
		assert.deepEqual([...reads].sort(), Object.keys(chat).sort());
		assert.ok(service.workspaceGeneration > before, 'the generation moves once the graph is complete');
	});

	test('hover on a constant in codes.ts with only codes.ts open: its importers are analysed on demand', () => {
		const { service, reads, index, open } = project(chat);
		index();
		reads.length = 0;
		const document = open('protocol/codes.ts');
		const hover = service.doHover(document, document.positionAt(document.getText().indexOf('4002')), { locale: 'en' });
		const markdown = hover && typeof hover.contents === 'object' && 'value' in hover.contents ? hover.contents.value : '';
		assert.match(markdown, /4002/);
		// The module, the barrel it passes through and the file that uses it: nothing unrelated.
		assert.deepEqual([...new Set(reads)].sort(), ['protocol/codes.ts', 'protocol/index.ts', 'rooms/room.ts']);
	});

	test('an edit in one file re-reads only that file, and the generation moves only when its facts change', () => {
		const { service, disk, reads, index, sitesOf } = project(chat);
		index();
		assert.deepEqual(sitesOf('protocol/codes.ts'), ['4002 certain send', '4003 likely define']);
		service.closeDocument('file:///p/protocol/codes.ts');
		index(); // closed: the file on disk speaks for it again
		const generation = service.workspaceGeneration;
		reads.length = 0;
		// Only a comment added: same facts, so nothing else is redone.
		disk.set('file:///p/rooms/room.ts', `// a comment\n${chat['rooms/room.ts']}`);
		service.fileChanged('file:///p/rooms/room.ts');
		index();
		assert.deepEqual(reads, ['rooms/room.ts']);
		assert.equal(service.workspaceGeneration, generation);
		// The use removed: the facts change, and the declaring module loses its evidence.
		reads.length = 0;
		disk.set('file:///p/rooms/room.ts', "import { ChatCodes } from '../protocol';\nexport function kick(ws: WebSocket) {\n\tws.close();\n}\n");
		service.fileChanged('file:///p/rooms/room.ts');
		index();
		assert.deepEqual(reads, ['rooms/room.ts']);
		assert.ok(service.workspaceGeneration > generation);
		assert.deepEqual(sitesOf('protocol/codes.ts'), []);
	});

	test('a file that cannot matter is read once to build the graph, never again, even when a document imports it', () => {
		const { service, reads, index, open } = project(chat);
		index();
		reads.length = 0;
		// format.ts imports pad.ts, which has no candidate, no close nearby and passes nothing on: judged by its scan.
		assert.deepEqual(service.analyse(open('util/format.ts')).sites, []);
		assert.deepEqual(service.filesLinkedAcrossModules(), ['file:///p/protocol/codes.ts', 'file:///p/rooms/room.ts']);
		assert.ok(!reads.includes('util/pad.ts') && !reads.includes('plain.ts'), reads.join(', '));
	});
});

describe('the modules a file names (the import graph)', () => {
	test('every form of relative import, minified or not, and no package or non-module string', () => {
		const text = [
			"import { A } from './a';",
			'import type { B } from "../b/index.js";',
			"export * from './c';",
			"export { D as E } from './d';",
			"import './side-effect';",
			"const f = require ( './f' );",
			"import g = require('./g');",
			"const h = await import('./h');",
			'var i=require("./i"),j=n(3);import{k}from"./k";',
			"import ws from 'ws';",
			"const path = './not-imported';",
			"import parent from '..';",
		].join('\n');
		assert.deepEqual([...scanFile(text).specifiers].sort(),
			['..', '../b/index.js', './a', './c', './d', './f', './g', './h', './i', './k', './side-effect']);
		assert.deepEqual(scanFile("import ws from 'ws';\nexport const x = 1;\n").specifiers, []);
	});
});
