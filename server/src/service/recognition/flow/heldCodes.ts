import ts from 'typescript';
import { calleeName as calleeNameOf, isIdentifierNamed, outermost, propertyNameText, skipOuterExpressions } from '../ast';
import type { FileBindings } from '../file/bindings';
import type { CloseHandlers } from '../file/closeHandlers';
import type { FlowSites } from '../file/flowSites';
import {
	closeEventKey, handlesErrors, isCloseEventStream, isOnceClose, narrowedByCloseDiscriminant, narrowedToCloseEvent, promiseExecutor, resolvedValues, resolvesWithCloseEventObject,
} from '../file/listeners';
import { isCodeName, isEventName, saysCloseCode, saysClosing, saysClosingHelper, words } from '../names';
import { codeValueOf, hasSocketWord, isSocketLikeName, namesCloseCodeValue } from '../sinks';
import { type Confidence, weaker } from '../types';
import { enclosingClass, enclosingFunction } from '../file/scopes';
import { pathOf } from '../file/flowSites';

/**
 * What holds a close code at run time: received codes (`event.code` in a close listener, a `ws` listener's `code`),
 * close events, the results of promises and spies of a close, and what the data flow (`valueFlow.ts`) found — the
 * maps below, which it fills and this reads.
 */
export class HeldCodes {
	/** Variables and parameters (their declaring identifiers) that hold a close code. */
	readonly holders = new Map<ts.Identifier, Confidence>();
	/** Fields (by class and name) assigned a close code: `this.lastStatus === 4001` elsewhere in the class compares one. */
	readonly fieldHolders = new Map<ts.Node, Map<string, Confidence>>();
	/** Functions whose result is a close code: their call is at a sink, or they return a code they hold. */
	readonly closeCodeResults = new Map<ts.Node, Confidence>();
	/**
	 * Functions whose *promise* resolves with a close code: an `async` function that returns a code it holds, a function
	 * that returns a `new Promise` resolved with one (`return new Promise((r) => ws.once('close', r))`). Their call is a
	 * promise, not a code: only `await f()` and the first parameter of `f().then(…)` hold the code.
	 */
	readonly promisedResults = new Map<ts.Node, Confidence>();
	/**
	 * Property paths of local objects that reach a close sink, by the object's binding and the path (`msg.code`,
	 * `err.data.code`): `if (msg.code === 4005) ws.close(msg.code)` — the same path compared elsewhere in that scope
	 * holds the code too. Only objects not reassigned (see `pathHolderStrength`).
	 */
	readonly pathHolders = new Map<ts.Identifier, Map<string, Confidence>>();
	/**
	 * Field names (`lastCloseCode`, `lastStatus`) this file assigns only received close codes (or clears): their reads
	 * on any object of the file hold one (`session.lastStatus`, see `ValueFlow.#collectNamedFields`).
	 */
	readonly namedFields = new Map<string, Confidence>();
	/** Lists received close codes are pushed to (see `collectsCloseCodes`). */
	readonly collections = new Map<ts.Identifier, Confidence>();
	/** Mocks (by binding) found put in a socket's `close`, or not (`#closeStandIn`). */
	readonly #standIns = new Map<ts.Identifier, boolean | undefined>();
	/** Promise results being resolved (`#promisedCloseCode`): guards against a value defined through itself. */
	readonly #resolving = new Set<ts.Identifier>();
	/** Promise executors being read (`#resolvesCloseCode`): the same guard for a promise awaited inside itself. */
	readonly #resolvingExecutors = new Set<ts.Node>();
	readonly #bindings: FileBindings;
	readonly #handlers: CloseHandlers;
	readonly #sites: FlowSites;

