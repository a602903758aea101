import ts from 'typescript';
import { calleeName as calleeNameOf, findBinding, functionName, isFunctionLike, skipOuterExpressions } from '../ast';
import { words } from '../names';
import { namesCloseCodeValue } from '../sinks';
import { enclosingFunction } from './scopes';

/**
 * Close listeners: how a function relates to the close path of a connection (registered for the close event, `ws`'s
 * `(code, reason)` signature), and the shapes that show it (a `once('close')`, a listener wrapped by a test spy, a
 * guard that narrows an error to a close event).
 */

/** How a function relates to the close path of a connection. */
export interface CloseHandlerInfo {
	/** `.on('close', (code, reason) => …)` from `ws`: the first parameter is the code itself. */
	readonly firstParamIsCode: boolean;
	/**
	 * Registered for the close event (`on('close')`, `onclose =`, `addEventListener('close')`), so its arguments are
	 * what the peer sent — as opposed to a function that is only *named* like a close handler (`closeWith(code)`).
	 */
	readonly registered: boolean;
	/** Where the received code stands when it is not first: 1 in a Durable Object's `webSocketClose(ws, code, reason, wasClean)`. */
	readonly codeParameter?: number;
}

export const equalityOperators = new Set([
	ts.SyntaxKind.EqualsEqualsEqualsToken, ts.SyntaxKind.ExclamationEqualsEqualsToken, ts.SyntaxKind.EqualsEqualsToken, ts.SyntaxKind.ExclamationEqualsToken,
]);

/** `isCloseEvent(x)`, `isWebSocketCloseEvent(x)`: a type guard that says its argument is a close event. */
export function isCloseEventGuard(node: ts.Node, name: string): boolean {
	if (!ts.isCallExpression(node) || node.arguments.length !== 1) {
		return false;
	}
	const callee = calleeNameOf(node.expression);
	const list = callee === undefined ? [] : words(callee);
	const argument = skipOuterExpressions(node.arguments[0]);
	return list[0] === 'is' && list.includes('close') && list[list.length - 1] === 'event' && ts.isIdentifier(argument) && argument.text === name;
}

/**
 * Is `identifier` used where a close-event guard has narrowed it: `if (isCloseEvent(err)) { err.code … }`,
 * `isCloseEvent(e) && e.code === 4001`? Stops at the enclosing function (a guard outside says nothing about a callback).
 */
export function narrowedToCloseEvent(identifier: ts.Identifier): boolean {
	return narrowedBy(identifier, (node) => isCloseEventGuard(node, identifier.text));
}

/**
 * Does a condition that `test` accepts hold where `identifier` stands: it is inside the `then` of an `if`, the right of
 * `&&` or the true branch of `?:` on that condition (or on an `&&` chain with it). `other` adds checks on the way up
 * (each ancestor and the child it was reached from). Stops at the enclosing function.
 */
function narrowedBy(identifier: ts.Identifier, test: (condition: ts.Expression) => boolean, other?: (node: ts.Node, child: ts.Node) => boolean): boolean {
	const guards = (condition: ts.Expression): boolean => {
		const node = skipOuterExpressions(condition);
		if (ts.isBinaryExpression(node) && node.operatorToken.kind === ts.SyntaxKind.AmpersandAmpersandToken) {
			return guards(node.left) || guards(node.right);
		}
		return test(node);
	};
	let child: ts.Node = identifier;
	for (let node = identifier.parent; node && !isFunctionLike(node) && !ts.isSourceFile(node); child = node, node = node.parent) {
		if (ts.isIfStatement(node) && node.thenStatement === child && guards(node.expression)) {
			return true;
		}
		if (ts.isBinaryExpression(node) && node.operatorToken.kind === ts.SyntaxKind.AmpersandAmpersandToken && node.right === child && guards(node.left)) {
			return true;
		}
		if (ts.isConditionalExpression(node) && node.whenTrue === child && guards(node.condition)) {
			return true;
		}
		if (other?.(node, child)) {
			return true;
		}
	}
	return false;
}

/** Properties that tell the kind of a message or event: `type`, `event`, `op`, `kind`, `t`, `action`, `name`. */
const discriminants = /^(?:type|event|eventType|eventName|op|kind|t|action|name|status)$/;

