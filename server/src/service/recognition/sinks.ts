import ts from 'typescript';
import { calleeName, climb, forEachDescendant, isFunctionLike, isIdentifierNamed, isTextExpression, propertyNameText, receiverName, skipOuterExpressions } from './ast';
import { hasContraryWord, hasTimingWord, saysCloseCode, saysClosing, saysClosingHelper, words } from './names';
import { strength, type Confidence, type Evidence, type SinkContext, type SlotRule } from './types';

/**
 * Sinks: the places where a value *becomes* a close code — it is sent in a Close frame, put in a close event, or
 * handed to a helper that does one of those. Each is a slot rule, and the same rules drive the data flow in
 * `FileContext`: a variable or parameter that reaches a sink holds a close code, so the literals assigned to it
 * (`let code = 1005`, `if (code === void 0) code = 1000`) and the arguments passed for it (`this._close(1002, …)`)
 * are close codes too.
 */

/** A name that is a socket as a whole: `ws`, `socket`, `this._ws`, `conn`, `client` — what a certain `close()` is called on. */
const socketName = /(?:^|[^a-z])(?:ws|wss|socket|sock|conn|connection|client|peer|websocket)s?$/i;

/** Last words of names of sockets and their wrappers: `mockWebSocket`, `upstreamSocket`, `wsConnection`, `peer`. */
const socketWords = new Set(['ws', 'wss', 'socket', 'sockets', 'sock', 'conn', 'connection', 'peer', 'websocket']);

/**
 * Is this the name of a socket (or, with `orHandler`, of a connection's handler)? `client` counts alone or with a
 * socket word (`wsClient`), not as `httpClient` or `redisClient`.
 */
/** Things with a `close()` that are no connection to a peer: `db.close(1000)`, `pool.close(1005)`, `file.close(3000)`. */
const otherResources = new Set(['db', 'database', 'pool', 'file', 'fd', 'reader', 'writer', 'cursor', 'dialog', 'modal', 'popup', 'window',
	'browser', 'page', 'tab', 'watcher', 'transaction', 'tx', 'lock', 'readline', 'rl', 'redis', 'knex', 'prisma', 'sequelize', 'mongo']);

function namesOtherResource(name: string | undefined): boolean {
	const list = name === undefined ? [] : words(name);
	return list.length > 0 && otherResources.has(list[list.length - 1]);
}

export function isSocketLikeName(name: string | undefined, orHandler = false): boolean {
	if (name === undefined) {
		return false;
	}
	if (socketName.test(name)) {
		return true;
	}
	const list = words(name);
	const last = list[list.length - 1];
	return list.length > 0 && (socketWords.has(last) || (orHandler && last === 'handler') ||
		(last === 'client' && hasSocketWord(list)));
}

/** A name's words that say WebSocket whatever else it is (`wsClient`, `socketConn`): `client` and `conn` alone do not. */
export const hasSocketWord = (list: readonly string[]): boolean => list.some((word) => word === 'ws' || word === 'socket' || word === 'websocket');

const argumentsOf = (call: ts.Node): ts.NodeArray<ts.Expression> | undefined =>
	ts.isCallExpression(call) || ts.isNewExpression(call) ? call.arguments : undefined;

/**
 * Is this `close(…)` call certainly made on a WebSocket? Only with evidence about the receiver: it is named like a
 * socket, a reason string is passed, or the file shows it is one (its creation, its type, a connection handler's
 * socket). In a WebSocket file, a `close(n)` on anything else is only likely (see `closeArgument`), and diagnostics
 * check certain calls only: `pool.close(1005)` next to a `ws` server is no reserved-code error.
 */
export function isCertainCloseCall(call: ts.CallExpression, context: SinkContext): boolean {
	if (calleeName(call.expression) !== 'close') {
		return false;
	}
	const callee = skipOuterExpressions(call.expression);
	// `this.close(500, 'Heartbeat timeout')` in a class that declares its own `close(code, reason)`: that method takes
	// the code, not a socket, and only a method that sends it on makes this a close on the wire.
	const own = ts.isPropertyAccessExpression(callee) && callee.expression.kind === ts.SyntaxKind.ThisKeyword ? ownCloseMethod(call) : undefined;
	if (own) {
		return sendsCodeOn(own, context);
	}
	const receiver = receiverName(call.expression);
	const reasonGiven = call.arguments.length >= 2 && (ts.isStringLiteralLike(call.arguments[1]) || ts.isTemplateExpression(call.arguments[1]));
	return (receiver !== undefined && socketName.test(receiver)) || reasonGiven ||
		(ts.isPropertyAccessExpression(callee) && context.isWebSocketReceiver(callee.expression));
}

