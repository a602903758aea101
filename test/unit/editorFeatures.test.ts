import { strict as assert } from 'node:assert';
import { describe, test } from 'node:test';
import ts from 'typescript';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { createLanguageService } from '../../server/src/service';
import { lines, makeDocument, withCursor } from './helpers';

const service = createLanguageService();

function completionsAt(textWithCursor: string, options: { fileName?: string; environment?: 'auto' | 'browser' | 'node'; locale?: 'en' | 'ja' } = {}) {
	const { text, offset } = withCursor(textWithCursor);
	const document = makeDocument(text, options.fileName ?? 'test.ts');
	return service.doComplete(document, document.positionAt(offset), { locale: options.locale ?? 'en', environment: options.environment ?? 'auto' });
}

const labels = (items: ReturnType<typeof completionsAt>) => items?.map((item) => item.label) ?? null;

describe('completion', () => {
	test('close( on a browser WebSocket offers only what close() accepts, registered codes first', () => {
		const items = completionsAt(lines("const socket = new WebSocket('wss://x');", 'socket.close(|'));
		assert.deepEqual(labels(items), ['1000', '3000', '3003', '3008', '4000']);
		assert.equal(items?.[0].labelDetails?.description, 'Normal Closure');
		assert.match((items?.[0].documentation as { value: string }).value, /^\*\*1000 Normal Closure\*\*/);
	});

	test('close( on a ws socket offers the ws-sendable codes, and a typed prefix is replaced', () => {
		const { text, offset } = withCursor(lines("import WebSocket from 'ws';", "const ws = new WebSocket('ws://x');", 'ws.close(10|'));
		const document = makeDocument(text);
		const items = service.doComplete(document, document.positionAt(offset), { locale: 'en' });
		assert.deepEqual(labels(items), ['1000', '1001', '1002', '1003', '1007', '1008', '1009', '1010', '1011', '1012', '1013', '1014', '3000', '3003', '3008', '4000']);
		const edit = items?.[1].textEdit as { range: { start: { character: number }; end: { character: number } }; newText: string };
		assert.deepEqual([edit.range.start.character, edit.range.end.character, edit.newText], [9, 11, '1001']);
	});

	test('case and === against a received code offer every code a peer can make you see, localized', () => {
		const switched = completionsAt(lines('ws.onclose = (event) => {', '  switch (event.code) {', '    case |', '  }', '};'));
		assert.ok(labels(switched)?.includes('1006'));
		assert.ok(labels(switched)?.includes('1005'));
		assert.ok(!labels(switched)?.includes('1004'));
		const compared = completionsAt(lines("ws.on('close', (code) => {", '  if (code === |', '});'), { locale: 'ja' });
		assert.ok(labels(compared)?.includes('1001'));
		assert.equal(compared?.find((item) => item.label === '1001')?.labelDetails?.description, '離脱');
	});

	test('nothing elsewhere: setTimeout(, other calls, other comparisons', () => {
		assert.equal(completionsAt('setTimeout(|'), null);
		assert.equal(completionsAt('const a = 1; if (a === |'), null);
		assert.equal(completionsAt('modal.close(|'), null);
		assert.equal(completionsAt(lines("import WebSocket from 'ws';", "declare const ws: WebSocket;", "ws.close(1000, |")), null, 'second argument');
	});
});

describe('inlay hints', () => {
	test('the name after certain numeric codes, not after names that already say it', () => {
		const text = lines("import WebSocket from 'ws';", 'declare const ws: WebSocket;', 'const GOING_AWAY = 1001;', "ws.close(1008, 'policy');",
			"ws.on('close', (code) => code === 1006);", 'ws.close(GOING_AWAY);', 'ws.close(4001);', 'setTimeout(() => {}, 1000);');
		const document = makeDocument(text);
		const hints = service.getInlayHints(document, { start: { line: 0, character: 0 }, end: { line: 99, character: 0 } }, { locale: 'en' });
		assert.deepEqual(hints.map((hint) => [hint.position.line, hint.position.character, hint.label, hint.paddingLeft]), [
			[3, 13, 'Policy Violation', true], [4, 38, 'Abnormal Closure', true],
		]);
		const ja = service.getInlayHints(document, { start: { line: 3, character: 0 }, end: { line: 3, character: 99 } }, { locale: 'ja' });
		assert.deepEqual(ja.map((hint) => hint.label), ['ポリシー違反']);
	});
});

