// The text pre-scan skips parsing where nothing can be a close code: it must never skip a file in which recognition
// finds a site or a close() call that diagnostics check.
import { strict as assert } from 'node:assert';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import ts from 'typescript';
import { createLanguageService } from '../../server/src/service';
import { mayHaveSites } from '../../server/src/service/prescan';
import { findCloseCodeSites } from '../../server/src/service/recognition/findCloseCodeSites';

const repoRoot = join(__dirname, '..', '..', '..');

function sourceFiles(directory: string): string[] {
	return readdirSync(directory).flatMap((name) => {
		const path = join(directory, name);
		return statSync(path).isDirectory() ? sourceFiles(path) : /\.[cm]?[jt]sx?$/.test(name) ? [path] : [];
	});
}

/** What recognition finds when the file is parsed: sites, and close() calls that have something to check. */
function found(path: string, text: string): number {
	const tree = ts.createSourceFile(path, text, ts.ScriptTarget.Latest, true);
	const { sites, closeCalls } = findCloseCodeSites(tree);
	return sites.length + closeCalls.filter((call) => call.code !== undefined || call.reason !== undefined).length;
}

describe('the text pre-scan', () => {
	test('numbers in every form a close code can be written in count; quantities, identifiers and other values do not', () => {
		for (const text of ['1000', 'x = 4999;', '5000', '1e3', '1.001e3', '.5e4', '0x3E9', '0X3e9', '0o1751', '0b1111101001', '07640', 'a(1012)']) {
			assert.equal(mayHaveSites(text), true, text);
		}
		for (const text of ['', '999', '5001', '1_000', '1000n', 'a1000', '$1000', 'setTimeout(f, 30)', '1.5', 'x.close()', 'stream.close( )']) {
			assert.equal(mayHaveSites(text), false, text);
		}
	});

	test('a candidate only in a comment, a string or a template\'s text does not count; in code, a substitution or JSX it does', () => {
		for (const text of ['// Copyright 2015', '/* port 3000 */ x = 1;', "const version = '4.1000';", 'const s = "1001";', 'const t = `took 1500 ms`;',
			'x = /\\d{1000}/.test(s);', 'return /1001/;', "const a = '/* 1001 */'; b = '\\'';", 'f(`a ${`b 2000`} c`);']) {
			assert.equal(mayHaveSites(text), false, text);
		}
		for (const text of ['x = 1001; // 2', 'const t = `code ${1001}`;', 'const t = `${a ? `${4000}` : b}`;', 'a = b / 2 / 1001;', 'const el = <p>{1001}</p>;',
			"f(x) / 1001; s = '/';", 'x = { a: 1 } ; y = 1001;']) {
			assert.equal(mayHaveSites(text), true, text);
		}
		// Where the light lexer may have lost track, it says "maybe".
		for (const text of ["const s = 'unterminated\n1001';", 'x = `open 1001', '/* open 1001', 'if (a) /\'/.test(s) \n 1001']) {
			assert.equal(mayHaveSites(text), true, text);
		}
	});

	test('close() with an argument, and end() with one in a file with numbers, always count (any value may be sent)', () => {
		assert.equal(mayHaveSites('ws.close(code)'), true);
		assert.equal(mayHaveSites('ws.close(\n\t5)'), true);
		assert.equal(mayHaveSites('ws.end(5)'), true);
		assert.equal(mayHaveSites('res.end(body)'), false);
	});

	test('never skips a file where recognition finds something: every fixture and workspace file of the repository', () => {
		const files = ['test/fixtures', 'test/e2e/workspace'].flatMap((folder) => sourceFiles(join(repoRoot, folder)));
		assert.ok(files.length > 40, `${files.length} files`);
		let skipped = 0;
		for (const path of files) {
			const text = readFileSync(path, 'utf8');
			if (!mayHaveSites(text)) {
				skipped++;
				assert.equal(found(path, text), 0, `${path} was skipped but has sites`);
			}
		}
		assert.ok(skipped > 0, 'some files are skipped (the check is not vacuous)');
	});

	test('a skipped document has no sites and no parse; a feature that needs the tree still gets one', () => {
		const service = createLanguageService();
		const text = 'export function add(a: number, b: number): number {\n\treturn a + b;\n}\n\nws-sh';
		const document = { uri: 'file:///add.js', languageId: 'javascript', version: 1, getText: () => text,
			offsetAt: (position: { line: number; character: number }) => text.split('\n').slice(0, position.line).join('\n').length + (position.line > 0 ? 1 : 0) + position.character,
			positionAt: (offset: number) => ({ line: text.slice(0, offset).split('\n').length - 1, character: offset - text.lastIndexOf('\n', offset - 1) - 1 }) };
		assert.deepEqual(service.analyse(document).sites, []);
		const items = service.doComplete(document, { line: 4, character: 5 }, { locale: 'en' });
		assert.deepEqual(items?.map((item) => item.label), ['ws-shutdown', 'ws-shutdown-http']);
	});
});