/** The `close` method that `this.close(…)` calls: the one its class (seen through arrow functions) declares. */
function ownCloseMethod(call: ts.CallExpression): ts.FunctionLikeDeclaration | undefined {
	for (let node: ts.Node = call.parent; !ts.isSourceFile(node); node = node.parent) {
		if (ts.isClassLike(node)) {
			for (const member of node.members) {
				const method = ts.isMethodDeclaration(member) ? member
					: ts.isPropertyDeclaration(member) && member.initializer && isFunctionLike(skipOuterExpressions(member.initializer))
						? skipOuterExpressions(member.initializer) as ts.FunctionLikeDeclaration : undefined;
				if (method?.body && member.name && propertyNameText(member.name) === 'close') {
					return method;
				}
			}
			return undefined;
		}
		if (ts.isFunctionDeclaration(node) || ts.isFunctionExpression(node)) {
			return undefined; // `this` is whatever the function is called on
		}
	}
	return undefined;
}

/**
 * Does a class's own `close(code, …)` pass its code to a socket's close — `this.socket.close(code, reason)`,
 * `super.close(code)` — rather than handle a close (tidy up, emit, reconnect) as Lavalink's `close(code, reason)` does?
 */
function sendsCodeOn(method: ts.FunctionLikeDeclaration, context: SinkContext): boolean {
	const parameter = method.parameters[0];
	if (!parameter || !ts.isIdentifier(parameter.name) || !method.body) {
		return false;
	}
	const code = parameter.name.text;
	let sends = false;
	forEachDescendant(method.body, (node) => {
		if (!sends && ts.isCallExpression(node) && calleeName(node.expression) === 'close' && node.arguments.length > 0 &&
			isIdentifierNamed(skipOuterExpressions(node.arguments[0]), code)) {
			const target = skipOuterExpressions(node.expression);
			const receiver = ts.isPropertyAccessExpression(target) ? target.expression.kind : undefined;
			sends = receiver === ts.SyntaxKind.SuperKeyword || (receiver !== ts.SyntaxKind.ThisKeyword && isCertainCloseCall(node, context));
		}
		return !sends;
	});
	return sends;
}

/** `ws.close(1001, 'bye')`, `socket.close(code ?? 1000)`, uWS `ws.end(1000)`. */
export const closeArgument: SlotRule = (top, context) => {
	const call = top.parent;
	if (!ts.isCallExpression(call) || call.arguments[0] !== top) {
		return undefined;
	}
	if (isCertainCloseCall(call, context)) {
		return { confidence: 'certain', role: 'send', rule: 'closeArgument' };
	}
	if (calleeName(call.expression) === 'close' && context.isWebSocketFile && !namesOtherResource(receiverName(call.expression))) {
		return { confidence: 'likely', role: 'send', rule: 'closeArgument' };
	}
	if (calleeName(call.expression) === 'end' && context.isWebSocketFile && isSocketLikeName(receiverName(call.expression))) {
		return { confidence: 'likely', role: 'send', rule: 'closeArgument' };
	}
	return undefined;
};

/** `new CloseEvent('close', { code: 1006 })` — tests and shims that fabricate a received close. */
export const closeEventInit: SlotRule = (top) => {
	const property = top.parent;
	if (!ts.isPropertyAssignment(property) || property.initializer !== top || propertyNameText(property.name) !== 'code') {
		return undefined;
	}
	const call = property.parent.parent;
	if (ts.isNewExpression(call) && ts.isIdentifier(call.expression) && call.expression.text === 'CloseEvent') {
		return { confidence: 'certain', role: 'receive', rule: 'closeEventInit' };
	}
	return undefined;
};

/** Event names under which a connection reports its end. */
const closeEventNames = /^(?:close|closed|disconnect|disconnected)$/;

/**
 * The positional close-event forms: `emit('close', 1006, 'connection broken')` (Node-style close events carry
 * `(code, reason)`), and constructors or factories of close events that take the code first —
 * `new Base.CloseEvent(code, reason)`, `createCloseEvent(1006, 'connection failed')`.
 */
