import ts from 'typescript';
import { findBinding, skipOuterExpressions } from '../recognition/fileContext';
import type { CloseCodeSite } from '../recognition/findCloseCodeSites';
import { defaultStableAfterMs, reconnectAdvice } from '../reconnectPolicy';
import { detectStyle, type CodeStyle } from '../style';
import { identifiersIn, indentationAt, renderLines, uniqueName } from '../syntax';
import { findHandlers, handlerAt, type Handler } from './handlers';
import { hasMultilineTemplate, startWithAttachedComments, topLevelStatement, usesDirectly, wholeLines } from './placement';
import { helperLines, helperName, optionsLines, type ReconnectOptions } from './reconnectHelper';
import { applyChanges, type TextChange } from './textChanges';

/**
 * "Reconnect with exponential backoff": offered in a client's close handler, it brings the connection back through
 * the generated `createReconnector` helper (see reconnectHelper.ts for how that behaves at run time).
 *
 * The edit is small and lands where the socket is created: `reconnector.track(socket, connect)` right after the
 * creation, the reconnector next to what creates the socket (module level for a function — one target per set of
 * arguments —, a field per instance for a class, inside the hook for an effect), `reconnector.stop()` first thing in
 * the functions that close the socket on purpose. The close handler itself stays the application's: only a reconnect
 * it already makes (`setTimeout(connect, 1000)`) is taken out, since the helper now does it. Where the handler
 * reconnects through code of its own (`scheduleReconnect()`), the fix is not offered — two reconnect paths would open
 * two sockets — and the hover says why. A socket created at top level or in a lifecycle hook is first moved into a
 * local `connect()`.
 */

export type ReconnectSettings = ReconnectOptions;

export const defaultReconnectSettings: ReconnectSettings = { initialDelayMs: 1000, maxDelayMs: 30_000, maxAttempts: 0, stableAfterMs: defaultStableAfterMs };

export interface ReconnectFix {
	readonly preferred: boolean;
	readonly changes: readonly TextChange[];
}

/** Where the socket is created, and what a reconnect calls. */
type Creator = {
	/** The statement that creates the socket. */
	readonly creation: ts.Statement;
	/** How the new socket is named right after its creation: `socket`, `this.socket`, `socketRef.current`. */
	readonly socket: string;
	/** The class the socket is created with, for the helper's parameter type. */
	readonly socketType: string;
} & (
	| {
		readonly kind: 'function'; readonly name: string; readonly fn: ts.FunctionLikeDeclaration;
		/** The declaration: `function connect() {…}` or `const connect = () => {…}`. */
		readonly statement: ts.Statement;
	}
	| { readonly kind: 'method'; readonly name: string; readonly method: ts.MethodDeclaration; readonly classNode: ts.ClassLikeDeclaration }
	| {
		/** Created directly in a module or a lifecycle hook's callback: moved into a local `connect()`. */
		readonly kind: 'block'; readonly container: ts.SourceFile | ts.Block;
		/** `const socket = new WebSocket(…)`: becomes a `let` assigned in connect(). */
		readonly declaration: ts.VariableDeclaration | undefined;
	}
);

interface Context {
	readonly tree: ts.SourceFile;
	readonly text: string;
	readonly style: CodeStyle;
	readonly semi: string;
	readonly isTypeScript: boolean;
	readonly used: ReadonlySet<string>;
}

type Assessment =
	| { readonly kind: 'fixable'; readonly handler: Handler; readonly creator: Creator; readonly replaced: readonly ts.Statement[] }
	/** The handler already reconnects through `via` (a helper of its own): a second path would open a second socket. */
	| { readonly kind: 'reconnectsAlready'; readonly via: string };

function assess(tree: ts.SourceFile, offset: number): Assessment | undefined {
	const handler = handlerAt(findHandlers(tree), offset, 'close');
	if (!handler || handler.style === 'bun' || !handler.socket || !handler.fn.body) {
		return undefined;
	}
	const creator = findCreator(tree, handler);
	if (!creator) {
		return undefined;
	}
	const existing = existingReconnects(tree, handler.fn, creator);
	return 'via' in existing ? { kind: 'reconnectsAlready', via: existing.via } : { kind: 'fixable', handler, creator, replaced: existing.replaced };
}

/** For the hover: the code of its own through which the close handler at `offset` already reconnects, if any. */
export function existingReconnectAt(tree: ts.SourceFile, offset: number): string | undefined {
	const assessment = assess(tree, offset);
	return assessment?.kind === 'reconnectsAlready' ? assessment.via : undefined;
}

