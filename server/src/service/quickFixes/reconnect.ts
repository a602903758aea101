import ts from 'typescript';
import { findBinding, skipOuterExpressions } from '../recognition/fileContext';
import type { CloseCodeSite } from '../recognition/findCloseCodeSites';
import { detectStyle, type CodeStyle } from '../style';
import { afterImports, declaredNames, indentationAt, renderLines, uniqueName } from '../syntax';
import { findHandlers, handlerAt, parameterName, type Handler } from './handlers';
import { applyChanges, type TextChange } from './textChanges';

/**
 * "Reconnect with exponential backoff": makes a client's close handler reconnect, by calling the function or
 * method that creates the socket (wrapping a top-level socket into a `connect()` function first), through a small
 * generated `createReconnector` helper — full jitter, a cap, an optional attempt limit, reset after a successful
 * open, no retry after a deliberate close or where retrying cannot help, a longer wait for 1013, and `stop()`.
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
	| { readonly kind: 'function'; readonly name: string; readonly statement: ts.Statement; readonly creation: ts.Statement }
	| { readonly kind: 'method'; readonly name: string; readonly classNode: ts.ClassLikeDeclaration; readonly creation: ts.Statement }
	| { readonly kind: 'topLevel'; readonly socketName: string; readonly creation: ts.VariableStatement; readonly newExpression: ts.NewExpression };

export function reconnectFix(tree: ts.SourceFile, offset: number, sites: readonly CloseCodeSite[], settings: ReconnectSettings,
	isTypeScript: boolean): ReconnectFix | undefined {
	const handlers = findHandlers(tree);
	const handler = handlerAt(handlers, offset, 'close');
	if (!handler || handler.style === 'bun' || !handler.socket || declaredNames(tree).has(helperName)) {
		return undefined;
	}
	const creator = findCreator(tree, handler.socket);
	if (!creator) {
		return undefined;
	}
	const site = sites.find((candidate) => candidate.start <= offset && offset <= candidate.end);
	const onRetryableCode = site !== undefined && retryableCodes.has(site.value) && site.role === 'receive';
	if (!onRetryableCode && callsCreator(handler.fn, creator)) {
		return undefined; // the handler already reconnects
	}
	const style = detectStyle(tree.text);
	const text = tree.text;
	const used = declaredNames(tree);
	const changes: TextChange[] = [];
	const semi = style.semicolon ? ';' : '';
	const q = style.quote;

	const reconnectorName = creator.kind === 'method' ? 'reconnector' : uniqueName(used, ['reconnector', 'socketReconnector']);
	const reconnector = creator.kind === 'method' && handler.fn.kind === ts.SyntaxKind.ArrowFunction ? `this.${reconnectorName}` : reconnectorName;
	const options = optionsLines(settings);

	// 1. The helper, once per file, after the imports.
	const at = afterImports(tree);
	changes.push({ start: at.offset, end: at.offset, newText: at.prefix + renderLines(helperLines(isTypeScript, semi), '', style.indent, style.eol) + at.suffix });

	// 2. The reconnector: a class field, a declaration next to the connect function, or (top level) inside the wrap.
	if (creator.kind === 'method') {
		const members = creator.classNode.members;
		const anchor = members[0];
		const base = anchor ? indentationAt(text, anchor.getStart(tree)) : indentationAt(text, creator.classNode.getStart(tree)) + style.indent;
		const field = [`${isTypeScript ? 'private readonly ' : ''}${reconnectorName} = ${helperName}(() => this.${creator.name}(), {`, ...options, `})${semi}`];
		const insertAt = anchor ? anchor.getFullStart() : creator.classNode.members.pos;
		changes.push({ start: insertAt, end: insertAt, newText: style.eol + renderLines(field, base, style.indent, style.eol) + style.eol });
		if (handler.fn.kind !== ts.SyntaxKind.ArrowFunction && handler.statement) {
			// A `function` handler has the socket as `this`: reach the field through a local alias.
			const aliasAt = handler.statement.getStart(tree);
			changes.push({ start: aliasAt, end: aliasAt, newText: `const ${reconnectorName} = this.${reconnectorName}${semi}${style.eol}${indentationAt(text, aliasAt)}` });
		}
		for (const member of creator.classNode.members) {
			const name = member.name && ts.isIdentifier(member.name) ? member.name.text : '';
			if (ts.isMethodDeclaration(member) && member.body && /^(?:close|disconnect|dispose|destroy|stop|shutdown)$/i.test(name)) {
				const open = member.body.getStart(tree) + 1;
				const inner = indentationAt(text, member.getStart(tree)) + style.indent;
				changes.push({ start: open, end: open, newText: `${style.eol}${inner}this.${reconnectorName}.stop()${semi}` });
			}
		}
	} else if (creator.kind === 'function') {
		const statementStart = creator.statement.getStart(tree);
		const base = indentationAt(text, statementStart);
		const declaration = [`const ${reconnectorName} = ${helperName}(() => ${creator.name}(), {`, ...options, `})${semi}`, '', ''];
		changes.push({ start: statementStart, end: statementStart, newText: renderLines(declaration, '', style.indent, style.eol).replace(/\n(?=.)/g, `\n${base}`) + base });
	}

	// 3. The close handler schedules the next attempt, first thing (early returns further down cannot skip it).
	const handlerChanges = scheduleInHandler(tree, handler, reconnector, style);
	// 4. A successful open resets the backoff.
	const openListener = handler.style === 'node'
		? `${socketText(tree, handler.socket)}.on(${q}open${q}, () => ${reconnector}.reset())${semi}`
		: `${socketText(tree, handler.socket)}.addEventListener(${q}open${q}, () => ${reconnector}.reset())${semi}`;
	const creationEnd = creator.creation.getEnd();
	const openChange: TextChange = { start: creationEnd, end: creationEnd, newText: `${style.eol}${indentationAt(text, creator.creation.getStart(tree))}${openListener}` };

	if (creator.kind !== 'topLevel') {
		changes.push(...handlerChanges, openChange);
		return { preferred: onRetryableCode, changes };
	}

	// Top level: move the creation and the statements that set the socket up into `function connect()`.
	const moved = setupStatements(tree, creator);
	const start = moved[0].getStart(tree);
	const end = moved[moved.length - 1].getEnd();
	const inner = applyChanges(text, [...handlerChanges, openChange].filter((change) => change.start >= start && change.end <= end), start, end)
		.replace(creator.newExpression.parent.getText(tree), `${creator.socketName} = ${creator.newExpression.getText(tree)}`)
		.replace(/^(?:const|let|var)\s+/, '');
	const base = indentationAt(text, start);
	const innerLines = inner.split(/\r?\n/).map((line, index) => (index === 0 ? `\t${line}` : line.startsWith(base) ? `\t${line.slice(base.length)}` : line));
	const typeName = creator.newExpression.expression.getText(tree);
	const connectName = 'connect';
	const wrapped = [
		`let ${creator.socketName}${isTypeScript ? `: ${typeName}` : ''}${semi}`,
		`function ${connectName}()${isTypeScript ? ': void' : ''} {`,
		...innerLines,
		'}',
		'',
		`const ${reconnectorName} = ${helperName}(${connectName}, {`,
		...options,
		`})${semi}`,
		`${connectName}()${semi}`,
	];
	changes.push({ start, end, newText: renderLines(wrapped, '', style.indent, style.eol).replace(/\n(?=.)/g, `\n${base}`) });
	return { preferred: onRetryableCode, changes };
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
	const ts = isTypeScript;
	return [
		'/**',
		' * Reconnects after a close worth retrying, with exponential backoff and full jitter: retry n waits a random',
		' * time between 0 and min(maxDelayMs, initialDelayMs * 2^n); 1013 (Try Again Later) waits between half the cap',
		' * and the cap. Call reset() once a connection is open, and stop() to give up for good.',
		' */',
		`function ${helperName}(connect${ts ? ': () => void' : ''}, options${ts ? ': { initialDelayMs: number; maxDelayMs: number; maxAttempts: number; noRetryCodes: readonly number[] }' : ''}) {`,
		`\tlet attempt = 0${semi}`,
		`\tlet timer${ts ? ': ReturnType<typeof setTimeout> | undefined' : ''}${semi}`,
		`\tlet stopped = false${semi}`,
		'\treturn {',
		'\t\t/** Schedules the next attempt after a close with this code: the delay in ms, or undefined when it will not retry. */',
		`\t\tschedule(code${ts ? ': number' : ''})${ts ? ': number | undefined' : ''} {`,
		'\t\t\tif (stopped || options.noRetryCodes.includes(code) || attempt >= options.maxAttempts) {',
		`\t\t\t\treturn undefined${semi}`,
		'\t\t\t}',
		`\t\t\tconst cap = Math.min(options.maxDelayMs, options.initialDelayMs * 2 ** attempt)${semi}`,
		`\t\t\tconst delay = code === 1013 ? options.maxDelayMs / 2 + Math.random() * (options.maxDelayMs / 2) : Math.random() * cap${semi}`,
		`\t\t\tattempt += 1${semi}`,
		`\t\t\tclearTimeout(timer)${semi}`,
		'\t\t\ttimer = setTimeout(() => {',
		`\t\t\t\ttimer = undefined${semi}`,
		'\t\t\t\tif (!stopped) {',
		`\t\t\t\t\tconnect()${semi}`,
		'\t\t\t\t}',
		`\t\t\t}, delay)${semi}`,
		`\t\t\treturn delay${semi}`,
		'\t\t},',
		'\t\t/** Call once a connection is open: the next drop starts again from the shortest delay. */',
		`\t\treset()${ts ? ': void' : ''} {`,
		`\t\t\tattempt = 0${semi}`,
		'\t\t},',
		'\t\t/** Stops reconnecting for good and cancels a pending attempt (on logout, unmount, dispose). */',
		`\t\tstop()${ts ? ': void' : ''} {`,
		`\t\t\tstopped = true${semi}`,
		`\t\t\tclearTimeout(timer)${semi}`,
		`\t\t\ttimer = undefined${semi}`,
		'\t\t},',
		`\t}${semi}`,
		'}',
	];
}

