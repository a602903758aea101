import ts from 'typescript';
import { isCodeName, isEventName, saysCloseCode, saysClosing } from './names';

/**
 * What the rules need to know about the file as a whole: is it about WebSockets at all, which names are
 * declared with numeric values, and which functions are close handlers. Built once per analysis.
 */

/** Module specifiers that make a file WebSocket code. */
const webSocketModules = /(?:^|[/@-])(?:ws|websockets?|isomorphic-ws|graphql-ws|partysocket|uwebsockets\.js|socket\.io[\w-]*|engine\.io[\w-]*|sockjs[\w-]*|undici)(?:$|[/-])/i;

/** Global or imported names that make a file WebSocket code. */
const webSocketGlobals = new Set([
	'WebSocket', 'WebSocketServer', 'CloseEvent', 'WebSocketStream', 'WebSocketPair', 'ServerWebSocket', 'upgradeWebSocket',
	'WebSocketError', 'ReconnectingWebSocket', 'IsomorphicWebSocket',
]);

/** A name bound to a numeric value (or a list of them) somewhere in the file. */
export interface Declaration {
	/** `GOING_AWAY`, or `CloseCode.GoingAway` for a member of an enum or constant object. */
	readonly key: string;
	/** The member or variable name alone (`GoingAway`). */
	readonly name: string;
	/** The enum or object name for members, undefined for plain variables. */
	readonly container: string | undefined;
	/** Numeric literals that give the declaration its value(s). */
	readonly literals: readonly ts.NumericLiteral[];
	/** True for arrays and sets (`const RETRY = [1001, 1006]`). */
	readonly isList: boolean;
	/** The block or file the declaration is visible in, for resolving shadowed names. */
	readonly scope: ts.Node;
}

/** How a function relates to the close path of a connection. */
export interface CloseHandlerInfo {
	/** `.on('close', (code, reason) => …)` from `ws`: the first parameter is the code itself. */
	readonly firstParamIsCode: boolean;
	/**
	 * Registered for the close event (`on('close')`, `onclose =`, `addEventListener('close')`), so its arguments are
	 * what the peer sent — as opposed to a function that is only *named* like a close handler (`closeWith(code)`).
	 */
	readonly registered: boolean;
}

/**
 * Whose rules a `close()` call follows. `whatwg`: browsers, Node 22+'s global WebSocket, Deno clients (1000 and
 * 3000–4999 only). `ws`: the npm package (1000–1014 except 1004–1006, and 3000–4999). `server`: a runtime's
 * server-side socket that accepts any code (Deno's upgradeWebSocket, Bun, Cloudflare, uWebSockets.js).
 * `unknown`: the file does not tell; the `websocketCloseCodes.environment` setting decides.
 */
export type CloseApi = 'whatwg' | 'ws' | 'server' | 'unknown';

/** Packages whose `WebSocket` follows the `ws` rules. */
const wsPackages = new Set(['ws', 'isomorphic-ws']);

export class FileContext {
	readonly isWebSocketFile: boolean;
	readonly #declarations = new Map<string, Declaration[]>();
	readonly #closeHandlers = new Map<ts.Node, CloseHandlerInfo>();
	/** Local names bound to the `ws` package's WebSocket class (`import WebSocket from 'ws'`, `require('ws')`…). */
	readonly #wsClassNames = new Set<string>();
	/** Local names bound to a whole `ws` module (`import * as WS from 'ws'` → `new WS.WebSocket()`). */
	readonly #wsModuleNames = new Set<string>();
	/** The file runs on a server runtime whose sockets accept any code (Deno.upgradeWebSocket, Bun.serve…). */
	#serverRuntime = false;
	/** The file constructs the global WebSocket (`new WebSocket(url)` with no import of that name). */
	#constructsGlobalWebSocket = false;

	constructor(readonly sourceFile: ts.SourceFile) {
		let webSocket = false;
		const visit = (node: ts.Node): void => {
			if (!webSocket && this.#saysWebSocket(node)) {
				webSocket = true;
			}
			this.#collectDeclaration(node);
			this.#collectCloseHandler(node);
			this.#collectApiFacts(node);
			ts.forEachChild(node, visit);
		};
		visit(sourceFile);
		this.isWebSocketFile = webSocket;
		this.#constructsGlobalWebSocket &&= !this.#wsClassNames.has('WebSocket');
	}