	constructor(readonly sourceFile: ts.SourceFile, readonly isWebSocketFile: boolean, bindings: FileBindings, handlers: CloseHandlers, sites: FlowSites) {
		this.#bindings = bindings;
		this.#handlers = handlers;
		this.#sites = sites;
	}

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
				return this.#isCloseEventObject(node.expression) ?? this.pathHolderStrength(node);
			}
			if (namesCloseCodeValue(property)) {
				return this.isWebSocketFile ? 'certain' : 'likely';
			}
			// `this.lastStatus`, a field this class assigns a received code to.
			const owner = node.expression.kind === ts.SyntaxKind.ThisKeyword ? enclosingClass(node) : undefined;
			return (owner && this.fieldHolders.get(owner)?.get(property)) ?? this.pathHolderStrength(node) ?? this.namedFields.get(property);
		}
		if (ts.isIdentifier(node)) {
			if (namesCloseCodeValue(node.text)) {
				return this.isWebSocketFile ? 'certain' : 'likely';
			}
			const named = isCodeName(node.text) || this.#destructuredCode(node) ? this.#codeBindingStrength(node) : undefined;
			return named ?? this.holderStrength(node) ?? this.#promisedCloseCode(node) ?? this.#listenerCodeParameter(node);
		}
		if (ts.isCallExpression(node)) {
			return this.#callResult(node, this.closeCodeResults);
		}
		if (ts.isElementAccessExpression(node)) {
			return this.#spiedCloseCode(node) ?? this.collectsCloseCodes(node.expression);
		}
		if (ts.isAwaitExpression(node)) {
			// `await settle(ws)`: what the promise resolves with; awaiting a value that is no promise gives the value itself.
			return this.promiseResolvesCloseCode(node.expression) ?? this.holdsCloseCode(node.expression);
		}
		if (ts.isBinaryExpression(node) && (node.operatorToken.kind === ts.SyntaxKind.QuestionQuestionToken || node.operatorToken.kind === ts.SyntaxKind.BarBarToken)) {
			return this.#defaultedCloseCode(node);
		}
		return undefined;
	}

	/**
	 * A close code with a default, or a default that is one: `received ?? 1005`, `event.code || 1006` (the received code,
	 * or what a missing one is reported as), and `options.code || event.code` (a value preferred to the received code, in
	 * the same place: 'likely' unless it holds one too). Not a default for a quantity or a time (`retries || code`), nor
	 * a text, object or list preferred to the code.
	 */
	#defaultedCloseCode(binary: ts.BinaryExpression): Confidence | undefined {
		const left = this.holdsCloseCode(binary.left);
		if (left) {
			return left;
		}
		const right = this.holdsCloseCode(binary.right);
		const preferred = skipOuterExpressions(binary.left);
		const name = ts.isIdentifier(preferred) ? preferred.text : ts.isPropertyAccessExpression(preferred) ? preferred.name.text
			: ts.isCallExpression(preferred) ? calleeNameOf(preferred.expression) : undefined;
		// Only a value named as a code: `opts.timeout || code`, `retries || code`, `res.statusCode || code`, `cfg.level ||
		// code` prefer a time, a count, an HTTP status or a setting, with the close code as their fallback.
		return right && name !== undefined && (isCodeName(name) || saysCloseCode(name)) && name !== 'statusCode' ? 'likely' : undefined;
	}

	/**
	 * Does this promise resolve with a close code? `new Promise((resolve) => ws.once('close', resolve))` (also through a
	 * `const`), and the call of one of this file's functions whose promise does (`settle(ws)`, see `promisedResults`).
	 */
	promiseResolvesCloseCode(expression: ts.Expression): Confidence | undefined {
		const node = skipOuterExpressions(expression);
		if (!ts.isCallExpression(node)) {
			return this.#resolvesCloseCode(node);
		}
		return this.#callResult(node, this.promisedResults);
	}

	/**
	 * Is this `msg.code` (`msg.data.code`) a path of the same local object that reaches a close sink elsewhere (see
	 * `pathHolders`)? The object must be a parameter or a function's variable that is never reassigned: another value
	 * under the same name would be another object.
	 */
	pathHolderStrength(access: ts.PropertyAccessExpression): Confidence | undefined {
		if (this.pathHolders.size === 0) {
			return undefined;
		}
		const path = pathOf(access);
		const binding = path && this.pathRoot(path.root);
		return binding && this.pathHolders.get(binding)?.get(path.key);
	}

	/**
	 * The binding of the object a property path is read from, when it can hold one object throughout its scope: a
	 * parameter or a variable declared in a function (not a module's table or import), never reassigned.
	 */
	pathRoot(root: ts.Identifier): ts.Identifier | undefined {
		const binding = this.#bindings.bindingOf(root);
		const declaration = binding?.parent;
		if (!binding || !declaration || !(ts.isParameter(declaration) || ts.isVariableDeclaration(declaration)) || declaration.name !== binding) {
			return undefined;
		}
		if (ts.isVariableDeclaration(declaration) && (!enclosingFunction(declaration) ||
			(declaration.initializer !== undefined && ts.isObjectLiteralExpression(skipOuterExpressions(declaration.initializer))))) {
			return undefined;
		}
		return this.#sites.isReassigned(binding) ? undefined : binding;
	}

	/** Does the variable or parameter an identifier refers to hold a close code (by the data flow)? */
	holderStrength(identifier: ts.Identifier): Confidence | undefined {
		const binding = this.#bindings.bindingOf(identifier);
		return binding && this.holders.get(binding);
	}

	/**
	 * What the result of a call to this file's functions holds by `results` (`closeCodeResults`: `normalizeCode(event.code)`;
	 * `promisedResults`: `await settle(ws)`). A name that means several functions (`lock.wait()` beside `conn.wait()`, a
	 * bundle's many `get`s) holds a code only when every one of them returns one: the weakest of their answers.
	 */
	#callResult(call: ts.CallExpression, results: ReadonlyMap<ts.Node, Confidence>): Confidence | undefined {
		let weakest: Confidence | undefined;
		for (const callee of this.#sites.calleesOf(call) ?? []) {
			const confidence = results.get(callee);
			if (!confidence) {
				return undefined;
			}
			weakest = weakest ? weaker(weakest, confidence) : confidence;
		}
		return weakest;
	}

	/**
	 * A list the received codes are collected into: `const codes = []; ws.on('close', (code) => codes.push(code))` —
	 * what a test then asserts (`expect(codes).toEqual([1000, 4001])`, `codes[0]`). Known once the flow is done.
	 */
	collectsCloseCodes(expression: ts.Expression): Confidence | undefined {
		const node = skipOuterExpressions(expression);
		const binding = ts.isIdentifier(node) ? this.#bindings.bindingOf(node) : undefined;
		return binding && this.collections.get(binding);
	}

	/**
	 * The first argument a close spy was called with, read back by a test: Jest/Vitest `ws.close.mock.calls[0][0]`,
	 * `closeSpy.mock.lastCall[0]`, Sinon `closeStub.firstCall.args[0]`, `closeStub.getCall(1).args[0]`. The spy is
	 * named as a close (`ws.close`, `closeSpy`, `onClose`) or registered as a `ws` close listener.
	 */
	#spiedCloseCode(access: ts.ElementAccessExpression): Confidence | undefined {
		const index = skipOuterExpressions(access.argumentExpression);
		if (!ts.isNumericLiteral(index) || index.text !== '0') {
			return undefined;
		}
		return this.spiedCloseCall(access.expression);
	}

	/**
	 * The arguments of one call of a close spy, as a row: `closeSpy.mock.calls[0]`, `ws.close.mock.lastCall`,
	 * `closeStub.firstCall.args` — its first element is the code the close was made with.
	 */
	spiedCloseCall(expression: ts.Expression): Confidence | undefined {
		const call = skipOuterExpressions(expression);
		let spy: ts.Expression | undefined;
		if (ts.isElementAccessExpression(call)) {
			// `<spy>.mock.calls[n]`
			const calls = skipOuterExpressions(call.expression);
			const mock = ts.isPropertyAccessExpression(calls) && calls.name.text === 'calls' ? skipOuterExpressions(calls.expression) : undefined;
			spy = mock && ts.isPropertyAccessExpression(mock) && mock.name.text === 'mock' ? mock.expression : undefined;
		} else if (ts.isPropertyAccessExpression(call) && call.name.text === 'lastCall') {
			// `<spy>.mock.lastCall`
			const mock = skipOuterExpressions(call.expression);
			spy = ts.isPropertyAccessExpression(mock) && mock.name.text === 'mock' ? mock.expression : undefined;
		} else if (ts.isPropertyAccessExpression(call) && call.name.text === 'args') {
			// `<spy>.firstCall.args`, `<spy>.lastCall.args`, `<spy>.getCall(n).args`
			const which = skipOuterExpressions(call.expression);
			spy = ts.isPropertyAccessExpression(which) && /^(?:firstCall|secondCall|thirdCall|lastCall)$/.test(which.name.text) ? which.expression
				: ts.isCallExpression(which) && ts.isPropertyAccessExpression(which.expression) && which.expression.name.text === 'getCall' ? which.expression.expression
				: undefined;
		}
		if (!spy) {
			return undefined;
		}
		const node = skipOuterExpressions(spy);
		const name = this.spiedName(node);
		if (name !== undefined && saysClosingHelper(name)) {
			return this.isWebSocketFile ? 'certain' : 'likely';
		}
		return ts.isIdentifier(node) && this.#handlers.registeredCloseListener(node)?.firstParamIsCode ? 'certain' : undefined;
	}

	/**
	 * The method a spy stands for, and whose: `const spy = vi.spyOn(ws, 'close')`, `jest.spyOn(socket, 'close')`,
	 * `sinon.stub(ws, 'close')` — the spy is called as that method is, whatever it is named.
	 */
	#spyOrigin(spy: ts.Expression): { readonly method: string; readonly object: ts.Expression } | undefined {
		let node = skipOuterExpressions(spy);
		if (ts.isIdentifier(node)) {
			const declaration = this.#bindings.bindingOf(node)?.parent;
			node = declaration && ts.isVariableDeclaration(declaration) && declaration.initializer ? skipOuterExpressions(declaration.initializer) : node;
		}
		// `jest.spyOn(socket, 'close').mockImplementation(() => {})`: the chained mock set-up returns the same spy.
		while (ts.isCallExpression(node) && ts.isPropertyAccessExpression(node.expression) && /^mock\w*$/.test(node.expression.name.text)) {
			node = skipOuterExpressions(node.expression.expression);
		}
		const method = ts.isCallExpression(node) && /^(?:spyOn|spy|stub|replace)$/.test(calleeNameOf(node.expression) ?? '') ? node.arguments[1] : undefined;
		return method && ts.isStringLiteralLike(method) ? { method: method.text, object: (node as ts.CallExpression).arguments[0] } : undefined;
	}

	/**
	 * The name a spy's calls are judged by: the method it was made from (`vi.spyOn(ws, 'close')`), `close` for a mock
	 * put in a socket's `close` (`#closeStandIn`), else its own name (`ws.close`, `closeSpy`, `handlers.onClose`). Not the
	 * `close` of a fake that is no socket: with `const db = { query: jest.fn(), close: jest.fn() }`,
	 * `expect(db.close).toHaveBeenCalledWith(1000)`, `jest.spyOn(db, 'close')` and a `closeSpy` put in `db`'s close
	 * assert no close code.
	 */
	spiedName(spy: ts.Expression): string | undefined {
		const node = skipOuterExpressions(spy);
		const standIn = ts.isIdentifier(node) ? this.#closeStandIn(node) : undefined;
		if (standIn !== undefined) {
			return standIn ? 'close' : undefined;
		}
		const origin = this.#spyOrigin(node);
		const name = origin?.method ?? calleeNameOf(node);
		const object = origin?.object ?? (ts.isPropertyAccessExpression(node) ? node.expression : undefined);
		return name === 'close' && object && this.#fakeSocket(object) === false ? undefined : name;
	}

	/**
	 * Is this mock, whatever it is called, a socket's `close`? `const spy = jest.fn(); ws.close = spy`, `const fake = {
	 * send: sinon.spy(), readyState: 1, close: spy }`: its calls are the socket's closes (true). Put only in the `close`
	 * of fakes that are no socket (`{ query: jest.fn(), close: spy }`): false. Else (not a mock, not put in a close,
	 * or put where nothing tells): undefined.
	 */
	#closeStandIn(spy: ts.Identifier): boolean | undefined {
		const binding = this.#bindings.bindingOf(spy);
		if (!binding || !ts.isVariableDeclaration(binding.parent) || binding.parent.name !== binding) {
			return undefined;
		}
		if (this.#standIns.has(binding)) {
			return this.#standIns.get(binding);
		}
		this.#standIns.set(binding, undefined);
		const references = this.#bindings.referencesTo(binding);
		// A mock from its declaration or a later assignment (`let spy; beforeEach(() => { spy = jest.fn(); })`).
		const mock = (binding.parent.initializer !== undefined && isMockFactory(binding.parent.initializer)) || references.some((reference) => {
			const assignment = reference.parent;
			return ts.isBinaryExpression(assignment) && assignment.left === reference && assignment.operatorToken.kind === ts.SyntaxKind.EqualsToken &&
				isMockFactory(assignment.right);
		});
		let socket = false;
		let unknown = false;
		let other = false;
		for (const reference of mock ? references : []) {
			const value = outermost(reference);
			const holder = value.parent;
			// `ws.close = spy` on a socket, or `close: spy` in a fake that has a socket's other members.
			let verdict: boolean | undefined | null = null;
			if (ts.isBinaryExpression(holder) && holder.right === value && holder.operatorToken.kind === ts.SyntaxKind.EqualsToken) {
				const target = skipOuterExpressions(holder.left);
				if (ts.isPropertyAccessExpression(target) && target.name.text === 'close') {
					verdict = this.#fakeSocket(target.expression) ?? (this.#isSocketName(target.expression) || undefined);
				}
			} else if (ts.isPropertyAssignment(holder) && holder.initializer === value && propertyNameText(holder.name) === 'close') {
				verdict = this.#membersSaySocket(holder.parent);
			}
			socket ||= verdict === true;
			other ||= verdict === false;
			unknown ||= verdict === undefined;
		}
		// Only a mock every close of which is a fake's that is no socket is no socket's close.
		const found = socket ? true : other && !unknown ? false : undefined;
		this.#standIns.set(binding, found);
		return found;
	}

	/** A receiver named as a socket, whose `close` a mock replaces: `ws`, `this.socket`, and `client` in a WebSocket file. */
	#isSocketName(receiver: ts.Expression): boolean {
		const node = skipOuterExpressions(receiver);
		const name = ts.isIdentifier(node) ? node.text : ts.isPropertyAccessExpression(node) ? node.name.text : undefined;
		// `client` and `conn` are also names of database and HTTP clients: only a WebSocket file says which.
		return isSocketLikeName(name) && (this.isWebSocketFile || hasSocketWord(words(name!)));
	}

	/**
	 * Is this variable a fake socket? Initialised with an object literal: `true` when it has a socket's members, `false`
	 * when it has other members and none of a socket (`{ query: jest.fn(), close: jest.fn() }`), else undefined.
	 */
	#fakeSocket(object: ts.Expression): boolean | undefined {
		const node = skipOuterExpressions(object);
		const declaration = ts.isIdentifier(node) ? this.#bindings.bindingOf(node)?.parent : undefined;
		const value = declaration && ts.isVariableDeclaration(declaration) && declaration.initializer ? skipOuterExpressions(declaration.initializer) : undefined;
		return value && ts.isObjectLiteralExpression(value) ? this.#membersSaySocket(value) : undefined;
	}

	/** What an object literal's members say: a socket (`send`, `readyState`, `addEventListener`…), something else, or nothing. */
	#membersSaySocket(object: ts.ObjectLiteralExpression): boolean | undefined {
		let others = false;
		let shared = 0;
		for (const member of object.properties) {
			const name = member.name ? propertyNameText(member.name) : undefined;
			if (name === undefined || name === 'close') {
				continue;
			}
			if (socketMembers.has(name)) {
				return true;
			}
			// `send`, `ping`, `onmessage` are also a child process's, a Redis client's or a MessagePort's, and `on`/`once`
			// every emitter's (a database pool's too, so only in a WebSocket file): two of them make a socket.
			if (sharedSocketMembers.has(name) || (this.isWebSocketFile && emitterMembers.has(name))) {
				shared++;
				continue;
			}
			others = true;
		}
		return shared >= 2 ? true : others || shared > 0 ? false : undefined;
	}

	/**
	 * A promise's result that is a close code, whatever the variable is called: `const code = await new Promise((resolve)
	 * => ws.once('close', resolve))` (Node's emitter resolves with the listener's first argument, the code),
	 * `new Promise((r) => ws.on('close', (c) => r(c)))`, `const code = await settle(ws)` for a function of this file whose
	 * promise resolves with one, and the first parameter of `.then` on such a promise.
	 */
	#promisedCloseCode(identifier: ts.Identifier): Confidence | undefined {
		const binding = this.#bindings.bindingOf(identifier);
		const declaration = binding?.parent;
		if (!binding || !declaration || this.#resolving.has(binding)) {
			return undefined;
		}
		this.#resolving.add(binding);
		try {
			if (ts.isVariableDeclaration(declaration) && declaration.name === binding && declaration.initializer) {
				const value = skipOuterExpressions(declaration.initializer);
				return ts.isAwaitExpression(value) ? this.promiseResolvesCloseCode(value.expression) : undefined;
			}
			if (ts.isBindingElement(declaration)) {
				return this.#promisedRowElement(declaration);
			}
			const fn = ts.isParameter(declaration) && declaration.parent.parameters[0] === declaration ? declaration.parent : undefined;
			const call = fn?.parent;
			if (fn && call && ts.isCallExpression(call) && call.arguments[0] === fn && ts.isPropertyAccessExpression(call.expression) &&
				call.expression.name.text === 'then') {
				let promise = skipOuterExpressions(call.expression.expression);
				const source = ts.isIdentifier(promise) ? this.#bindings.bindingOf(promise)?.parent : undefined;
				if (source && ts.isVariableDeclaration(source) && source.initializer && (source.parent.flags & ts.NodeFlags.Const) !== 0) {
					promise = source.initializer;
				}
				// `new Promise(…).then((code) => …)`, and `settle(ws).then((code) => …)` for a function of this file.
				return this.promiseResolvesCloseCode(promise);
			}
			return undefined;
		} finally {
			this.#resolving.delete(binding);
		}
	}

	/**
	 * `const [code, reason] = await new Promise((r) => ws.on('close', (c, why) => r([c, why])))`: an element of the row a
	 * promise resolves with, at the same place in the pattern, holds a close code.
	 */
	#promisedRowElement(element: ts.BindingElement): Confidence | undefined {
		const pattern = element.parent;
		const declaration = pattern.parent;
		const position = ts.isArrayBindingPattern(pattern) ? pattern.elements.indexOf(element) : -1;
		const { executor, resolve } = position >= 0 && ts.isVariableDeclaration(declaration) && declaration.initializer &&
			ts.isAwaitExpression(skipOuterExpressions(declaration.initializer)) ? promiseExecutor(declaration.initializer) ?? {} : {};
		if (!executor || !resolve) {
			return undefined;
		}
		for (const row of resolvedValues(executor, resolve)) {
			const value = ts.isArrayLiteralExpression(row) ? row.elements[position] : undefined;
			const found = value && !ts.isSpreadElement(value) ? this.holdsCloseCode(value) : undefined;
			if (found) {
				return found;
			}
		}
		return undefined;
	}

	/** Does this `new Promise(executor)` resolve with a close code? */
	#resolvesCloseCode(expression: ts.Expression): Confidence | undefined {
		const { executor, resolve } = promiseExecutor(expression) ?? {};
		// `const p = new Promise((r) => … r(await p))`: a promise resolved with itself holds nothing (and must not loop).
		if (!executor || !resolve || this.#resolvingExecutors.has(executor)) {
			return undefined;
		}
		this.#resolvingExecutors.add(executor);
		let found: Confidence | undefined;
		const visit = (node: ts.Node): void => {
			if (found) {
				return;
			}
			if (ts.isCallExpression(node)) {
				const callee = skipOuterExpressions(node.expression);
				const [event, listener] = node.arguments;
				if (ts.isPropertyAccessExpression(callee) && /^(?:on|once|addListener|prependListener|prependOnceListener)$/.test(callee.name.text) &&
					event && ts.isStringLiteralLike(event) && event.text === 'close' && listener && isIdentifierNamed(listener, resolve.text)) {
					found = this.isWebSocketFile ? 'certain' : 'likely';
				} else if (isIdentifierNamed(callee, resolve.text) && node.arguments.length > 0) {
					found = this.holdsCloseCode(node.arguments[0]);
				}
			}
			if (!found) {
				ts.forEachChild(node, visit);
			}
		};
		try {
			visit(executor.body);
		} finally {
			this.#resolvingExecutors.delete(executor);
		}
		return found;
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
		const binding = this.#bindings.bindingOf(node);
		const declaration = binding?.parent;
		if (!declaration) {
			return false;
		}
		if (ts.isParameter(declaration)) {
			const handler = this.#handlers.closeHandler(declaration.parent);
			const index = declaration.parent.parameters.indexOf(declaration);
			return handler !== undefined && handler.registered && (handler.firstParamIsCode ? index === 0 : handler.codeParameter === index);
		}
		if (ts.isBindingElement(declaration) && binding.text === 'code') {
			const owner = declaration.parent.parent;
			if (ts.isParameter(owner)) {
				return this.#handlers.closeHandler(owner.parent)?.registered === true;
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
		const declaration = this.#bindings.bindingOf(node)?.parent;
		if (declaration && ts.isParameter(declaration)) {
			return this.#handlers.closeHandler(declaration.parent)?.registered === true ||
				(declaration.type !== undefined && /\bCloseEvent\b/.test(declaration.type.getText(this.sourceFile)));
		}
		return /close_?event$/i.test(node.text);
	}

	/** Is `object` (in `object.code`) a close event? */
	#isCloseEventObject(object: ts.Expression): 'certain' | 'likely' | undefined {
		const node = skipOuterExpressions(object);
		// `server.closedWith()?.code`, `(await waitForClose(ws)).code`, and `const result = await closed(ws); result?.code`:
		// what a function named after the close returns is the close's outcome, so its `code` is the close code.
		const result = this.#closeResultCall(node) ?? this.#settledCloseResult(node);
		if (result) {
			return result;
		}
		const name = ts.isIdentifier(node) ? node.text : ts.isPropertyAccessExpression(node) ? node.name.text : undefined;
		if (name === undefined) {
			return undefined;
		}
		if (ts.isIdentifier(node) && narrowedToCloseEvent(node)) {
			return 'certain';
		}
		// `if (msg.type === 'close') { … msg.code … }`: a message narrowed to a close by its discriminant.
		if (ts.isIdentifier(node) && narrowedByCloseDiscriminant(node)) {
			return this.isWebSocketFile ? 'certain' : 'likely';
		}
		if (ts.isIdentifier(node)) {
			const binding = this.#bindings.bindingOf(node);
			if (binding && ts.isParameter(binding.parent)) {
				const parameter = binding.parent;
				if (parameter.type && /CloseEvent/.test(parameter.type.getText(this.sourceFile))) {
					return 'certain';
				}
				if (this.#handlers.closeHandler(parameter.parent)) {
					return 'certain';
				}
				if (handlesErrors(parameter.parent)) {
					return undefined;
				}
			}
			// `catch (e) { if (e.code === 4001) … }`: an error's code, whatever the variable is called.
			if (binding && ts.isVariableDeclaration(binding.parent) && ts.isCatchClause(binding.parent.parent)) {
				return undefined;
			}
			// `const [event] = await once(client, 'close')` (also a promise kept before: `const closed = once(client, 'close');
			// … const [event] = await closed`): an emitter that passes an event object; its `code` is the close code. And
			// `const [v1, v2] = await Promise.all([p1, p2])` where `p1 = client.close({ code })`: what each resolves with.
			const element = binding?.parent;
			const pattern = element && ts.isBindingElement(element) ? element.parent : undefined;
			if (pattern && ts.isArrayBindingPattern(pattern) && ts.isVariableDeclaration(pattern.parent) && pattern.parent.initializer) {
				const index = pattern.elements.indexOf(element as ts.BindingElement);
				if (index === 0 && this.#awaitsOnceClose(pattern.parent.initializer)) {
					return 'certain';
				}
				const settled = this.#settledElement(pattern.parent.initializer, index);
				const result = settled && this.#closeResultCall(settled, 0, true);
				if (result) {
					return result;
				}
			}
			// `for await (const event of socket.listener('close'))`: each event is a close.
			const loop = binding?.parent.parent.parent;
			if (loop && ts.isForOfStatement(loop) && loop.awaitModifier && isCloseEventStream(loop.expression)) {
				return this.isWebSocketFile ? 'certain' : 'likely';
			}
			const copied = binding && (this.#copiedCloseCode(binding) ?? this.#promisedCloseEvent(binding));
			if (copied) {
				return copied;
			}
		}
		if (/close_?event/i.test(name)) {
			return 'certain';
		}
		// `if (e.wasClean === false || e.code !== 1000)`: only close events have `wasClean`.
		const key = closeEventKey(node);
		if (key !== undefined && this.#sites.wasCleanObjects.has(key)) {
			return this.isWebSocketFile ? 'certain' : 'likely';
		}
		return isEventName(name) && this.isWebSocketFile ? 'likely' : undefined;
	}

	/**
	 * A call to a function named after a close (`closedWith()`, `waitForClose(ws)`, `nextClose()`), awaited or not, or a
	 * `const` initialised with one: its result describes the close. Not a closing helper whose name says something else
	 * (`closeTimeout()`, `scheduleClose()`), and not `close()` itself, which returns nothing worth a `code`.
	 */
	#closeResultCall(node: ts.Expression, depth = 0, awaitedBefore = false): Confidence | undefined {
		let value = node;
		let awaited = awaitedBefore;
		while (ts.isAwaitExpression(value) || ts.isParenthesizedExpression(value) || ts.isNonNullExpression(value) || ts.isAsExpression(value)) {
			awaited ||= ts.isAwaitExpression(value);
			value = value.expression;
		}
		if (ts.isIdentifier(value) && depth === 0) {
			const initializer = this.#constantValue(value);
			return initializer && this.#closeResultCall(initializer, depth + 1, awaited);
		}
		if (!ts.isCallExpression(value)) {
			return undefined;
		}
		const name = calleeNameOf(value.expression);
		// `client.once('close')` with no listener is the promise of the close (Emittery, RPC clients), and an awaited
		// `client.close()` resolves with the close it made (`const { code } = await client.close({ code: 4000 })`).
		const [event] = value.arguments;
		if ((name === 'once' && value.arguments.length === 1 && ts.isStringLiteralLike(event) && /^(?:close|closed)$/.test(event.text)) ||
			(name === 'close' && awaited) ||
			// `await socket.listener('close').once()` (the next event of a close stream; an argument is a timeout).
			(name === 'once' && ts.isPropertyAccessExpression(value.expression) && isCloseEventStream(value.expression.expression))) {
			return this.isWebSocketFile ? 'certain' : 'likely';
		}
		// `waitForClose` / `waitUntilClosed` wait for the close and return it: there `wait` is no time, as in `closeWait`.
		const list = name === undefined ? [] : words(name);
		const rest = list[0] === 'wait' ? list.slice(list[1] === 'for' || list[1] === 'until' ? 2 : 1) : list;
		const restName = rest.join('_');
		if (name === undefined || name === 'close' || rest.length === 0 || !saysClosingHelper(restName) || !saysClosing(restName)) {
			return undefined;
		}
		return this.isWebSocketFile ? 'certain' : 'likely';
	}

	/** A `const`, or a `let`/`var` the file never assigns again (`let event = await …; event.code`). */
	#isConstant(declaration: ts.VariableDeclaration): boolean {
		return (declaration.parent.flags & ts.NodeFlags.Const) !== 0 || (ts.isIdentifier(declaration.name) && !this.#sites.isReassigned(declaration.name));
	}

	/**
	 * `results[1]` of `const results = await Promise.all([server.listener('closure').once(), client.listener('close').once()])`:
	 * the result of the promise at that place, judged as `#closeResultCall` judges the call itself.
	 */
	#settledCloseResult(node: ts.Expression): Confidence | undefined {
		if (!ts.isElementAccessExpression(node) || !ts.isNumericLiteral(node.argumentExpression) || !ts.isIdentifier(skipOuterExpressions(node.expression))) {
			return undefined;
		}
		const initializer = this.#constantValue(skipOuterExpressions(node.expression) as ts.Identifier);
		const element = initializer && this.#settledElement(initializer, Number(node.argumentExpression.text));
		return element && this.#closeResultCall(element, 1, true);
	}

	/** The promise at `index` of `await Promise.all([…])`, or undefined. */
	#settledElement(initializer: ts.Expression, index: number): ts.Expression | undefined {
		const settled = skipOuterExpressions(initializer);
		const all = ts.isAwaitExpression(settled) ? skipOuterExpressions(settled.expression) : undefined;
		const list = all && ts.isCallExpression(all) && all.expression.getText(this.sourceFile) === 'Promise.all' && all.arguments.length === 1
			? skipOuterExpressions(all.arguments[0]) : undefined;
		const element = list && ts.isArrayLiteralExpression(list) && index >= 0 ? list.elements[index] : undefined;
		return element && !ts.isSpreadElement(element) ? element : undefined;
	}

	/** `await once(client, 'close')`, or `await closed` where `closed` is such a promise kept in a constant. */
	#awaitsOnceClose(initializer: ts.Expression): boolean {
		if (isOnceClose(initializer)) {
			return true;
		}
		const awaited = skipOuterExpressions(initializer);
		const promise = ts.isAwaitExpression(awaited) ? skipOuterExpressions(awaited.expression) : undefined;
		const kept = promise && ts.isIdentifier(promise) ? this.#constantValue(promise) : undefined;
		return kept !== undefined && !ts.isAwaitExpression(skipOuterExpressions(kept)) && isOnceClose(kept);
	}

	/** The initializer of the constant (or never reassigned variable) `identifier` names. */
	#constantValue(identifier: ts.Identifier): ts.Expression | undefined {
		const binding = this.#bindings.bindingOf(identifier);
		const declaration = binding?.parent;
		return declaration && ts.isVariableDeclaration(declaration) && declaration.name === binding && declaration.initializer && this.#isConstant(declaration)
			? declaration.initializer : undefined;
	}

	/**
	 * An object built with a received code as its `code`: `const info = { code: event.code, reason: event.reason }`,
	 * `const error = { type: 'CONNECTION_ERROR', code: ev.code }`. Reading `info.code` reads the close code back.
	 */
	#copiedCloseCode(binding: ts.Identifier): Confidence | undefined {
		const declaration = binding.parent;
		if (!ts.isVariableDeclaration(declaration) || declaration.name !== binding || !declaration.initializer || this.#resolving.has(binding)) {
			return undefined;
		}
		const object = skipOuterExpressions(declaration.initializer);
		if (!ts.isObjectLiteralExpression(object)) {
			return undefined;
		}
		const value = codeValueOf(object);
		if (!value) {
			return undefined;
		}
		this.#resolving.add(binding);
		try {
			return this.holdsCloseCode(value);
		} finally {
			this.#resolving.delete(binding);
		}
	}

	/**
	 * A variable awaiting a promise that resolves with a close: `const event = await new Promise((r) =>
	 * ws.addEventListener('close', r))`, `const result = await new Promise((resolve) => ws.once('close', (code, reason) =>
	 * resolve({ code, reason })))` — its `code` is the close code, whatever the variable is called.
	 */
	#promisedCloseEvent(binding: ts.Identifier): Confidence | undefined {
		const declaration = binding.parent;
		const { executor, resolve } = ts.isVariableDeclaration(declaration) && declaration.name === binding && declaration.initializer &&
			ts.isAwaitExpression(skipOuterExpressions(declaration.initializer)) ? promiseExecutor(declaration.initializer) ?? {} : {};
		if (!executor || !resolve || this.#resolving.has(binding)) {
			return undefined;
		}
		if (resolvesWithCloseEventObject(executor, resolve)) {
			return this.isWebSocketFile ? 'certain' : 'likely';
		}
		this.#resolving.add(binding);
		try {
			for (const value of resolvedValues(executor, resolve)) {
				const code = ts.isObjectLiteralExpression(value) ? codeValueOf(value) : undefined;
				const found = code ? this.holdsCloseCode(code) : ts.isIdentifier(value) ? this.#isCloseEventObject(value) : undefined;
				if (found) {
					return found;
				}
			}
			return undefined;
		} finally {
			this.#resolving.delete(binding);
		}
	}

	/** Is this expression a close event (`event` in a close listener, a `CloseEvent` parameter, `closeEvent`)? */
	closeEventStrength(object: ts.Expression): Confidence | undefined {
		return this.#isCloseEventObject(object);
	}

	/**
	 * The parameter a registered close listener receives the code in, whatever it is called: the first of a `ws`-style
	 * listener (`ws.on('close', this.onClose.bind(this))` with `onClose(event, reason)`), the second of `webSocketClose`.
	 */
	#listenerCodeParameter(identifier: ts.Identifier): Confidence | undefined {
		const declaration = this.#bindings.bindingOf(identifier)?.parent;
		if (!declaration || !ts.isParameter(declaration) || !ts.isIdentifier(declaration.name)) {
			return undefined;
		}
		const handler = this.#handlers.closeHandler(declaration.parent);
		const index = declaration.parent.parameters.indexOf(declaration);
		return handler?.registered && (handler.firstParamIsCode ? index === 0 : handler.codeParameter === index) ? 'certain' : undefined;
	}

	/** `const { code: status } = event`: a variable bound to an object's `code` under another name. */
	#destructuredCode(identifier: ts.Identifier): boolean {
		const element = this.#bindings.bindingOf(identifier)?.parent;
		return element !== undefined && ts.isBindingElement(element) && element.propertyName !== undefined && propertyNameText(element.propertyName) === 'code';
	}

	/** A variable called `code`: where was it bound? */
	#codeBindingStrength(identifier: ts.Identifier): 'certain' | 'likely' | undefined {
		const binding = this.#bindings.bindingOf(identifier);
		if (!binding) {
			return undefined;
		}
		const declaration = binding.parent;
		// A parameter of a close handler: ws.on('close', (code) => …), close(ws, code, reason) {…}, onClose(code) {…}
		if (ts.isParameter(declaration)) {
			const handler = this.#handlers.closeHandler(declaration.parent);
			if (handler) {
				const isFirst = declaration.parent.parameters.indexOf(declaration) === 0;
				const isCode = handler.firstParamIsCode ? isFirst : handler.codeParameter === declaration.parent.parameters.indexOf(declaration);
				return isCode ? 'certain' : (this.isWebSocketFile ? 'certain' : 'likely');
			}
			return undefined;
		}
		// ({ code }) => … in a close handler, or const { code } = event
		if (ts.isBindingElement(declaration)) {
			const pattern = declaration.parent;
			const owner = pattern.parent;
			if (ts.isParameter(owner) && this.#handlers.closeHandler(owner.parent)) {
				return 'certain';
			}
			if (ts.isVariableDeclaration(owner) && owner.initializer && this.#isCloseEventObject(owner.initializer)) {
				return this.#isCloseEventObject(owner.initializer);
			}
			// const [code, reason] = await once(ws, 'close'): Node's events.once resolves with the listener's arguments.
			if (ts.isArrayBindingPattern(pattern) && pattern.elements[0] === declaration && ts.isVariableDeclaration(owner) && owner.initializer &&
				isOnceClose(owner.initializer)) {
				return 'certain';
			}
			return undefined;
		}
		// const code = event.code — and not `var code = code || 1000`, a value defined through itself.
		if (ts.isVariableDeclaration(declaration) && declaration.initializer && !this.#resolving.has(binding)) {
			this.#resolving.add(binding);
			try {
				return this.holdsCloseCode(declaration.initializer);
			} finally {
				this.#resolving.delete(binding);
			}
		}
		return undefined;
	}
}

