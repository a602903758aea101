import { strict as assert } from 'node:assert';
import { describe, test } from 'node:test';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { createLanguageService, type SkipReason } from '../../server/src/service';
import { extremeShapes, normalText } from '../fuzz/shapes';

const settings = { locale: 'en' } as const;

/** Hovers inside the code of the last `close(<code>` in the document. */
function hoverAt(service: ReturnType<typeof createLanguageService>, document: TextDocument, needle: string) {
	return service.doHover(document, document.positionAt(document.getText().lastIndexOf(needle) + 'close('.length + 1), settings);
}

describe('pathological input', () => {
	for (const [name, make] of Object.entries(extremeShapes)) {
		test(`${name}: every feature answers, and the document recovers on the next edit`, () => {
			const skips: { version: number; reason: SkipReason }[] = [];
			const service = createLanguageService({ onSkipped: (_uri, version, reason) => skips.push({ version, reason }) });
			// Normal first, so the extreme text arrives as an incremental edit on a retained tree (the poisoning path).
			let document = TextDocument.create('file:///shape.ts', 'typescript', 1, normalText);
			assert.ok(hoverAt(service, document, 'close(1001'));
			const text = make();
			document = TextDocument.update(document, [{ text }], 2);
			const everywhere = { start: { line: 0, character: 0 }, end: document.positionAt(text.length) };
			const close = document.positionAt(text.lastIndexOf('close(') + 6);
			// None of these may throw: an exception here is an error response in the editor.
			service.doHover(document, close, settings);
			service.doValidation(document, settings);
			service.getCodeActions(document, { start: close, end: close }, settings);
			service.doComplete(document, close, settings);
			service.getInlayHints(document, everywhere, settings);
			const analysis = service.analyse(document);
			// Either analysed (the 1001 at the end is found) or skipped for this version, and then said so once.
			if (analysis.skipped) {
				assert.equal(analysis.skipped, 'tooComplex');
				assert.deepEqual(skips, [{ version: 2, reason: 'tooComplex' }]);
			} else {
				assert.ok(analysis.sites.some((site) => site.value === 1001 && text.slice(site.start, site.end) === '1001'), 'the 1001 is recognised');
			}
			document = TextDocument.update(document, [{ text: normalText }], 3);
			assert.match(JSON.stringify(hoverAt(service, document, 'close(1001')), /Going Away/);
			assert.equal(service.doValidation(document, settings).length, service.doValidation(TextDocument.create('file:///fresh.ts', 'typescript', 1, normalText), settings).length);
		});
	}

	test('the 20,000-term chain parses, so it is analysed rather than skipped', () => {
		const service = createLanguageService();
		const text = extremeShapes['20,000-term + chain']();
		const document = TextDocument.create('file:///chain.ts', 'typescript', 1, text);
		assert.equal(service.analyse(document).skipped, undefined);
		assert.match(JSON.stringify(hoverAt(service, document, 'close(1001')), /Going Away/);
	});

	test('a failed edit never poisons the cached tree: small edits after it still re-parse correctly', () => {
		const service = createLanguageService();
		let document = TextDocument.create('file:///poison.ts', 'typescript', 1, normalText);
		service.analyse(document);
		const deep = '('.repeat(5000);
		const at = normalText.indexOf('ws.close');
		document = TextDocument.update(document, [{ range: { start: document.positionAt(at), end: document.positionAt(at) }, text: deep }], 2);
		assert.equal(service.analyse(document).skipped, 'tooComplex');
		document = TextDocument.update(document, [{ range: { start: document.positionAt(at), end: document.positionAt(at + deep.length) }, text: '' }], 3);
		assert.equal(service.analyse(document).skipped, undefined);
		// And the version after that is an incremental parse of a healthy tree.
		document = TextDocument.update(document, [{ range: { start: document.positionAt(0), end: document.positionAt(0) }, text: '// x\n' }], 4);
		assert.deepEqual(service.analyse(document).sites.map((site) => site.value), [1001, 1001]);
	});
});
