import ts from 'typescript';
import { calleeName as calleeNameOf, climb, functionName, isAsync, skipOuterExpressions } from '../ast';
import type { ImportUse, LinkedFacts } from '../crossModule';
import type { FileBindings } from '../file/bindings';
import type { CloseHandlers } from '../file/closeHandlers';
import { isNothing, pathOf, type FlowSites, type FunctionNode } from '../file/flowSites';
import { isReasonParameter } from '../file/listeners';
import { enclosingClass } from '../file/scopes';
import { isCodeName, saysCloseCode, saysClosingHelper, words } from '../names';
import { assertedValue, closeCodeSink, codeValueOf, equalityAssertions, namesCloseCodeValue } from '../sinks';
import type { Confidence, SinkContext } from '../types';
import type { HeldCodes } from './heldCodes';

/**
 * The data flow of one file: which variables and parameters hold a close code, which parameters end up in a Close
 * frame or are compared with a received code, and which functions return close codes — propagated over what the walk
 * collected (`FlowSites`) into the maps of `HeldCodes`.
 */

/** How many times the data flow is propagated: enough for helper chains (fail → failWebsocketConnection → close). */
const flowRounds = 4;

export class ValueFlow {
	/** Parameters whose argument ends up as a close code: the arguments passed for them are close codes. */
	readonly #sendParameters = new Map<ts.ParameterDeclaration, Confidence>();
	/**
	 * Parameters compared with (or asserted equal to) a received close code: `function expectClose(code) {
	 * evt.code.should.equal(code) }`, `isCode(expected) { return event.code === expected }`. The arguments passed for
	 * them are the codes the close is expected to carry.
	 */
	readonly #comparedParameters = new Map<ts.ParameterDeclaration, Confidence>();
	/** Destructured loop variables compared with (or asserted equal to) a received close code. */
	readonly #comparedElements = new Map<ts.Identifier, Confidence>();
	readonly #bindings: FileBindings;
	readonly #handlers: CloseHandlers;
	readonly #sites: FlowSites;
	readonly #held: HeldCodes;

	/** `linked`: what the workspace knows about the modules this file imports (functions of theirs that close). */
	constructor(readonly isWebSocketFile: boolean, readonly linked: LinkedFacts | undefined, bindings: FileBindings, handlers: CloseHandlers, sites: FlowSites,
		held: HeldCodes) {
		this.#bindings = bindings;
		this.#handlers = handlers;
		this.#sites = sites;
		this.#held = held;
	}

