import ts from 'typescript';
import { propertyNameText, skipOuterExpressions } from '../recognition/fileContext';

/**
 * WebSocket event handlers as the quick fixes see them: which socket, which event, which style of registration,
 * and the function that handles it.
 */

export type HandlerStyle =
	/** `ws.on('close', (code, reason) => …)` — the `ws` package: arguments are the values themselves. */
	| 'node'
	/** `socket.addEventListener('close', (event) => …)` / `socket.onclose = (event) => …` — WHATWG events. */
	| 'dom'
	/** Bun's `websocket: { message(ws, message) {…}, close(ws, code, reason) {…} }` */
	| 'bun';

export interface Handler {
	readonly event: 'close' | 'message' | 'open';
	readonly style: HandlerStyle;
	/** The socket the handler is registered on (`ws`, `this.socket`); undefined for Bun's handler objects. */
	readonly socket: ts.Expression | undefined;
	readonly fn: ts.ArrowFunction | ts.FunctionExpression | ts.MethodDeclaration;
	/** The statement that registers the handler (where related statements can be inserted). */
	readonly statement: ts.Statement | undefined;
	/**
	 * Where the registration's own text starts: `ws.on(…)` / `.on(…)` in a chain, `socket.onmessage = …`, Bun's
	 * `message(…)` member. From there to the body's `{` is the handler's signature.
	 */
	readonly start: number;
}

type HandlerFunction = Handler['fn'];

function asHandlerFunction(node: ts.Node | undefined): HandlerFunction | undefined {
	const value = node && ts.isExpression(node) ? skipOuterExpressions(node) : node;
	return value && (ts.isArrowFunction(value) || ts.isFunctionExpression(value) || ts.isMethodDeclaration(value)) ? value : undefined;
}

function enclosingStatement(node: ts.Node): ts.Statement | undefined {
	let current: ts.Node | undefined = node;
	while (current && !ts.isSourceFile(current)) {
		if (ts.isStatement(current) && (ts.isBlock(current.parent) || ts.isSourceFile(current.parent) || ts.isModuleBlock(current.parent) ||
			ts.isCaseClause(current.parent) || ts.isDefaultClause(current.parent))) {
			return current;
		}
		current = current.parent;
	}
	return undefined;
}

const events = new Set(['close', 'message', 'open']);
/** What the text of any registration `findHandlers` finds contains: an event name as a string, `onclose`, Bun's `websocket:`. */
const registrationWords = /['"`](?:close|message|open)['"`]|\bon(?:close|message|open)\b|websocket['"`]?\s*:/;

/** Per tree: the hover and three code-action providers look them up at every cursor position. */
const handlersByTree = new WeakMap<ts.SourceFile, readonly Handler[]>();

/** Every handler registration in the file. */
export function findHandlers(tree: ts.SourceFile): readonly Handler[] {
	const known = handlersByTree.get(tree);
	if (known) {
		return known;
	}
	const found: Handler[] = [];
	// Every registration names its event in the text: a file that names none (most) is not walked.
	if (!registrationWords.test(tree.text)) {
		handlersByTree.set(tree, found);
		return found;
	}
	const visit = (node: ts.Node): void => {
		// ws.on('close', fn), ws.once(...), socket.addEventListener('message', fn)
		if (ts.isCallExpression(node) && ts.isPropertyAccessExpression(node.expression) && node.arguments.length >= 2) {
			const method = node.expression.name.text;
			const [eventName, listener] = node.arguments;
			const fn = asHandlerFunction(listener);
			if (fn && ts.isStringLiteralLike(eventName) && events.has(eventName.text)) {
				// In a chain (`ws.on('open', f).on('message', g)`) the call's text starts with the earlier calls.
				const receiver = skipOuterExpressions(node.expression.expression);
				const start = ts.isCallExpression(receiver) ? node.expression.name.getStart() : node.getStart();
				if (method === 'on' || method === 'once' || method === 'addListener') {
					found.push({ event: eventName.text as Handler['event'], style: 'node', socket: node.expression.expression, fn, statement: enclosingStatement(node), start });
				} else if (method === 'addEventListener') {
					found.push({ event: eventName.text as Handler['event'], style: 'dom', socket: node.expression.expression, fn, statement: enclosingStatement(node), start });
				}
			}
		}
		// socket.onclose = fn
		if (ts.isBinaryExpression(node) && node.operatorToken.kind === ts.SyntaxKind.EqualsToken && ts.isPropertyAccessExpression(node.left)) {
			const match = /^on(close|message|open)$/.exec(node.left.name.text);
			const fn = asHandlerFunction(node.right);
			if (match && fn) {
				found.push({ event: match[1] as Handler['event'], style: 'dom', socket: node.left.expression, fn, statement: enclosingStatement(node), start: node.getStart() });
			}
		}
		// Bun.serve({ websocket: { message(ws, message) {…} } })
		if (ts.isPropertyAssignment(node) && propertyNameText(node.name) === 'websocket' && ts.isObjectLiteralExpression(node.initializer)) {
			for (const member of node.initializer.properties) {
				const name = member.name && propertyNameText(member.name);
				const fn = ts.isMethodDeclaration(member) ? member : ts.isPropertyAssignment(member) ? asHandlerFunction(member.initializer) : undefined;
				if (fn && name !== undefined && events.has(name)) {
					found.push({ event: name as Handler['event'], style: 'bun', socket: undefined, fn, statement: enclosingStatement(node), start: member.getStart() });
				}
			}
		}
		ts.forEachChild(node, visit);
	};
	visit(tree);
	handlersByTree.set(tree, found);
	return found;
}

/** The handler of `event` whose function contains `offset` (the innermost one). */
export function handlerAt(handlers: readonly Handler[], offset: number, event: Handler['event']): Handler | undefined {
	let best: Handler | undefined;
	for (const handler of handlers) {
		if (handler.event === event && handler.fn.getStart() <= offset && offset <= handler.fn.getEnd() &&
			(!best || handler.fn.getStart() >= best.fn.getStart())) {
			best = handler;
		}
	}
	return best;
}

/**
 * The handler of `event` whose signature — from the registration's start to the body's opening `{` (or the start of an
 * expression body) — overlaps `start`…`end`.
 */
export function handlerWithSignatureAt(handlers: readonly Handler[], start: number, end: number, event: Handler['event']): Handler | undefined {
	return handlers.find((handler) => {
		if (handler.event !== event || !handler.fn.body) {
			return false;
		}
		const body = handler.fn.body;
		const signatureEnd = ts.isBlock(body) ? body.getStart() + 1 : body.getStart();
		return handler.start <= end && start <= signatureEnd;
	});
}

/** The name of the n-th parameter when it is a plain identifier. */
export function parameterName(fn: HandlerFunction, index: number): string | undefined {
	const parameter = fn.parameters[index];
	return parameter && ts.isIdentifier(parameter.name) ? parameter.name.text : undefined;
}