	#saysWebSocket(node: ts.Node): boolean {
		if (ts.isStringLiteralLike(node) && webSocketModules.test(node.text)) {
			const parent = node.parent;
			return ts.isImportDeclaration(parent) || ts.isExportDeclaration(parent) || ts.isExternalModuleReference(parent) ||
				(ts.isCallExpression(parent) && (isIdentifierNamed(parent.expression, 'require') || parent.expression.kind === ts.SyntaxKind.ImportKeyword));
		}
		return ts.isIdentifier(node) && webSocketGlobals.has(node.text);
	}

	// ---- declarations -------------------------------------------------------------------------------------

	#addDeclaration(declaration: Declaration): void {
		const list = this.#declarations.get(declaration.key);
		if (list) {
			list.push(declaration);
		} else {
			this.#declarations.set(declaration.key, [declaration]);
		}
	}

	#collectDeclaration(node: ts.Node): void {
		// const GOING_AWAY = 1001; let codes = [1000, 1001]; const CloseCode = { Normal: 1000 } as const;
		if (ts.isVariableDeclaration(node) && ts.isIdentifier(node.name) && node.initializer) {
			const name = node.name.text;
			const scope = scopeOf(node);
			const value = numericValues(node.initializer);
			if (value) {
				this.#addDeclaration({ key: name, name, container: undefined, literals: value.literals, isList: value.isList, scope });
			}
			const object = unwrapFreeze(skipOuterExpressions(node.initializer));
			if (ts.isObjectLiteralExpression(object)) {
				for (const property of object.properties) {
					const propertyName = property.name && propertyNameText(property.name);
					if (ts.isPropertyAssignment(property) && propertyName !== undefined) {
						const member = numericValues(property.initializer);
						if (member) {
							this.#addDeclaration({ key: `${name}.${propertyName}`, name: propertyName, container: name, literals: member.literals, isList: member.isList, scope });
						}
					}
				}
			}
			return;
		}
		// enum CloseCode { GoingAway = 1001 } (also `declare enum` and `const enum`)
		if (ts.isEnumMember(node) && node.initializer) {
			const name = propertyNameText(node.name);
			const value = numericValues(node.initializer);
			if (name !== undefined && value && !value.isList) {
				const container = node.parent.name.text;
				this.#addDeclaration({ key: `${container}.${name}`, name, container, literals: value.literals, isList: false, scope: scopeOf(node.parent) });
			}
			return;
		}
		// Compiled enums: E[E["GoingAway"] = 1001] = "GoingAway"
		if (ts.isBinaryExpression(node) && node.operatorToken.kind === ts.SyntaxKind.EqualsToken && ts.isElementAccessExpression(node.left) &&
			ts.isIdentifier(node.left.expression) && ts.isStringLiteral(node.left.argumentExpression) && ts.isNumericLiteral(skipOuterExpressions(node.right))) {
			const container = node.left.expression.text;
			const name = node.left.argumentExpression.text;
			const literal = skipOuterExpressions(node.right) as ts.NumericLiteral;
			this.#addDeclaration({ key: `${container}.${name}`, name, container, literals: [literal], isList: false, scope: scopeOf(node) });
		}
	}

	/** All declarations, for the rules that decide from names alone. */
	*declarations(): Iterable<Declaration> {
		for (const list of this.#declarations.values()) {
			yield* list;
		}
	}

	/**
	 * The declaration an expression refers to: `GOING_AWAY`, `CloseCode.GoingAway`, `codes.GOING_AWAY`.
	 * Shadowing is handled the simple way: the innermost declaring scope that contains the reference wins.
	 */
	resolve(expression: ts.Expression): Declaration | undefined {
		const node = skipOuterExpressions(expression);
		let key: string | undefined;
		if (ts.isIdentifier(node)) {
			key = node.text;
		} else if (ts.isPropertyAccessExpression(node) && ts.isIdentifier(node.expression)) {
			key = `${node.expression.text}.${node.name.text}`;
		} else if (ts.isElementAccessExpression(node) && ts.isIdentifier(node.expression) && ts.isStringLiteral(node.argumentExpression)) {
			key = `${node.expression.text}.${node.argumentExpression.text}`;
		}
		const candidates = key === undefined ? undefined : this.#declarations.get(key);
		if (!candidates) {
			return undefined;
		}
		let best: Declaration | undefined;
		for (const candidate of candidates) {
			if (contains(candidate.scope, node) && (!best || contains(best.scope, candidate.scope))) {
				best = candidate;
			}
		}
		return best;
	}

	// ---- which API a socket follows ---------------------------------------------------------------------

	#collectApiFacts(node: ts.Node): void {
		// import WebSocket from 'ws'; import { WebSocket as WS } from 'ws'; import * as ws from 'ws'
		if (ts.isImportDeclaration(node) && ts.isStringLiteral(node.moduleSpecifier) && wsPackages.has(node.moduleSpecifier.text)) {
			const clause = node.importClause;
			if (clause?.name) {
				this.#wsClassNames.add(clause.name.text);
			}
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
				this.#serverRuntime = true;
			}
			return;
		}
		if (ts.isIdentifier(node) && (node.text === 'WebSocketPair' || node.text === 'uWS')) {
			this.#serverRuntime = true;
			return;
		}
		if (ts.isNewExpression(node) && ts.isIdentifier(node.expression) && node.expression.text === 'WebSocket') {
			this.#constructsGlobalWebSocket = true;
		}
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
					return 'whatwg';
				}
			}
			if (ts.isPropertyAccessExpression(constructor) && ts.isIdentifier(constructor.expression) &&
				this.#wsModuleNames.has(constructor.expression.text)) {
				return 'ws';
			}
		}
		if (this.#serverRuntime) {
			return 'server';
		}
		const importsWs = this.#wsClassNames.size > 0 || this.#wsModuleNames.size > 0;
		if (importsWs && !this.#constructsGlobalWebSocket) {
			return 'ws';
		}
		if (this.#constructsGlobalWebSocket && !importsWs) {
			return 'whatwg';
		}
		return 'unknown';
	}

	/** The expression a socket variable or field was created with: `const ws = new WebSocket(url)`, `this.ws = …`. */
	#creationOf(receiver: ts.Expression): ts.Expression | undefined {
		const node = skipOuterExpressions(receiver);
		if (ts.isIdentifier(node)) {
			const declaration = findBinding(node)?.parent;
			if (declaration && ts.isVariableDeclaration(declaration) && declaration.initializer) {
				return skipOuterExpressions(declaration.initializer);
			}
			return this.#constructionAssignedTo(node.text, false);
		}
		if (ts.isPropertyAccessExpression(node) && node.expression.kind === ts.SyntaxKind.ThisKeyword) {
			return this.#constructionAssignedTo(node.name.text, true);
		}
		return undefined;
	}

	/** The first `new …` assigned anywhere in the file to `name` (or to `this.name`, or a field initialiser). */
	#constructionAssignedTo(name: string, isField: boolean): ts.Expression | undefined {
		const targets = (node: ts.Expression): boolean => isField
			? ts.isPropertyAccessExpression(node) && node.expression.kind === ts.SyntaxKind.ThisKeyword && node.name.text === name
			: ts.isIdentifier(node) && node.text === name;
		let found: ts.Expression | undefined;
		const visit = (node: ts.Node): void => {
			if (found) {
				return;
			}
			const value = ts.isBinaryExpression(node) && node.operatorToken.kind === ts.SyntaxKind.EqualsToken && targets(node.left) ? node.right
				: isField && ts.isPropertyDeclaration(node) && ts.isIdentifier(node.name) && node.name.text === name ? node.initializer
				: undefined;
			if (value && ts.isNewExpression(skipOuterExpressions(value))) {
				found = skipOuterExpressions(value);
				return;
			}
			ts.forEachChild(node, visit);
		};
		visit(this.sourceFile);
		return found;
	}

	// ---- close handlers -----------------------------------------------------------------------------------

	#collectCloseHandler(node: ts.Node): void {
		// ws.on('close', fn) / ws.once('close', fn) / socket.addEventListener('close', fn)
		if (ts.isCallExpression(node) && ts.isPropertyAccessExpression(node.expression) && node.arguments.length >= 2) {
			const method = node.expression.name.text;
			const [event, listener] = node.arguments;
			if (/^(?:on|once|addListener|prependListener|prependOnceListener|addEventListener)$/.test(method) &&
				ts.isStringLiteralLike(event) && (event.text === 'close' || event.text === 'disconnect') && isFunctionLike(listener)) {
				this.#closeHandlers.set(listener, { firstParamIsCode: method !== 'addEventListener', registered: true });
			}
			return;
		}
		// socket.onclose = fn
		if (ts.isBinaryExpression(node) && node.operatorToken.kind === ts.SyntaxKind.EqualsToken && ts.isPropertyAccessExpression(node.left) &&
			/^on_?close$/i.test(node.left.name.text) && isFunctionLike(node.right)) {
			this.#closeHandlers.set(node.right, { firstParamIsCode: false, registered: true });
			return;
		}
		// Functions and methods whose names say they handle the end of a connection: onClose, handleClose, close(ws, code, reason)
		const name = functionName(node);
		if (name !== undefined && isFunctionLike(node) && (saysClosing(name) || /^on_?close$/i.test(name))) {
			this.#closeHandlers.set(node, { firstParamIsCode: false, registered: false });
		}
	}

	closeHandler(fn: ts.Node): CloseHandlerInfo | undefined {
		return this.#closeHandlers.get(fn);
	}

	// ---- what holds a close code ------------------------------------------------------------------------

	/**
	 * Does this expression hold a close code at run time? `event.code` in a close handler, the `code` parameter of
	 * a `ws` close listener, `closeEvent.code`, `this.closeCode`, `const { code } = event`…
	 * The answer is the evidence strength: 'certain', 'likely', or undefined.
	 */
	holdsCloseCode(expression: ts.Expression): 'certain' | 'likely' | undefined {
		const node = skipOuterExpressions(expression);
		if (ts.isPropertyAccessExpression(node)) {
			const property = node.name.text;
			if (property === 'code') {
				return this.#isCloseEventObject(node.expression);
			}
			if (saysCloseCode(property) && !/reason/i.test(property)) {
				return this.isWebSocketFile ? 'certain' : 'likely';
			}
			return undefined;
		}
		if (ts.isIdentifier(node)) {
			if (saysCloseCode(node.text) && !/reason|event/i.test(node.text)) {
				return this.isWebSocketFile ? 'certain' : 'likely';
			}
			if (isCodeName(node.text)) {
				return this.#codeBindingStrength(node);
			}
		}
		return undefined;
	}

	/**
	 * Is this the code the peer sent, as opposed to one this program chose? `event.code` in a registered close
	 * listener, the code parameter of a `ws` close listener, `closeEvent.code`, and variables copied from them.
	 * Forwarding such a value into `close()` breaks when it is 1005, 1006 or 1015.
	 */
	isReceivedCloseCode(expression: ts.Expression): boolean {
		const node = skipOuterExpressions(expression);
		if (ts.isPropertyAccessExpression(node) && node.name.text === 'code') {
			return this.#isReceivedEventObject(node.expression);
		}
		if (!ts.isIdentifier(node)) {
			return false;
		}
		const binding = findBinding(node);
		const declaration = binding?.parent;
		if (!declaration) {
			return false;
		}
		if (ts.isParameter(declaration)) {
			const handler = this.closeHandler(declaration.parent);
			return handler !== undefined && handler.registered && handler.firstParamIsCode && declaration.parent.parameters.indexOf(declaration) === 0;
		}
		if (ts.isBindingElement(declaration) && binding.text === 'code') {
			const owner = declaration.parent.parent;
			if (ts.isParameter(owner)) {
				return this.closeHandler(owner.parent)?.registered === true;
			}
			return ts.isVariableDeclaration(owner) && owner.initializer !== undefined && this.#isReceivedEventObject(owner.initializer);
		}
		return ts.isVariableDeclaration(declaration) && declaration.initializer !== undefined && this.isReceivedCloseCode(declaration.initializer);
	}

	#isReceivedEventObject(object: ts.Expression): boolean {
		const node = skipOuterExpressions(object);
		if (!ts.isIdentifier(node)) {
			return ts.isPropertyAccessExpression(node) && /close_?event$/i.test(node.name.text);
		}
		const declaration = findBinding(node)?.parent;
		if (declaration && ts.isParameter(declaration)) {
			return this.closeHandler(declaration.parent)?.registered === true ||
				(declaration.type !== undefined && /\bCloseEvent\b/.test(declaration.type.getText(this.sourceFile)));
		}
		return /close_?event$/i.test(node.text);
	}

	/** Is `object` (in `object.code`) a close event? */
	#isCloseEventObject(object: ts.Expression): 'certain' | 'likely' | undefined {
		const node = skipOuterExpressions(object);
		const name = ts.isIdentifier(node) ? node.text : ts.isPropertyAccessExpression(node) ? node.name.text : undefined;
		if (name === undefined) {
			return undefined;
		}
		if (ts.isIdentifier(node)) {
			const binding = findBinding(node);
			if (binding && ts.isParameter(binding.parent)) {
				const parameter = binding.parent;
				if (parameter.type && /CloseEvent/.test(parameter.type.getText(this.sourceFile))) {
					return 'certain';
				}
				if (this.closeHandler(parameter.parent)) {
					return 'certain';
				}
			}
		}
		if (/close_?event/i.test(name)) {
			return 'certain';
		}
		return isEventName(name) && this.isWebSocketFile ? 'likely' : undefined;
	}

	/** A variable called `code`: where was it bound? */
	#codeBindingStrength(identifier: ts.Identifier): 'certain' | 'likely' | undefined {
		const binding = findBinding(identifier);
		if (!binding) {
			return undefined;
		}
		const declaration = binding.parent;
		// A parameter of a close handler: ws.on('close', (code) => …), close(ws, code, reason) {…}, onClose(code) {…}
		if (ts.isParameter(declaration)) {
			const handler = this.closeHandler(declaration.parent);
			if (handler) {
				const isFirst = declaration.parent.parameters.indexOf(declaration) === 0;
				return handler.firstParamIsCode && isFirst ? 'certain' : (this.isWebSocketFile ? 'certain' : 'likely');
			}
			return undefined;
		}
		// ({ code }) => … in a close handler, or const { code } = event
		if (ts.isBindingElement(declaration)) {
			const pattern = declaration.parent;
			const owner = pattern.parent;
			if (ts.isParameter(owner) && this.closeHandler(owner.parent)) {
				return 'certain';
			}
			if (ts.isVariableDeclaration(owner) && owner.initializer && this.#isCloseEventObject(owner.initializer)) {
				return this.#isCloseEventObject(owner.initializer);
			}
			return undefined;
		}
		// const code = event.code
		if (ts.isVariableDeclaration(declaration) && declaration.initializer) {
			return this.holdsCloseCode(declaration.initializer);
		}
		return undefined;
	}
}

