import ts from 'typescript';
import { findBinding, skipOuterExpressions } from '../recognition/fileContext';
import type { CloseCodeSite } from '../recognition/findCloseCodeSites';
import { detectStyle, type CodeStyle } from '../style';
import { identifiersIn, indentationAt, renderLines, uniqueName } from '../syntax';
import { findHandlers, handlerAt, parameterName, type Handler } from './handlers';
import { hasMultilineTemplate, startWithAttachedComments, topLevelStatement, usesDirectly, wholeLines } from './placement';
import { applyChanges, type TextChange } from './textChanges';

/**
 * "Reconnect with exponential backoff": makes a client's close handler reconnect through a small generated
 * `createReconnector` helper — full jitter, a cap, an optional attempt limit, reset after a successful open, no
 * retry after a deliberate close or where retrying cannot help, a longer wait for 1013, and `stop()`.
 *
 * The handler reconnects by calling what created the socket: `reconnector.schedule(event.code, connect)`. The
 * function is passed at the call site (not to the helper) so that a `connect(url)` gets its arguments again and a
 * reader sees right there what a reconnect does. A socket created at top level is first moved into a function.
 * Where the fix cannot write code that works (an anonymous function creates the socket, the socket is used at top
 * level in ways a reconnect would break), it is not offered.
 */

export interface ReconnectSettings {
	readonly initialDelayMs: number;
	readonly maxDelayMs: number;
	/** 0: no limit. */
	readonly maxAttempts: number;
}

export const defaultReconnectSettings: ReconnectSettings = { initialDelayMs: 1000, maxDelayMs: 30_000, maxAttempts: 0 };

/** Codes a client should reconnect after; a code under the cursor in this set makes the fix the preferred one. */
export const retryableCodes: ReadonlySet<number> = new Set([1001, 1006, 1011, 1012, 1013, 1014]);

/** Retrying cannot help after these (kept editable in the generated options). */
const noRetryCodes = [1000, 1005, 1002, 1003, 1007, 1008, 1009, 1010, 3000, 3003, 4001, 4003, 4401, 4403];

const helperName = 'createReconnector';

export interface ReconnectFix {
	readonly preferred: boolean;
	readonly changes: readonly TextChange[];
}

/** Where the socket is created and how to create it again. */
type Creator =
	| {
		readonly kind: 'function'; readonly name: string; readonly fn: ts.FunctionLikeDeclaration;
		/** The declaration: `function connect() {…}` or `const connect = () => {…}`. */
		readonly statement: ts.Statement; readonly creation: ts.Statement;
	}
	| { readonly kind: 'method'; readonly name: string; readonly method: ts.MethodDeclaration; readonly classNode: ts.ClassLikeDeclaration; readonly creation: ts.Statement }
	| { readonly kind: 'topLevel'; readonly socketName: string; readonly creation: ts.VariableStatement; readonly declaration: ts.VariableDeclaration; readonly newExpression: ts.NewExpression };

interface Context {
	readonly tree: ts.SourceFile;
	readonly text: string;
	readonly style: CodeStyle;
	readonly semi: string;
	readonly isTypeScript: boolean;
	readonly used: ReadonlySet<string>;
}

