import ts from 'typescript';
import { isIdentifierNamed, skipOuterExpressions } from '../ast';
import { words } from '../names';
import type { FileBindings } from './bindings';

/**
 * Which WebSocket API a file uses: whether it is WebSocket code at all, and whose rules its sockets' `close()` follows
 * (the `ws` package, the WHATWG WebSocket, a server runtime) — from its imports, globals and how sockets are created.
 */

/** Module specifiers that make a file WebSocket code. */
const webSocketModules = /(?:^|[/@-])(?:ws|[\w.-]*websockets?[\w.-]*|isomorphic-ws|graphql-ws|partysocket|mock-socket|crossws|sockette|socket\.io[\w-]*|engine\.io[\w-]*|sockjs[\w-]*|undici)(?:$|[/-])/i;

/** Global or imported names that make a file WebSocket code. */
const webSocketGlobals = new Set([
	'WebSocket', 'WebSocketServer', 'CloseEvent', 'WebSocketStream', 'WebSocketPair', 'ServerWebSocket', 'upgradeWebSocket',
	'WebSocketError', 'ReconnectingWebSocket', 'IsomorphicWebSocket',
]);

/**
 * Whose rules a `close()` call follows. `whatwg`: browsers, Node 22+'s global WebSocket, Deno clients (1000 and
 * 3000–4999 only). `ws`: the npm package (1000–1014 except 1004–1006, and 3000–4999). `server`: a runtime whose
 * `close()` is not WHATWG-strict, so only RFC rules apply: server-side sockets (Deno's upgradeWebSocket, Bun,
 * uWebSockets.js) and Bun's client.
 * `workerd`: Cloudflare Workers and Durable Objects (also Miniflare 3+, which runs workerd): 1000–4999 except 1004, 1005,
 * 1006 and 1015, and a reason of at most 123 bytes from compatibility date 2026-03-03.
 * `unknown`: the file does not tell; the `websocketCloseCodes.environment` setting decides.
 */
export type CloseApi = 'whatwg' | 'ws' | 'server' | 'workerd' | 'unknown';

/** Packages whose `WebSocket` follows the `ws` rules. */
const wsPackages = new Set(['ws', 'isomorphic-ws']);

/** Does this name or module specifier (an identifier or string literal of the walk) make the file WebSocket code? */
export function saysWebSocket(node: ts.Node): boolean {
	if (ts.isStringLiteralLike(node) && webSocketModules.test(node.text)) {
		const parent = node.parent;
		return ts.isImportDeclaration(parent) || ts.isExportDeclaration(parent) || ts.isExternalModuleReference(parent) ||
			(ts.isCallExpression(parent) && (isIdentifierNamed(parent.expression, 'require') || parent.expression.kind === ts.SyntaxKind.ImportKeyword));
	}
	if (!ts.isIdentifier(node)) {
		return false;
	}
	const text = node.text;
	// Every name of a file comes here until one says WebSocket: one test rules out almost all of them.
	if (!/websocket|closeevent/i.test(text)) {
		return false;
	}
	if (webSocketGlobals.has(text)) {
		return true;
	}
	// Names built on "WebSocket": kWebSocket, failWebsocketConnection, WebSocketConnection, isWebSocketOpen.
	return /websocket/i.test(text) && words(text).some((word, i, list) => word === 'websocket' || (word === 'web' && list[i + 1] === 'socket'));
}