// ---- small AST helpers ------------------------------------------------------------------------------------

/** Parentheses, `as`, `satisfies`, `!` and type assertions do not change what a value is. */
export function skipOuterExpressions(node: ts.Expression): ts.Expression {
	let current = node;
	while (ts.isParenthesizedExpression(current) || ts.isAsExpression(current) || ts.isSatisfiesExpression(current) ||
		ts.isNonNullExpression(current) || ts.isTypeAssertionExpression(current)) {
		current = current.expression;
	}
	return current;
}

export function isIdentifierNamed(node: ts.Node, name: string): boolean {
	return ts.isIdentifier(node) && node.text === name;
}

export function isFunctionLike(node: ts.Node): node is ts.SignatureDeclaration & { parameters: ts.NodeArray<ts.ParameterDeclaration> } {
	return ts.isArrowFunction(node) || ts.isFunctionExpression(node) || ts.isFunctionDeclaration(node) || ts.isMethodDeclaration(node);
}

/** The name a function is known by: its own, the variable or property it is assigned to. */
export function functionName(node: ts.Node): string | undefined {
	if ((ts.isFunctionDeclaration(node) || ts.isMethodDeclaration(node) || ts.isFunctionExpression(node)) && node.name) {
		return propertyNameText(node.name);
	}
	if (ts.isArrowFunction(node) || ts.isFunctionExpression(node)) {
		const parent = node.parent;
		if ((ts.isVariableDeclaration(parent) || ts.isPropertyAssignment(parent) || ts.isPropertyDeclaration(parent)) && parent.name) {
			return propertyNameText(parent.name);
		}
	}
	return undefined;
}