export function reconnectFix(tree: ts.SourceFile, offset: number, sites: readonly CloseCodeSite[], settings: ReconnectSettings,
	isTypeScript: boolean): ReconnectFix | undefined {
	const assessment = assess(tree, offset);
	const used = identifiersIn(tree);
	if (assessment?.kind !== 'fixable' || used.has(helperName)) {
		return undefined;
	}
	const { handler, creator, replaced } = assessment;
	const style = detectStyle(tree.text);
	const context: Context = { tree, text: tree.text, style, semi: style.semicolon ? ';' : '', isTypeScript, used };
	const parameters = creatorParameters(creator);
	if (!parameters) {
		return undefined;
	}
	const reconnector = creator.kind === 'method'
		? uniqueName(memberNames(creator.classNode), ['reconnector', 'socketReconnector'])
		: uniqueName(used, ['reconnector', 'socketReconnector']);
	const target = creator.kind === 'method' ? `this.${reconnector}` : reconnector;
	const connectName = creator.kind === 'block' ? uniqueName(used, ['connect', 'connectSocket', 'openSocket']) : creator.name;
	const reconnect = creator.kind === 'method'
		? `() => this.${connectName}(${parameters.call})`
		: parameters.names.length === 0 ? connectName : `() => ${connectName}(${parameters.call})`;
	const key = parameters.names.length > 0 ? `, ${parameters.call}` : '';
	const trackLine = `${target}.track(${creator.socket}, ${reconnect}${key})${context.semi}`;

	const site = sites.find((candidate) => candidate.start <= offset && offset <= candidate.end);
	const preferred = site !== undefined && site.role === 'receive' && reconnectAdvice(site.value) !== 'stop';

	// The handler's own reconnect goes: the helper reconnects now. The rest of the handler stays as it was.
	const handlerChanges = replaced.map((statement) => removal(context, statement));
	const changes: TextChange[] = [...stopChanges(context, creator, handler, target, parameters.names)];
	const options = optionsLines(settings, style.quote);
	const helper = helperLines(isTypeScript, context.semi, style.quote, creator.socketType);
	const declaration = [`const ${reconnector} = ${helperName}({`, ...options, `})${context.semi}`];

	if (creator.kind === 'block') {
		// A closer outside the hook (Vue's `onBeforeUnmount` next to `onMounted`) must see the reconnector: then it
		// lives next to the hook call, once per component instance, instead of inside the hook.
		const container = creator.container;
		const hookStatement = ts.isSourceFile(container) ? undefined : ancestor(container, ts.isStatement);
		const outside = hookStatement && changes.some((change) => change.start < container.pos || change.end > container.end);
		const wrapped = wrapInConnect(context, creator, handler, handlerChanges, connectName, trackLine, outside ? [] : declaration, helper);
		return wrapped && { preferred, changes: [...changes, ...wrapped, ...(outside ? [insertBefore(context, hookStatement, [declaration])] : [])] };
	}
	const creationEnd = creator.creation.getEnd();
	changes.push(...handlerChanges, {
		start: creationEnd, end: creationEnd, newText: `${style.eol}${indentationAt(context.text, creator.creation.getStart(tree))}${trackLine}`,
	});
	if (creator.kind === 'method') {
		const members = creator.classNode.members;
		const base = indentationAt(context.text, members[0].getStart(tree));
		const field = [`${isTypeScript ? 'private readonly ' : ''}${reconnector} = ${helperName}({`, ...options, `})${context.semi}`];
		changes.push({ start: members.pos, end: members.pos, newText: style.eol + renderLines(field, base, style.indent, style.eol) + style.eol });
		const classStatement = topLevelStatement(creator.classNode);
		return classStatement ? { preferred, changes: [...changes, insertBefore(context, classStatement, [helper])] } : undefined;
	}
	const top = topLevelStatement(creator.statement);
	if (top === creator.statement) {
		changes.push(insertBefore(context, creator.statement, [helper, declaration]));
	} else {
		changes.push(insertBefore(context, top ?? creator.statement, [helper]), insertBefore(context, creator.statement, [declaration]));
	}
	return { preferred, changes };
}

// ---- what a reconnect calls ------------------------------------------------------------------------------------

/**
 * The creator's parameters, passed again on a reconnect and used as the target's key (`joinRoom(room)`: one target
 * per room). Undefined when they cannot be named (a destructured parameter).
 */
