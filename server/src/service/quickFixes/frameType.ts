import ts from 'typescript';
import { knownValue, redeclaredAround, referencesTo, unchanging } from '../bindings';
import { findBinding, propertyNameText, skipOuterExpressions } from '../recognition/fileContext';
import type { CloseCodeSite } from '../recognition/findCloseCodeSites';
import { detectStyle } from '../style';
import { indentationAt } from '../syntax';
import { findHandlers, handlerAt, handlerWithSignatureAt, parameterName, type Handler } from './handlers';
import type { TextChange } from './textChanges';

/**
 * 1003 Unsupported Data: the fixes that make frame types match.
 * - A client that receives 1003: rewrite its `send(…)` calls so every frame is text (or binary).
 * - A message handler that should refuse a frame type: insert the guard that closes with 1003.
 */

export type FrameType = 'text' | 'binary';

export interface FrameFix {
	readonly kind: 'send' | 'reject';
	readonly frameType: FrameType;
	readonly changes: readonly TextChange[];
}

// ---- "Send text frames" / "Send binary frames" ---------------------------------------------------------------

type DataKind = FrameType | 'object' | 'unknown';

const binaryConstructors = /^(?:ArrayBuffer|SharedArrayBuffer|DataView|Blob|(?:Ui|I)nt(?:8|16|32)Array|Uint8ClampedArray|Float(?:32|64)Array|Big(?:Ui|I)nt64Array)$/;

/** What a `send(…)` argument is, as far as the syntax (and a same-file declaration) tells. */
function dataKind(expression: ts.Expression, tree: ts.SourceFile, depth = 0): DataKind {
	const node = skipOuterExpressions(expression);
	if (ts.isStringLiteralLike(node) || ts.isTemplateExpression(node)) {
		return 'text';
	}
	if (ts.isObjectLiteralExpression(node) || ts.isArrayLiteralExpression(node)) {
		return 'object';
	}
	if (ts.isCallExpression(node)) {
		const callee = node.expression.getText(tree);
		if (/^(?:JSON\.stringify|String)$/.test(callee) || /\.(?:toString|join|trim|toUpperCase|toLowerCase|slice|replace)$/.test(callee)) {
			return 'text';
		}
		if (/^Buffer\.(?:from|alloc|concat)$/.test(callee) || /\.encode$/.test(callee)) {
			return 'binary';
		}
	}
	if (ts.isNewExpression(node) && ts.isIdentifier(node.expression) && binaryConstructors.test(node.expression.text)) {
		return 'binary';
	}
	if (ts.isBinaryExpression(node) && node.operatorToken.kind === ts.SyntaxKind.PlusToken &&
		(dataKind(node.left, tree, depth + 1) === 'text' || dataKind(node.right, tree, depth + 1) === 'text')) {
		return 'text';
	}
	if (ts.isIdentifier(node) && depth < 3) {
		const declaration = findBinding(node)?.parent;
		if (declaration && (ts.isVariableDeclaration(declaration) || ts.isParameter(declaration))) {
			const type = declaration.type?.getText(tree);
			if (type !== undefined) {
				return /^string$/.test(type) ? 'text' : binaryConstructors.test(type) || /^(?:Buffer|ArrayBufferView)$/.test(type) ? 'binary' : 'unknown';
			}
			const value = knownValue(node, tree);
			if (value) {
				return dataKind(value, tree, depth + 1);
			}
		}
	}
	return 'unknown';
}

/** The `send(…)` calls on the socket written as `socketText`. */
function sendCalls(tree: ts.SourceFile, socketText: string): ts.CallExpression[] {
	const calls: ts.CallExpression[] = [];
	const visit = (node: ts.Node): void => {
		if (ts.isCallExpression(node) && ts.isPropertyAccessExpression(node.expression) && node.expression.name.text === 'send' &&
			node.expression.expression.getText(tree) === socketText && node.arguments.length > 0) {
			calls.push(node);
		}
		ts.forEachChild(node, visit);
	};
	visit(tree);
	return calls;
}

/** For `ws`: the frame type the options argument forces, if any (`{ binary: true }`). */
function forcedType(call: ts.CallExpression): { type: FrameType | undefined; property?: ts.PropertyAssignment; options?: ts.ObjectLiteralExpression } {
	const options = call.arguments[1] && skipOuterExpressions(call.arguments[1]);
	if (options && ts.isObjectLiteralExpression(options)) {
		const property = options.properties.find((candidate): candidate is ts.PropertyAssignment =>
			ts.isPropertyAssignment(candidate) && propertyNameText(candidate.name) === 'binary');
		const value = property?.initializer.kind;
		const type = value === ts.SyntaxKind.TrueKeyword ? 'binary' : value === ts.SyntaxKind.FalseKeyword ? 'text' : undefined;
		return { type, property, options };
	}
	return { type: undefined };
}