export function propertyNameText(name: ts.PropertyName | ts.BindingName): string | undefined {
	if (ts.isIdentifier(name) || ts.isStringLiteral(name) || ts.isNumericLiteral(name) || ts.isPrivateIdentifier(name)) {
		return name.text;
	}
	return undefined;
}

function scopeOf(node: ts.Node): ts.Node {
	let current = node.parent;
	while (current && !ts.isBlock(current) && !ts.isSourceFile(current) && !ts.isModuleBlock(current) && !ts.isCaseBlock(current) &&
		!isFunctionLike(current)) {
		current = current.parent;
	}
	return current ?? node.getSourceFile();
}

function contains(outer: ts.Node, inner: ts.Node): boolean {
	return outer.pos <= inner.pos && inner.end <= outer.end;
}

function isRequireOf(node: ts.Expression, modules: ReadonlySet<string>): boolean {
	const call = skipOuterExpressions(node);
	return ts.isCallExpression(call) && isIdentifierNamed(call.expression, 'require') && call.arguments.length === 1 &&
		ts.isStringLiteral(call.arguments[0]) && modules.has(call.arguments[0].text);
}

/** `Object.freeze({ … })` is how JavaScript code writes a constant object (an enum without TypeScript). */
function unwrapFreeze(node: ts.Expression): ts.Expression {
	if (ts.isCallExpression(node) && node.arguments.length === 1 && ts.isPropertyAccessExpression(node.expression) &&
		isIdentifierNamed(node.expression.expression, 'Object') && node.expression.name.text === 'freeze') {
		return skipOuterExpressions(node.arguments[0]);
	}
	return node;
}