export function reconnectFix(tree: ts.SourceFile, offset: number, sites: readonly CloseCodeSite[], settings: ReconnectSettings,
	isTypeScript: boolean): ReconnectFix | undefined {
	const handler = handlerAt(findHandlers(tree), offset, 'close');
	const used = identifiersIn(tree);
	if (!handler || handler.style === 'bun' || !handler.socket || !handler.fn.body || used.has(helperName)) {
		return undefined;
	}
	const creator = findCreator(tree, handler);
	if (!creator) {
		return undefined;
	}
	const style = detectStyle(tree.text);
	const context: Context = { tree, text: tree.text, style, semi: style.semicolon ? ';' : '', isTypeScript, used };
	const reconnector = creator.kind === 'method'
		? uniqueName(memberNames(creator.classNode), ['reconnector', 'socketReconnector'])
		: uniqueName(used, ['reconnector', 'socketReconnector']);
	const connectName = creator.kind === 'topLevel' ? uniqueName(used, ['connect', 'connectSocket', 'openSocket']) : creator.name;
	const reconnect = reconnectArgument(creator, handler, connectName);
	const code = closeCodeOf(tree, handler);
	const existing = existingReconnects(tree, handler.fn, creator);
	if (reconnect === undefined || !code || !existing) {
		return undefined;
	}

	const site = sites.find((candidate) => candidate.start <= offset && offset <= candidate.end);
	const preferred = site !== undefined && retryableCodes.has(site.value) && site.role === 'receive';
	const { semi, text } = context;
	const changes: TextChange[] = [];

	// 1. How the handler reaches the reconnector. A `function` handler in a class has the socket as `this`, so it
	//    gets an arrow declared next to it that closes over the instance.
	let scheduleCall: string;
	let alias: string[] = [];
	if (creator.kind === 'method' && (!thisIsInstance(creator.creation, creator.classNode) ||
		!thisIsInstance(handler.fn.kind === ts.SyntaxKind.ArrowFunction ? handler.fn.body as ts.Node : handler.statement, creator.classNode))) {
		return undefined; // a plain function in between: `this` there is not the instance
	}
	if (creator.kind === 'method' && handler.fn.kind !== ts.SyntaxKind.ArrowFunction) {
		if (!handler.statement) {
			return undefined;
		}
		const aliasName = uniqueName(used, ['scheduleReconnect', 'scheduleReconnection']);
		alias = [
			...(isTypeScript ? [] : ['/** @param {number} code */']),
			`const ${aliasName} = (code${isTypeScript ? ': number' : ''}) => this.${reconnector}.schedule(code, ${reconnect})${semi}`,
		];
		scheduleCall = `${aliasName}(${code.expression})${semi}`;
	} else {
		const target = creator.kind === 'method' ? `this.${reconnector}` : reconnector;
		scheduleCall = `${target}.schedule(${code.expression}, ${reconnect})${semi}`;
	}

	// 2. The handler schedules the next attempt: in place of a reconnect it already makes (`setTimeout(connect, 1000)`),
	//    or as its first statement, before any early return.
	const handlerChanges: TextChange[] = [...(code.change ? [code.change] : [])];
	if (existing.length > 0) {
		handlerChanges.push(...existing.map((statement) => ({ start: statement.getStart(tree), end: statement.getEnd(), newText: scheduleCall })));
	} else {
		handlerChanges.push(firstStatementChange(context, handler, scheduleCall));
	}
	if (alias.length > 0 && handler.statement) {
		const at = handler.statement.getStart(tree);
		const indentation = indentationAt(text, at);
		handlerChanges.push({ start: at, end: at, newText: alias.map((line) => line + style.eol + indentation).join('') });
	}

	// 3. A successful open resets the backoff.
	const socket = handler.socket.getText(tree);
	const resetTarget = creator.kind === 'method' ? `this.${reconnector}` : reconnector;
	const q = style.quote;
	const openListener = handler.style === 'node'
		? `${socket}.on(${q}open${q}, () => ${resetTarget}.reset())${semi}`
		: `${socket}.addEventListener(${q}open${q}, () => ${resetTarget}.reset())${semi}`;
	const creationEnd = creator.creation.getEnd();
	handlerChanges.push({ start: creationEnd, end: creationEnd, newText: `${style.eol}${indentationAt(text, creator.creation.getStart(tree))}${openListener}` });

	// 4. Closing on purpose stops the reconnector, so a pending attempt cannot bring the connection back.
	changes.push(...stopChanges(context, creator, socket, creator.kind === 'method' ? `this.${reconnector}` : reconnector));

	const options = optionsLines(settings);
	const helper = helperLines(isTypeScript, semi);
	if (creator.kind === 'method') {
		changes.push(...handlerChanges);
		const members = creator.classNode.members;
		const base = indentationAt(text, members[0].getStart(tree));
		const field = [`${isTypeScript ? 'private readonly ' : ''}${reconnector} = ${helperName}({`, ...options, `})${semi}`];
		changes.push({ start: members.pos, end: members.pos, newText: style.eol + renderLines(field, base, style.indent, style.eol) + style.eol });
		const classStatement = topLevelStatement(creator.classNode);
		if (!classStatement) {
			return undefined;
		}
		changes.push(insertBefore(context, classStatement, [helper]));
		return { preferred, changes };
	}
	if (creator.kind === 'function') {
		changes.push(...handlerChanges);
		const declaration = [`const ${reconnector} = ${helperName}({`, ...options, `})${semi}`];
		const top = topLevelStatement(creator.statement);
		if (top === creator.statement) {
			changes.push(insertBefore(context, creator.statement, [helper, declaration]));
		} else {
			changes.push(insertBefore(context, top ?? creator.statement, [helper]), insertBefore(context, creator.statement, [declaration]));
		}
		return { preferred, changes };
	}
	const wrap = wrapTopLevel(context, creator, handler, handlerChanges, connectName, reconnector, options, helper);
	return wrap && { preferred, changes: [...changes, ...wrap] };
}