function creatorParameters(creator: Creator): { names: string[]; call: string } | undefined {
	if (creator.kind === 'block') {
		return { names: [], call: '' };
	}
	const declared = (creator.kind === 'method' ? creator.method : creator.fn).parameters
		.filter((parameter) => !(ts.isIdentifier(parameter.name) && parameter.name.text === 'this'));
	const names: string[] = [];
	for (const parameter of declared) {
		if (!ts.isIdentifier(parameter.name)) {
			return undefined;
		}
		names.push(`${parameter.dotDotDotToken ? '...' : ''}${parameter.name.text}`);
	}
	// The creation sees the parameters unless a function in between declares the same names.
	for (let current = creator.creation.parent; current !== (creator.kind === 'method' ? creator.method : creator.fn); current = current.parent) {
		if (ts.isFunctionLike(current) && current.parameters.some((parameter) => names.some((name) => name.replace('...', '') === parameter.name.getText()))) {
			return undefined;
		}
	}
	return { names, call: names.join(', ') };
}

/**
 * The statements of the handler that reconnect by themselves — `connect()`, `setTimeout(connect, 1000)`,
 * `setTimeout(() => connect(url), delay)` — which the helper replaces; or, when the handler reconnects in a way the
 * fix cannot take over (a helper of its own, a new socket, `retry(connect)`), what it goes through.
 */
function existingReconnects(tree: ts.SourceFile, fn: Handler['fn'], creator: Creator): { replaced: ts.Statement[] } | { via: string } {
	const name = creator.kind === 'block' ? undefined : creator.name;
	const isCreatorCall = (node: ts.Node): boolean => {
		if (!ts.isCallExpression(node) || name === undefined) {
			return false;
		}
		const callee = skipOuterExpressions(node.expression);
		return creator.kind === 'method'
			? ts.isPropertyAccessExpression(callee) && callee.expression.kind === ts.SyntaxKind.ThisKeyword && callee.name.text === name
			: ts.isIdentifier(callee) && callee.text === name;
	};
	const isCreatorReference = (node: ts.Node): boolean => {
		const value = ts.isExpression(node) ? skipOuterExpressions(node) : node;
		if (name === undefined) {
			return false;
		}
		if (creator.kind !== 'method' && ts.isIdentifier(value)) {
			return value.text === name;
		}
		if (ts.isArrowFunction(value) || ts.isFunctionExpression(value)) {
			const body = value.body;
			return ts.isBlock(body)
				? body.statements.length === 1 && ts.isExpressionStatement(body.statements[0]) && isCreatorCall(skipOuterExpressions(body.statements[0].expression))
				: isCreatorCall(skipOuterExpressions(body));
		}
		// this.connect.bind(this)
		return ts.isCallExpression(value) && ts.isPropertyAccessExpression(value.expression) && value.expression.name.text === 'bind' &&
			ts.isPropertyAccessExpression(value.expression.expression) && value.expression.expression.name.text === name;
	};
	const isReconnectStatement = (statement: ts.Statement): boolean => {
		if (!ts.isExpressionStatement(statement)) {
			return false;
		}
		const expression = skipOuterExpressions(statement.expression);
		if (isCreatorCall(expression)) {
			return true;
		}
		return ts.isCallExpression(expression) && /^(?:(?:window|globalThis|self)\.)?setTimeout$/.test(expression.expression.getText(tree)) &&
			expression.arguments.length >= 1 && isCreatorReference(expression.arguments[0]);
	};
	const localFunctions = functionsByName(tree, creator);

	const replaced: ts.Statement[] = [];
	let via: string | undefined;
	const visit = (node: ts.Node): void => {
		if (via !== undefined) {
			return;
		}
		if (ts.isStatement(node) && isReconnectStatement(node)) {
			replaced.push(node);
			return;
		}
		if (ts.isNewExpression(node) && /WebSocket$/.test(node.expression.getText(tree))) {
			via = node.expression.getText(tree);
			return;
		}
		if (ts.isCallExpression(node)) {
			const callee = skipOuterExpressions(node.expression);
			const callName = ts.isIdentifier(callee) ? callee.text : ts.isPropertyAccessExpression(callee) ? callee.name.text : '';
			const local = ts.isIdentifier(callee) || (ts.isPropertyAccessExpression(callee) && callee.expression.kind === ts.SyntaxKind.ThisKeyword)
				? localFunctions.get(callName) : undefined;
			if (callName === name || /^(?:re)?connect$/i.test(callName) || callName === 'schedule' || (local && reconnects(local, localFunctions, name))) {
				via = `${callee.getText(tree)}()`;
				return;
			}
		}
		if (ts.isIdentifier(node) && node.text === name && !ts.isPropertyAccessExpression(node.parent)) {
			via = node.text; // the creator handed to something else (`retry(connect)`)
			return;
		}
		ts.forEachChild(node, visit);
	};
	if (fn.body) {
		visit(fn.body);
	}
	return via !== undefined ? { via } : { replaced };
}