export class SocketApi {
	/** Local names bound to the `ws` package's WebSocket class (`import WebSocket from 'ws'`, `require('ws')`…). */
	readonly #wsClassNames = new Set<string>();
	/** The file imports or requires the `ws` package in any form (`const { WebSocketServer } = require('ws')`). */
	#usesWsPackage = false;
	/** Local names bound to a whole `ws` module (`import * as WS from 'ws'` → `new WS.WebSocket()`). */
	readonly #wsModuleNames = new Set<string>();
	/**
	 * The file runs on a server runtime whose sockets accept any code (Deno.upgradeWebSocket, Bun.serve…). Written by
	 * the walk too, for the name `uWS` (in place, as every identifier of the file passes there).
	 */
	serverRuntime = false;
	/**
	 * The file runs on Cloudflare's workerd: it names `WebSocketPair` (set by the walk, like `serverRuntime`), imports
	 * `cloudflare:workers` or accepts a socket for hibernation (`ctx.acceptWebSocket`). Its sockets, the global
	 * `WebSocket` client included, follow workerd's checks.
	 */
	workerdRuntime = false;
	/**
	 * The file uses Bun's globals. Bun's global WebSocket client is not WHATWG-strict: it accepts the `ws` code set
	 * (1001–1014 included) and throws only where RFC rules do, so only RFC rules apply to it (checked against
	 * Bun 1.4.5 in test/runtimes).
	 */
	#bunRuntime = false;
	/** The file constructs the global WebSocket (`new WebSocket(url)` with no import of that name). */
	#constructsGlobalWebSocket = false;
	/** The first `new …` assigned to each variable name and to each `this.` field: how a socket was created. */
	readonly #variableConstructions = new Map<string, ts.NewExpression>();
	readonly #fieldConstructions = new Map<string, ts.NewExpression>();
	readonly #bindings: FileBindings;

	constructor(bindings: FileBindings) {
		this.#bindings = bindings;
	}

	collect(node: ts.Node): void {
		if (ts.isImportDeclaration(node) && ts.isStringLiteral(node.moduleSpecifier) && node.moduleSpecifier.text === 'cloudflare:workers') {
			this.workerdRuntime = true;
			return;
		}
		// import WebSocket from 'ws'; import { WebSocket as WS } from 'ws'; import * as ws from 'ws'
		if (ts.isImportDeclaration(node) && ts.isStringLiteral(node.moduleSpecifier) && wsPackages.has(node.moduleSpecifier.text)) {
			const clause = node.importClause;
			if (clause?.name) {
				this.#wsClassNames.add(clause.name.text);
			}
			this.#usesWsPackage = true;
			const bindings = clause?.namedBindings;
			if (bindings && ts.isNamespaceImport(bindings)) {
				this.#wsModuleNames.add(bindings.name.text);
			} else if (bindings) {
				for (const element of bindings.elements) {
					if ((element.propertyName ?? element.name).text === 'WebSocket') {
						this.#wsClassNames.add(element.name.text);
					}
				}
			}
			return;
		}
		// import WebSocket = require('ws')
		if (ts.isImportEqualsDeclaration(node) && ts.isExternalModuleReference(node.moduleReference) &&
			ts.isStringLiteral(node.moduleReference.expression) && wsPackages.has(node.moduleReference.expression.text)) {
			this.#wsClassNames.add(node.name.text);
			return;
		}
		// const WebSocket = require('ws'); const { WebSocket, WebSocketServer } = require('ws')
		if (ts.isVariableDeclaration(node) && node.initializer && isRequireOf(node.initializer, wsPackages)) {
			this.#usesWsPackage = true;
			if (ts.isIdentifier(node.name)) {
				this.#wsClassNames.add(node.name.text);
				this.#wsModuleNames.add(node.name.text);
			} else if (ts.isObjectBindingPattern(node.name)) {
				for (const element of node.name.elements) {
					const imported = element.propertyName && ts.isIdentifier(element.propertyName) ? element.propertyName.text
						: ts.isIdentifier(element.name) ? element.name.text : undefined;
					if (imported === 'WebSocket' && ts.isIdentifier(element.name)) {
						this.#wsClassNames.add(element.name.text);
					}
				}
			}
			return;
		}
		if (ts.isPropertyAccessExpression(node) && ts.isIdentifier(node.expression)) {
			const owner = node.expression.text;
			const member = node.name.text;
			if ((owner === 'Deno' && member === 'upgradeWebSocket') || (owner === 'Bun' && member === 'serve')) {
				this.serverRuntime = true;
			}
			this.#bunRuntime ||= owner === 'Bun';
		}
		// `this.ctx.acceptWebSocket(server)`, `state.acceptWebSocket(server)`: a Durable Object's hibernatable socket.
		if (ts.isPropertyAccessExpression(node)) {
			this.workerdRuntime ||= node.name.text === 'acceptWebSocket' && ts.isCallExpression(node.parent) && node.parent.expression === node;
			return;
		}
		if (ts.isNewExpression(node) && ts.isIdentifier(node.expression) && node.expression.text === 'WebSocket') {
			this.#constructsGlobalWebSocket = true;
		}
	}

