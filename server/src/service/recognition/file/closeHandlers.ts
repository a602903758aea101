import ts from 'typescript';
import { functionName, isFunctionLike, skipOuterExpressions } from '../ast';
import { saysClosing } from '../names';
import type { FileBindings } from './bindings';
import type { FlowSites, FunctionNode } from './flowSites';
import { boundMethodName, type CloseHandlerInfo, unwrappedListener } from './listeners';

/**
 * The file's close handlers: functions registered for the close event (in place, by name, or as a bound method) or
 * named as handling the end of a connection, and the listeners of each event an `emit` in the file reaches.
 */
export class CloseHandlers {
	readonly #closeHandlers = new Map<ts.Node, CloseHandlerInfo>();
	/** Close listeners passed by name (`socket.bind('closed', onClosed)`), resolved once every declaration is known. */
	readonly #namedListeners: { readonly listener: ts.Identifier; readonly info: CloseHandlerInfo }[] = [];
	/** Close listeners that are methods of the registering class (`ws.on('close', this.onClose.bind(this))`). */
	readonly #boundListeners: { readonly name: string; readonly info: CloseHandlerInfo; readonly registration: ts.Node }[] = [];
	/** Listeners by event name (`conn.on('disconnected', fn)`): what an `emit` of that event in this file hands them. */
	readonly eventListeners = new Map<string, { readonly listener: ts.Expression; readonly registration: ts.Node }[]>();
	readonly #bindings: FileBindings;
	readonly #sites: FlowSites;

	constructor(bindings: FileBindings, sites: FlowSites) {
		this.#bindings = bindings;
		this.#sites = sites;
	}

	collect(node: ts.Node): void {
		// ws.on('close', fn) / ws.once('close', fn) / socket.addEventListener('close', fn) / pusher's bind('closed', fn)
		if (ts.isCallExpression(node) && ts.isPropertyAccessExpression(node.expression) && node.arguments.length >= 2) {
			const method = node.expression.name.text;
			const [event, listener] = node.arguments;
			if (/^(?:on|once|addListener|prependListener|prependOnceListener)$/.test(method) && ts.isStringLiteralLike(event)) {
				const listeners = this.eventListeners.get(event.text) ?? [];
				this.eventListeners.set(event.text, listeners);
				listeners.push({ listener, registration: node });
			}
			if (/^(?:on|once|addListener|prependListener|prependOnceListener|addEventListener|bind)$/.test(method) &&
				ts.isStringLiteralLike(event) && /^(?:close|closed|disconnect|disconnected)$/.test(event.text)) {
				// Node's EventEmitter passes ws's (code, reason); the others pass an event object. `closed` and `disconnected`
				// are what wrappers re-emit, with an object (`this.emit('disconnected', { code: e.code })`).
				const info = {
					firstParamIsCode: method !== 'addEventListener' && method !== 'bind' && event.text !== 'closed' && event.text !== 'disconnected', registered: true,
				};
				const fn = unwrappedListener(listener);
				if (fn) {
					this.#closeHandlers.set(fn, info);
				} else if (ts.isIdentifier(listener)) {
					this.#namedListeners.push({ listener, info });
				} else {
					const name = boundMethodName(listener);
					if (name !== undefined) {
						this.#boundListeners.push({ name, info, registration: node });
					}
				}
			}
			return;
		}
		// socket.onclose = fn
		const assigned = ts.isBinaryExpression(node) && node.operatorToken.kind === ts.SyntaxKind.EqualsToken && ts.isPropertyAccessExpression(node.left) &&
			/^on_?close$/i.test(node.left.name.text) ? unwrappedListener(node.right) : undefined;
		if (assigned) {
			this.#closeHandlers.set(assigned, { firstParamIsCode: false, registered: true });
			return;
		}
		// Functions and methods whose names say they handle the end of a connection: onClose, handleClose, close(ws, code, reason)
		const name = isFunctionLike(node) ? functionName(node) : undefined;
		// Cloudflare's Durable Object hibernation API calls `webSocketClose(ws, code, reason, wasClean)` with what the peer sent.
		if (name === 'webSocketClose' && isFunctionLike(node) && node.parameters.length >= 2) {
			this.#closeHandlers.set(node, { firstParamIsCode: false, registered: true, codeParameter: 1 });
			return;
		}
		if (name !== undefined && (saysClosing(name) || /^on_?close$/i.test(name)) && !this.#closeHandlers.has(node)) {
			this.#closeHandlers.set(node, { firstParamIsCode: false, registered: false });
		}
	}

	/** `const onClosed = (event) => …; socket.bind('closed', onClosed)`: the named function is a close listener. */
	resolveNamedListeners(): void {
		for (const { listener, info } of this.#namedListeners) {
			const declaration = this.#bindings.bindingOf(listener)?.parent;
			const fn = declaration && ts.isVariableDeclaration(declaration) && declaration.initializer ? skipOuterExpressions(declaration.initializer)
				: declaration && ts.isFunctionDeclaration(declaration) ? declaration : undefined;
			if (fn && isFunctionLike(fn) && !this.#closeHandlers.get(fn)?.registered) {
				this.#closeHandlers.set(fn, info);
			}
		}
		for (const { name, info, registration } of this.#boundListeners) {
			for (const fn of this.#sites.classMethods(name, registration)) {
				if (!this.#closeHandlers.get(fn)?.registered) {
					this.#closeHandlers.set(fn, info);
				}
			}
		}
	}

	/** The functions a listener expression runs: written in place, named, or a method of the registering class. */
	listenerFunctions(listener: ts.Expression, registration: ts.Node): readonly FunctionNode[] {
		const fn = unwrappedListener(listener);
		if (fn) {
			return isFunctionLike(fn) ? [fn as FunctionNode] : [];
		}
		const value = skipOuterExpressions(listener);
		if (ts.isIdentifier(value)) {
			const declaration = this.#bindings.bindingOf(value)?.parent;
			const named = declaration && ts.isVariableDeclaration(declaration) && declaration.initializer ? skipOuterExpressions(declaration.initializer)
				: declaration && ts.isFunctionDeclaration(declaration) ? declaration : undefined;
			return named && isFunctionLike(named) ? [named as FunctionNode] : [];
		}
		const name = boundMethodName(listener);
		return name === undefined ? [] : this.#sites.classMethods(name, registration);
	}

	closeHandler(fn: ts.Node): CloseHandlerInfo | undefined {
		return this.#closeHandlers.get(fn);
	}

	/**
	 * A listener registered by name for a close (`const onClose = jest.fn(); ws.on('close', onClose)`): how it is called.
	 * Tests assert on such spies: `expect(onClose).toHaveBeenCalledWith(1006, …)`.
	 */
	registeredCloseListener(identifier: ts.Identifier): CloseHandlerInfo | undefined {
		const binding = this.#bindings.bindingOf(identifier);
		return binding && this.#namedListeners.find(({ listener }) => this.#bindings.bindingOf(listener) === binding)?.info;
	}
}