export const closeEventArgument: SlotRule = (top, context) => {
	const call = top.parent;
	const args = argumentsOf(call);
	if (!args || !args.includes(top) || (!ts.isCallExpression(call) && !ts.isNewExpression(call))) {
		return undefined;
	}
	const index = args.indexOf(top);
	const name = calleeName(call.expression);
	if (name === undefined) {
		return undefined;
	}
	const first = args[0];
	if (name === 'emit' && index === 1 && ts.isStringLiteralLike(first) && closeEventNames.test(first.text) &&
		!ts.isObjectLiteralExpression(skipOuterExpressions(top))) {
		return { confidence: strength(context.isWebSocketFile), role: 'send', rule: 'closeEventArgument' };
	}
	if (index === 0 && saysCloseCode(name) && words(name).includes('event')) {
		return { confidence: strength(context.isWebSocketFile), role: 'send', rule: 'closeEventArgument' };
	}
	return undefined;
};

/**
 * Arguments of helpers that close or fail a connection. A helper declared in this file is followed: its parameter at
 * that position reaches a close (`_close(code, reason)` → `closeEvent.code = code`, `createError(Ctor, message,
 * prefix, statusCode)` → `err[kStatusCode] = statusCode`), or its signature says so (`fail(handler, code, reason)`,
 * `closeAndRetry(error, code, reason)`; see `FileContext`'s parameter seeds). A helper from elsewhere is
 * recognised by its name and the reason that follows the code: `failWebsocketConnection(handler, 1002, 'Invalid
 * frame')`, `socket.onClose(1006, 'Connection interrupted')`, `closeAndRetry(410, 3410, 'session_gone')` (410, an
 * HTTP status, is not followed by a reason). A mock socket's close method takes the code first:
 * `mockWebSocket.triggerClose(1000)`.
 */
export const closeHelperArgument: SlotRule = (top, context) => {
	const call = top.parent;
	const args = argumentsOf(call);
	if (!args || !args.includes(top) || (!ts.isCallExpression(call) && !ts.isNewExpression(call))) {
		return undefined;
	}
	const index = args.indexOf(top);
	const local = context.sendParameterAt(call, index);
	if (local) {
		return { confidence: local, role: 'send', rule: 'closeHelperArgument' };
	}
	// This file's `close(socket, timeout)` says what its parameter is.
	if (context.parameterNamesAt(call, index).some(hasContraryWord)) {
		return undefined;
	}
	const name = calleeName(call.expression);
	if (name === undefined || (name === 'fail' && receiverName(call.expression) === 'assert')) {
		return undefined;
	}
	const next = args[index + 1];
	const reasonFollows = next !== undefined && isTextExpression(next);
	const onSocket = isSocketLikeName(receiverName(call.expression));
	const confidence = strength(context.isWebSocketFile);
	const handedSocket = args.some((argument, i) => i !== index && isSocketLikeName(argumentName(argument), true));
	if (!saysClosingHelper(name)) {
		// The verbs a socket or connection object ends a connection with: `connection.drop(1006, 'lost')`, `client.kick(4001, 'banned')`.
		if (socketEndingVerbs.has(name) && onSocket && reasonFollows) {
			return { confidence, role: 'send', rule: 'closeHelperArgument' };
		}
		// Whatever its name, a helper of a WebSocket library that is handed the socket (or the connection's handler), a
		// number and a message: `protocolError(this.#handler, 1002, 'Unexpected opcode')`.
		const other = hasContraryWord(name) || hasTimingWord(name);
		return context.isWebSocketFile && handedSocket && reasonFollows && !other ? { confidence: 'likely', role: 'send', rule: 'closeHelperArgument' } : undefined;
	}
	if (reasonFollows) {
		return { confidence, role: 'send', rule: 'closeHelperArgument' };
	}
	// `mockWebSocket.triggerClose(1000)`: a close method of a socket takes the code first.
	if (index === 0 && words(name).includes('close') && onSocket) {
		return { confidence, role: 'send', rule: 'closeHelperArgument' };
	}
	// `safeClose(peer, 1011)`, `closeSocket(ws, 4001)`, `fail(this.#handler, 1002)`: a close helper handed the socket
	// (or the connection's handler) and a number.
	if (handedSocket) {
		return { confidence, role: 'send', rule: 'closeHelperArgument' };
	}
	return undefined;
};

/** Methods that end a connection when called on a socket, a connection or a client (besides the closing words). */
const socketEndingVerbs = new Set(['drop', 'end', 'destroy', 'kick', 'leave']);