/** Inserts `reconnector.schedule(code)` as the handler's first statement, adding a parameter when there is none. */
function scheduleInHandler(tree: ts.SourceFile, handler: Handler, reconnector: string, style: CodeStyle): TextChange[] {
	const text = tree.text;
	const fn = handler.fn;
	const changes: TextChange[] = [];
	const semi = style.semicolon ? ';' : '';
	let codeExpression: string;
	const first = fn.parameters[0];
	if (handler.style === 'node') {
		const name = parameterName(fn, 0);
		if (name) {
			codeExpression = name;
		} else if (!first) {
			codeExpression = 'code';
			changes.push(addParameter(tree, fn, 'code'));
		} else {
			return [];
		}
	} else if (first && ts.isObjectBindingPattern(first.name)) {
		const code = first.name.elements.find((element) => (element.propertyName ?? element.name).getText(tree) === 'code');
		codeExpression = code && ts.isIdentifier(code.name) ? code.name.text : `${first.getText(tree)}`;
		if (!code) {
			return [];
		}
	} else {
		const name = parameterName(fn, 0);
		if (name) {
			codeExpression = `${name}.code`;
		} else if (!first) {
			codeExpression = 'event.code';
			changes.push(addParameter(tree, fn, 'event'));
		} else {
			return [];
		}
	}
	const call = `${reconnector}.schedule(${codeExpression})${semi}`;
	const body = fn.body;
	if (!body) {
		return [];
	}
	const base = indentationAt(text, handler.statement?.getStart(tree) ?? fn.getStart(tree));
	if (ts.isBlock(body)) {
		const open = body.getStart(tree) + 1;
		const firstStatement = body.statements[0];
		const inner = firstStatement ? indentationAt(text, firstStatement.getStart(tree)) : base + style.indent;
		changes.push({ start: open, end: open, newText: `${style.eol}${inner}${call}` });
	} else {
		// An expression body becomes a block that schedules, then evaluates the expression.
		changes.push({
			start: body.getStart(tree), end: body.getEnd(),
			newText: `{${style.eol}${base}${style.indent}${call}${style.eol}${base}${style.indent}${body.getText(tree)}${semi}${style.eol}${base}}`,
		});
	}
	return changes;
}

