import ts from 'typescript';
import type { CompletionItem } from 'vscode-languageserver-types';
import { checkedBy, checkingApi, isSendableOnWire, registeredCodes } from './closeCodes';
import { renderCloseCodeDocs } from './hover';
import { t, type Locale, type MessageKey } from './l10n';
import { protocolMeaning, type ProtocolPack } from './protocols';
import { FileContext, skipOuterExpressions, type CloseApi } from './recognition/fileContext';

/**
 * Close-code completion where a close code is the only sensible thing to type:
 * - the first argument of `close(` on a WebSocket — only the codes that call accepts (WHATWG: 1000 and 3000–4999);
 * - `case ` in a `switch` on a received code, and `code === ` against one — every code a peer can make you see.
 */

export type CompletionContextKind = 'send' | 'receive';

export interface CloseCodeCompletion {
	readonly kind: CompletionContextKind;
	readonly api: CloseApi;
	/** The digits already typed, which the chosen item replaces. */
	readonly replaceStart: number;
	readonly replaceEnd: number;
}

/**
 * Whether the text alone allows a close-code position at `offset` — right after `(`, `case`, or an equality
 * operator, past any digits already typed — so that completion, asked on every keystroke, parses nothing otherwise.
 */
export function mayBeCloseCodePosition(text: string, offset: number): boolean {
	let at = offset;
	while (at > 0 && /[0-9]/.test(text.charAt(at - 1))) {
		at--;
	}
	const before = text.slice(Math.max(0, at - 40), at);
	return /(?:\(|[=!]=|\bcase)\s*$/.test(before);
}

/** Finds out whether the cursor is in a close-code position. */
export function completionContextAt(tree: ts.SourceFile, offset: number, environmentApi: (api: CloseApi) => CloseApi): CloseCodeCompletion | undefined {
	const text = tree.text;
	let replaceStart = offset;
	while (replaceStart > 0 && /[0-9]/.test(text.charAt(replaceStart - 1))) {
		replaceStart--;
	}
	let replaceEnd = offset;
	while (replaceEnd < text.length && /[0-9]/.test(text.charAt(replaceEnd))) {
		replaceEnd++;
	}
	const context = new FileContext(tree);
	const lineBefore = text.slice(text.lastIndexOf('\n', replaceStart - 1) + 1, replaceStart);

	// `case |` in a switch on a received code. (While typed, the clause's expression is missing, so its span ends
	// before the cursor: look for the switch from the `case` keyword instead.)
	if (/\bcase\s+$/.test(lineBefore)) {
		const keyword = replaceStart - (/\bcase\s+$/.exec(lineBefore)?.[0].length ?? 0);
		for (let node: ts.Node | undefined = innermostAt(tree, keyword); node; node = node.parent) {
			if (ts.isSwitchStatement(node)) {
				return context.holdsCloseCode(node.expression) ? { kind: 'receive', api: 'unknown', replaceStart, replaceEnd } : undefined;
			}
		}
		return undefined;
	}

	// `code === |` against a received code.
	const comparison = /(===|!==|==|!=)\s*$/.exec(lineBefore);
	if (comparison) {
		const operatorEnd = replaceStart - (comparison[0].length - comparison[1].length);
		for (let node: ts.Node | undefined = innermostAt(tree, operatorEnd - 1); node; node = node.parent) {
			if (ts.isBinaryExpression(node) && node.operatorToken.getEnd() === operatorEnd) {
				return context.holdsCloseCode(node.left) ? { kind: 'receive', api: 'unknown', replaceStart, replaceEnd } : undefined;
			}
		}
		return undefined;
	}

	// The first argument of `close(` on a WebSocket.
	for (let node: ts.Node | undefined = innermostAt(tree, replaceStart); node && !ts.isSourceFile(node); node = node.parent) {
		if (ts.isCallExpression(node) && isFirstArgumentPosition(node, replaceStart, text) && isCloseCallee(node.expression, context)) {
			const callee = skipOuterExpressions(node.expression);
			const receiver = ts.isPropertyAccessExpression(callee) ? callee.expression : undefined;
			return { kind: 'send', api: environmentApi(context.closeApiOf(receiver)), replaceStart, replaceEnd };
		}
		if (ts.isBlock(node) || ts.isFunctionLike(node)) {
			break;
		}
	}
	return undefined;
}

/** The items for a context, registered codes first, each with its localized documentation. */
export function closeCodeCompletionItems(completion: CloseCodeCompletion, locale: Locale,
	positionAt: (offset: number) => { line: number; character: number }, packs: readonly ProtocolPack[] = []): CompletionItem[] {
	const checking = checkingApi(completion.api);
	const accepts = (code: number) => completion.kind === 'receive' ? code !== 1004
		: checking ? checkedBy[checking].accepts(code)
		: isSendableOnWire(code);
	const range = { start: positionAt(completion.replaceStart), end: positionAt(completion.replaceEnd) };
	const items: CompletionItem[] = registeredCodes.filter((entry) => accepts(entry.code)).map((entry, index) => ({
		label: String(entry.code),
		labelDetails: { description: t(locale, `label.${entry.code}` as MessageKey) },
		kind: 12, // Value
		detail: entry.name,
		documentation: renderCloseCodeDocs({ value: entry.code, confidence: 'certain', role: completion.kind, api: completion.api }, locale),
		sortText: `0${String(index).padStart(2, '0')}`,
		textEdit: { range, newText: String(entry.code) },
	}));
	// The codes of the protocols this file speaks (graphql-ws's 4401…), under the protocol's names.
	const protocolCodes = packs.flatMap((pack) => pack.codes.filter((entry) => accepts(entry.code) && !items.some((item) => item.label === String(entry.code)))
		.map((entry) => ({ entry, meaning: protocolMeaning(pack, entry.code) })));
	protocolCodes.forEach(({ entry, meaning }, index) => items.push({
		label: String(entry.code),
		labelDetails: { description: `${entry.name} · ${meaning?.pack.name}` },
		kind: 12,
		detail: entry.name,
		documentation: renderCloseCodeDocs({ value: entry.code, confidence: 'certain', role: completion.kind, api: completion.api, protocol: meaning }, locale),
		sortText: `05${String(index).padStart(2, '0')}`,
		textEdit: { range, newText: String(entry.code) },
	}));
	if (completion.kind === 'send' && !items.some((item) => item.label === '4000')) {
		// The private range, for application codes: 4000 as the start of it.
		items.push({
			label: '4000',
			labelDetails: { description: t(locale, 'hover.category.private') },
			kind: 12,
			documentation: renderCloseCodeDocs({ value: 4000, confidence: 'certain', role: 'send', api: completion.api }, locale),
			sortText: '100',
			textEdit: { range, newText: '4000' },
		});
	}
	return items;
}

function isCloseCallee(callee: ts.Expression, context: FileContext): boolean {
	const node = skipOuterExpressions(callee);
	if (!ts.isPropertyAccessExpression(node) || node.name.text !== 'close') {
		return false;
	}
	const receiver = skipOuterExpressions(node.expression);
	const name = ts.isIdentifier(receiver) ? receiver.text : ts.isPropertyAccessExpression(receiver) ? receiver.name.text : '';
	return context.isWebSocketFile || /(?:ws|socket|sock|conn|connection|client|peer)s?$/i.test(name);
}

/** Is `offset` inside the parentheses of `call`, before the first comma? */
function isFirstArgumentPosition(call: ts.CallExpression, offset: number, text: string): boolean {
	const open = text.indexOf('(', call.expression.getEnd());
	if (open < 0 || offset <= open) {
		return false;
	}
	const firstArgument = call.arguments[0];
	if (firstArgument && firstArgument.getFullWidth() > 0) {
		return offset <= firstArgument.getEnd();
	}
	const between = text.slice(open + 1, offset);
	return !between.includes(',') && !between.includes(')');
}

/**
 * The innermost node whose span contains `offset`. Touching a node's end counts (the cursor sits right after what
 * was typed), and the first such child wins, so `close(10|)` finds the literal rather than the `)`.
 */
function innermostAt(tree: ts.SourceFile, offset: number): ts.Node {
	let current: ts.Node = tree;
	for (;;) {
		const child: ts.Node | undefined = ts.forEachChild(current, (node) =>
			node.kind !== ts.SyntaxKind.EndOfFileToken && node.getStart(tree) <= offset && offset <= node.getEnd() ? node : undefined);
		if (!child) {
			return current;
		}
		current = child;
	}
}