	/** Once the walk is done: a file that imports its own `WebSocket` does not construct the global one. */
	finish(): void {
		this.#constructsGlobalWebSocket &&= !this.#wsClassNames.has('WebSocket');
	}

	/**
	 * Evidence that `receiver` is a WebSocket, beyond its name: it was created with a WebSocket class, it is declared
	 * with a WebSocket type, it is the socket a `connection` handler is given, or it is `this` in a class that extends
	 * a WebSocket class. (A `close(n)` on anything else — `pool.close(1005)` in a `ws` server — is not certain.)
	 */
	isWebSocketReceiver(receiver: ts.Expression): boolean {
		const node = skipOuterExpressions(receiver);
		const creation = ts.isNewExpression(node) ? node : this.#creationOf(node);
		if (creation && ts.isNewExpression(creation)) {
			const constructor = skipOuterExpressions(creation.expression);
			const name = ts.isIdentifier(constructor) ? constructor.text : ts.isPropertyAccessExpression(constructor) ? constructor.name.text : '';
			if (/websocket/i.test(name) || this.#wsClassNames.has(name)) {
				return true;
			}
		}
		if (ts.isIdentifier(node)) {
			const declaration = this.#bindings.bindingOf(node)?.parent;
			if (declaration && (ts.isParameter(declaration) || ts.isVariableDeclaration(declaration)) && declaration.type &&
				/WebSocket/.test(declaration.type.getText())) {
				return true;
			}
			// `server.on('connection', (ws) => …)`: the handler's first parameter is the connection's socket.
			const handler = declaration && ts.isParameter(declaration) ? declaration.parent : undefined;
			const registration = handler?.parent;
			if (handler && registration && ts.isCallExpression(registration) && registration.arguments[1] === handler &&
				handler.parameters[0] === declaration && ts.isStringLiteralLike(registration.arguments[0]) && registration.arguments[0].text === 'connection') {
				return true;
			}
		}
		if (node.kind === ts.SyntaxKind.ThisKeyword) {
			for (let current: ts.Node | undefined = node.parent; current; current = current.parent) {
				if (ts.isClassLike(current)) {
					return current.heritageClauses?.some((clause) => /WebSocket/.test(clause.getText())) ?? false;
				}
			}
		}
		return false;
	}

	/** Which rules `receiver.close(…)` follows, from how the receiver was created (or, failing that, the file). */
	closeApiOf(receiver: ts.Expression | undefined): CloseApi {
		const creation = receiver && this.#creationOf(receiver);
		if (creation && ts.isNewExpression(creation)) {
			const constructor = skipOuterExpressions(creation.expression);
			if (ts.isIdentifier(constructor)) {
				if (this.#wsClassNames.has(constructor.text)) {
					return 'ws';
				}
				if (constructor.text === 'WebSocket') {
					return this.workerdRuntime ? 'workerd' : this.#bunRuntime ? 'server' : 'whatwg';
				}
			}
			if (ts.isPropertyAccessExpression(constructor) && ts.isIdentifier(constructor.expression) &&
				this.#wsModuleNames.has(constructor.expression.text)) {
				return 'ws';
			}
		}
		if (this.workerdRuntime) {
			return 'workerd';
		}
		if (this.serverRuntime) {
			return 'server';
		}
		// `import { WebSocketServer } from 'ws'` too: the sockets such a file closes are the ones `ws` gives it.
		const importsWs = this.#wsClassNames.size > 0 || this.#wsModuleNames.size > 0 || this.#usesWsPackage;
		if (importsWs && !this.#constructsGlobalWebSocket) {
			return 'ws';
		}
		if (this.#constructsGlobalWebSocket && !importsWs) {
			return this.#bunRuntime ? 'server' : 'whatwg';
		}
		return 'unknown';
	}