describe('refactor: replace with a named constant', () => {
	function refactor(text: string, needle: string, fileName = 'test.ts', index = 0) {
		const document = makeDocument(text, fileName);
		const offset = text.indexOf(needle) + 1;
		const position = document.positionAt(offset);
		const actions = service.getCodeActions(document, { start: position, end: position }, { locale: 'en' }, ['refactor']);
		const action = actions[index];
		assert.ok(action, `no refactor at ${needle}`);
		assert.equal(action.kind, 'refactor.extract.constant');
		const edits = action.edit?.changes?.[document.uri] ?? [];
		const result = TextDocument.applyEdits(document, edits);
		return { titles: actions.map((candidate) => candidate.title), result };
	}

	/**
	 * Type errors in `source` under `strict` and `erasableSyntaxOnly` (what Node's type stripping accepts), with `ws`'s
	 * import replaced by a local type.
	 */
	function typeChecks(source: string): string[] {
		const fileName = '/virtual/check.ts';
		const options: ts.CompilerOptions = { strict: true, erasableSyntaxOnly: true, noEmit: true, lib: ['lib.es2022.d.ts'], types: [] };
		const text = source.replace("import WebSocket from 'ws';", 'type WebSocket = { close(code?: number, reason?: string): void };');
		const host = ts.createCompilerHost(options);
		const original = host.getSourceFile;
		host.getSourceFile = (name, version) => name === fileName ? ts.createSourceFile(name, text, version) : original.call(host, name, version);
		const program = ts.createProgram([fileName], options, host);
		return ts.getPreEmitDiagnostics(program).map((diagnostic) => ts.flattenDiagnosticMessageText(diagnostic.messageText, '\n'));
	}

	test('the type check is not vacuous: an enum fails it (erasableSyntaxOnly), a type error fails it', () => {
		assert.equal(typeChecks('enum E { A = 1 }\nexport const a = E.A;').length, 1);
		assert.equal(typeChecks("const n: number = 'x';\nexport { n };").length, 1);
	});

	test('TypeScript: creates a frozen as-const object after the imports and replaces this or every occurrence', () => {
		const text = lines("import WebSocket from 'ws';", '', 'export function stop(ws: WebSocket, other: WebSocket) {', "\tws.close(1001, 'bye');", '\tother.close(1001);', '}');
		const one = refactor(text, "1001, 'bye'");
		assert.deepEqual(one.titles, ['Replace 1001 with CloseCode.GoingAway', 'Replace all 2 occurrences of 1001 with CloseCode.GoingAway']);
		assert.equal(one.result, lines("import WebSocket from 'ws';", '', 'const CloseCode = Object.freeze({', '\tGoingAway: 1001,', '} as const);', '',
			'export function stop(ws: WebSocket, other: WebSocket) {', "\tws.close(CloseCode.GoingAway, 'bye');", '\tother.close(1001);', '}'));
		assert.deepEqual(typeChecks(one.result), []);
		const all = refactor(text, "1001, 'bye'", 'test.ts', 1);
		assert.match(all.result, /ws\.close\(CloseCode\.GoingAway, 'bye'\);\n\tother\.close\(CloseCode\.GoingAway\);/);
		assert.deepEqual(typeChecks(all.result), []);
		// The next code goes into the object just created, which stays an as-const object.
		const next = refactor(one.result.replace('other.close(1001)', 'other.close(1011)'), '1011');
		assert.match(next.result, /Object\.freeze\(\{\n\tGoingAway: 1001,\n\tInternalError: 1011,\n\} as const\);/);
		assert.match(next.result, /other\.close\(CloseCode\.InternalError\);/);
		assert.deepEqual(typeChecks(next.result), []);
	});

	test('TypeScript: an enum only in a file that already has enums (a declare enum does not count)', () => {
		const withEnum = lines("import WebSocket from 'ws';", 'enum Color { Red }', 'export function stop(ws: WebSocket) {', '\tws.close(1001);', '}', 'export { Color };');
		assert.match(refactor(withEnum, '1001').result, /\nenum CloseCode \{\n\tGoingAway = 1001,\n\}\n/);
		const ambient = withEnum.replace('enum Color', 'declare enum Color');
		const frozen = refactor(ambient, '1001').result;
		assert.match(frozen, /const CloseCode = Object\.freeze\(\{\n\tGoingAway: 1001,\n\} as const\);/);
		assert.doesNotMatch(frozen, /enum CloseCode/);
	});

	test("the file's own constant for the code is reused; its definition keeps the literal", () => {
		const text = lines("import WebSocket from 'ws';", 'const GOING_AWAY = 1001;', 'export function stop(ws: WebSocket, other: WebSocket) {',
			"\tws.close(1001, 'bye');", '\tother.close(GOING_AWAY);', '\tother.close(1001);', '}');
		const one = refactor(text, "1001, 'bye'");
		assert.deepEqual(one.titles, ['Replace 1001 with GOING_AWAY', 'Replace all 2 occurrences of 1001 with GOING_AWAY']);
		assert.equal(one.result, text.replace("ws.close(1001, 'bye')", "ws.close(GOING_AWAY, 'bye')"));
		const all = refactor(text, "1001, 'bye'", 'test.ts', 1).result;
		assert.equal(all, text.replace("ws.close(1001, 'bye')", "ws.close(GOING_AWAY, 'bye')").replace('other.close(1001)', 'other.close(GOING_AWAY)'));
		assert.match(all, /^const GOING_AWAY = 1001;$/m, 'the definition is not rewritten in terms of itself');
		assert.doesNotMatch(all, /CloseCode/);
		assert.deepEqual(typeChecks(all), []);
		// A constant recognised from its use (its name says nothing) is reused too.
		const used = lines("import WebSocket from 'ws';", 'const AWAY = 1001;', 'export function stop(ws: WebSocket) {', '\tws.close(AWAY);', '\tws.close(1001);', '}');
		assert.deepEqual(refactor(used, '1001);').titles, ['Replace 1001 with AWAY']);
	});

	test('not reused where its name means something else or where it is not initialised yet; a number that only shares the value is not a name for it', () => {
		const shadowed = lines("import WebSocket from 'ws';", 'const GOING_AWAY = 1001;', 'export function stop(ws: WebSocket) {', "\tconst GOING_AWAY = 'bye';",
			'\tws.close(1001, GOING_AWAY);', '}');
		assert.deepEqual(refactor(shadowed, '1001,').titles, ['Replace 1001 with CloseCode.GoingAway']);
		const below = lines("import WebSocket from 'ws';", 'declare const ws: WebSocket;', 'ws.close(1001);', 'const GOING_AWAY = 1001;', 'export { GOING_AWAY };');
		assert.deepEqual(refactor(below, '1001);').titles, ['Replace 1001 with CloseCode.GoingAway'], 'top-level code above the constant: a ReferenceError');
		const unrelated = lines("import WebSocket from 'ws';", 'const RETRY_DELAY_MS = 1001;', 'export function stop(ws: WebSocket) {', '\tws.close(1001);', '}',
			'export { RETRY_DELAY_MS };');
		assert.deepEqual(refactor(unrelated, '1001);').titles, ['Replace 1001 with CloseCode.GoingAway']);
	});

	test('definitions are not offered the refactor and are skipped by "all occurrences"', () => {
		const text = lines("import WebSocket from 'ws';", 'const AWAY_CODE = 1001;', 'class Server {', '\tstatic readonly SHUTDOWN = 1001;',
			'\tstop(ws: WebSocket) {', '\t\tws.close(1001);', '\t\tws.close(AWAY_CODE);', '\t\tws.close(Server.SHUTDOWN);', '\t\tconst options = { code: 1001 };', '\t\tws.close(options.code);', '\t}', '}',
			'export { Server };');
		const document = makeDocument(text);
		const { sites } = service.analyse(document);
		for (const needle of ['1001;\nclass', '1001;\n\tstop']) {
			assert.ok(sites.some((site) => site.start === text.indexOf(needle) && site.confidence === 'certain'), `${needle}: a certain site, so this checks something`);
			const position = document.positionAt(text.indexOf(needle) + 1);
			assert.deepEqual(service.getCodeActions(document, { start: position, end: position }, { locale: 'en' }, ['refactor']), [], needle);
		}
		const all = refactor(text, '1001);', 'test.ts', 1);
		assert.deepEqual(all.titles, ['Replace 1001 with AWAY_CODE', 'Replace all 2 occurrences of 1001 with AWAY_CODE']);
		assert.match(all.result, /const AWAY_CODE = 1001;\nclass Server \{\n\tstatic readonly SHUTDOWN = 1001;/);
		assert.match(all.result, /ws\.close\(AWAY_CODE\);\n\t\tws\.close\(AWAY_CODE\);\n\t\tws\.close\(Server\.SHUTDOWN\);\n\t\tconst options = \{ code: AWAY_CODE \};/);
		assert.deepEqual(typeChecks(all.result), []);
	});

	test('JavaScript: creates a frozen object in the file\'s style and reuses it next time', () => {
		const text = lines("const WebSocket = require('ws')", "const ws = new WebSocket('ws://x')", 'ws.close(1012)', 'ws.close(1001)');
		const first = refactor(text, '1012', 'test.js');
		assert.equal(first.result, lines("const WebSocket = require('ws')", '', 'const CloseCode = Object.freeze({', '\tServiceRestart: 1012,', '})',
			"const ws = new WebSocket('ws://x')", 'ws.close(CloseCode.ServiceRestart)', 'ws.close(1001)'));
		const second = refactor(first.result, '1001', 'test.js');
		assert.match(second.result, /Object\.freeze\(\{\n\tServiceRestart: 1012,\n\tGoingAway: 1001,\n\}\)/);
		assert.match(second.result, /ws\.close\(CloseCode\.GoingAway\)/);
	});

	test('an existing close-code enum is reused, with its own member naming', () => {
		const text = lines("import WebSocket from 'ws';", 'enum WsCloseCodes {', '  NORMAL_CLOSURE = 1000,', '  GOING_AWAY = 1001', '}',
			'declare const ws: WebSocket;', 'ws.close(1001);', 'ws.close(1011);');
		assert.match(refactor(text, '1001);').result, /ws\.close\(WsCloseCodes\.GOING_AWAY\);/);
		const added = refactor(text, '1011').result;
		assert.match(added, / {2}GOING_AWAY = 1001,\n {2}INTERNAL_ERROR = 1011,\n\}/);
		assert.match(added, /ws\.close\(WsCloseCodes\.INTERNAL_ERROR\);/);
	});

	test('not offered inside the constant itself, on names, or on numbers that are not close codes', () => {
		const text = lines("import WebSocket from 'ws';", 'enum CloseCode { GoingAway = 1001 }', 'declare const ws: WebSocket;', 'ws.close(CloseCode.GoingAway);', 'setTimeout(() => {}, 1000);');
		const document = makeDocument(text);
		for (const needle of ['1001 }', 'GoingAway)', '1000)']) {
			const position = document.positionAt(text.indexOf(needle) + 1);
			assert.deepEqual(service.getCodeActions(document, { start: position, end: position }, { locale: 'en' }, ['refactor']), [], needle);
		}
	});
});