/** A discriminant value that names a close: `'close'`, `'closed'`, `'WebSocketClosedEvent'`, `'connection_closed'`, `'ws:close'`. */
function saysCloseKind(text: string): boolean {
	const list = words(text);
	const last = list[list.length - 1] === 'event' || list[list.length - 1] === 'frame' ? list.length - 2 : list.length - 1;
	// The kind is the close itself (`close_room`, `closeModal` close something else).
	return list[last] === 'close' || list[last] === 'closed';
}

/** `name.type === 'close'` (or `!==` when `negated`): the discriminant of `name` compared with a kind that names a close. */
function isCloseDiscriminantTest(node: ts.Expression, name: string, negated: boolean): boolean {
	const test = skipOuterExpressions(node);
	if (!ts.isBinaryExpression(test)) {
		return false;
	}
	const operator = test.operatorToken.kind;
	const equal = operator === ts.SyntaxKind.EqualsEqualsEqualsToken || operator === ts.SyntaxKind.EqualsEqualsToken;
	const unequal = operator === ts.SyntaxKind.ExclamationEqualsEqualsToken || operator === ts.SyntaxKind.ExclamationEqualsToken;
	if (negated ? !unequal : !equal) {
		return false;
	}
	const [left, right] = [skipOuterExpressions(test.left), skipOuterExpressions(test.right)];
	return (isDiscriminantOf(left, name) && saysCloseKind(kindText(right))) || (isDiscriminantOf(right, name) && saysCloseKind(kindText(left)));
}

/** The kind a discriminant is compared with: `'close'`, or the member of an enum of kinds (`MessageType.Close`, `Signal.CLOSED`). */
function kindText(node: ts.Expression): string {
	const kind = skipOuterExpressions(node);
	return ts.isStringLiteralLike(kind) ? kind.text : ts.isPropertyAccessExpression(kind) && ts.isIdentifier(kind.expression) ? kind.name.text : '';
}

function isDiscriminantOf(access: ts.Expression, name: string): boolean {
	return ts.isPropertyAccessExpression(access) && discriminants.test(access.name.text) && ts.isIdentifier(skipOuterExpressions(access.expression)) &&
		(skipOuterExpressions(access.expression) as ts.Identifier).text === name;
}

/**
 * Is `identifier` a message narrowed to a close by its discriminant: `if (msg.type === 'close') { msg.code … }`,
 * `case 'WebSocketClosedEvent': payload.code …` in `switch (payload.type)`, `if (data.event !== 'closed') return;` before
 * it. Its `code` is then the close code the message reports. Stops at the enclosing function.
 */
export function narrowedByCloseDiscriminant(identifier: ts.Identifier): boolean {
	const name = identifier.text;
	return narrowedBy(identifier, (node) => isCloseDiscriminantTest(node, name, false), (node, child) => {
		if (ts.isCaseClause(node) && node.statements.includes(child as ts.Statement) && saysCloseKind(kindText(node.expression)) &&
			isDiscriminantOf(skipOuterExpressions(node.parent.parent.expression), name)) {
			return true;
		}
		// `if (msg.type !== 'close') return;` earlier in the same block.
		if (ts.isBlock(node) || ts.isCaseClause(node)) {
			const statements = node.statements;
			return statements.slice(0, statements.indexOf(child as ts.Statement)).some((statement) => ts.isIfStatement(statement) &&
				!statement.elseStatement && exits(statement.thenStatement) && isCloseDiscriminantTest(statement.expression, name, true));
		}
		return false;
	});
}

/** `return;`, `throw …`, `continue`, `break`, or a block ending with one. */
function exits(statement: ts.Statement): boolean {
	const last = ts.isBlock(statement) ? statement.statements[statement.statements.length - 1] : statement;
	return last !== undefined && (ts.isReturnStatement(last) || ts.isThrowStatement(last) || ts.isContinueStatement(last) || ts.isBreakStatement(last));
}

/** Object properties that can carry a close code: `code`, `closeCode`, `statusCode`… (see `codeProperty`). */
export function isCodeProperty(name: string | undefined): boolean {
	return name !== undefined && (name === 'code' || namesCloseCodeValue(name));
}