	/**
	 * Follows close codes through the file: a variable or parameter that reaches a sink (a `close()` argument, a
	 * close event's code, a close helper's code parameter) holds a close code, and so does one assigned from a
	 * received code (`let t = e.code`) or a parameter that is passed one (`g(code)` makes `g`'s parameter a code).
	 * Repeated a few times so that chains of helpers are followed; each round is linear in what the walk collected.
	 * `context`: the file's facts as the sinks see them (the `FileContext`); the carriers (`Carriers.collect`) come after.
	 */
	analyse(context: SinkContext): void {
		for (const fn of this.#sites.functions) {
			this.#seedParameters(fn);
			this.#seedFromOtherModules(fn);
		}
		// References whose sink can change as the flow learns more: arguments of this file's functions (their
		// parameters may turn out to be sent) and values assigned to variables (which may turn out to hold codes).
		let references = this.#sites.valueReferences;
		let paths = this.#sites.pathArguments;
		for (let round = 0; round < flowRounds; round++) {
			let changed = false;
			const undecided: ts.Identifier[] = [];
			for (const reference of references) {
				const top = ts.isShorthandPropertyAssignment(reference.parent) ? reference : climb(reference);
				const sink = closeCodeSink(top, context);
				if (sink) {
					changed = this.#markHolder(reference, sink.confidence, true) || changed;
				} else if (this.#mayBecomeSink(top)) {
					undecided.push(reference);
				}
			}
			references = undecided;
			// The same for `msg.code` handed to a call: once at a sink it stays there; only a call of this file's functions may become one.
			const undecidedPaths: ts.PropertyAccessExpression[] = [];
			for (const read of paths) {
				const top = climb(read);
				const sink = closeCodeSink(top, context);
				if (sink) {
					// Not a path handed to a helper: `self.onError(xhr.status)` names many `onError`s in a bundle, and
					// `sub._setUnsubscribed(u.code, u.reason)` is a close helper only by its parameters' names; neither says
					// what the object the path is read from carries (`u.code < 2500` is a subscription's code).
					changed = (sink.rule !== 'closeHelperArgument' && this.#markPathHolder(read, sink.confidence)) || changed;
				} else if (this.#mayBecomeSink(top)) {
					undecidedPaths.push(read);
				}
			}
			paths = undecidedPaths;
			for (const { target, value } of this.#sites.assignments) {
				const held = this.#held.holdsCloseCode(value);
				if (held) {
					changed = this.#markHolder(target, held, false) || changed;
				}
			}
			for (const { target, value } of this.#sites.fieldAssignments) {
				const held = this.#held.holdsCloseCode(value);
				const owner = held && enclosingClass(target);
				if (held && owner) {
					const fields = this.#held.fieldHolders.get(owner) ?? new Map<string, Confidence>();
					this.#held.fieldHolders.set(owner, fields);
					if (fields.get(target.name.text) !== 'certain' && fields.get(target.name.text) !== held) {
						fields.set(target.name.text, held);
						changed = true;
					}
				}
			}
			for (const { fn, value } of this.#sites.returns) {
				// A promise returned resolves the function's own promise (`return new Promise((r) => ws.once('close', r))`); an
				// `async` function's promise resolves with what it returns, so its call is no code until awaited.
				const promised = this.#held.promiseResolvesCloseCode(value);
				const held = this.#held.holdsCloseCode(value);
				if (isAsync(fn)) {
					changed = raise(this.#held.promisedResults, fn, promised) || changed;
					changed = raise(this.#held.promisedResults, fn, held) || changed;
				} else {
					changed = raise(this.#held.closeCodeResults, fn, held) || changed;
					changed = raise(this.#held.promisedResults, fn, promised) || changed;
				}
			}
			for (const equality of this.#sites.equalities) {
				changed = this.#markCompared(equality.left, equality.right) || changed;
				changed = this.#markCompared(equality.right, equality.left) || changed;
			}
			for (const call of this.#sites.calls) {
				const assertion = ts.isCallExpression(call) ? calleeNameOf(call.expression) : undefined;
				if (assertion !== undefined && equalityAssertions.test(assertion)) {
					for (const argument of call.arguments ?? []) {
						const asserted = assertedValue(call as ts.CallExpression, assertion, argument);
						changed = (asserted !== undefined && !asserted.spy && this.#markCompared(argument, asserted.value)) || changed;
					}
				}
			}
			for (const call of this.#sites.calls) {
				changed = this.#forwardEmitted(call) || changed;
				const callees = this.#sites.calleesOf(call);
				if (!callees || !call.arguments) {
					continue;
				}
				// `ws.close(toWireCode(code))`: the function's result is a close code. `ws.close(await pickCode(reason))`:
				// an `async` function's promise resolves with one (what it returns is then the code, see `returnsCloseCode`).
				// Only when the call can mean one function: `x.get(…)` in a bundle names every getter it has.
				const awaited = ts.isAwaitExpression(call.parent) ? call.parent : undefined;
				const sink = callees.length === 1 ? closeCodeSink(climb(awaited ?? call), context) : undefined;
				if (sink) {
					const [callee] = callees;
					changed = raise(awaited && isAsync(callee) ? this.#held.promisedResults : this.#held.closeCodeResults, callee, sink.confidence) || changed;
				}
				// A code passed to a function makes its parameter a code — when the call can only mean one function.
				call.arguments.forEach((argument, index) => {
					const held = callees.length === 1 ? this.#held.holdsCloseCode(argument) : undefined;
					if (!held) {
						return;
					}
					for (const callee of callees) {
						const parameter = callee.parameters[index];
						if (parameter && ts.isIdentifier(parameter.name) && parameter.dotDotDotToken === undefined &&
							this.#held.holders.get(parameter.name) !== 'certain' && this.#held.holders.get(parameter.name) !== held) {
							this.#held.holders.set(parameter.name, held);
							changed = true;
						}
					}
				});
			}
			if (!changed) {
				break;
			}
		}
		this.#collectCodeLists();
		this.#collectNamedFields();
	}

	/**
	 * `this.lastCloseCode = code` in a `ws` close listener, and no other write of that field name in the file but
	 * clearing it (`= null`): `session.lastCloseCode`, read from any object of the file, holds a received close code.
	 * One write of anything else (a number, another value, an object literal's property of that name) and the name
	 * says nothing.
	 */
	#collectNamedFields(): void {
		const byName = new Map<string, Confidence | null>();
		for (const { target, value } of this.#sites.memberAssignments) {
			const name = target.name.text;
			if (byName.get(name) === null || this.#sites.otherMemberWrites.has(name) || isNothing(value)) {
				continue;
			}
			const held = this.#held.isReceivedCloseCode(value) ? this.#held.holdsCloseCode(value) : undefined;
			byName.set(name, !held ? null : byName.get(name) === 'likely' ? 'likely' : held);
		}
		for (const [name, confidence] of byName) {
			if (confidence) {
				this.#held.namedFields.set(name, confidence);
			}
		}
	}

	/**
	 * What a parameter's name and its function's signature say, before any flow: the code of a close or fail helper
	 * (`_close(code, reason)`, `closeAndRetry(error, code, reason)`, `failHandshake(handler, response, code, reason)`),
	 * the code a close-event class is constructed with — and, receive side only, the code a validity check looks at
	 * (`isValidStatusCode(code)`). A code next to a *message* is not enough: that is how error objects are built.
	 */
	#seedParameters(fn: FunctionNode): void {
		const name = ts.isConstructorDeclaration(fn) ? undefined : functionName(fn);
		const className = ts.isConstructorDeclaration(fn) ? fn.parent.name?.text : undefined;
		const parameterNames = fn.parameters.map((parameter) => (ts.isIdentifier(parameter.name) ? parameter.name.text : ''));
		const confidence: Confidence = this.isWebSocketFile ? 'certain' : 'likely';
		fn.parameters.forEach((parameter, index) => {
			const parameterName = parameterNames[index];
			if (!ts.isIdentifier(parameter.name) || !(isCodeName(parameterName) || namesCloseCodeValue(parameterName))) {
				return;
			}
			const nextToReason = isReasonParameter(parameterNames[index - 1]) || isReasonParameter(parameterNames[index + 1]);
			const closingHelper = name !== undefined && saysClosingHelper(name);
			const closeEventClass = className !== undefined && saysCloseCode(className);
			if (nextToReason || closingHelper || closeEventClass) {
				this.#sendParameters.set(parameter, confidence);
				this.#held.holders.set(parameter.name, confidence);
				return;
			}
			if (name !== undefined && this.#checksCloseCodes(name)) {
				this.#held.holders.set(parameter.name, confidence);
			}
		});
	}

	/**
	 * A top-level function other modules call with a close code (`isFatal(event.code)` in client.ts for `export function
	 * isFatal(code)` here): its parameter there holds one.
	 */
	#seedFromOtherModules(fn: FunctionNode): void {
		const receivedArgument = this.linked?.receivedArgument;
		const declaration = ts.isFunctionDeclaration(fn) ? fn : ts.isVariableDeclaration(fn.parent) ? fn.parent : undefined;
		const statement = declaration && (ts.isFunctionDeclaration(declaration) ? declaration : declaration.parent.parent);
		if (!receivedArgument || !declaration?.name || !ts.isIdentifier(declaration.name) || !statement || !ts.isSourceFile(statement.parent)) {
			return;
		}
		const local = declaration.name.text;
		fn.parameters.forEach((parameter, index) => {
			const evidence = ts.isIdentifier(parameter.name) && parameter.dotDotDotToken === undefined ? receivedArgument(local, index) : undefined;
			if (evidence && ts.isIdentifier(parameter.name) && this.#held.holders.get(parameter.name) !== 'certain') {
				this.#held.holders.set(parameter.name, evidence.confidence);
			}
		});
	}

	/** `isValidStatusCode`, `isValidCloseCode`, `isFatalInternalCloseCode`, and in a WebSocket file `userSetCode`. */
	#checksCloseCodes(functionName: string): boolean {
		const list = words(functionName);
		if (!list.includes('code') || list.includes('error') || list.includes('http')) {
			return false;
		}
		return list.includes('status') || list.includes('close') || this.isWebSocketFile;
	}

	/** Marks the variable or parameter `reference` refers to as holding a close code. Returns whether anything changed. */
	#markHolder(reference: ts.Identifier, confidence: Confidence, sent: boolean): boolean {
		const binding = this.#bindings.bindingOf(reference);
		const declaration = binding?.parent;
		if (!binding || !declaration || !(ts.isVariableDeclaration(declaration) || ts.isParameter(declaration) || ts.isBindingElement(declaration))) {
			return false;
		}
		let changed = false;
		if (this.#held.holders.get(binding) !== 'certain' && this.#held.holders.get(binding) !== confidence) {
			this.#held.holders.set(binding, confidence);
			changed = true;
		}
		if (sent && ts.isParameter(declaration) && this.#sendParameters.get(declaration) !== 'certain' &&
			this.#sendParameters.get(declaration) !== confidence) {
			this.#sendParameters.set(declaration, confidence);
			changed = true;
		}
		return changed;
	}

	/**
	 * `ws.close(msg.code)`: the path `msg.code` of that (never reassigned) object holds a close code wherever the object
	 * is in scope — `if (msg.code === 4005)` before the close compares one. Returns whether anything changed.
	 */
	#markPathHolder(read: ts.PropertyAccessExpression, confidence: Confidence | undefined): boolean {
		const path = confidence && pathOf(read);
		const binding = path && this.#held.pathRoot(path.root);
		if (!binding) {
			return false;
		}
		const paths = this.#held.pathHolders.get(binding) ?? new Map<string, Confidence>();
		this.#held.pathHolders.set(binding, paths);
		return raise(paths, path.key, confidence);
	}

	/**
	 * `this.emit('disconnected', code, reason)` with a close code: each listener of that event in this file
	 * (`conn.on('disconnected', (status) => …)`) gets it at the same place, whatever its parameter is called.
	 */
	#forwardEmitted(call: ts.CallExpression | ts.NewExpression): boolean {
		const event = call.arguments?.[0];
		if (!ts.isCallExpression(call) || calleeNameOf(call.expression) !== 'emit' || call.arguments.length < 2 || !event || !ts.isStringLiteralLike(event)) {
			return false;
		}
		const listeners = this.#handlers.eventListeners.get(event.text);
		let changed = false;
		call.arguments.forEach((argument, index) => {
			// `this.emit('ended', { code, reason })` from a close listener: the listener's parameter is that object, and its
			// `code` (a path of a parameter, see `pathHolders`) holds the code.
			const payload = index > 0 && listeners ? skipOuterExpressions(argument) : undefined;
			const code = payload && ts.isObjectLiteralExpression(payload) ? codeValueOf(payload) : undefined;
			const carried = code && this.#held.holdsCloseCode(code);
			if (carried) {
				for (const { listener, registration } of listeners!) {
					for (const fn of this.#handlers.listenerFunctions(listener, registration)) {
						const parameter = fn.parameters[index - 1];
						if (parameter && ts.isIdentifier(parameter.name) && parameter.dotDotDotToken === undefined) {
							const paths = this.#held.pathHolders.get(parameter.name) ?? new Map<string, Confidence>();
							this.#held.pathHolders.set(parameter.name, paths);
							changed = raise(paths, 'code', carried) || changed;
						}
					}
				}
			}
			const held = index > 0 && listeners ? this.#held.holdsCloseCode(argument) : undefined;
			if (!held) {
				return;
			}
			for (const { listener, registration } of listeners!) {
				for (const fn of this.#handlers.listenerFunctions(listener, registration)) {
					const parameter = fn.parameters[index - 1];
					if (parameter && ts.isIdentifier(parameter.name) && parameter.dotDotDotToken === undefined &&
						this.#held.holders.get(parameter.name) !== 'certain' && this.#held.holders.get(parameter.name) !== held) {
						this.#held.holders.set(parameter.name, held);
						changed = true;
					}
				}
			}
		});
		return changed;
	}

