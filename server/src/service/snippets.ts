/**
 * Snippets that the language server offers itself (as completion items), because their text depends on the file:
 * the Node `ws` shutdown snippets in JavaScript use `import` in an ES module and `require` in CommonJS. The other
 * snippets are contributed statically (snippets/*.code-snippets); these two are not in the JavaScript file, so an
 * editor never shows both. In TypeScript, where `import` is always right, the static ones serve.
 */
import ts from 'typescript';
import type { CompletionItem } from 'vscode-languageserver-types';

export type ModuleSystem = 'commonjs' | 'module';

interface ServedSnippet {
	readonly prefix: string;
	readonly name: string;
	readonly description: string;
	/** VS Code snippet syntax, written as an ES module; `require` lines replace the imports for CommonJS. */
	readonly body: readonly string[];
}

export const servedSnippets: readonly ServedSnippet[] = [
	{
		prefix: 'ws-shutdown',
		name: 'WebSocket Server Graceful Shutdown (ws, 1001)',
		description: 'Node ws WebSocketServer on a port that shuts down gracefully on SIGTERM and SIGINT: stops accepting connections, closes every client with 1001 Going Away and a reason, waits for the clients to close up to a timeout (default 10 s, inside Kubernetes\' 30 s grace period), terminate()s the rest, closes the server and exits with code 0. A second signal exits at once (code 1), without waiting for the clients.',
		body: [
			'import { WebSocketServer } from \'ws\';',
			'',
			'const wss = new WebSocketServer({ port: ${1:8080} });',
			'',
			'wss.on(\'connection\', (ws) => {',
			'	$0',
			'});',
			'',
			'// Graceful shutdown: clients see 1001 Going Away and can reconnect, instead of 1006 from a dropped connection.',
			'// Kubernetes sends SIGKILL terminationGracePeriodSeconds (default 30 s) after SIGTERM: finish well before that.',
			'const SHUTDOWN_TIMEOUT_MS = ${2:10000};',
			'const SHUTDOWN_REASON = \'${3:Server shutting down}\'; // at most 123 bytes of UTF-8',
			'let shuttingDown = false;',
			'',
			'async function shutdown(signal) {',
			'	if (shuttingDown) {',
			'		// A second Ctrl+C (or signal) means "now": exit without waiting for the clients.',
			'		console.log(`\\${signal} received again: exiting now, without waiting for the clients`);',
			'		process.exit(1);',
			'	}',
			'	shuttingDown = true;',
			'	console.log(`\\${signal} received: closing \\${wss.clients.size} WebSocket client(s) with 1001`);',
			'',
			'	// Stop accepting connections. Since ws 8, close() leaves open clients alone: they are closed below.',
			'	const serverClosed = new Promise((resolve) => wss.close(() => resolve()));',
			'',
			'	const clients = [...wss.clients];',
			'	const clientsClosed = Promise.all(clients.map((client) => new Promise((resolve) => client.once(\'close\', () => resolve()))));',
			'	for (const client of clients) {',
			'		client.close(1001, SHUTDOWN_REASON);',
			'	}',
			'',
			'	let timer;',
			'	const timedOut = new Promise((resolve) => {',
			'		timer = setTimeout(resolve, SHUTDOWN_TIMEOUT_MS);',
			'	});',
			'	await Promise.race([Promise.all([clientsClosed, serverClosed]), timedOut]);',
			'	clearTimeout(timer);',
			'',
			'	// Clients that did not finish the closing handshake in time lose their TCP connection (they see 1006).',
			'	const stragglers = [...wss.clients];',
			'	if (stragglers.length > 0) {',
			'		console.log(`Terminating \\${stragglers.length} client(s) that did not close within \\${SHUTDOWN_TIMEOUT_MS} ms`);',
			'		for (const client of stragglers) {',
			'			client.terminate();',
			'		}',
			'	}',
			'',
			'	await serverClosed;',
			'	process.exit(0);',
			'}',
			'',
			'function onSignal(signal) {',
			'	shutdown(signal).catch((error) => {',
			'		console.error(\'Graceful shutdown failed:\', error);',
			'		process.exit(1);',
			'	});',
			'}',
			'',
			'process.on(\'SIGTERM\', onSignal);',
			'process.on(\'SIGINT\', onSignal);',
		],
	},
	{
		prefix: 'ws-shutdown-http',
		name: 'WebSocket Server Graceful Shutdown (ws + HTTP Server, 1001)',
		description: 'Node http.createServer with a ws WebSocketServer in noServer mode (upgrade handler) that shuts down gracefully on SIGTERM and SIGINT: stops listening and refuses further upgrades (503), closes every client with 1001 Going Away and a reason, waits for clients and in-flight HTTP requests up to a timeout (default 10 s, inside Kubernetes\' 30 s grace period), terminate()s the remaining clients, closes the remaining HTTP connections, closes both servers and exits with code 0. A second signal exits at once (code 1), without waiting for the clients.',
		body: [
			'import { createServer } from \'node:http\';',
			'import { WebSocketServer } from \'ws\';',
			'',
			'const server = createServer((request, response) => {',
			'	${2:response.writeHead(200).end(\'OK\');}',
			'});',
			'const wss = new WebSocketServer({ noServer: true });',
			'',
			'server.on(\'upgrade\', (request, socket, head) => {',
			'	${3:// Authenticate the request here; to refuse it, write an HTTP error response to socket and destroy it.}',
			'	wss.handleUpgrade(request, socket, head, (ws) => {',
			'		wss.emit(\'connection\', ws, request);',
			'	});',
			'});',
			'',
			'wss.on(\'connection\', (ws, request) => {',
			'	$0',
			'});',
			'',
			'server.listen(${1:8080});',
			'',
			'// Graceful shutdown: clients see 1001 Going Away and can reconnect, instead of 1006 from a dropped connection.',
			'// Kubernetes sends SIGKILL terminationGracePeriodSeconds (default 30 s) after SIGTERM: finish well before that.',
			'const SHUTDOWN_TIMEOUT_MS = ${4:10000};',
			'const SHUTDOWN_REASON = \'${5:Server shutting down}\'; // at most 123 bytes of UTF-8',
			'let shuttingDown = false;',
			'',
			'async function shutdown(signal) {',
			'	if (shuttingDown) {',
			'		// A second Ctrl+C (or signal) means "now": exit without waiting for the clients.',
			'		console.log(`\\${signal} received again: exiting now, without waiting for the clients`);',
			'		process.exit(1);',
			'	}',
			'	shuttingDown = true;',
			'	console.log(`\\${signal} received: closing \\${wss.clients.size} WebSocket client(s) with 1001`);',
			'',
			'	// Stop accepting connections: the HTTP server stops listening and closes idle keep-alive connections, and',
			'	// after wss.close() handleUpgrade() answers any further upgrade request with 503. Open clients are closed below.',
			'	const httpClosed = new Promise((resolve) => server.close(() => resolve()));',
			'	const wssClosed = new Promise((resolve) => wss.close(() => resolve()));',
			'',
			'	const clients = [...wss.clients];',
			'	const clientsClosed = Promise.all(clients.map((client) => new Promise((resolve) => client.once(\'close\', () => resolve()))));',
			'	for (const client of clients) {',
			'		client.close(1001, SHUTDOWN_REASON);',
			'	}',
			'',
			'	let timer;',
			'	const timedOut = new Promise((resolve) => {',
			'		timer = setTimeout(resolve, SHUTDOWN_TIMEOUT_MS);',
			'	});',
			'	await Promise.race([Promise.all([clientsClosed, httpClosed]), timedOut]);',
			'	clearTimeout(timer);',
			'',
			'	// Clients that did not finish the closing handshake in time lose their TCP connection (they see 1006).',
			'	const stragglers = [...wss.clients];',
			'	if (stragglers.length > 0) {',
			'		console.log(`Terminating \\${stragglers.length} client(s) that did not close within \\${SHUTDOWN_TIMEOUT_MS} ms`);',
			'		for (const client of stragglers) {',
			'			client.terminate();',
			'		}',
			'	}',
			'	server.closeAllConnections(); // HTTP requests still in flight after the timeout',
			'',
			'	await Promise.all([wssClosed, httpClosed]);',
			'	process.exit(0);',
			'}',
			'',
			'function onSignal(signal) {',
			'	shutdown(signal).catch((error) => {',
			'		console.error(\'Graceful shutdown failed:\', error);',
			'		process.exit(1);',
			'	});',
			'}',
			'',
			'process.on(\'SIGTERM\', onSignal);',
			'process.on(\'SIGINT\', onSignal);',
		],
	},
];

