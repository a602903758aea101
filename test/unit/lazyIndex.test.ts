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

describe('modules that appear and disappear', () => {
	const room = "import { Codes } from './codes';\nexport function kick(ws: WebSocket) {\n\tws.close(Codes.Kicked, 'kicked');\n}\n";
	// No candidate literal and no `close(…)` argument: analysed only for the names the modules it imports export.
	const client = "import { Codes } from './codes';\nsocket.onclose = (event) => { if (event.code === Codes.Kicked) showKicked(); };\n";
	const codes = 'export const Codes = { Kicked: 4002 };\n';

	test('a module created after its importer was indexed: the importer (never opened) links it; deleting it unlinks it', () => {
		const { service, disk, index, sitesOf } = project({ 'rooms/room.ts': room.replace('./codes', '../codes') });
		index();
		disk.set('file:///p/codes.ts', codes);
		service.fileChanged('file:///p/codes.ts');
		index();
		// codes.ts alone, with room.ts never analysed as a document: the reverse graph knows room.ts imports it.
		assert.deepEqual(sitesOf('codes.ts'), ['4002 certain send']);
		assert.deepEqual(sitesOf('rooms/room.ts'), ['4002 certain send']);
		const generation = service.workspaceGeneration;
		disk.delete('file:///p/codes.ts');
		service.fileChanged('file:///p/codes.ts', true);
		index();
		assert.ok(service.workspaceGeneration > generation, 'the server refreshes the open documents');
		assert.deepEqual(sitesOf('rooms/room.ts'), []);
	});

	test('an open importer with nothing to parse on its own: its analysis is redone when the module appears, and when it goes', () => {
		const { service, disk, index, open } = project({ 'client.ts': client });
		index();
		const document = open('client.ts'); // one version throughout: only the disk changes
		const sites = () => service.analyse(document).sites.map((site) => `${document.getText().slice(site.start, site.end)}=${site.value} ${site.role}`);
		assert.deepEqual(sites(), []);
		disk.set('file:///p/codes/index.ts', codes); // `./codes` names a folder's index file too
		service.fileChanged('file:///p/codes/index.ts');
		index();
		assert.deepEqual(sites(), ['Codes.Kicked=4002 receive']);
		disk.delete('file:///p/codes/index.ts');
		service.fileChanged('file:///p/codes/index.ts', true);
		index();
		assert.deepEqual(sites(), []);
	});

	test('a module opened as a new document (not on disk yet) links its importers', () => {
		const { service, index, sitesOf } = project({ 'client.ts': client });
		index();
		assert.deepEqual(sitesOf('client.ts'), []);
		const generation = service.workspaceGeneration;
		service.analyse(TextDocument.create('file:///p/codes.ts', 'typescript', 1, codes));
		assert.ok(service.workspaceGeneration > generation, 'the server refreshes the open documents that import it');
		assert.deepEqual(sitesOf('client.ts'), ['4002 certain receive']);
	});

	test('a declaration file created next to the JavaScript it describes takes its importers over', () => {
		const { service, disk, index, sitesOf } = project({
			'room.js': "const codes = require('./codes');\nconst WebSocket = require('ws');\nfunction kick(ws = new WebSocket(url)) { ws.close(codes.Kicked); }\n",
			'codes.js': 'module.exports = { Kicked: 4002 };\n',
		});
		index();
		assert.deepEqual(sitesOf('codes.js'), ['4002 certain send']);
		disk.set('file:///p/codes.d.ts', 'export declare const Kicked = 4002;\n');
		service.fileChanged('file:///p/codes.d.ts');
		index();
		assert.deepEqual(sitesOf('codes.d.ts'), ['4002 certain send']);
		assert.deepEqual(sitesOf('codes.js'), [], 'the declaration file speaks for the JavaScript now');
	});
});