// ---- what the handler calls ------------------------------------------------------------------------------

/**
 * The function the handler passes to `schedule()`: `connect`, `() => connect(url)`, `() => this.connect()`.
 * Undefined when the creator's parameters cannot be passed again from the handler.
 */
function reconnectArgument(creator: Creator, handler: Handler, connectName: string): string | undefined {
	if (creator.kind === 'topLevel') {
		return connectName;
	}
	const parameters = creator.kind === 'method' ? creator.method.parameters : creator.fn.parameters;
	if (creator.kind === 'method') {
		// A method's arguments are not in the handler's scope when the handler is registered elsewhere: only
		// methods that need none can be called again.
		return parameters.every((parameter) => parameter.questionToken || parameter.initializer || parameter.dotDotDotToken)
			? `() => this.${creator.name}()`
			: undefined;
	}
	if (parameters.length === 0) {
		return creator.name;
	}
	// `connect(url)`: the handler (inside connect) passes the same arguments again, unless it shadows them.
	const inside = creator.fn.getStart() <= handler.fn.getStart() && handler.fn.getEnd() <= creator.fn.getEnd();
	const shadowed = new Set(handler.fn.parameters.flatMap((parameter) => bindingNames(parameter.name)));
	const names: string[] = [];
	for (const parameter of parameters) {
		if (!ts.isIdentifier(parameter.name) || shadowed.has(parameter.name.text) || parameter.name.text === 'this') {
			return undefined;
		}
		names.push(`${parameter.dotDotDotToken ? '...' : ''}${parameter.name.text}`);
	}
	return inside ? `() => ${creator.name}(${names.join(', ')})` : undefined;
}

function bindingNames(name: ts.BindingName): string[] {
	if (ts.isIdentifier(name)) {
		return [name.text];
	}
	return name.elements.flatMap((element) => (ts.isBindingElement(element) ? bindingNames(element.name) : []));
}

/** How the handler reads the close code, adding the parameter it needs when the handler has none. */
function closeCodeOf(tree: ts.SourceFile, handler: Handler): { expression: string; change?: TextChange } | undefined {
	const fn = handler.fn;
	const first = fn.parameters[0];
	const name = parameterName(fn, 0);
	if (!first) {
		// `() =>`, `function () {`: the parameter list is empty; an arrow without parentheses always has a parameter.
		const local = identifiersIn(fn);
		const added = handler.style === 'node' ? uniqueName(local, ['code', 'closeCode']) : uniqueName(local, ['event', 'closeEvent']);
		const open = tree.text.indexOf('(', fn.getStart(tree));
		return { expression: handler.style === 'node' ? added : `${added}.code`, change: { start: open + 1, end: open + 1, newText: added } };
	}
	if (name) {
		return { expression: handler.style === 'node' ? name : `${name}.code` };
	}
	if (handler.style === 'dom' && ts.isObjectBindingPattern(first.name)) {
		const element = first.name.elements.find((candidate) => (candidate.propertyName ?? candidate.name).getText(tree) === 'code');
		return element && ts.isIdentifier(element.name) && !element.dotDotDotToken ? { expression: element.name.text } : undefined;
	}
	return undefined;
}