/** The file's named functions and (for a class creator) its methods: what a handler may call to reconnect. */
function functionsByName(tree: ts.SourceFile, creator: Creator): Map<string, ts.Node> {
	const functions = new Map<string, ts.Node>();
	const visit = (node: ts.Node): void => {
		if (ts.isFunctionDeclaration(node) && node.name && node.body) {
			functions.set(node.name.text, node.body);
		} else if (ts.isVariableDeclaration(node) && ts.isIdentifier(node.name) && node.initializer) {
			const value = skipOuterExpressions(node.initializer);
			if (ts.isArrowFunction(value) || ts.isFunctionExpression(value)) {
				functions.set(node.name.text, value.body);
			}
		} else if (ts.isMethodDeclaration(node) && ts.isIdentifier(node.name) && node.body && creator.kind === 'method' && node.parent === creator.classNode) {
			functions.set(node.name.text, node.body);
		}
		ts.forEachChild(node, visit);
	};
	visit(tree);
	return functions;
}

/** Does `body` (or a local function it calls, a few calls deep) call the creator or create a socket? */
function reconnects(body: ts.Node, functions: ReadonlyMap<string, ts.Node>, creatorName: string | undefined, depth = 0): boolean {
	let found = false;
	const visit = (node: ts.Node): void => {
		if (found) {
			return;
		}
		if (ts.isNewExpression(node) && /WebSocket$/.test(node.expression.getText())) {
			found = true;
			return;
		}
		if (ts.isIdentifier(node) && node.text === creatorName && !ts.isPropertyAccessExpression(node.parent)) {
			found = true; // `connect()`, `setTimeout(connect, …)`
			return;
		}
		if (ts.isCallExpression(node) && depth < 3) {
			const callee = skipOuterExpressions(node.expression);
			const callName = ts.isIdentifier(callee) ? callee.text : ts.isPropertyAccessExpression(callee) ? callee.name.text : '';
			const local = functions.get(callName);
			if (local && local !== body && reconnects(local, functions, creatorName, depth + 1)) {
				found = true;
				return;
			}
		}
		ts.forEachChild(node, visit);
	};
	visit(body);
	return found;
}

/**
 * Deletes a statement the helper makes redundant. An `if` left with nothing to do (`if (code !== 1000) { connect() }`)
 * goes with it; its condition only read the close code.
 */
function removal(context: Context, statement: ts.Statement): TextChange {
	let removed: ts.Statement = statement;
	for (;;) {
		const parent = removed.parent;
		const block = ts.isBlock(parent) && parent.statements.length === 1 ? parent : undefined;
		const ifStatement = block ? block.parent : parent;
		if (ts.isIfStatement(ifStatement) && ifStatement.thenStatement === (block ?? removed) && !ifStatement.elseStatement &&
			!(ts.isIfStatement(ifStatement.parent) && ifStatement.parent.elseStatement === ifStatement)) {
			removed = ifStatement;
			continue;
		}
		break;
	}
	const start = startWithAttachedComments(context.tree, removed);
	return { ...wholeLines(context.text, start, removed.getEnd()), newText: '' };
}

// ---- where the socket is created ---------------------------------------------------------------------------

/** Callbacks that run when a component mounts: a socket created there is moved into a local connect(). */
const lifecycleHooks = /^(?:use(?:Layout)?Effect|useMount|onMount(?:ed)?|onBeforeMount|watchEffect|\$effect|effect|connectedCallback)$/;

/**
 * Finds where the handler's socket is created: in a named function or a method (what a reconnect calls again), or
 * directly in a module or a lifecycle hook (moved into a local connect()).
 */