/** `reason`, `closeReason`: the parameter that comes with a close code (a `message` comes with error codes too). */
export function isReasonParameter(name: string | undefined): boolean {
	if (name === undefined) {
		return false;
	}
	const list = words(name);
	return list[list.length - 1] === 'reason';
}

/** `fn-start:ev` for `ev` inside a function: close-event fields read or written on the same object in one function. */
export function closeEventKey(object: ts.Expression): string | undefined {
	const inner = skipOuterExpressions(object);
	const name = ts.isIdentifier(inner) ? inner.text : inner.kind === ts.SyntaxKind.ThisKeyword ? 'this' : undefined;
	if (name === undefined) {
		return undefined;
	}
	const fn = enclosingFunction(inner);
	return `${fn ? fn.pos : -1}:${name}`;
}

/** A function that receives errors: `.catch((e) => …)`, `.on('error', (e) => …)`, `onerror = (e) => …`. */
export function handlesErrors(fn: ts.Node): boolean {
	let node: ts.Node = fn;
	while (ts.isParenthesizedExpression(node.parent)) {
		node = node.parent;
	}
	const parent = node.parent;
	if (ts.isCallExpression(parent) && parent.arguments.includes(node as ts.Expression)) {
		const name = calleeNameOf(parent.expression);
		const first = parent.arguments[0];
		return name === 'catch' || (ts.isStringLiteralLike(first) && /^error$/i.test(first.text));
	}
	if (ts.isBinaryExpression(parent) && parent.right === node && ts.isPropertyAccessExpression(parent.left)) {
		return /^on_?error$/i.test(parent.left.name.text);
	}
	const name = functionName(fn);
	return name !== undefined && words(name).includes('error');
}

/** `await once(ws, 'close')`, `events.once(socket, 'close')`. */
/**
 * `socket.listener('close')`, `client.listener('disconnect')`: the stream of a connection's close events in the
 * async-iterator style (StreamDemux, as SocketCluster's clients and servers use it), read with `for await` or `.once()`.
 * SocketCluster also reports a close as `closure` (server) and a close before the handshake as `connectAbort`.
 */
export function isCloseEventStream(node: ts.Expression): boolean {
	const call = skipOuterExpressions(node);
	const [event] = ts.isCallExpression(call) ? call.arguments : [];
	return ts.isCallExpression(call) && calleeNameOf(call.expression) === 'listener' && call.arguments.length === 1 && ts.isStringLiteralLike(event) &&
		/^(?:close|closed|closure|disconnect|disconnected|connectAbort)$/.test(event.text);
}

export function isOnceClose(node: ts.Expression): boolean {
	let value = skipOuterExpressions(node);
	if (ts.isAwaitExpression(value)) {
		value = skipOuterExpressions(value.expression);
	}
	if (!ts.isCallExpression(value) || calleeNameOf(value.expression) !== 'once' || value.arguments.length < 2) {
		return false;
	}
	const event = value.arguments[1];
	return ts.isStringLiteralLike(event) && /^(?:close|closed|disconnect|disconnected)$/.test(event.text);
}

/**
 * The function a listener expression stands for: the function itself, or the one a wrapper is handed — test code
 * registers `sinon.spy(fn)`, `jest.fn(fn)`, `vi.fn(fn)` or a `wrap(fn, done)` of its own, and `fn` is what runs.
 */
export function unwrappedListener(listener: ts.Expression): ts.Node | undefined {
	const value = skipOuterExpressions(listener);
	if (isFunctionLike(value)) {
		return value;
	}
	if (ts.isCallExpression(value)) {
		const functions = value.arguments.filter((argument) => isFunctionLike(skipOuterExpressions(argument)));
		return functions.length === 1 ? skipOuterExpressions(functions[0]) : undefined;
	}
	return undefined;
}

/**
 * The method a listener is when it is one of the class's own: `this.onClose.bind(this)`, `this.#handleClose`,
 * `this.handle.bind(this, extra)` is not (its arguments shift). Minified names (one or two letters) are no name to go by.
 */