/**
 * The statements of the handler that already reconnect: `connect()`, `setTimeout(connect, 1000)`,
 * `setTimeout(() => connect(), delay)`. The fix replaces them with a scheduled attempt (adding one next to them
 * would reconnect twice). Undefined when the handler reconnects in some other way the fix cannot replace.
 */
function existingReconnects(tree: ts.SourceFile, fn: Handler['fn'], creator: Creator): ts.Statement[] | undefined {
	const name = creator.kind === 'topLevel' ? undefined : creator.name;
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

	const replaced: ts.Statement[] = [];
	let unknown = false;
	const visit = (node: ts.Node): void => {
		if (unknown) {
			return;
		}
		if (ts.isStatement(node) && isReconnectStatement(node)) {
			replaced.push(node);
			return;
		}
		// Anything else that looks like a reconnect: a new socket, a creator call inside an expression, `reconnect()`.
		if (ts.isNewExpression(node) && /WebSocket$/.test(node.expression.getText(tree))) {
			unknown = true;
			return;
		}
		if (ts.isCallExpression(node)) {
			const callee = skipOuterExpressions(node.expression);
			const callName = ts.isIdentifier(callee) ? callee.text : ts.isPropertyAccessExpression(callee) ? callee.name.text : '';
			if (callName === name || /^(?:re)?connect$/i.test(callName) || callName === 'schedule') {
				unknown = true;
				return;
			}
		}
		if (ts.isIdentifier(node) && node.text === name && !ts.isPropertyAccessExpression(node.parent)) {
			unknown = true; // the creator passed somewhere else (`retry(connect)`)
			return;
		}
		ts.forEachChild(node, visit);
	};
	if (fn.body) {
		visit(fn.body);
	}
	return unknown ? undefined : replaced;
}

/** Inserts `statement` as the first statement of the handler (an expression body becomes a block). */
function firstStatementChange(context: Context, handler: Handler, statement: string): TextChange {
	const { tree, text, style, semi } = context;
	const body = handler.fn.body as ts.ConciseBody;
	const base = indentationAt(text, handler.statement?.getStart(tree) ?? handler.fn.getStart(tree));
	if (ts.isBlock(body)) {
		const open = body.getStart(tree) + 1;
		const firstStatement = body.statements[0];
		if (!firstStatement) {
			// `() => {}`: give the brace its own line again.
			return { start: open, end: body.getEnd() - 1, newText: `${style.eol}${base}${style.indent}${statement}${style.eol}${base}` };
		}
		return { start: open, end: open, newText: `${style.eol}${indentationAt(text, firstStatement.getStart(tree))}${statement}` };
	}
	return {
		start: body.getStart(tree), end: body.getEnd(),
		newText: `{${style.eol}${base}${style.indent}${statement}${style.eol}${base}${style.indent}${body.getText(tree)}${semi}${style.eol}${base}}`,
	};
}

// ---- where the socket is created ---------------------------------------------------------------------------