function findCreator(tree: ts.SourceFile, handler: Handler): Creator | undefined {
	const node = skipOuterExpressions(handler.socket as ts.Expression);
	const socket = node.getText(tree);
	let creation: ts.Statement | undefined;
	let declaration: ts.VariableDeclaration | undefined;
	if (ts.isIdentifier(node)) {
		const declared = findBinding(node)?.parent;
		const initializer = declared && ts.isVariableDeclaration(declared) && declared.initializer ? skipOuterExpressions(declared.initializer) : undefined;
		if (declared && ts.isVariableDeclaration(declared) && initializer && ts.isNewExpression(initializer)) {
			// `const ws = new WebSocket(url)`
			const list = declared.parent;
			if (!ts.isVariableDeclarationList(list) || list.declarations.length !== 1 || !ts.isVariableStatement(list.parent) || !ts.isIdentifier(declared.name)) {
				return undefined;
			}
			creation = list.parent;
			declaration = declared;
		} else if (!declared || (ts.isVariableDeclaration(declared) && (!initializer || isNullish(initializer)))) {
			// `let ws;` / `let socket: WebSocket | null = null` … `ws = new WebSocket(url)` where it connects
			creation = findAssignmentStatement(tree, (target) => ts.isIdentifier(target) && target.text === node.text);
		}
	} else if (ts.isPropertyAccessExpression(node) && node.expression.kind === ts.SyntaxKind.ThisKeyword) {
		// Only in the handler's own class: another class may have a field of the same name.
		const classNode = ancestor(handler.fn, ts.isClassLike);
		creation = classNode && findAssignmentStatement(classNode, (target) => ts.isPropertyAccessExpression(target) &&
			target.expression.kind === ts.SyntaxKind.ThisKeyword && target.name.text === node.name.text);
	} else if (ts.isPropertyAccessExpression(node)) {
		// `socketRef.current = new WebSocket(url)`, `state.socket = …`
		creation = findAssignmentStatement(tree, (target) => target.getText(tree) === socket);
	}
	if (!creation) {
		return undefined;
	}
	const created = declaration
		? skipOuterExpressions(declaration.initializer as ts.Expression) as ts.NewExpression
		: skipOuterExpressions(((creation as ts.ExpressionStatement).expression as ts.BinaryExpression).right) as ts.NewExpression;
	const socketType = isEntityName(created.expression) ? created.expression.getText(tree) : 'WebSocket';
	const found = { creation, socket, socketType };
	for (let current: ts.Node = creation.parent; !ts.isSourceFile(current); current = current.parent) {
		if (ts.isMethodDeclaration(current) && ts.isIdentifier(current.name) && ts.isClassLike(current.parent) && current.body) {
			const classNode = current.parent;
			return thisIsInstance(creation, classNode) && !current.modifiers?.some((modifier) => modifier.kind === ts.SyntaxKind.StaticKeyword)
				? { ...found, kind: 'method', name: current.name.text, method: current, classNode }
				: undefined;
		}
		if (ts.isFunctionDeclaration(current) && current.name && current.body && (ts.isSourceFile(current.parent) || ts.isBlock(current.parent))) {
			return { ...found, kind: 'function', name: current.name.text, fn: current, statement: current };
		}
		if ((ts.isArrowFunction(current) || ts.isFunctionExpression(current)) && ts.isVariableDeclaration(current.parent) &&
			ts.isIdentifier(current.parent.name) && ts.isVariableDeclarationList(current.parent.parent) &&
			(current.parent.parent.flags & ts.NodeFlags.Const) !== 0 && ts.isVariableStatement(current.parent.parent.parent)) {
			return { ...found, kind: 'function', name: current.parent.name.text, fn: current, statement: current.parent.parent.parent };
		}
		if ((ts.isArrowFunction(current) || ts.isFunctionExpression(current)) && ts.isCallExpression(current.parent) &&
			lifecycleHooks.test(calleeName(current.parent)) && ts.isBlock(current.body) && creation.parent === current.body) {
			return { ...found, kind: 'block', container: current.body, declaration };
		}
		if (ts.isFunctionLike(current) || ts.isClassStaticBlockDeclaration(current)) {
			return undefined; // an anonymous function, a constructor, an object's method: nothing to call again
		}
	}
	return creation.parent === tree ? { ...found, kind: 'block', container: tree, declaration } : undefined;
}

function calleeName(call: ts.CallExpression): string {
	const callee = skipOuterExpressions(call.expression);
	return ts.isIdentifier(callee) ? callee.text : ts.isPropertyAccessExpression(callee) ? callee.name.text : '';
}

function isNullish(node: ts.Expression): boolean {
	return node.kind === ts.SyntaxKind.NullKeyword || (ts.isIdentifier(node) && node.text === 'undefined');
}

/** Is `this` at `node` the instance of `classNode`: inside its methods or constructor, through arrows only? */
function thisIsInstance(node: ts.Node | undefined, classNode: ts.ClassLikeDeclaration): boolean {
	for (let current = node?.parent; current; current = current.parent) {
		if (ts.isArrowFunction(current)) {
			continue;
		}
		if (ts.isMethodDeclaration(current) || ts.isConstructorDeclaration(current) || ts.isAccessor(current)) {
			return current.parent === classNode && !current.modifiers?.some((modifier) => modifier.kind === ts.SyntaxKind.StaticKeyword);
		}
		if (ts.isFunctionLike(current) || ts.isClassLike(current) || ts.isSourceFile(current)) {
			return false;
		}
	}
	return false;
}

function ancestor<T extends ts.Node>(node: ts.Node, test: (candidate: ts.Node) => candidate is T): T | undefined {
	for (let current = node.parent; current; current = current.parent) {
		if (test(current)) {
			return current;
		}
	}
	return undefined;
}