	/** `value` is compared with `other`: a parameter compared with a received close code is a compared parameter. */
	#markCompared(value: ts.Expression, other: ts.Expression): boolean {
		const node = skipOuterExpressions(value);
		const declaration = ts.isIdentifier(node) ? this.#bindings.bindingOf(node)?.parent : undefined;
		// `for (const [input, expected] of rows) assert.equal(code, expected)`: a loop's variable compared with a received code.
		if (declaration && ts.isBindingElement(declaration) && ts.isIdentifier(declaration.name) && !this.#comparedElements.has(declaration.name)) {
			const held = this.#held.holdsCloseCode(other);
			if (held) {
				this.#comparedElements.set(declaration.name as ts.Identifier, held);
			}
		}
		if (!declaration || !ts.isParameter(declaration) || declaration.dotDotDotToken !== undefined || this.#comparedParameters.get(declaration) === 'certain') {
			return false;
		}
		// Only a code the peer sent (`evt.code`, a close listener's `code`): a parameter compared with a constant says nothing.
		const held = this.#held.isReceivedCloseCode(other) || this.#isCloseEventCode(other) ? this.#held.holdsCloseCode(other) : undefined;
		if (!held || this.#comparedParameters.get(declaration) === held) {
			return false;
		}
		this.#comparedParameters.set(declaration, held);
		return true;
	}

	/** `x.code` where `x` is a close event. */
	#isCloseEventCode(expression: ts.Expression): boolean {
		const node = skipOuterExpressions(expression);
		return ts.isPropertyAccessExpression(node) && node.name.text === 'code' && this.#held.closeEventStrength(node.expression) !== undefined;
	}

	#mayBecomeSink(top: ts.Expression): boolean {
		const consumer = top.parent;
		if (ts.isCallExpression(consumer) || ts.isNewExpression(consumer)) {
			return this.#sites.calleesOf(consumer) !== undefined;
		}
		return ts.isBinaryExpression(consumer) && consumer.operatorToken.kind === ts.SyntaxKind.EqualsToken;
	}

	/** `codes.push(event.code)`, `codes.unshift(code)`: the lists (by binding) close codes are collected into. */
	#collectCodeLists(): void {
		for (const call of this.#sites.calls) {
			const callee = skipOuterExpressions(call.expression);
			if (!ts.isCallExpression(call) || !ts.isPropertyAccessExpression(callee) || !/^(?:push|unshift)$/.test(callee.name.text)) {
				continue;
			}
			const list = skipOuterExpressions(callee.expression);
			const binding = ts.isIdentifier(list) ? this.#bindings.bindingOf(list) : undefined;
			const declaration = binding?.parent;
			const initial = declaration && ts.isVariableDeclaration(declaration) && declaration.initializer ? skipOuterExpressions(declaration.initializer) : undefined;
			// Only a list this file starts empty: what it holds is what is pushed.
			if (!binding || !initial || !ts.isArrayLiteralExpression(initial) || initial.elements.length > 0 || call.arguments.length !== 1) {
				continue;
			}
			const held = this.#held.holdsCloseCode(call.arguments[0]);
			if (held && this.#held.collections.get(binding) !== 'certain') {
				this.#held.collections.set(binding, held);
			}
		}
	}

	/** Is this destructured variable (`for (const [input, expected] of rows)`) compared with a received close code? */
	comparedElementStrength(identifier: ts.Identifier): Confidence | undefined {
		const binding = this.#bindings.bindingOf(identifier);
		return binding && this.#comparedElements.get(binding);
	}

	/** Is the argument at `index` of this call passed for a parameter that is compared with a received close code? */
	comparedParameterAt(call: ts.CallExpression | ts.NewExpression, index: number): Confidence | undefined {
		let best: Confidence | undefined;
		for (const callee of this.#sites.calleesOf(call) ?? []) {
			const parameter = callee.parameters[index];
			const confidence = parameter ? this.#comparedParameters.get(parameter) : undefined;
			if (confidence === 'certain') {
				return confidence;
			}
			best ??= confidence;
		}
		return best;
	}

	/**
	 * Is the argument at `index` of this call one of this file's functions' parameters whose value ends up as a close
	 * code? Returns the evidence strength.
	 */
	sendParameterAt(call: ts.CallExpression | ts.NewExpression, index: number): Confidence | undefined {
		const callee = skipOuterExpressions(call.expression);
		if (this.linked && ts.isIdentifier(callee) && this.#bindings.isImported(callee)) {
			return this.linked.importedSendParameter(callee.text, index);
		}
		let best: Confidence | undefined;
		for (const callee of this.#sites.calleesOf(call) ?? []) {
			const parameter = callee.parameters[index];
			const confidence = parameter && parameter.dotDotDotToken === undefined ? this.#sendParameters.get(parameter) : undefined;
			if (confidence === 'certain') {
				return confidence;
			}
			best ??= confidence;
		}
		return best ?? this.#emittedToSendParameter(call, index);
	}

	/**
	 * `this.emit('conclude', 1005, buf)` where this file registers `receiver.on('conclude', receiverOnConclude)` and that
	 * listener closes with its first parameter: the argument after the event name lands in that parameter.
	 */
	#emittedToSendParameter(call: ts.CallExpression | ts.NewExpression, index: number): Confidence | undefined {
		const event = call.arguments?.[0];
		if (!ts.isCallExpression(call) || index < 1 || calleeNameOf(call.expression) !== 'emit' || !event || !ts.isStringLiteralLike(event)) {
			return undefined;
		}
		let best: Confidence | undefined;
		for (const { listener, registration } of this.#handlers.eventListeners.get(event.text) ?? []) {
			for (const fn of this.#handlers.listenerFunctions(listener, registration)) {
				const parameter = fn.parameters[index - 1];
				const confidence = parameter && parameter.dotDotDotToken === undefined ? this.#sendParameters.get(parameter) : undefined;
				if (confidence === 'certain') {
					return confidence;
				}
				best ??= confidence;
			}
		}
		// A class another module listens to: `receiver.on('conclude', receiverOnConclude)` on a `new Receiver(…)` there.
		const owner = best ? undefined : enclosingClass(call);
		const className = owner && (ts.isClassDeclaration(owner) || ts.isClassExpression(owner)) ? owner.name?.text : undefined;
		return best ?? (className !== undefined ? this.linked?.listenedArgument?.(className, event.text, index)?.confidence : undefined);
	}

	/**
	 * What this file tells the module of an imported class it listens to: `const receiver = new Receiver(…);
	 * receiver.on('conclude', receiverOnConclude)` where the listener closes with its first parameter — the argument
	 * after the event name of that class's `emit('conclude', …)` is a close code (see `ImportUse.asListener`).
	 */
	importedListeners(): ImportUse[] {
		const uses: ImportUse[] = [];
		for (const [event, listeners] of this.#handlers.eventListeners) {
			for (const { listener, registration } of listeners) {
				const imported = ts.isCallExpression(registration) && ts.isPropertyAccessExpression(registration.expression)
					? this.#constructedImport(registration.expression.expression) : undefined;
				if (!imported) {
					continue;
				}
				for (const fn of this.#handlers.listenerFunctions(listener, registration)) {
					fn.parameters.forEach((parameter, index) => {
						const confidence = parameter.dotDotDotToken === undefined ? this.#sendParameters.get(parameter) : undefined;
						if (confidence) {
							uses.push({ local: imported, members: [], asListener: { event, index: index + 1, evidence: { confidence, role: 'send', rule: 'closeHelperArgument' } } });
						}
					});
				}
			}
		}
		return uses;
	}

	/** The imported class a variable is made from (`const receiver = new Receiver(…)` with `Receiver` required). */
	#constructedImport(object: ts.Expression): string | undefined {
		const node = skipOuterExpressions(object);
		const declaration = ts.isIdentifier(node) ? this.#bindings.bindingOf(node)?.parent : undefined;
		const value = declaration && ts.isVariableDeclaration(declaration) && declaration.initializer ? skipOuterExpressions(declaration.initializer) : undefined;
		const constructed = value && ts.isNewExpression(value) ? skipOuterExpressions(value.expression) : undefined;
		return constructed && ts.isIdentifier(constructed) && this.#bindings.isImported(constructed) ? constructed.text : undefined;
	}

	/** How surely a parameter of one of this file's functions ends up as a close code (for the workspace index). */
	sendParameterStrength(parameter: ts.ParameterDeclaration): Confidence | undefined {
		return parameter.dotDotDotToken === undefined ? this.#sendParameters.get(parameter) : undefined;
	}
}

/** Records `confidence` for `key` when it is stronger than what is known. Returns whether anything changed. */
function raise<Key>(map: Map<Key, Confidence>, key: Key, confidence: Confidence | undefined): boolean {
	if (!confidence || map.get(key) === 'certain' || map.get(key) === confidence) {
		return false;
	}
	map.set(key, confidence);
	return true;
}