/** Finds where the handler's socket is created: a local in a named function, a field set in a method, or a top-level const. */
function findCreator(tree: ts.SourceFile, handler: Handler): Creator | undefined {
	const node = skipOuterExpressions(handler.socket as ts.Expression);
	let creation: ts.Statement | undefined;
	if (ts.isIdentifier(node)) {
		const declaration = findBinding(node)?.parent;
		const initializer = declaration && ts.isVariableDeclaration(declaration) && declaration.initializer ? skipOuterExpressions(declaration.initializer) : undefined;
		if (declaration && ts.isVariableDeclaration(declaration) && initializer && ts.isNewExpression(initializer) && ts.isVariableDeclarationList(declaration.parent)) {
			// `const ws = new WebSocket(url)`
			creation = declaration.parent.parent as ts.Statement;
			if (ts.isSourceFile(creation.parent)) {
				return ts.isVariableStatement(creation) && declaration.parent.declarations.length === 1 && ts.isIdentifier(declaration.name)
					? { kind: 'topLevel', socketName: node.text, creation, declaration, newExpression: initializer }
					: undefined;
			}
		} else if (!declaration || (ts.isVariableDeclaration(declaration) && !declaration.initializer)) {
			// `let ws;` … `ws = new WebSocket(url)` in the function that connects
			creation = findAssignmentStatement(tree, (target) => ts.isIdentifier(target) && target.text === node.text);
		}
	} else if (ts.isPropertyAccessExpression(node) && node.expression.kind === ts.SyntaxKind.ThisKeyword) {
		const field = node.name.text;
		// Only in the handler's own class: another class may have a field of the same name.
		const classNode = ancestor(handler.fn, ts.isClassLike);
		creation = classNode && findAssignmentStatement(classNode, (target) => ts.isPropertyAccessExpression(target) &&
			target.expression.kind === ts.SyntaxKind.ThisKeyword && target.name.text === field);
	}
	if (!creation) {
		return undefined;
	}
	for (let current: ts.Node | undefined = creation.parent; current && !ts.isSourceFile(current); current = current.parent) {
		if (ts.isMethodDeclaration(current) && ts.isIdentifier(current.name) && ts.isClassLike(current.parent) && current.body) {
			return { kind: 'method', name: current.name.text, method: current, classNode: current.parent, creation };
		}
		if (ts.isFunctionDeclaration(current) && current.name && current.body && (ts.isSourceFile(current.parent) || ts.isBlock(current.parent))) {
			return { kind: 'function', name: current.name.text, fn: current, statement: current, creation };
		}
		if ((ts.isArrowFunction(current) || ts.isFunctionExpression(current)) && ts.isVariableDeclaration(current.parent) &&
			ts.isIdentifier(current.parent.name) && ts.isVariableDeclarationList(current.parent.parent) &&
			(current.parent.parent.flags & ts.NodeFlags.Const) !== 0 && ts.isVariableStatement(current.parent.parent.parent)) {
			return { kind: 'function', name: current.parent.name.text, fn: current, statement: current.parent.parent.parent, creation };
		}
		if (ts.isFunctionLike(current) || ts.isClassStaticBlockDeclaration(current)) {
			return undefined; // an anonymous function, a constructor, an object's method: nothing to call again
		}
	}
	return undefined;
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

// ---- stopping on purpose -------------------------------------------------------------------------------------

/**
 * `reconnector.stop()` first thing in the functions that close the socket on purpose: the other methods of the class
 * (or functions next to the creator) that call `close()` on the socket, or on a variable the socket is kept in
 * (`current = socket`, `state.current = ws`) — what `signOut()` or `dispose()` do.
 */
function stopChanges(context: Context, creator: Creator, socket: string, target: string): TextChange[] {
	const { tree, text, style, semi } = context;
	const holders = new Set([socket, ...socketHolders(tree, socket)]);
	const candidates: { name: string; body: ts.Block }[] = [];
	if (creator.kind === 'method') {
		for (const member of creator.classNode.members) {
			if (ts.isMethodDeclaration(member) && member !== creator.method && member.body && ts.isIdentifier(member.name) &&
				!member.modifiers?.some((modifier) => modifier.kind === ts.SyntaxKind.StaticKeyword)) {
				candidates.push({ name: member.name.text, body: member.body });
			}
		}
	} else {
		const statement = creator.kind === 'function' ? creator.statement : creator.creation;
		const siblings = (statement.parent as ts.Block | ts.SourceFile).statements;
		for (const sibling of siblings) {
			if (sibling === statement) {
				continue;
			}
			if (ts.isFunctionDeclaration(sibling) && sibling.name && sibling.body) {
				candidates.push({ name: sibling.name.text, body: sibling.body });
			} else if (ts.isVariableStatement(sibling)) {
				for (const declaration of sibling.declarationList.declarations) {
					const value = declaration.initializer && skipOuterExpressions(declaration.initializer);
					if (value && (ts.isArrowFunction(value) || ts.isFunctionExpression(value)) && ts.isBlock(value.body) && ts.isIdentifier(declaration.name)) {
						candidates.push({ name: declaration.name.text, body: value.body });
					}
				}
			}
		}
	}
	const changes: TextChange[] = [];
	for (const { body } of candidates) {
		if (closeCalls(body, tree).some((receiver) => holders.has(receiver))) {
			const first = body.statements[0];
			const inner = first ? indentationAt(text, first.getStart(tree)) : indentationAt(text, body.getStart(tree)) + style.indent;
			const open = body.getStart(tree) + 1;
			changes.push({ start: open, end: open, newText: `${style.eol}${inner}${target}.stop()${semi}` });
		}
	}
	return changes;
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

// ---- a socket created at top level -----------------------------------------------------------------------------

/** `socket.addEventListener(…)`, `socket.on(…)`, `socket.onclose = …`, `socket.binaryType = …`: what every new socket needs. */
function isSetupStatement(statement: ts.Statement, socketName: string): boolean {
	if (!ts.isExpressionStatement(statement)) {
		return false;
	}
	const expression = statement.expression;
	const onSocket = (node: ts.Expression) => ts.isPropertyAccessExpression(node) && ts.isIdentifier(node.expression) && node.expression.text === socketName;
	if (ts.isCallExpression(expression) && onSocket(expression.expression)) {
		return /^(?:on|once|addListener|addEventListener|prependListener|setMaxListeners)$/.test((expression.expression as ts.PropertyAccessExpression).name.text);
	}
	return ts.isBinaryExpression(expression) && expression.operatorToken.kind === ts.SyntaxKind.EqualsToken && onSocket(expression.left);
}

/**
 * Moves a top-level socket into `function connect()`: the creation and every top-level statement that sets the socket
 * up (so that each new socket gets its listeners), keeping `socket` a module variable that always holds the current
 * socket. `connect()` is first called where the setup used to end, so whatever the listeners use is initialised.
 * Not offered when other top-level code uses the socket right away (it would hold the first socket only).
 */
function wrapTopLevel(context: Context, creator: Extract<Creator, { kind: 'topLevel' }>, handler: Handler, handlerChanges: readonly TextChange[],
	connectName: string, reconnector: string, options: readonly string[], helper: readonly string[]): TextChange[] | undefined {
	// The helper goes right above the moved code (it replaces the creation, so it is part of the same change).
	const { tree, text, style, semi, isTypeScript } = context;
	const statements = tree.statements;
	const index = statements.indexOf(creator.creation);
	const name = creator.socketName;
	const moved: ts.Statement[] = [creator.creation];
	statements.forEach((statement, position) => {
		if (position > index && isSetupStatement(statement, name)) {
			moved.push(statement);
		}
	});
	if (!handler.statement || !moved.includes(handler.statement) || moved.some((statement) => hasMultilineTemplate(statement, tree))) {
		return undefined;
	}
	const last = moved[moved.length - 1];
	for (const statement of statements.slice(index + 1)) {
		if (!moved.includes(statement) && usesDirectly(statement, name)) {
			return undefined;
		}
	}
	if (creator.creation.modifiers?.some((modifier) => modifier.kind !== ts.SyntaxKind.ExportKeyword)) {
		return undefined; // `declare const`: nothing to move
	}
	const typeNode = creator.declaration.type;
	const created = creator.newExpression.expression;
	if (!typeNode && !isEntityName(created)) {
		return undefined; // no type to declare the variable with
	}
	const typeText = typeNode ? typeNode.getText(tree) : created.getText(tree);

	// The body of connect(): each moved statement with the handler's changes applied, one level deeper.
	const body: string[] = [];
	for (const statement of moved) {
		// The comments above the declaration describe the variable: they stay with it. Those of the others move.
		const start = statement === creator.creation ? statement.getStart(tree) : startWithAttachedComments(tree, statement);
		const inner = handlerChanges.filter((change) => change.start >= start && change.end <= statement.getEnd());
		let source = applyChanges(text, inner, start, statement.getEnd());
		if (statement === creator.creation) {
			const initializer = creator.declaration.initializer as ts.Expression;
			source = applyChanges(text, [
				{ start: creator.creation.getStart(tree), end: initializer.getStart(tree), newText: `${name} = ` },
				...inner,
			], start, statement.getEnd());
		}
		body.push(...source.split(/\r?\n/).map((line) => (line === '' ? '' : `\t${line}`)));
	}
	const exported = creator.creation.modifiers?.some((modifier) => modifier.kind === ts.SyntaxKind.ExportKeyword) ? 'export ' : '';
	const variable = isTypeScript
		? [`${exported}let ${name}: ${typeText}${semi}`]
		: [`/** @type {${typeText}} */`, `${exported}let ${name}${semi}`];
	const connectFunction = [
		`function ${connectName}()${isTypeScript ? ': void' : ''} {`,
		...body,
		'}',
		'',
		`const ${reconnector} = ${helperName}({`,
		...options,
		`})${semi}`,
		`${connectName}()${semi}`,
	];
	const render = (lines: readonly string[]) => renderLines(lines, '', style.indent, style.eol);
	const creationStart = startWithAttachedComments(tree, creator.creation);
	const creationComments = text.slice(creationStart, creator.creation.getStart(tree));
	const changes: TextChange[] = [];
	if (last === creator.creation || moved.every((statement, position) => position === 0 || statements.indexOf(statement) === index + position)) {
		// One block: the variable, the function and the first call replace it.
		changes.push({
			start: creationStart, end: last.getEnd(),
			newText: [render(helper), creationComments + render([...variable, ...connectFunction])].join(style.eol + style.eol),
		});
		return changes;
	}
	changes.push({ start: creationStart, end: creator.creation.getEnd(), newText: [render(helper), creationComments + render(variable)].join(style.eol + style.eol) });
	for (const statement of moved.slice(1, -1)) {
		changes.push({ ...wholeLines(text, startWithAttachedComments(tree, statement), statement.getEnd()), newText: '' });
	}
	// The function stands apart from the statements around it: a blank line before and after.
	const lastStart = startWithAttachedComments(tree, last);
	const lineStart = text.lastIndexOf('\n', lastStart - 1) + 1;
	const blankBefore = /\n[ \t]*\r?\n$/.test(text.slice(0, lineStart)) || lineStart === 0;
	const blankAfter = /^[ \t]*(?:\r?\n[ \t]*(?:\r?\n|$)|$)/.test(text.slice(last.getEnd()));
	changes.push({
		start: lastStart, end: last.getEnd(),
		newText: (blankBefore ? '' : style.eol) + render(connectFunction) + (blankAfter ? '' : style.eol),
	});
	return changes;
}

function isEntityName(node: ts.Expression): boolean {
	return ts.isIdentifier(node) || (ts.isPropertyAccessExpression(node) && isEntityName(node.expression));
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

function optionsLines(settings: ReconnectSettings): string[] {
	return [
		`\tinitialDelayMs: ${settings.initialDelayMs},`,
		`\tmaxDelayMs: ${settings.maxDelayMs},`,
		`\tmaxAttempts: ${settings.maxAttempts > 0 ? settings.maxAttempts : 'Infinity'},`,
		'\t// No retry after a deliberate close (1000; 1005 from a bare close()), a protocol, data or policy error, or an',
		'\t// auth-style application code: retrying cannot fix those. Edit the list to suit your server.',
		`\tnoRetryCodes: [${noRetryCodes.join(', ')}],`,
	];
}

function helperLines(isTypeScript: boolean, semi: string): string[] {
	const typed = (typescript: string, javascript = '') => (isTypeScript ? typescript : javascript);
	const description = [
		' * Reconnects after a close worth retrying, with exponential backoff and full jitter: retry n waits a random time',
		' * between 0 and min(maxDelayMs, initialDelayMs * 2^n); 1013 (Try Again Later) waits between half the cap and the cap.',
		' * Call reset() once a connection is open, and stop() when you close the connection on purpose.',
	];
	const signature = isTypeScript
		? [
			'/**', ...description, ' */',
			`function ${helperName}(options: {`,
			`\tinitialDelayMs: number${semi}`,
			`\tmaxDelayMs: number${semi}`,
			'\t/** Attempts in a row before giving up; Infinity never gives up. */',
			`\tmaxAttempts: number${semi}`,
			'\t/** Close codes after which retrying cannot help. */',
			`\tnoRetryCodes: readonly number[]${semi}`,
			'}) {',
		]
		: [
			'/**', ...description,
			' * @param {{ initialDelayMs: number, maxDelayMs: number, maxAttempts: number, noRetryCodes: readonly number[] }} options',
			' *   maxAttempts: attempts in a row before giving up (Infinity never gives up); noRetryCodes: closes retrying cannot help.',
			' */',
			`function ${helperName}(options) {`,
		];
	return [
		...signature,
		`\tlet attempt = 0${semi}`,
		...(isTypeScript ? [`\tlet timer: ReturnType<typeof setTimeout> | undefined${semi}`] : ['\t/** @type {ReturnType<typeof setTimeout> | undefined} */', `\tlet timer${semi}`]),
		`\tlet stopped = false${semi}`,
		'\treturn {',
		...(isTypeScript
			? [
				'\t\t/** After a close with `code`: calls `reconnect` after the next delay and returns the delay (ms), or undefined when it will not retry. */',
				'\t\tschedule(code: number, reconnect: () => void): number | undefined {',
			]
			: [
				'\t\t/**',
				'\t\t * After a close with `code`: calls `reconnect` after the next delay and returns the delay (ms), or undefined when it will not retry.',
				'\t\t * @param {number} code',
				'\t\t * @param {() => void} reconnect',
				'\t\t * @returns {number | undefined}',
				'\t\t */',
				'\t\tschedule(code, reconnect) {',
			]),
		'\t\t\tif (stopped || options.noRetryCodes.includes(code) || attempt >= options.maxAttempts) {',
		`\t\t\t\treturn undefined${semi}`,
		'\t\t\t}',
		`\t\t\tconst ceiling = Math.min(options.maxDelayMs, options.initialDelayMs * 2 ** attempt)${semi}`,
		'\t\t\t// Full jitter spreads out clients that dropped together; a server that said 1013 is overloaded: come back late.',
		`\t\t\tconst delay = code === 1013 ? options.maxDelayMs / 2 + Math.random() * (options.maxDelayMs / 2) : Math.random() * ceiling${semi}`,
		`\t\t\tattempt += 1${semi}`,
		`\t\t\tclearTimeout(timer)${semi}`,
		'\t\t\ttimer = setTimeout(() => {',
		`\t\t\t\ttimer = undefined${semi}`,
		`\t\t\t\treconnect()${semi}`,
		`\t\t\t}, delay)${semi}`,
		`\t\t\treturn delay${semi}`,
		'\t\t},',
		'\t\t/** A connection is open: the next drop starts again from the shortest delay. */',
		`\t\treset()${typed(': void')} {`,
		`\t\t\tattempt = 0${semi}`,
		`\t\t\tstopped = false${semi}`,
		'\t\t},',
		'\t\t/** Closing on purpose (logout, unmount, dispose): cancels a pending attempt; no retry until a connection opens again. */',
		`\t\tstop()${typed(': void')} {`,
		`\t\t\tstopped = true${semi}`,
		`\t\t\tclearTimeout(timer)${semi}`,
		`\t\t\ttimer = undefined${semi}`,
		'\t\t},',
		`\t}${semi}`,
		'}',
	];
}