function addParameter(tree: ts.SourceFile, fn: Handler['fn'], name: string): TextChange {
	const text = tree.text;
	// `() =>`, `function () {`, `method() {` all have an empty parameter list between parentheses; an arrow without
	// parentheses always has a parameter, so it never gets here.
	const open = text.indexOf('(', fn.getStart(tree));
	return { start: open + 1, end: open + 1, newText: name };
}

function socketText(tree: ts.SourceFile, socket: ts.Expression | undefined): string {
	return socket ? socket.getText(tree) : 'socket';
}

/** Does the handler already call what creates the socket (it reconnects already)? */
function callsCreator(fn: Handler['fn'], creator: Creator): boolean {
	const name = creator.kind === 'topLevel' ? undefined : creator.name;
	let calls = false;
	const visit = (node: ts.Node): void => {
		if (calls) {
			return;
		}
		if (ts.isCallExpression(node)) {
			const callee = skipOuterExpressions(node.expression);
			const callName = ts.isIdentifier(callee) ? callee.text : ts.isPropertyAccessExpression(callee) ? callee.name.text : '';
			if ((name !== undefined && callName === name) || /^(?:re)?connect$/i.test(callName) || callName === 'schedule') {
				calls = true;
				return;
			}
		}
		if (ts.isNewExpression(node) && /WebSocket$/.test(node.expression.getText())) {
			calls = true;
			return;
		}
		ts.forEachChild(node, visit);
	};
	visit(fn);
	return calls;
}

