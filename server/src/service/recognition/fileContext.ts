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
}

export class FileContext {
	readonly isWebSocketFile: boolean;
	readonly #declarations = new Map<string, Declaration[]>();
	readonly #closeHandlers = new Map<ts.Node, CloseHandlerInfo>();

	constructor(readonly sourceFile: ts.SourceFile) {
		let webSocket = false;
		const visit = (node: ts.Node): void => {
			if (!webSocket && this.#saysWebSocket(node)) {
				webSocket = true;
			}
			this.#collectDeclaration(node);
			this.#collectCloseHandler(node);
			ts.forEachChild(node, visit);
		};
		visit(sourceFile);
		this.isWebSocketFile = webSocket;
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

	// ---- close handlers -----------------------------------------------------------------------------------

	#collectCloseHandler(node: ts.Node): void {
		// ws.on('close', fn) / ws.once('close', fn) / socket.addEventListener('close', fn)
		if (ts.isCallExpression(node) && ts.isPropertyAccessExpression(node.expression) && node.arguments.length >= 2) {
			const method = node.expression.name.text;
			const [event, listener] = node.arguments;
			if (/^(?:on|once|addListener|prependListener|prependOnceListener|addEventListener)$/.test(method) &&
				ts.isStringLiteralLike(event) && (event.text === 'close' || event.text === 'disconnect') && isFunctionLike(listener)) {
				this.#closeHandlers.set(listener, { firstParamIsCode: method !== 'addEventListener' });
			}
			return;
		}
		// socket.onclose = fn
		if (ts.isBinaryExpression(node) && node.operatorToken.kind === ts.SyntaxKind.EqualsToken && ts.isPropertyAccessExpression(node.left) &&
			/^on_?close$/i.test(node.left.name.text) && isFunctionLike(node.right)) {
			this.#closeHandlers.set(node.right, { firstParamIsCode: false });
			return;
		}
		// Functions and methods whose names say they handle the end of a connection: onClose, handleClose, close(ws, code, reason)
		const name = functionName(node);
		if (name !== undefined && isFunctionLike(node) && (saysClosing(name) || /^on_?close$/i.test(name))) {
			this.#closeHandlers.set(node, { firstParamIsCode: false });
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
