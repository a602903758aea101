import { strict as assert } from 'node:assert';
import { describe, test } from 'node:test';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { DocumentCache } from '../../server/src/service/documentCache';
import { createLanguageService } from '../../server/src/service';
import { lines } from './helpers';

const source = lines("import WebSocket from 'ws';", 'declare const ws: WebSocket;', "ws.on('close', (code) => {", '  if (code === 1001) retry();', '});');

function summary(sites: readonly { start: number; end: number; value: number; rule: string }[]) {
	return sites.map(({ start, end, value, rule }) => ({ start, end, value, rule }));
}

describe('document cache', () => {
	test('edits are re-parsed incrementally and give the same sites as a fresh parse', () => {
		const cache = new DocumentCache({ maxRetainedTrees: 4, maxDocumentLength: 1_000_000 });
		let document = TextDocument.create('file:///edit.ts', 'typescript', 1, source);
		assert.deepEqual(cache.analyse(document).sites.map((site) => site.value), [1001]);
		const edits = [
			{ range: { start: { line: 3, character: 15 }, end: { line: 3, character: 19 } }, text: '1006' },
			{ range: { start: { line: 4, character: 3 }, end: { line: 4, character: 3 } }, text: "\nws.close(4001, 'kicked');" },
			{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, text: '// header\n' },
			{ range: { start: { line: 4, character: 2 }, end: { line: 4, character: 6 } }, text: 'if (code === 1012 || ' },
		];
		for (const [index, edit] of edits.entries()) {
			document = TextDocument.update(document, [edit], index + 2);
			const incremental = cache.analyse(document).sites;
			const fresh = new DocumentCache({ maxRetainedTrees: 1, maxDocumentLength: 1_000_000 }).analyse(document).sites;
			assert.deepEqual(summary(incremental), summary(fresh), `after edit ${index + 1}`);
		}
		assert.deepEqual(cache.analyse(document).sites.map((site) => site.value), [1012, 1006, 4001]);
	});

	test('an unchanged version is answered from the cache', () => {
		const cache = new DocumentCache({ maxRetainedTrees: 4, maxDocumentLength: 1_000_000 });
		const document = TextDocument.create('file:///same.ts', 'typescript', 7, source);
		assert.equal(cache.analyse(document), cache.analyse(document));
	});

	test('100 open documents hold at most the configured number of syntax trees, and still answer', () => {
		const cache = new DocumentCache({ maxRetainedTrees: 8, maxDocumentLength: 1_000_000 });
		const documents = Array.from({ length: 100 }, (_, index) => TextDocument.create(`file:///doc${index}.ts`, 'typescript', 1, source));
		for (const document of documents) {
			cache.analyse(document);
		}
		assert.equal(cache.retainedTreeCount, 8);
		// An evicted document is parsed again from scratch when it changes.
		const edited = TextDocument.update(documents[0], [{ range: { start: { line: 3, character: 15 }, end: { line: 3, character: 19 } }, text: '1013' }], 2);
		assert.deepEqual(cache.analyse(edited).sites.map((site) => site.value), [1013]);
		assert.equal(cache.retainedTreeCount, 8);
		cache.forget(edited.uri);
		assert.equal(cache.retainedTreeCount, 7);
	});

	test('binary and oversized documents are skipped, not parsed', () => {
		const cache = new DocumentCache({ maxRetainedTrees: 4, maxDocumentLength: 1000 });
		const binary = TextDocument.create('file:///blob.js', 'javascript', 1, `ws.close(1001);\u0000\u0001\u0002`);
		assert.deepEqual(cache.analyse(binary), { sites: [], closeCalls: [], skipped: 'binary' });
		const huge = TextDocument.create('file:///huge.js', 'javascript', 1, `ws.close(1001);${' '.repeat(2000)}`);
		assert.deepEqual(cache.analyse(huge), { sites: [], closeCalls: [], skipped: 'tooLarge' });
		assert.equal(cache.retainedTreeCount, 0);
	});

	test('the service facade answers for a 5,000-line file and keeps working after closing it', () => {
		const service = createLanguageService({ maxRetainedTrees: 2 });
		const big = Array.from({ length: 1000 }, (_, index) => lines(`function handler${index}(event: CloseEvent) {`,
			`  if (event.code === ${index % 2 === 0 ? 1001 : 1006}) return setTimeout(retry, ${index});`, '  return undefined;', '}', '')).join('\n');
		const document = TextDocument.create('file:///big.ts', 'typescript', 1, big);
		const { sites } = service.analyse(document);
		assert.equal(sites.length, 1000);
		assert.ok(sites.every((site) => site.value === 1001 || site.value === 1006));
		service.closeDocument(document.uri);
		assert.equal(service.analyse(document).sites.length, 1000);
	});
});