/** The name an argument is known by: `peer`, `this.socket` → `socket`, `this.#handler` → `#handler`. */
function argumentName(argument: ts.Expression): string | undefined {
	const node = skipOuterExpressions(argument);
	return ts.isIdentifier(node) ? node.text : ts.isPropertyAccessExpression(node) ? node.name.text : undefined;
}

/** A property or variable name that holds a code rather than an event or a reason: `closeCode`, `closeReasonCode`. */
export function namesCloseCodeValue(name: string): boolean {
	if (!saysCloseCode(name)) {
		return false;
	}
	const list = words(name);
	const last = list[list.length - 1];
	return last !== 'reason' && last !== 'reasons' && last !== 'event' && last !== 'events' && last !== 'message';
}

/** Members that make an object or class a close event: `{ code, reason }`, `{ code, wasClean }`. */
const closeEventMembers = /^(?:reason|wasClean)$/;

/**
 * `{ code: 1000, reason: 'done' }`, `{ closeCode: 4001 }`, `{ wasClean: false, code: 1006 }`, a class field
 * `code = 4499` beside `reason` (a close-event class), and `{ code }` objects handed to close handling:
 * `emit('closed', { code: 1002 })`, `getCloseAction({ code: 1000 })`.
 */
export const codeProperty: SlotRule = (top, context) => {
	const property = top.parent;
	let name: string | undefined;
	let owner: ts.ObjectLiteralExpression | ts.ClassLikeDeclaration;
	if (ts.isPropertyAssignment(property) && property.initializer === top) {
		name = propertyNameText(property.name);
		owner = property.parent;
	} else if (ts.isShorthandPropertyAssignment(property) && property.name === top) {
		name = property.name.text;
		owner = property.parent;
	} else if (ts.isPropertyDeclaration(property) && property.initializer === top && ts.isClassLike(property.parent)) {
		name = propertyNameText(property.name);
		owner = property.parent;
	} else {
		return undefined;
	}
	if (name === undefined) {
		return undefined;
	}
	const confidence = strength(context.isWebSocketFile);
	if (namesCloseCodeValue(name)) {
		return { confidence, role: 'send', rule: 'codeProperty' };
	}
	if (name !== 'code') {
		return undefined;
	}
	const members: readonly (ts.ObjectLiteralElementLike | ts.ClassElement)[] = ts.isObjectLiteralExpression(owner) ? owner.properties : owner.members;
	if (members.some((member) => member.name !== undefined && closeEventMembers.test(propertyNameText(member.name) ?? ''))) {
		return { confidence, role: 'send', rule: 'codeProperty' };
	}
	// `{ type: 'close', code: 1000 }`: a recorded or expected event that says it is the close.
	if (members.some((member) => ts.isPropertyAssignment(member) && /^(?:type|event|kind)$/.test(propertyNameText(member.name) ?? '') &&
		ts.isStringLiteralLike(member.initializer) && closeEventNames.test(member.initializer.text))) {
		return { confidence, role: 'send', rule: 'codeProperty' };
	}
	if (!ts.isObjectLiteralExpression(owner)) {
		return owner.name && saysCloseCode(owner.name.text) ? { confidence, role: 'send', rule: 'codeProperty' } : undefined;
	}
	let object = climb(owner);
	let call = object.parent;
	// expect.objectContaining({ code: 1000 }) stands for the object it describes.
	if (ts.isCallExpression(call) && calleeName(call.expression) === 'objectContaining') {
		object = climb(call);
		call = object.parent;
	}
	if ((ts.isCallExpression(call) || ts.isNewExpression(call)) && call.arguments?.includes(object)) {
		const callee = calleeName(call.expression);
		const first = call.arguments[0];
		const emitted = callee === 'emit' && ts.isStringLiteralLike(first) && closeEventNames.test(first.text);
		if (emitted || (callee !== undefined && saysClosing(callee) && !hasContraryWord(callee))) {
			return { confidence, role: 'send', rule: 'codeProperty' };
		}
	}
	const standIn = closeEventStandIn(object, context);
	if (standIn) {
		return { confidence: standIn, role: 'receive', rule: 'codeProperty' };
	}
	const held = expectedOfCloseAssertion(object, context);
	return held && { confidence: held, role: 'receive', rule: 'codeProperty' };
};