describe('refactor: replace with a named constant from an imported module', () => {
	const enumModule = lines('export enum CloseCode {', '\tNormalClosure = 1000,', '\tGoingAway = 1001,', '}', '');

	/** The service with a fake host: `modules` maps a specifier to the module's text (its URI is made up from it). */
	function withModules(modules: Record<string, string>) {
		const reads: string[] = [];
		const readModule = (specifier: string, fromUri: string) => {
			reads.push(`${specifier} from ${fromUri.replace(/.*\//, '')}`);
			const text = modules[specifier];
			return text === undefined ? undefined : { uri: `file:///project/${specifier.replace(/^\.\//, '')}.ts`, text };
		};
		return { service: createLanguageService({ readModule }), reads };
	}

	function refactorWith(modules: Record<string, string>, text: string, needle: string, index = 0) {
		const { service: withHost, reads } = withModules(modules);
		const document = makeDocument(text, 'client.ts');
		const position = document.positionAt(text.indexOf(needle) + 1);
		const actions = withHost.getCodeActions(document, { start: position, end: position }, { locale: 'en' }, ['refactor']);
		const action = actions[index];
		assert.ok(action, `no refactor at ${needle}`);
		const changes = action.edit?.changes ?? {};
		const result = TextDocument.applyEdits(document, changes[document.uri] ?? []);
		const others = Object.fromEntries(Object.entries(changes).filter(([uri]) => uri !== document.uri).map(([uri, edits]) => {
			const specifier = `./${uri.replace('file:///project/', '').replace(/\.ts$/, '')}`;
			return [specifier, TextDocument.applyEdits(TextDocument.create(uri, 'typescript', 1, modules[specifier]), edits)];
		}));
		return { titles: actions.map((candidate) => candidate.title), result, others, reads };
	}

	function parseErrors(source: string, fileName = 'check.ts'): number {
		const output = ts.transpileModule(source, { fileName, reportDiagnostics: true, compilerOptions: { target: ts.ScriptTarget.ES2022 } });
		return output.diagnostics?.length ?? 0;
	}

	const client = (importLine: string, ...rest: string[]) =>
		lines(importLine, "import WebSocket from 'ws';", '', 'export function stop(ws: WebSocket) {', '\tws.close(1001);', '\tws.close(1011);', ...rest, '}');

	test('an imported enum is reused by name, with its existing member', () => {
		const { titles, result, others, reads } = refactorWith({ './closeCodes': enumModule }, client("import { CloseCode } from './closeCodes';"), '1001');
		assert.deepEqual(titles, ['Replace 1001 with CloseCode.GoingAway']);
		assert.match(result, /ws\.close\(CloseCode\.GoingAway\);/);
		assert.doesNotMatch(result, /enum/);
		assert.deepEqual(others, {});
		assert.deepEqual(reads, ['./closeCodes from client.ts'], 'bare specifiers such as ws are not read');
		assert.equal(parseErrors(result), 0);
	});

	test('a missing member is added to the other module\'s container, in the same WorkspaceEdit', () => {
		const { titles, result, others } = refactorWith({ './closeCodes': enumModule }, client("import { CloseCode as Codes } from './closeCodes';"), '1011');
		assert.deepEqual(titles, ['Replace 1011 with Codes.InternalError']);
		assert.match(result, /ws\.close\(Codes\.InternalError\);/);
		assert.equal(others['./closeCodes'], lines('export enum CloseCode {', '\tNormalClosure = 1000,', '\tGoingAway = 1001,', '\tInternalError = 1011,', '}', ''));
		assert.equal(parseErrors(others['./closeCodes']), 0);
	});

	test('another named import from that module gets the container added to its list', () => {
		const shared = lines("export const WS_CLOSE = Object.freeze({", '  GOING_AWAY: 1001,', '});', 'export const url = "wss://x";', '');
		const text = client("import { url } from './shared';", '\tws.close(1001);');
		const { titles, result, others } = refactorWith({ './shared': shared }, text, '1001', 1);
		assert.deepEqual(titles, ['Replace 1001 with WS_CLOSE.GOING_AWAY', 'Replace all 2 occurrences of 1001 with WS_CLOSE.GOING_AWAY']);
		assert.match(result, /^import \{ url, WS_CLOSE \} from '\.\/shared';/);
		assert.equal(result.match(/WS_CLOSE\.GOING_AWAY/g)?.length, 2);
		assert.deepEqual(others, {});
		const added = refactorWith({ './shared': shared }, text, '1011');
		assert.match(added.result, /^import \{ url, WS_CLOSE \} from '\.\/shared';/);
		assert.match(added.others['./shared'], /GOING_AWAY: 1001,\n {2}INTERNAL_ERROR: 1011,\n\}\);/);
		assert.equal(parseErrors(added.result) + parseErrors(added.others['./shared']), 0);
	});

	test('namespace imports, as-const objects, export lists and default exports', () => {
		const asConst = lines('const CloseCodes = {', '\tGoingAway: 1001,', '} as const;', 'export { CloseCodes };', '');
		const namespace = refactorWith({ './codes': asConst }, client("import * as codes from './codes';"), '1001');
		assert.match(namespace.result, /ws\.close\(codes\.CloseCodes\.GoingAway\);/);
		const byDefault = lines('enum CloseCode { GoingAway = 1001 }', 'export default CloseCode;', '');
		const viaDefault = refactorWith({ './codes': byDefault }, client("import Codes from './codes';"), '1011');
		assert.match(viaDefault.result, /ws\.close\(Codes\.InternalError\);/);
		assert.match(viaDefault.others['./codes'], /^enum CloseCode \{ GoingAway = 1001,\s+InternalError = 1011, \}\nexport default CloseCode;/);
		assert.equal(parseErrors(viaDefault.others['./codes']), 0);
	});

	test('the single-file behaviour stays: a local container wins, unexported or unreadable modules are ignored', () => {
		const local = refactorWith({ './closeCodes': enumModule }, client("import { CloseCode } from './closeCodes';").replace('export function', 'enum WsClose { Away = 1001 }\nexport function'), '1001);');
		assert.match(local.result, /ws\.close\(WsClose\.Away\);/);
		const unexported = lines('enum CloseCode { GoingAway = 1001 }', 'export const url = "x";', '');
		const created = refactorWith({ './shared': unexported }, client("import { url } from './shared';"), '1001');
		assert.match(created.result, /^import \{ url \} from '\.\/shared';\nimport WebSocket from 'ws';\n\nconst CloseCode = Object\.freeze\(\{\n\tGoingAway: 1001,\n\} as const\);/);
		const missing = refactorWith({}, client("import { url } from './shared';"), '1001');
		assert.match(missing.result, /const CloseCode = Object\.freeze\(\{/);
		const typeOnly = refactorWith({ './closeCodes': enumModule }, client("import type { CloseCode } from './closeCodes';"), '1001');
		assert.match(typeOnly.result, /const WsCloseCode = Object\.freeze\(\{/);
		assert.deepEqual(typeOnly.reads, []);
	});
});