/** The numeric literal(s) an initializer consists of: `1001`, `[1000, 1001]`, `new Set([1001])`. */
function numericValues(initializer: ts.Expression): { literals: ts.NumericLiteral[]; isList: boolean } | undefined {
	const node = skipOuterExpressions(initializer);
	if (ts.isNumericLiteral(node)) {
		return { literals: [node], isList: false };
	}
	let list: ts.Expression | undefined = node;
	if (ts.isNewExpression(node) && isIdentifierNamed(node.expression, 'Set') && node.arguments?.length === 1) {
		list = skipOuterExpressions(node.arguments[0]);
	}
	if (list && ts.isArrayLiteralExpression(list) && list.elements.length > 0) {
		const literals = list.elements.map(skipOuterExpressions);
		if (literals.every(ts.isNumericLiteral)) {
			return { literals: literals as ts.NumericLiteral[], isList: true };
		}
	}
	return undefined;
}

/**
 * The identifier that declares the variable an identifier refers to, found by walking outwards through the
 * enclosing functions' parameters and the enclosing blocks' variable declarations.
 */
export function findBinding(reference: ts.Identifier): ts.Identifier | undefined {
	const name = reference.text;
	for (let scope: ts.Node | undefined = reference.parent; scope; scope = scope.parent) {
		if (isFunctionLike(scope)) {
			for (const parameter of scope.parameters) {
				const found = findInBindingName(parameter.name, name);
				if (found) {
					return found;
				}
			}
		}
		if (ts.isBlock(scope) || ts.isSourceFile(scope) || ts.isModuleBlock(scope) || ts.isCaseClause(scope) || ts.isDefaultClause(scope)) {
			for (const statement of scope.statements) {
				if (ts.isVariableStatement(statement) && statement.pos < reference.pos) {
					for (const declaration of statement.declarationList.declarations) {
						const found = findInBindingName(declaration.name, name);
						if (found) {
							return found;
						}
					}
				}
			}
		}
	}
	return undefined;
}

function findInBindingName(name: ts.BindingName, wanted: string): ts.Identifier | undefined {
	if (ts.isIdentifier(name)) {
		return name.text === wanted ? name : undefined;
	}
	for (const element of name.elements) {
		if (ts.isBindingElement(element)) {
			const found = findInBindingName(element.name, wanted);
			if (found) {
				return found;
			}
		}
	}
	return undefined;
}
