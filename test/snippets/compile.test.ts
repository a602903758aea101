// Every snippet, expanded with its defaults, must parse as each language of its scope, and the TypeScript bodies
// must type-check under `strict` against the runtime they target: Node + @types/ws, the DOM (browser clients),
// @types/deno, @types/bun. Files are written to a temporary folder under out/ so that `ws` and the type packages
// resolve from the repository's node_modules.
import { strict as assert } from 'node:assert';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import * as ts from 'typescript';
import { expandSnippet, loadSnippets, repoRoot, type Snippet } from './snippetSyntax';

type Runtime = 'node' | 'browser' | 'deno' | 'bun';

/** Where each snippet runs; fragments that use a variable from the surrounding code get a declaration first. */
const targets: Record<string, { readonly runtime: Runtime; readonly prelude?: string }> = {
	'ws-shutdown': { runtime: 'node' },
	'ws-shutdown-http': { runtime: 'node' },
	'ws-reject-binary': { runtime: 'node', prelude: "import type { WebSocket } from 'ws';\ndeclare const ws: WebSocket;\n" },
	'ws-shutdown-deno': { runtime: 'deno' },
	'ws-shutdown-bun': { runtime: 'bun' },
	'ws-reconnect': { runtime: 'browser' },
	'ws-close-switch': { runtime: 'browser', prelude: 'declare const socket: WebSocket;\n' },
};

const runtimeOptions: Record<Runtime, { readonly lib: string[]; readonly types: string[] }> = {
	node: { lib: ['ES2022'], types: ['node'] },
	browser: { lib: ['ES2022', 'DOM'], types: [] },
	deno: { lib: ['ES2022', 'DOM'], types: ['deno'] }, // @types/deno declares Deno.*; Request, Response, WebSocket come from the DOM lib
	bun: { lib: ['ES2022'], types: ['bun'] }, // bun-types declares its own web globals on top of @types/node
};

const extensions: Record<string, string> = { typescript: '.ts', typescriptreact: '.tsx', javascript: '.js', javascriptreact: '.jsx' };

const snippets = loadSnippets();
let directory = '';

before(() => {
	directory = mkdtempSync(join(repoRoot, 'out', 'snippet-check-'));
	writeFileSync(join(directory, 'package.json'), '{ "type": "module" }\n'); // the .ts files are ES modules, like the .mjs runs
});

after(() => {
	if (directory !== '') {
		rmSync(directory, { recursive: true, force: true });
	}
});

function options(json: Record<string, unknown>): ts.CompilerOptions {
	const converted = ts.convertCompilerOptionsFromJson(json, directory);
	assert.deepEqual(converted.errors.map((error) => ts.flattenDiagnosticMessageText(error.messageText, '\n')), []);
	return converted.options;
}

// Declaration files under node_modules are parsed once and shared by every program.
const declarationCache = new Map<string, ts.SourceFile | undefined>();

function cachingHost(compilerOptions: ts.CompilerOptions): ts.CompilerHost {
	const host = ts.createCompilerHost(compilerOptions, true);
	const getSourceFile = host.getSourceFile.bind(host);
	host.getSourceFile = (fileName, languageVersionOrOptions, onError, shouldCreateNewSourceFile) => {
		if (!fileName.includes('/node_modules/')) {
			return getSourceFile(fileName, languageVersionOrOptions, onError, shouldCreateNewSourceFile);
		}
		const key = `${fileName}|${JSON.stringify(languageVersionOrOptions)}`;
		if (!declarationCache.has(key)) {
			declarationCache.set(key, getSourceFile(fileName, languageVersionOrOptions, onError, shouldCreateNewSourceFile));
		}
		return declarationCache.get(key);
	};
	return host;
}

function format(diagnostics: readonly ts.Diagnostic[]): string[] {
	return diagnostics.map((diagnostic) => {
		const message = ts.flattenDiagnosticMessageText(diagnostic.messageText, '\n');
		if (!diagnostic.file || diagnostic.start === undefined) {
			return message;
		}
		const { line, character } = diagnostic.file.getLineAndCharacterOfPosition(diagnostic.start);
		const text = diagnostic.file.text.split('\n')[line]?.trim();
		return `${diagnostic.file.fileName.slice(directory.length + 1)}:${line + 1}:${character + 1} ${message}\n    ${text}`;
	});
}

function fileName(snippet: Snippet, language: string): string {
	return join(directory, `${snippet.prefix}.${language}${extensions[language]}`);
}

describe('snippets compile', () => {
	test('every snippet has a known runtime', () => {
		for (const snippet of snippets) {
			assert.ok(targets[snippet.prefix], `${snippet.prefix}: add it to targets in compile.test.ts`);
		}
	});

	test('every snippet, with its defaults, parses without syntax errors as each language of its scope', () => {
		const files: string[] = [];
		for (const snippet of snippets) {
			for (const language of snippet.scopes) {
				const file = fileName(snippet, language);
				writeFileSync(file, expandSnippet(snippet.body));
				files.push(file);
			}
		}
		// Syntax only: no lib, no resolution. For .js/.jsx this also reports TypeScript-only syntax (type annotations).
		const program = ts.createProgram(files, options({
			allowJs: true, jsx: 'preserve', noLib: true, noResolve: true, types: [], noEmit: true, target: 'ES2022',
			moduleDetection: 'force',
		}));
		for (const file of files) {
			const sourceFile = program.getSourceFile(file);
			assert.ok(sourceFile, file);
			assert.deepEqual(format(program.getSyntacticDiagnostics(sourceFile)), [], file);
		}
		assert.ok(files.length >= 28, 'every snippet in two languages per file');
	});

	for (const snippet of snippets.filter((candidate) => candidate.scopes.includes('typescript'))) {
		test(`${snippet.prefix} type-checks under strict (${targets[snippet.prefix]?.runtime ?? 'unknown'})`, () => {
			const target = targets[snippet.prefix];
			assert.ok(target, snippet.prefix);
			const file = join(directory, `${snippet.prefix}.check.ts`);
			writeFileSync(file, (target.prelude ?? '') + expandSnippet(snippet.body));
			const compilerOptions = options({
				strict: true, noEmit: true, target: 'ES2022', module: 'NodeNext', moduleResolution: 'NodeNext',
				moduleDetection: 'force', skipLibCheck: true, typeRoots: [join(repoRoot, 'node_modules', '@types')],
				...runtimeOptions[target.runtime],
			});
			const program = ts.createProgram([file], compilerOptions, cachingHost(compilerOptions));
			assert.deepEqual(format(ts.getPreEmitDiagnostics(program)), []);
		});
	}
});