function findAssignmentStatement(root: ts.Node, matches: (target: ts.Expression) => boolean): ts.Statement | undefined {
	let found: ts.Statement | undefined;
	const visit = (node: ts.Node): void => {
		if (found) {
			return;
		}
		if (ts.isExpressionStatement(node) && ts.isBinaryExpression(node.expression) && node.expression.operatorToken.kind === ts.SyntaxKind.EqualsToken &&
			matches(node.expression.left) && ts.isNewExpression(skipOuterExpressions(node.expression.right))) {
			found = node;
			return;
		}
		ts.forEachChild(node, visit);
	};
	visit(root);
	return found;
}

function memberNames(classNode: ts.ClassLikeDeclaration): Set<string> {
	return new Set(classNode.members.flatMap((member) => (member.name && (ts.isIdentifier(member.name) || ts.isPrivateIdentifier(member.name)) ? [member.name.text] : [])));
}

function isEntityName(node: ts.Expression): boolean {
	return ts.isIdentifier(node) || (ts.isPropertyAccessExpression(node) && isEntityName(node.expression));
}

// ---- stopping on purpose -------------------------------------------------------------------------------------

/**
 * `reconnector.stop()` first thing in the functions that close the socket on purpose — the class's other methods, the
 * functions next to the creator, a hook's cleanup, an unmount callback — found by their `close()` on the socket or on
 * a variable the socket is kept in (`current = socket`). A closer that takes the creator's arguments stops only that
 * target (`leaveRoom(room)` → `stop(room)`).
 */
function stopChanges(context: Context, creator: Creator, handler: Handler, target: string, keyNames: readonly string[]): TextChange[] {
	const { tree, text, style, semi } = context;
	const holders = new Set([creator.socket, ...socketHolders(tree, creator.socket)]);
	const candidates: ts.FunctionLikeDeclaration[] = [];
	if (creator.kind === 'method') {
		for (const member of creator.classNode.members) {
			if (ts.isMethodDeclaration(member) && member !== creator.method && member.body &&
				!member.modifiers?.some((modifier) => modifier.kind === ts.SyntaxKind.StaticKeyword)) {
				candidates.push(member);
			}
		}
	} else {
		const own = creator.kind === 'function' ? creator.statement : creator.creation;
		// A hook's cleanup is returned from the hook; an unmount callback is registered next to the mount callback.
		const scopes: ts.Node[] = [own.parent];
		if (creator.kind === 'block' && !ts.isSourceFile(creator.container)) {
			const hookStatement = ancestor(creator.container, ts.isStatement);
			if (hookStatement) {
				scopes.push(hookStatement.parent);
			}
		}
		for (const scope of scopes) {
			for (const statement of (scope as ts.Block | ts.SourceFile).statements ?? []) {
				// Not the creation, the setup statements moved with it, nor the hook call that holds them.
				const holdsCreation = statement.pos <= own.pos && own.end <= statement.end;
				if (!holdsCreation && !isSetupStatement(statement, creator.socket)) {
					candidates.push(...functionsIn(statement));
				}
			}
		}
	}
	const changes: TextChange[] = [];
	for (const fn of candidates) {
		if (fn === handler.fn || !fn.body || !closeCalls(fn.body, tree).some((receiver) => holders.has(receiver))) {
			continue;
		}
		const own = new Set(fn.parameters.map((parameter) => parameter.name.getText(tree)));
		const key = keyNames.length > 0 && keyNames.every((name) => own.has(name.replace('...', ''))) ? keyNames.join(', ') : '';
		const stop = `${target}.stop(${key})${semi}`;
		const body = fn.body;
		if (ts.isBlock(body)) {
			const first = body.statements[0];
			const inner = first ? indentationAt(text, first.getStart(tree)) : indentationAt(text, body.getStart(tree)) + style.indent;
			const open = body.getStart(tree) + 1;
			changes.push({ start: open, end: open, newText: `${style.eol}${inner}${stop}` });
		} else {
			// `() => socket.close()`: a block with the stop first.
			const base = indentationAt(text, fn.getStart(tree));
			changes.push({
				start: body.getStart(tree), end: body.getEnd(),
				newText: `{${style.eol}${base}${style.indent}${stop}${style.eol}${base}${style.indent}${body.getText(tree)}${semi}${style.eol}${base}}`,
			});
		}
	}
	return changes;
}