/** Members only a socket (or a fake of one) has: `{ send, readyState, close }` is a socket, `{ query, close }` is not. */
const socketMembers = new Set(['readyState', 'terminate', 'addEventListener', 'binaryType', 'bufferedAmount', 'extensions']);
/** Members a socket shares with other things that close (processes, ports, database clients): two make a socket. */
const sharedSocketMembers = new Set(['send', 'ping', 'pong', 'removeEventListener', 'onclose', 'onmessage', 'onopen', 'onerror']);
/** An emitter's members: a socket's in a WebSocket file. */
const emitterMembers = new Set(['on', 'once', 'off', 'emit', 'removeListener', 'removeAllListeners']);

/**
 * A call that makes a mock: `jest.fn()`, `vi.fn(impl)`, `sinon.spy()`, `sinon.stub()`, `sinon.fake()`,
 * `jasmine.createSpy('close')`, `mock.fn()` (node:test), `td.func()`, and the same with chained set-up
 * (`jest.fn().mockReturnValue(…)`, `sinon.stub().returns(…)`).
 */
function isMockFactory(expression: ts.Expression): boolean {
	let node = skipOuterExpressions(expression);
	while (ts.isCallExpression(node) && ts.isPropertyAccessExpression(node.expression) && /^(?:mock\w*|returns|resolves|callsFake)$/.test(node.expression.name.text)) {
		node = skipOuterExpressions(node.expression.expression);
	}
	return ts.isCallExpression(node) && ts.isPropertyAccessExpression(node.expression) && /^(?:fn|spy|stub|fake|createSpy|func)$/.test(node.expression.name.text);
}