/**
 * The module system a JavaScript file is written in: its extension, then its own statements (`import`/`export`
 * means an ES module, `require`/`module.exports` CommonJS), then — for a file with neither, like a new one — the
 * nearest package.json's `type` as the host reads it; an ES module when nothing tells.
 */
export function moduleSystemOf(tree: ts.SourceFile, uri: string, packageType: () => ModuleSystem | undefined): ModuleSystem {
	if (/\.c[jt]s$/i.test(uri)) {
		return 'commonjs';
	}
	if (/\.m[jt]s$/i.test(uri)) {
		return 'module';
	}
	const esm = tree.statements.some((statement) => ts.isImportDeclaration(statement) || ts.isExportDeclaration(statement) ||
		ts.isExportAssignment(statement) || (ts.canHaveModifiers(statement) && ts.getModifiers(statement)?.some((modifier) => modifier.kind === ts.SyntaxKind.ExportKeyword)));
	if (esm) {
		return 'module';
	}
	if (/\brequire\s*\(|\bmodule\.exports\b|\bexports\.[\w$]+\s*=/.test(tree.text)) {
		return 'commonjs';
	}
	return packageType() ?? 'module';
}

/** The body for a module system: in CommonJS each `import { a } from 'x';` line becomes `const { a } = require('x');`. */
export function snippetBody(snippet: ServedSnippet, moduleSystem: ModuleSystem): string {
	const lines = moduleSystem === 'module' ? snippet.body : snippet.body.map((line) => line
		.replace(/^import (\{[^}]*\}) from ('[^']+');$/, 'const $1 = require($2);')
		.replace(/^import ([\w$]+) from ('[^']+');$/, 'const $1 = require($2);'));
	return lines.join('\n');
}

/**
 * Completion items for the served snippets while their prefix is typed (`w`, `ws-`, `ws-sh…`); never in a string, a
 * comment or after a dot. The item replaces what was typed of the prefix.
 */
export function snippetCompletions(tree: ts.SourceFile, offset: number, moduleSystem: () => ModuleSystem,
	positionAt: (offset: number) => { line: number; character: number }): CompletionItem[] {
	const typed = typedSnippetPrefix(tree.text, offset);
	if (typed === undefined || inStringOrComment(tree, offset)) {
		return [];
	}
	const matching = servedSnippets.filter((snippet) => snippet.prefix.startsWith(typed));
	if (matching.length === 0) {
		return [];
	}
	const system = moduleSystem();
	const range = { start: positionAt(offset - typed.length), end: positionAt(offset) };
	return matching.map((snippet) => ({
		label: snippet.prefix,
		kind: 15, // CompletionItemKind.Snippet
		detail: snippet.name,
		documentation: snippet.description,
		filterText: snippet.prefix,
		insertTextFormat: 2, // InsertTextFormat.Snippet
		textEdit: { range, newText: snippetBody(snippet, system) },
	}));
}

/**
 * What has been typed of a served snippet's prefix right before `offset` (`w`, `ws-`, `ws-sh`), from the text alone:
 * cheap enough to decide, on every keystroke, whether the syntax tree is needed at all.
 */
export function typedSnippetPrefix(text: string, offset: number): string | undefined {
	const before = text.slice(text.lastIndexOf('\n', offset - 1) + 1, offset);
	// At least the `w`: a space is a trigger character, and a suggestion on every blank line would be noise.
	return /(?:^|[^\w$.\-])(w(?:s(?:-[a-z-]*)?)?)$/.exec(before)?.[1];
}

/** Is `offset` inside a string or template literal, or a comment? */
function inStringOrComment(tree: ts.SourceFile, offset: number): boolean {
	let node: ts.Node = tree;
	for (;;) {
		const child: ts.Node | undefined = node.getChildren(tree).find((candidate) => candidate.getFullStart() < offset && offset <= candidate.getEnd());
		if (!child) {
			break;
		}
		node = child;
	}
	if (offset > node.getStart(tree)) {
		return ts.isStringLiteralLike(node) || ts.isTemplateLiteralToken(node) || node.kind === ts.SyntaxKind.RegularExpressionLiteral ||
			node.kind === ts.SyntaxKind.JsxText;
	}
	const comments = ts.getLeadingCommentRanges(tree.text, node.getFullStart()) ?? [];
	return comments.some((comment) => comment.pos < offset && (offset < comment.end || (comment.kind === ts.SyntaxKind.SingleLineCommentTrivia && offset === comment.end)));
}