/** The functions a statement declares or hands over: `function f() {}`, `const f = () => {}`, `return () => {}`, `onUnmounted(() => {})`. */
function functionsIn(statement: ts.Statement): ts.FunctionLikeDeclaration[] {
	const asFunction = (node: ts.Node | undefined): ts.FunctionLikeDeclaration[] => {
		const value = node && ts.isExpression(node) ? skipOuterExpressions(node) : node;
		return value && (ts.isArrowFunction(value) || ts.isFunctionExpression(value)) ? [value] : [];
	};
	if (ts.isFunctionDeclaration(statement)) {
		return [statement];
	}
	if (ts.isVariableStatement(statement)) {
		return statement.declarationList.declarations.flatMap((declaration) => asFunction(declaration.initializer));
	}
	if (ts.isReturnStatement(statement)) {
		return asFunction(statement.expression);
	}
	if (ts.isExpressionStatement(statement) && ts.isCallExpression(statement.expression)) {
		return statement.expression.arguments.flatMap((argument) => asFunction(argument));
	}
	return [];
}

/** Where the socket is also kept: the targets of `target = socket` assignments, as written. */
function socketHolders(tree: ts.SourceFile, socket: string): string[] {
	const holders: string[] = [];
	const visit = (node: ts.Node): void => {
		if (ts.isBinaryExpression(node) && node.operatorToken.kind === ts.SyntaxKind.EqualsToken && skipOuterExpressions(node.right).getText(tree) === socket) {
			holders.push(node.left.getText(tree));
		}
		ts.forEachChild(node, visit);
	};
	visit(tree);
	return holders;
}

/** The receivers of `x.close(…)` / `x?.close(…)` / `x.terminate()` calls in `body`, as written (`this.socket`). */
function closeCalls(body: ts.Node, tree: ts.SourceFile): string[] {
	const receivers: string[] = [];
	const visit = (node: ts.Node): void => {
		if (ts.isCallExpression(node) && ts.isPropertyAccessExpression(node.expression) && /^(?:close|terminate)$/.test(node.expression.name.text)) {
			receivers.push(node.expression.expression.getText(tree));
		}
		ts.forEachChild(node, visit);
	};
	visit(body);
	return receivers;
}

// ---- a socket created in a module or a hook ---------------------------------------------------------------------

/** `socket.addEventListener(…)`, `socket.on(…)`, `socket.onclose = …`, `socket.binaryType = …`: what every new socket needs. */
function isSetupStatement(statement: ts.Statement, socket: string): boolean {
	if (!ts.isExpressionStatement(statement)) {
		return false;
	}
	const expression = statement.expression;
	const onSocket = (node: ts.Expression) => ts.isPropertyAccessExpression(node) && skipOuterExpressions(node.expression).getText() === socket;
	if (ts.isCallExpression(expression) && onSocket(expression.expression)) {
		return /^(?:on|once|addListener|addEventListener|prependListener|setMaxListeners)$/.test((expression.expression as ts.PropertyAccessExpression).name.text);
	}
	return ts.isBinaryExpression(expression) && expression.operatorToken.kind === ts.SyntaxKind.EqualsToken && onSocket(expression.left);
}

/**
 * Moves a socket created directly in a module or a hook into a local `function connect()`: the creation and every
 * later statement of that block that sets the socket up (so that each new socket gets its listeners), keeping the
 * socket's variable, which now always holds the current socket. `connect()` is first called where the setup used to
 * end, so whatever the listeners use is initialised. Not offered when other code in the block uses the socket right
 * away (it would hold the first socket only).
 */