/** Finds where `socket` is created: a local in a named function, a field set in a method, or a top-level const. */
function findCreator(tree: ts.SourceFile, socket: ts.Expression): Creator | undefined {
	const node = skipOuterExpressions(socket);
	let creation: ts.Statement | undefined;
	let newExpression: ts.NewExpression | undefined;
	if (ts.isIdentifier(node)) {
		const declaration = findBinding(node)?.parent;
		if (declaration && ts.isVariableDeclaration(declaration) && declaration.initializer && ts.isNewExpression(skipOuterExpressions(declaration.initializer))) {
			newExpression = skipOuterExpressions(declaration.initializer) as ts.NewExpression;
			creation = declaration.parent.parent as ts.Statement;
			if (ts.isSourceFile(creation.parent)) {
				return ts.isVariableStatement(creation) && creation.declarationList.declarations.length === 1
					? { kind: 'topLevel', socketName: node.text, creation, newExpression }
					: undefined;
			}
		} else {
			creation = findAssignmentStatement(tree, (target) => ts.isIdentifier(target) && target.text === node.text);
		}
	} else if (ts.isPropertyAccessExpression(node) && node.expression.kind === ts.SyntaxKind.ThisKeyword) {
		const field = node.name.text;
		creation = findAssignmentStatement(tree, (target) => ts.isPropertyAccessExpression(target) &&
			target.expression.kind === ts.SyntaxKind.ThisKeyword && target.name.text === field);
	}
	if (!creation) {
		return undefined;
	}
	for (let current: ts.Node | undefined = creation.parent; current && !ts.isSourceFile(current); current = current.parent) {
		if (ts.isMethodDeclaration(current) && ts.isIdentifier(current.name) && ts.isClassLike(current.parent)) {
			return { kind: 'method', name: current.name.text, classNode: current.parent, creation };
		}
		if (ts.isFunctionDeclaration(current) && current.name && (ts.isSourceFile(current.parent) || ts.isBlock(current.parent))) {
			return { kind: 'function', name: current.name.text, statement: current, creation };
		}
		if ((ts.isArrowFunction(current) || ts.isFunctionExpression(current)) && ts.isVariableDeclaration(current.parent) &&
			ts.isIdentifier(current.parent.name) && ts.isVariableStatement(current.parent.parent.parent)) {
			return { kind: 'function', name: current.parent.name.text, statement: current.parent.parent.parent, creation };
		}
		if (ts.isFunctionLike(current)) {
			return undefined; // an anonymous function: nothing to call again
		}
	}
	return undefined;
}

function findAssignmentStatement(tree: ts.SourceFile, matches: (target: ts.Expression) => boolean): ts.Statement | undefined {
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
	visit(tree);
	return found;
}

/** The top-level creation and the statements right after it that set the socket up (`ws.on(…)`, `ws.onclose = …`). */
function setupStatements(tree: ts.SourceFile, creator: Extract<Creator, { kind: 'topLevel' }>): ts.Statement[] {
	const statements = tree.statements;
	const index = statements.indexOf(creator.creation);
	const moved: ts.Statement[] = [creator.creation];
	for (const statement of statements.slice(index + 1)) {
		if (!ts.isExpressionStatement(statement) || !new RegExp(`^${creator.socketName}\\s*\\.`).test(statement.getText(tree))) {
			break;
		}
		moved.push(statement);
	}
	return moved;
}