/**
 * Can `expression`, evaluated earlier, be written again at `site` and mean the same string? A literal can; so can a
 * name of a variable that never changes, unless a declaration of the same name nearer to `site` would capture it.
 */
function sameValueAt(expression: ts.Expression, site: ts.Node, tree: ts.SourceFile): boolean {
	const node = skipOuterExpressions(expression);
	if (ts.isStringLiteralLike(node)) {
		return true;
	}
	const binding = ts.isIdentifier(node) ? findBinding(node) : undefined;
	return binding !== undefined && unchanging(binding, tree) && !redeclaredAround(binding, site);
}

interface EncodedText {
	/** The text that was encoded. */
	readonly text: ts.Expression;
	/** The unchanging variable that holds the encoded bytes, when the data was that variable's name. */
	readonly holder?: ts.Identifier;
}

/**
 * Binary data that is known to be encoded text, and that text: `new TextEncoder().encode(text)`, `encoder.encode(text)`
 * (an encoder bound to `new TextEncoder()`), `Buffer.from(text)` / `Buffer.from(text, 'utf8')`, or an unchanging
 * variable set to one of these whose text still means the same at the `send(…)`. Only these can be sent as text
 * again without changing a byte.
 */
function encodedText(expression: ts.Expression, tree: ts.SourceFile): EncodedText | undefined {
	const node = skipOuterExpressions(expression);
	if (ts.isIdentifier(node)) {
		const value = knownValue(node, tree);
		const inner = value && !ts.isIdentifier(skipOuterExpressions(value)) ? encodedText(value, tree) : undefined;
		const holder = findBinding(node);
		return inner && holder && sameValueAt(inner.text, node, tree) ? { text: inner.text, holder } : undefined;
	}
	if (!ts.isCallExpression(node) || node.arguments.length === 0 || !ts.isPropertyAccessExpression(node.expression)) {
		return undefined;
	}
	const [value, encoding] = node.arguments;
	const owner = skipOuterExpressions(node.expression.expression);
	const method = node.expression.name.text;
	if (method === 'encode' && node.arguments.length === 1 && isTextEncoder(owner, tree)) {
		return { text: value };
	}
	if (method === 'from' && ts.isIdentifier(owner) && owner.text === 'Buffer' && dataKind(value, tree) === 'text' &&
		(!encoding || (ts.isStringLiteralLike(encoding) && /^utf-?8$/i.test(encoding.text)))) {
		return { text: value };
	}
	return undefined;
}

function isTextEncoder(node: ts.Expression, tree: ts.SourceFile): boolean {
	if (ts.isNewExpression(node)) {
		return node.expression.getText() === 'TextEncoder';
	}
	const value = ts.isIdentifier(node) ? knownValue(node, tree) : undefined;
	return value !== undefined && isTextEncoder(skipOuterExpressions(value), tree);
}

/**
 * The edits that make one `send(…)` call send `target` frames: none when it already does, 'impossible' when the
 * data cannot be converted without changing it (opaque bytes cannot become text: decoding them as UTF-8 would
 * corrupt them, and `ws` would send an invalid text frame that the peer fails with 1007).
 */
function rewriteSend(tree: ts.SourceFile, call: ts.CallExpression, target: FrameType, node: boolean, quote: string): Rewrite | 'impossible' {
	const data = call.arguments[0];
	const kind = dataKind(data, tree);
	const encoded = kind === 'binary' ? encodedText(data, tree) : undefined;
	if (target === 'text' && kind === 'binary' && !encoded) {
		return 'impossible';
	}
	const changes = rewriteData(tree, call, target, node, quote, kind, encoded);
	// Sent as its text now: the variable that held the bytes may have no other use left.
	return encoded?.holder && target === 'text' ? { changes, unwrapped: encoded.holder } : { changes };
}

interface Rewrite {
	readonly changes: TextChange[];
	/** The variable whose encoded bytes this call sent and now sends as text. */
	readonly unwrapped?: ts.Identifier;
}