	/**
	 * The expression a socket variable or field was created with: `const ws = new WebSocket(url)`, `this.ws = …`, and
	 * the two ends of a Cloudflare pair (`const [client, server] = Object.values(new WebSocketPair())`, `pair[1]`).
	 */
	#creationOf(receiver: ts.Expression): ts.Expression | undefined {
		const node = skipOuterExpressions(receiver);
		if (ts.isIdentifier(node)) {
			const declaration = this.#bindings.bindingOf(node)?.parent;
			if (declaration && ts.isVariableDeclaration(declaration) && declaration.initializer) {
				return skipOuterExpressions(declaration.initializer);
			}
			if (declaration && ts.isBindingElement(declaration)) {
				return this.#pairDestructured(declaration);
			}
			return this.#constructionAssignedTo(node.text, false);
		}
		if (ts.isElementAccessExpression(node) && ts.isNumericLiteral(node.argumentExpression)) {
			return this.#pairCreation(node.expression);
		}
		if (ts.isPropertyAccessExpression(node) && node.expression.kind === ts.SyntaxKind.ThisKeyword) {
			return this.#constructionAssignedTo(node.name.text, true);
		}
		return undefined;
	}

	/** `[client, server]` or `{ 0: client, 1: server }` destructured from a pair, or from `Object.values(pair)`. */
	#pairDestructured(element: ts.BindingElement): ts.NewExpression | undefined {
		const declaration = element.parent.parent;
		if (!ts.isVariableDeclaration(declaration) || declaration.name !== element.parent || !declaration.initializer) {
			return undefined;
		}
		const value = skipOuterExpressions(declaration.initializer);
		const values = ts.isCallExpression(value) && value.arguments.length === 1 && ts.isPropertyAccessExpression(value.expression) &&
			isIdentifierNamed(value.expression.expression, 'Object') && value.expression.name.text === 'values' ? value.arguments[0] : value;
		return this.#pairCreation(values);
	}

	/** `new WebSocketPair()`, itself or held by a variable. */
	#pairCreation(expression: ts.Expression): ts.NewExpression | undefined {
		let node = skipOuterExpressions(expression);
		if (ts.isIdentifier(node)) {
			const declaration = this.#bindings.bindingOf(node)?.parent;
			node = declaration && ts.isVariableDeclaration(declaration) && declaration.initializer ? skipOuterExpressions(declaration.initializer) : node;
		}
		return ts.isNewExpression(node) && isIdentifierNamed(node.expression, 'WebSocketPair') ? node : undefined;
	}

	/** The first `new …` assigned anywhere in the file to `name` (or to `this.name`, or a field initialiser). */
	#constructionAssignedTo(name: string, isField: boolean): ts.Expression | undefined {
		return (isField ? this.#fieldConstructions : this.#variableConstructions).get(name);
	}

	/** Collects `x = new …`, `this.x = new …` and `x = new …` field initialisers, first one per name (document order). */
	collectConstruction(node: ts.Node): void {
		let target: Map<string, ts.NewExpression> | undefined;
		let name: string | undefined;
		let value: ts.Expression | undefined;
		if (ts.isBinaryExpression(node) && node.operatorToken.kind === ts.SyntaxKind.EqualsToken) {
			value = node.right;
			if (ts.isIdentifier(node.left)) {
				target = this.#variableConstructions;
				name = node.left.text;
			} else if (ts.isPropertyAccessExpression(node.left) && node.left.expression.kind === ts.SyntaxKind.ThisKeyword) {
				target = this.#fieldConstructions;
				name = node.left.name.text;
			}
		} else if (ts.isPropertyDeclaration(node) && ts.isIdentifier(node.name) && node.initializer) {
			target = this.#fieldConstructions;
			name = node.name.text;
			value = node.initializer;
		}
		const construction = value && skipOuterExpressions(value);
		if (target && name !== undefined && construction && ts.isNewExpression(construction) && !target.has(name)) {
			target.set(name, construction);
		}
	}
}

function isRequireOf(node: ts.Expression, modules: ReadonlySet<string>): boolean {
	const call = skipOuterExpressions(node);
	return ts.isCallExpression(call) && isIdentifierNamed(call.expression, 'require') && call.arguments.length === 1 &&
		ts.isStringLiteral(call.arguments[0]) && modules.has(call.arguments[0].text);
}