describe('workspace diagnostics (pull)', () => {
	const files = {
		...chat,
		'rooms/crash.ts': "import WebSocket from 'ws';\nimport { ChatCodes } from '../protocol';\nexport const fail = (ws: WebSocket) => ws.close(ChatCodes.Crashed);\n",
		'protocol/codes.ts': 'export const ChatCodes = { Kicked: 4002, Banned: 4003, Crashed: 1006 };\n',
	};
	const pull = (service: ReturnType<typeof project>['service'], previous: ReadonlyMap<string, string> = new Map(), skip = (_uri: string) => false) => {
		const reports = [];
		for (const step of service.workspaceDiagnostics(() => ({ locale: 'en' }), previous, skip)) {
			if (step.phase === 'checking' && step.report) {
				reports.push(step.report);
			}
		}
		return reports;
	};
	const ids = (reports: ReturnType<typeof pull>) => new Map(reports.map((report) => [report.uri, report.resultId]));

	test('files with problems are reported; asked again, nothing is read and they are "unchanged"', () => {
		const { service, reads } = project(files);
		const first = pull(service);
		assert.deepEqual(first.map((report) => [report.uri, report.diagnostics?.map((diagnostic) => diagnostic.code)]),
			[['file:///p/rooms/crash.ts', ['reserved-close-code']]]);
		reads.length = 0;
		const second = pull(service, ids(first));
		assert.deepEqual(second.map((report) => [report.uri, report.diagnostics]), [['file:///p/rooms/crash.ts', undefined]]);
		assert.deepEqual(reads, []);
	});

	test('a file changed on disk is read again (files without candidates are not); its problems gone, the client is told so once', () => {
		const { service, disk, reads } = project(files);
		const first = pull(service);
		reads.length = 0;
		disk.set('file:///p/rooms/crash.ts', files['rooms/crash.ts'].replace('Crashed', 'Kicked'));
		service.fileChanged('file:///p/rooms/crash.ts');
		const second = pull(service, ids(first));
		assert.deepEqual(second.map((report) => [report.uri, report.diagnostics]), [['file:///p/rooms/crash.ts', []]]);
		// Its facts changed (the links moved): the files with candidates are checked again, no other.
		assert.ok(reads.includes('rooms/crash.ts'));
		assert.deepEqual(reads.filter((path) => ['util/format.ts', 'util/pad.ts', 'plain.ts'].includes(path)), []);
		assert.deepEqual(pull(service, ids(second)).map((report) => report.diagnostics), [undefined]);
	});

	test('open documents are left to their own pull; a file that neither imports nor exports is not read again when the links move', () => {
		const { service, disk, reads } = project({ ...files, 'alone.ts': "import WebSocket from 'ws';\nnew WebSocket(url).close(1004);\n" });
		assert.deepEqual(pull(service, new Map(), (uri) => uri.endsWith('crash.ts')).map((report) => report.uri), ['file:///p/alone.ts']);
		reads.length = 0;
		disk.set('file:///p/protocol/codes.ts', 'export const ChatCodes = { Kicked: 4002, Crashed: 1015 };\n');
		service.fileChanged('file:///p/protocol/codes.ts');
		const reports = pull(service);
		assert.deepEqual(reports.map((report) => report.uri).sort(), ['file:///p/alone.ts', 'file:///p/rooms/crash.ts']);
		assert.ok(!reads.includes('alone.ts'), reads.join(', '));
	});
});

describe('the modules a file names (the import graph)', () => {
	test('every form of relative import, minified or not; no package, non-module string or JSDoc type import', () => {
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
			"/** @typedef {import('./jsdoc-type').T} T */",
			' * @import { Compiler } from "./jsdoc-import"',
			"// const old = require('./commented-out');",
			"/* see below */ const l = require('./l');",
			"export * as m from './m';",
		].join('\n');
		assert.deepEqual([...scanFile(text).specifiers].sort(),
			['..', '../b/index.js', './a', './c', './d', './f', './g', './h', './i', './k', './l', './m', './side-effect']);
		assert.deepEqual(scanFile("import ws from 'ws';\nexport const x = 1;\n").specifiers, []);
	});
});