function rewriteData(tree: ts.SourceFile, call: ts.CallExpression, target: FrameType, node: boolean, quote: string, kind: DataKind,
	encoded: EncodedText | undefined): TextChange[] {
	const data = call.arguments[0];
	const text = data.getText(tree);
	const simple = /^[\w$.]+$/.test(text);
	if (node) {
		// `ws` decides the opcode from { binary } (without it: strings are text, buffers binary); objects still need
		// serialising, and encoded text is sent as the text it is.
		const forced = forcedType(call);
		const changes: TextChange[] = [];
		let payload = kind;
		if (kind === 'object') {
			changes.push({ start: data.getStart(tree), end: data.getEnd(), newText: `JSON.stringify(${text})` });
			payload = 'text';
		} else if (target === 'text' && encoded) {
			changes.push({ start: data.getStart(tree), end: data.getEnd(), newText: encoded.text.getText(tree) });
			payload = 'text';
		}
		const sentAs = forced.type ?? (payload === 'object' || payload === 'unknown' ? undefined : payload);
		if (sentAs === target) {
			return changes;
		}
		const value = target === 'binary' ? 'true' : 'false';
		if (forced.property) {
			changes.push({ start: forced.property.initializer.getStart(tree), end: forced.property.initializer.getEnd(), newText: value });
		} else if (forced.options) {
			const open = forced.options.getStart(tree) + 1;
			changes.push({ start: open, end: open, newText: forced.options.properties.length > 0 ? ` binary: ${value},` : ` binary: ${value} ` });
		} else if (call.arguments[1]) {
			const at = call.arguments[1].getStart(tree);
			changes.push({ start: at, end: at, newText: `{ binary: ${value} }, ` });
		} else {
			changes.push({ start: data.getEnd(), end: data.getEnd(), newText: `, { binary: ${value} }` });
		}
		return changes;
	}
	// WHATWG: the opcode follows the data type — a string is text, anything binary is binary.
	if (kind === target) {
		return [];
	}
	const replace = (newText: string): TextChange[] => [{ start: data.getStart(tree), end: data.getEnd(), newText }];
	if (target === 'text') {
		if (kind === 'object') {
			return replace(`JSON.stringify(${text})`);
		}
		if (encoded) {
			return replace(encoded.text.getText(tree)); // new TextEncoder().encode(x) → x
		}
		return simple ? replace(`typeof ${text} === ${quote}string${quote} ? ${text} : JSON.stringify(${text})`) : [];
	}
	if (kind === 'text') {
		return replace(`new TextEncoder().encode(${text})`);
	}
	if (kind === 'object') {
		return replace(`new TextEncoder().encode(JSON.stringify(${text}))`);
	}
	return simple ? replace(`typeof ${text} === ${quote}string${quote} ? new TextEncoder().encode(${text}) : ${text}`) : [];
}

/** The send rewrites for a close handler that sees 1003: one fix per frame type that changes at least one call. */
export function sendFrameFixes(tree: ts.SourceFile, offset: number, sites: readonly CloseCodeSite[]): FrameFix[] {
	const site = sites.find((candidate) => candidate.start <= offset && offset <= candidate.end);
	if (!site || site.value !== 1003 || site.role !== 'receive') {
		return [];
	}
	const handler = handlerAt(findHandlers(tree), offset, 'close');
	if (!handler?.socket) {
		return [];
	}
	const calls = sendCalls(tree, handler.socket.getText(tree));
	const fixes: FrameFix[] = [];
	for (const frameType of ['text', 'binary'] as const) {
		const rewrites = calls.map((call) => rewriteSend(tree, call, frameType, handler.style === 'node', detectStyle(tree.text).quote));
		// Half a fix would still send the wrong frames: offer it only when every call can be converted.
		if (rewrites.includes('impossible')) {
			continue;
		}
		const done = rewrites.filter((rewrite): rewrite is Rewrite => rewrite !== 'impossible');
		const changes = done.flatMap((rewrite) => rewrite.changes);
		if (changes.length > 0) {
			changes.push(...unusedDeclarations(tree, calls, done));
			fixes.push({ kind: 'send', frameType, changes });
		}
	}
	return fixes;
}

/**
 * Removes `const bytes = new TextEncoder().encode(text);` when every use of `bytes` was a `send(bytes)` that now sends
 * `text`: the declaration would be dead code (and its encoding has no side effects).
 */
function unusedDeclarations(tree: ts.SourceFile, calls: readonly ts.CallExpression[], rewrites: readonly Rewrite[]): TextChange[] {
	// No call was 'impossible' (or there would be no fix), so calls and rewrites pair up.
	const rewrittenData = new Set(calls.filter((_, index) => rewrites[index].unwrapped).map((call) => skipOuterExpressions(call.arguments[0])));
	const holders = new Set(rewrites.flatMap((rewrite) => (rewrite.unwrapped ? [rewrite.unwrapped] : [])));
	const changes: TextChange[] = [];
	for (const holder of holders) {
		const statement = holder.parent.parent.parent;
		if (!ts.isVariableStatement(statement) || statement.declarationList.declarations.length !== 1 ||
			!referencesTo(holder, tree).every((reference) => rewrittenData.has(reference))) {
			continue;
		}
		const text = tree.text;
		const lineStart = text.lastIndexOf('\n', statement.getStart(tree) - 1) + 1;
		const lineEnd = text.indexOf('\n', statement.getEnd());
		const alone = /^[ \t]*$/.test(text.slice(lineStart, statement.getStart(tree))) && /^[ \t]*\r?$/.test(text.slice(statement.getEnd(), lineEnd < 0 ? text.length : lineEnd));
		changes.push(alone ? { start: lineStart, end: lineEnd < 0 ? text.length : lineEnd + 1, newText: '' } : { start: statement.getStart(tree), end: statement.getEnd(), newText: '' });
	}
	return changes;
}