/**
 * An object written where a close event is kept: `event = event || { code: 1000 }` in a close handler (some clients
 * call `onclose()` with nothing), `const closeEvent = { code: 1006 }`. Only a place known for certain to hold a close
 * event (a close handler's parameter, a `CloseEvent`-typed or `closeEvent`-named variable) counts: an `e` elsewhere
 * may be an error.
 */
function closeEventStandIn(object: ts.Expression, context: SinkContext): Confidence | undefined {
	const parent = object.parent;
	const target = ts.isBinaryExpression(parent) && parent.right === object && parent.operatorToken.kind === ts.SyntaxKind.EqualsToken ? parent.left
		: ts.isVariableDeclaration(parent) && parent.initializer === object ? parent.name : undefined;
	const node = target && skipOuterExpressions(target as ts.Expression);
	return node && ts.isIdentifier(node) && context.closeEventStrength(node) === 'certain' ? 'certain' : undefined;
}

/**
 * Is this object (or the object it is nested in) what an assertion expects of a close event? `expect(event).toMatchObject({
 * code: 1000 })`, `assert.deepEqual(closeEvent, { code: 1006 })`, `expect(onClose).toHaveBeenCalledWith(expect.objectContaining(
 * { code: 1000 }))`, `expect(getCloseError(event)).toEqual({ type: 'Error', data: { code: 1002 } })`.
 */
function expectedOfCloseAssertion(object: ts.Expression, context: SinkContext): Confidence | undefined {
	let expected = object;
	while (ts.isPropertyAssignment(expected.parent) && ts.isObjectLiteralExpression(expected.parent.parent)) {
		expected = climb(expected.parent.parent);
	}
	let call = expected.parent;
	if (ts.isCallExpression(call) && calleeName(call.expression) === 'objectContaining') {
		expected = climb(call);
		call = expected.parent;
	}
	const name = ts.isCallExpression(call) && call.arguments.includes(expected) ? calleeName(call.expression) : undefined;
	const asserted = name !== undefined ? assertedValue(call as ts.CallExpression, name, expected) : undefined;
	if (!asserted) {
		return undefined;
	}
	const actual = skipOuterExpressions(asserted.value);
	const actualName = calleeName(ts.isCallExpression(actual) ? actual.expression : actual);
	const closing = actualName !== undefined && saysClosingHelper(actualName);
	if (asserted.spy || ts.isCallExpression(actual)) {
		return closing ? strength(context.isWebSocketFile) : undefined;
	}
	// `expect({ code, reason }).toMatchObject({ code: 1000 })`: the actual object is built from the received code.
	if (ts.isObjectLiteralExpression(actual) && expected === climb(object)) {
		const code = codeValueOf(actual);
		return code && context.holdsCloseCode(code);
	}
	return context.closeEventStrength(actual);
}

/** The value of an object literal's `code`: `{ code: ev.code }`, `{ code, reason }`. */
export function codeValueOf(object: ts.ObjectLiteralExpression): ts.Expression | undefined {
	const code = object.properties.find((property) => property.name !== undefined && propertyNameText(property.name) === 'code');
	return code && ts.isPropertyAssignment(code) ? code.initializer : code && ts.isShorthandPropertyAssignment(code) ? code.name : undefined;
}

/** Assertions that compare a value with an expected one. */
export const equalityAssertions = /^(?:equal|equals|strictEqual|deepEqual|deepStrictEqual|notEqual|notStrictEqual|is|not|eq|eql|exactly|toBe|toEqual|toStrictEqual|toMatchObject|like|same|match|assertEquals?|assertStrictEquals?|assertNotEquals?|assertSame)$/;

/** Assertions about the arguments a spy was called with. */
export const calledWithAssertions = /^(?:toHaveBeenCalledWith|toBeCalledWith|toHaveBeenLastCalledWith|lastCalledWith|toHaveBeenNthCalledWith|nthCalledWith|calledWith|calledWithExactly|calledOnceWith|calledOnceWithExactly)$/;

/**
 * What an assertion checks `expected` against: the `expect(actual)` at the start of the chain or the other argument
 * (`assert.deepEqual(actual, expected)`); for `toHaveBeenCalledWith`, the spy.
 */