export function boundMethodName(listener: ts.Expression): string | undefined {
	let value = skipOuterExpressions(listener);
	if (ts.isCallExpression(value) && value.arguments.length <= 1 && ts.isPropertyAccessExpression(value.expression) && value.expression.name.text === 'bind') {
		value = skipOuterExpressions(value.expression.expression);
	}
	if (!ts.isPropertyAccessExpression(value) || value.expression.kind !== ts.SyntaxKind.ThisKeyword) {
		return undefined;
	}
	const name = value.name.text;
	return name.replace(/^#/, '').length > 2 ? name : undefined;
}

/**
 * `new Promise((resolve) => …)`, awaited or not: the executor and the name of its `resolve` parameter. Tests wait for a
 * close this way, and what the promise resolves with (the code, the event, a `{ code, reason }` object) is the close.
 */
export function promiseExecutor(expression: ts.Expression): { readonly executor: ts.ArrowFunction | ts.FunctionExpression; readonly resolve: ts.Identifier } | undefined {
	let promise = skipOuterExpressions(expression);
	if (ts.isAwaitExpression(promise)) {
		promise = skipOuterExpressions(promise.expression);
	}
	// `const closed = new Promise(…); … await closed`
	const declaration = ts.isIdentifier(promise) ? findBinding(promise)?.parent : undefined;
	if (declaration && ts.isVariableDeclaration(declaration) && declaration.initializer && (declaration.parent.flags & ts.NodeFlags.Const) !== 0) {
		promise = skipOuterExpressions(declaration.initializer);
	}
	if (!ts.isNewExpression(promise) || !ts.isIdentifier(promise.expression) || promise.expression.text !== 'Promise' || !promise.arguments?.[0]) {
		return undefined;
	}
	const executor = skipOuterExpressions(promise.arguments[0]);
	const resolve = (ts.isArrowFunction(executor) || ts.isFunctionExpression(executor)) ? executor.parameters[0]?.name : undefined;
	return resolve && ts.isIdentifier(resolve) && (ts.isArrowFunction(executor) || ts.isFunctionExpression(executor)) ? { executor, resolve } : undefined;
}

/** What an executor passes to `resolve(…)`, in order: `resolve({ code, reason })`, `r([c, why])`. */
export function resolvedValues(executor: ts.ArrowFunction | ts.FunctionExpression, resolve: ts.Identifier): ts.Expression[] {
	const values: ts.Expression[] = [];
	const visit = (node: ts.Node): void => {
		if (ts.isCallExpression(node) && ts.isIdentifier(node.expression) && node.expression.text === resolve.text && node.arguments.length > 0) {
			values.push(skipOuterExpressions(node.arguments[0]));
		}
		ts.forEachChild(node, visit);
	};
	visit(executor.body);
	return values;
}

/**
 * Does this executor hand `resolve` to the close event itself — `ws.addEventListener('close', resolve)`, `ws.onclose =
 * resolve` — so that the promise resolves with a close event? (Node's `ws.once('close', resolve)` resolves with the
 * code instead.) The other way to resolve with a close, `resolve({ code, reason })` in a listener, needs the file's
 * facts: see `FileContext`.
 */
export function resolvesWithCloseEventObject(executor: ts.ArrowFunction | ts.FunctionExpression, resolve: ts.Identifier): boolean {
	let found = false;
	const visit = (node: ts.Node): void => {
		found ||= handsResolveToClose(node, resolve);
		if (!found) {
			ts.forEachChild(node, visit);
		}
	};
	visit(executor.body);
	return found;
}

function handsResolveToClose(node: ts.Node, resolve: ts.Identifier): boolean {
	if (ts.isCallExpression(node) && ts.isPropertyAccessExpression(node.expression) && node.expression.name.text === 'addEventListener') {
		const [event, listener] = node.arguments;
		return event !== undefined && ts.isStringLiteralLike(event) && event.text === 'close' && listener !== undefined &&
			ts.isIdentifier(skipOuterExpressions(listener)) && (skipOuterExpressions(listener) as ts.Identifier).text === resolve.text;
	}
	if (ts.isBinaryExpression(node) && node.operatorToken.kind === ts.SyntaxKind.EqualsToken && ts.isPropertyAccessExpression(node.left) &&
		/^on_?close$/i.test(node.left.name.text)) {
		const listener = skipOuterExpressions(node.right);
		return ts.isIdentifier(listener) && listener.text === resolve.text;
	}
	return false;
}