// ---- "Reject binary frames with 1003" / "Reject text frames with 1003" --------------------------------------

/** Does the handler already look at the frame type? */
function checksFrameType(fn: Handler['fn'], tree: ts.SourceFile): boolean {
	const body = fn.body?.getText(tree) ?? '';
	return /\bisBinary\b|\btypeof\b|\binstanceof\s+(?:ArrayBuffer|Blob|Buffer|Uint8Array)\b|Buffer\.isBuffer|ArrayBuffer\.isView/.test(body);
}

/**
 * The guards for the message handler whose signature (the registration up to the body's `{`) overlaps `start`…`end`.
 * Only there: a guard is a choice about the protocol, not the fix of a problem, so it is not offered from every line of
 * the body (where it crowded the menu of unrelated diagnostics).
 */
export function rejectFrameFixes(tree: ts.SourceFile, start: number, end: number, reasons: Record<FrameType, string>): FrameFix[] {
	const handler = handlerWithSignatureAt(findHandlers(tree), start, end, 'message');
	// A WHATWG socket (browsers, Deno's server sockets) cannot send 1003: its close() accepts only 1000 and
	// 3000–4999 and throws InvalidAccessError for anything else. `ws` and Bun's server sockets can.
	if (!handler || handler.style === 'dom' || !handler.fn.body || checksFrameType(handler.fn, tree)) {
		return [];
	}
	return (['binary', 'text'] as const)
		.map((frameType): FrameFix => ({ kind: 'reject', frameType, changes: guardChanges(tree, handler, frameType, reasons[frameType]) }))
		.filter((fix) => fix.changes.length > 0);
}

function guardChanges(tree: ts.SourceFile, handler: Handler, rejected: FrameType, reason: string): TextChange[] {
	const text = tree.text;
	const style = detectStyle(text);
	const semi = style.semicolon ? ';' : '';
	const quoted = `${style.quote}${reason.split(style.quote).join(`\\${style.quote}`)}${style.quote}`;
	const fn = handler.fn;
	const changes: TextChange[] = [];
	const open = text.indexOf('(', fn.name ? fn.name.getEnd() : fn.getStart(tree));
	let condition: string;
	let socket: string;
	if (handler.style === 'node') {
		socket = handler.socket?.getText(tree) ?? 'ws';
		let flag = parameterName(fn, 1);
		if (!flag) {
			if (fn.parameters.length === 0) {
				changes.push({ start: open + 1, end: open + 1, newText: 'data, isBinary' });
			} else if (fn.parameters.length === 1) {
				changes.push({ start: fn.parameters[0].getEnd(), end: fn.parameters[0].getEnd(), newText: ', isBinary' });
			} else {
				return [];
			}
			flag = 'isBinary';
		}
		condition = rejected === 'binary' ? flag : `!${flag}`;
	} else if (handler.style === 'bun') {
		socket = parameterName(fn, 0) ?? '';
		const message = parameterName(fn, 1);
		if (!socket || !message) {
			return [];
		}
		condition = `typeof ${message} ${rejected === 'binary' ? '!==' : '==='} ${style.quote}string${style.quote}`;
	} else {
		socket = handler.socket?.getText(tree) ?? 'socket';
		let event = parameterName(fn, 0);
		if (!event) {
			if (fn.parameters.length > 0) {
				return [];
			}
			changes.push({ start: open + 1, end: open + 1, newText: 'event' });
			event = 'event';
		}
		condition = `typeof ${event}.data ${rejected === 'binary' ? '!==' : '==='} ${style.quote}string${style.quote}`;
	}
	const body = fn.body;
	if (!body) {
		return [];
	}
	const base = indentationAt(text, handler.statement?.getStart(tree) ?? fn.getStart(tree));
	const guard = (inner: string) => [
		`if (${condition}) {`,
		`${style.indent}${socket}.close(1003, ${quoted})${semi}`,
		`${style.indent}return${semi}`,
		'}',
	].map((line) => inner + line).join(style.eol);
	if (ts.isBlock(body)) {
		const first = body.statements[0];
		const inner = first ? indentationAt(text, first.getStart(tree)) : base + style.indent;
		const at = body.getStart(tree) + 1;
		changes.push({ start: at, end: at, newText: style.eol + guard(inner) });
	} else {
		const inner = base + style.indent;
		changes.push({
			start: body.getStart(tree), end: body.getEnd(),
			newText: `{${style.eol}${guard(inner)}${style.eol}${inner}${body.getText(tree)}${semi}${style.eol}${base}}`,
		});
	}
	return changes;
}