function wrapInConnect(context: Context, creator: Extract<Creator, { kind: 'block' }>, handler: Handler, handlerChanges: readonly TextChange[],
	connectName: string, trackLine: string, declaration: readonly string[], helper: readonly string[]): TextChange[] | undefined {
	const { tree, text, style, semi, isTypeScript } = context;
	const statements = creator.container.statements;
	const index = statements.indexOf(creator.creation);
	const moved: ts.Statement[] = [creator.creation];
	statements.forEach((statement, position) => {
		if (position > index && isSetupStatement(statement, creator.socket)) {
			moved.push(statement);
		}
	});
	if (!handler.statement || !moved.includes(handler.statement) || moved.some((statement) => hasMultilineTemplate(statement, tree))) {
		return undefined;
	}
	for (const statement of statements.slice(index + 1)) {
		if (!moved.includes(statement) && usesDirectly(statement, creator.socket)) {
			return undefined;
		}
	}
	const modifiers = ts.canHaveModifiers(creator.creation) ? ts.getModifiers(creator.creation) ?? [] : [];
	if (modifiers.some((modifier) => modifier.kind !== ts.SyntaxKind.ExportKeyword)) {
		return undefined; // `declare const`: nothing to move
	}
	const variable: string[] = [];
	const base = indentationAt(text, creator.creation.getStart(tree));
	if (creator.declaration) {
		const typeNode = creator.declaration.type;
		const typeText = typeNode ? typeNode.getText(tree) : creator.socketType;
		const exported = modifiers.some((modifier) => modifier.kind === ts.SyntaxKind.ExportKeyword) ? 'export ' : '';
		variable.push(...(isTypeScript
			? [`${exported}let ${creator.socket}: ${typeText}${semi}`]
			: [`/** @type {${typeText}} */`, `${exported}let ${creator.socket}${semi}`]));
	}

	// The body of connect(): each moved statement with the handler's changes applied, one level deeper.
	const body: string[] = [];
	for (const statement of moved) {
		// The comments above the declaration describe the variable: they stay with it. Those of the others move.
		const start = statement === creator.creation ? statement.getStart(tree) : startWithAttachedComments(tree, statement);
		const inner = handlerChanges.filter((change) => change.start >= start && change.end <= statement.getEnd());
		const source = statement === creator.creation && creator.declaration
			? applyChanges(text, [
				{ start: statement.getStart(tree), end: (creator.declaration.initializer as ts.Expression).getStart(tree), newText: `${creator.socket} = ` },
				...inner,
			], start, statement.getEnd())
			: applyChanges(text, inner, start, statement.getEnd());
		const lines = source.split(/\r?\n/).map((line, position) => (position > 0 && line.startsWith(base) ? line.slice(base.length) : line));
		body.push(...lines.map((line) => (line === '' ? '' : `\t${line}`)));
		if (statement === creator.creation) {
			body.push(`\t${trackLine}`);
		}
	}
	const connectFunction = [
		`function ${connectName}()${isTypeScript ? ': void' : ''} {`,
		...body,
		'}',
		'',
		...declaration,
		`${connectName}()${semi}`,
	];
	const render = (lines: readonly string[]) => renderLines(lines, base, style.indent, style.eol).slice(base.length);
	const changes: TextChange[] = [];
	const creationStart = startWithAttachedComments(tree, creator.creation);
	const creationComments = text.slice(creationStart, creator.creation.getStart(tree));
	const last = moved[moved.length - 1];
	// The helper goes above the top-level statement (for a module: right above the moved code, in the same change).
	const topLevel = ts.isSourceFile(creator.container) ? undefined : topLevelStatement(creator.container);
	const helperAbove = topLevel ? [] : [render(helper)];
	if (topLevel) {
		changes.push(insertBefore(context, topLevel, [helper]));
	}
	const prefix = (lines: string[]) => [...helperAbove, creationComments + render(lines)].join(style.eol + style.eol);
	if (last === creator.creation || moved.every((statement, position) => position === 0 || statements.indexOf(statement) === index + position)) {
		// One block: the variable, the function and the first call replace it.
		changes.push({ start: creationStart, end: last.getEnd(), newText: prefix([...variable, ...connectFunction]) });
		return changes;
	}
	if (variable.length > 0 || helperAbove.length > 0) {
		changes.push({ start: creationStart, end: creator.creation.getEnd(), newText: prefix(variable) });
	} else {
		changes.push({ ...wholeLines(text, creationStart, creator.creation.getEnd()), newText: '' });
	}
	for (const statement of moved.slice(1, -1)) {
		changes.push({ ...wholeLines(text, startWithAttachedComments(tree, statement), statement.getEnd()), newText: '' });
	}
	// The function stands apart from the statements around it: a blank line before and after.
	const lastStart = startWithAttachedComments(tree, last);
	const lineStart = text.lastIndexOf('\n', lastStart - 1) + 1;
	const blankBefore = /\n[ \t]*\r?\n$/.test(text.slice(0, lineStart)) || lineStart === 0;
	const blankAfter = /^[ \t]*(?:\r?\n[ \t]*(?:\r?\n|$)|$)/.test(text.slice(last.getEnd()));
	changes.push({
		start: lineStart, end: last.getEnd(),
		newText: (blankBefore ? '' : style.eol) + base + render(connectFunction) + (blankAfter ? '' : style.eol),
	});
	return changes;
}

// ---- generated text -----------------------------------------------------------------------------------------

/** Inserts blocks of generated lines (each a list of `\t`-indented lines) before `statement`, a blank line apart. */
function insertBefore(context: Context, statement: ts.Statement, blocks: readonly (readonly string[])[]): TextChange {
	const { tree, text, style } = context;
	const at = startWithAttachedComments(tree, statement);
	const base = indentationAt(text, statement.getStart(tree));
	const rendered = blocks.map((lines) => renderLines(lines, base, style.indent, style.eol));
	// The insertion point is already indented (it is where the statement's first line starts).
	return { start: at, end: at, newText: rendered.join(style.eol + style.eol).slice(base.length) + style.eol + style.eol + base };
}