export function assertedValue(call: ts.CallExpression, name: string, expected: ts.Expression): { value: ts.Expression; spy: boolean } | undefined {
	const spy = calledWithAssertions.test(name);
	if (!spy && !equalityAssertions.test(name)) {
		return undefined;
	}
	let chain: ts.Expression = call.expression;
	while (ts.isPropertyAccessExpression(chain)) {
		// should.js: `evt.code.should.equal(1000)`, `evt.code.should.be.exactly(1000)`: the value stands before `.should`.
		if (chain.name.text === 'should') {
			return { value: chain.expression, spy };
		}
		chain = chain.expression;
	}
	// `expect(actual).toBe(…)`, chai's `expect(actual).to.equal(…)`, should.js's `should(actual).equal(…)`.
	if (ts.isCallExpression(chain) && (calleeName(chain.expression) === 'expect' || calleeName(chain.expression) === 'should') && chain.arguments.length > 0) {
		return { value: chain.arguments[0], spy };
	}
	// jqUnit/JsUnit `assertEquals("message", expected, actual)`: the message is no value to compare.
	const pair = assertionMessage(call) ? call.arguments.slice(1, 3) : call.arguments;
	const other = pair.includes(expected) ? pair.find((argument) => argument !== expected) : call.arguments.find((argument) => argument !== expected);
	return other && { value: other, spy };
}

/**
 * The message of an assertion that takes it first — jqUnit/JsUnit `assertEquals("Socket close code is 1000", 1000,
 * response.code)`: a text first, then two values of which the last is no text (Node's `assert.equal(actual, expected,
 * message)` ends with its message).
 */
export function assertionMessage(call: ts.CallExpression): ts.StringLiteralLike | undefined {
	const [first, , last] = call.arguments;
	if (call.arguments.length !== 3 || !ts.isStringLiteralLike(first)) {
		return undefined;
	}
	const final = skipOuterExpressions(last);
	return ts.isStringLiteralLike(final) || ts.isTemplateExpression(final) ? undefined : first;
}

/** Words of a property that stores a close status code on an error: `err[kStatusCode] = 1009`, `error.closeCode`. */
function isErrorStatusCode(target: ts.Expression): boolean {
	let key: string | undefined;
	let object: ts.Expression;
	if (ts.isElementAccessExpression(target) && ts.isIdentifier(target.argumentExpression)) {
		key = target.argumentExpression.text;
		object = target.expression;
	} else if (ts.isPropertyAccessExpression(target)) {
		key = target.name.text;
		object = target.expression;
	} else {
		return false;
	}
	const keyWords = words(key);
	if (!keyWords.includes('status') || keyWords[keyWords.length - 1] !== 'code') {
		return false;
	}
	// `err`, `error`, `this[kError]`
	const inner = skipOuterExpressions(object);
	const objectName = ts.isIdentifier(inner) ? inner.text
		: ts.isElementAccessExpression(inner) && ts.isIdentifier(inner.argumentExpression) ? inner.argumentExpression.text
		: ts.isPropertyAccessExpression(inner) ? inner.name.text : '';
	return words(objectName).some((word) => word === 'err' || word === 'error');
}

/**
 * `this.closeCode = 4000`, `closeEvent.code = code || 1000`, and two shapes of libraries: an object that gets a
 * `code` beside a `reason` or `wasClean` in the same function (`ev.code = code; ev.reason = reason`), and a close
 * status stored on an error that the library later closes with (`err[kStatusCode] = 1009`).
 */
export const codeAssignment: SlotRule = (top, context) => {
	const binary = top.parent;
	if (!ts.isBinaryExpression(binary) || binary.right !== top || binary.operatorToken.kind !== ts.SyntaxKind.EqualsToken) {
		return undefined;
	}
	const held = context.holdsCloseCode(binary.left);
	if (held) {
		return { confidence: held, role: 'define', rule: 'codeAssignment' };
	}
	const target = skipOuterExpressions(binary.left);
	if (ts.isPropertyAccessExpression(target) && target.name.text === 'code' && context.isCloseEventCodeWrite(target)) {
		return { confidence: strength(context.isWebSocketFile), role: 'define', rule: 'codeAssignment' };
	}
	if (isErrorStatusCode(target)) {
		return { confidence: 'likely', role: 'define', rule: 'codeAssignment' };
	}
	return undefined;
};

/** Every rule where a value becomes a close code, most specific first. */
export const sinkRules: readonly SlotRule[] = [closeArgument, closeEventInit, closeEventArgument, closeHelperArgument, codeProperty, codeAssignment];

/** Does the value at `top` become a close code? */
export function closeCodeSink(top: ts.Expression, context: SinkContext): Evidence | undefined {
	for (const rule of sinkRules) {
		const evidence = rule(top, context);
		if (evidence) {
			return evidence;
		}
	}
	return undefined;
}
