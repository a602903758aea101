import ts from 'typescript';
import { calleeName, climb, forEachDescendant, functionName, isTextExpression, propertyNameText, skipOuterExpressions } from './ast';
import { FileContext, objectOwner, type CloseApi, type Declaration } from './fileContext';
import { valuesRuledOut } from './guards';
import {
	hasContraryWord, hasQuantityWord, hasTimingWord, isCodeName, nameMatchesCode, saysCloseCode, saysCloseReasonCode, saysClosing, saysClosingHelper, words,
} from './names';
import {
	assertedValue, calledWithAssertions, closeArgument, closeEventArgument, closeEventInit, closeHelperArgument, codeAssignment, codeProperty, equalityAssertions,
	isCertainCloseCall, namesCloseCodeValue,
} from './sinks';
import type { ImportedDeclaration, ImportUse, LinkModule, ModuleDeclaration, ModuleFacts, SendParameter } from './crossModule';
import { moduleShapeOf, type ModuleShape } from './moduleShape';
import { strength, type Confidence, type Evidence, type RuleId, type SiteRole, type SlotRule } from './types';

/** The rules here may ask everything the file's facts know; the sink rules ask only `SinkContext`. */
type FileRule = SlotRule<FileContext>;

export type { Confidence, RuleId, SiteRole } from './types';

/**
 * Recognition: which numbers in a file are WebSocket close codes.
 *
 * A number is never a close code because of its value alone (`setTimeout(fn, 1000)`, `port: 3000`). It is one when
 * the code around it says so. Each rule below looks at one kind of place a close code can stand and returns
 * evidence — a confidence and the role of the site — or nothing. The first rule with evidence wins.
 *
 * The rules where a value *becomes* a close code (a `close()` argument, a close event's code, a close helper's
 * argument) live in `sinks.ts`, because `FileContext` also follows variables and parameters into them: that is how
 * `let code = 1005 … fireEvent('close', { code })` and `this._close(1002, '…')` are recognised.
 *
 * To add a rule: write a function of type `SlotRule` and add it to `slotRules` — in `sinks.ts` (and `sinkRules`) when
 * it is a place where a value becomes a close code, so that the data flow follows variables into it too. Evidence
 * carried by a literal itself goes with the rules about the literal; evidence from names goes in `declarationEvidence`.
 * Add a fixture of its own to `test/unit/recognition.test.ts`, and the hard negatives it must not trip.
 */

export interface CloseCodeSite {
	/** Offsets of the literal (or of the name that refers to one) in the document text. */
	readonly start: number;
	readonly end: number;
	readonly value: number;
	readonly confidence: Confidence;
	readonly role: SiteRole;
	/** The rule that recognised the site — shown nowhere, but tests and `--format json` debugging use it. */
	readonly rule: RuleId;
	/** For a name that refers to a constant (`ws.close(GOING_AWAY)`): the constant's name. */
	readonly via?: string;
	/** For a name imported from another module of the workspace: where that module declares it (line 0-based). */
	readonly definition?: { readonly uri: string; readonly line: number };
}

/** A `close(code, reason)` call the file certainly makes on a WebSocket: what diagnostics check. */
export interface CloseCall {
	readonly start: number;
	readonly end: number;
	/** Whose validation rules apply to the call. */
	readonly api: CloseApi;
	/** The first argument, if any. `received`: it is a code the peer sent (`event.code`), forwarded as is. */
	readonly code?: { readonly start: number; readonly end: number; readonly text: string; readonly received: boolean };
	/** The reason, when it is a string literal (or a template without substitutions) whose length we can measure. */
	readonly reason?: { readonly start: number; readonly end: number; readonly value: string; readonly quote: string };
	/**
	 * The reason, when it is built from text of unbounded length — an error's `message` or `stack`, `String(error)`,
	 * `JSON.stringify(…)`, or a template or `+` that includes one — which can exceed the 123 bytes `close()` accepts.
	 */
	readonly unboundedReason?: { readonly start: number; readonly end: number; readonly text: string };
	/** Inside `assert.throws(() => …)` / `expect(() => …)`: a test that sends a bad code on purpose. */
	readonly expectsThrow: boolean;
}

export interface Recognition {
	readonly sites: CloseCodeSite[];
	readonly closeCalls: CloseCall[];
	/** What this file tells the other modules of the workspace (see `crossModule.ts`). */
	readonly facts: ModuleFacts;
}

export type { CloseApi };

// ---- the slot rules: where a value stands --------------------------------------------------------------

const comparisonOperators = new Set([
	ts.SyntaxKind.EqualsEqualsEqualsToken, ts.SyntaxKind.ExclamationEqualsEqualsToken, ts.SyntaxKind.EqualsEqualsToken,
	ts.SyntaxKind.ExclamationEqualsToken, ts.SyntaxKind.LessThanToken, ts.SyntaxKind.LessThanEqualsToken,
	ts.SyntaxKind.GreaterThanToken, ts.SyntaxKind.GreaterThanEqualsToken,
]);

/**
 * `event.code === 1001`, `code !== 1000`, and range bounds of validity checks: `code >= 3000 && code <= 4999` on a
 * received code, or in `isValidStatusCode(code)` (its parameter is the code being checked), or on a variable the code
 * flows into (`let t = e.code; t >= 3500 && t < 4e3`).
 */
const comparison: FileRule = (top, context) => {
	const binary = top.parent;
	if (!ts.isBinaryExpression(binary) || !comparisonOperators.has(binary.operatorToken.kind)) {
		return undefined;
	}
	const other = binary.left === top ? binary.right : binary.left;
	const held = context.holdsCloseCode(other) ?? validatedAsCloseCode(binary, other) ?? closeCodeRangeCheck(binary, other, context);
	return held && { confidence: held, role: 'receive', rule: 'comparison' };
};

/**
 * The upper end of the close-code space (`code <= 4999`; not `< 5000`, a round number that delays and sizes share),
 * and lower ends of its classes (1000, 3000, 4000).
 */
const rangeEnds = new Set([4999]);
const rangeStarts = new Set([1000, 3000, 4000]);

/**
 * A range check whose bounds are those of the close-code space, whatever the checked value is called:
 * `value >= 1000 && value <= 1014 || value >= 3000 && value <= 4999` on a code a user typed, `n < 1000 || n > 4999`.
 * The condition (its `&&`/`||` chain) must bound one operand both by the end of the space (4999) and by the
 * start of a class (1000, 3000, 4000): no delay or size is checked against that pair. Names of quantities
 * (`delayMs`, `port`) are never codes.
 */
function closeCodeRangeCheck(comparison: ts.BinaryExpression, checked: ts.Expression, context: FileContext): Confidence | undefined {
	const operand = skipOuterExpressions(checked);
	if (!(ts.isIdentifier(operand) || ts.isPropertyAccessExpression(operand)) || hasQuantityWord(operand.getText()) || hasTimingWord(operand.getText())) {
		return undefined;
	}
	let condition: ts.Node = comparison;
	while (ts.isParenthesizedExpression(condition.parent) || (ts.isBinaryExpression(condition.parent) &&
		(condition.parent.operatorToken.kind === ts.SyntaxKind.AmpersandAmpersandToken || condition.parent.operatorToken.kind === ts.SyntaxKind.BarBarToken))) {
		condition = condition.parent;
	}
	const text = operand.getText();
	const bounds = new Set<number>();
	const visit = (node: ts.Node): void => {
		if (ts.isBinaryExpression(node) && comparisonOperators.has(node.operatorToken.kind)) {
			const [left, right] = [skipOuterExpressions(node.left), skipOuterExpressions(node.right)];
			const literal = ts.isNumericLiteral(right) && left.getText() === text ? right : ts.isNumericLiteral(left) && right.getText() === text ? left : undefined;
			if (literal) {
				bounds.add(Number(literal.text));
			}
			return;
		}
		ts.forEachChild(node, visit);
	};
	visit(condition);
	const ends = [...bounds].some((value) => rangeEnds.has(value));
	const starts = [...bounds].some((value) => rangeStarts.has(value));
	return ends && starts ? strength(context.isWebSocketFile) : undefined;
}

/** Messages that say a value is a close code: 'Invalid close code', 'closing code must be…', 'WebSocket status code'. */
const closeCodeMessage = /\bclos(?:e|ing|ure)\b[^\n]{0,30}\bcode\b|\bwebsocket\b[^\n]{0,30}\bcode\b/i;

/**
 * A check whose failure says so: `if (code < 1000 || code > 4999) throw new RangeError('Invalid close code')`. The
 * checked value is named like a code, and the statement the condition guards carries a message about close codes.
 */
function validatedAsCloseCode(comparison: ts.BinaryExpression, checked: ts.Expression): Confidence | undefined {
	const value = skipOuterExpressions(checked);
	const name = ts.isIdentifier(value) ? value.text : ts.isPropertyAccessExpression(value) ? value.name.text : undefined;
	if (name === undefined || !isCodeName(name)) {
		return undefined;
	}
	let condition: ts.Node = comparison;
	while (ts.isParenthesizedExpression(condition.parent) || (ts.isPrefixUnaryExpression(condition.parent) && condition.parent.operator === ts.SyntaxKind.ExclamationToken) ||
		(ts.isBinaryExpression(condition.parent) && (condition.parent.operatorToken.kind === ts.SyntaxKind.AmpersandAmpersandToken ||
			condition.parent.operatorToken.kind === ts.SyntaxKind.BarBarToken))) {
		condition = condition.parent;
	}
	const statement = condition.parent;
	if (!ts.isIfStatement(statement) || statement.expression !== condition) {
		return undefined;
	}
	// Only a short guarded statement is read (a throw, a reject, a callback with an error).
	const guarded = statement.thenStatement;
	if (guarded.end - guarded.pos > 400) {
		return undefined;
	}
	let found = false;
	const visit = (node: ts.Node): void => {
		if (!found && (ts.isStringLiteralLike(node) || ts.isTemplateHead(node) || ts.isTemplateMiddle(node) || ts.isTemplateTail(node))) {
			found = closeCodeMessage.test(node.text);
		}
		if (!found) {
			ts.forEachChild(node, visit);
		}
	};
	visit(guarded);
	return found ? 'likely' : undefined;
}

/**
 * `switch (event.code) { case 1001: … }`, and a switch whose other labels are inlined close-code constants
 * (`case 1e3 /* Normal *\/: … case 4004:` in bundled code).
 */
const caseLabel: FileRule = (top, context) => {
	const clause = top.parent;
	if (!ts.isCaseClause(clause) || clause.expression !== top) {
		return undefined;
	}
	const statement = clause.parent.parent;
	const held = context.holdsCloseCode(statement.expression) ?? context.switchOnCloseCodes(statement);
	return held && { confidence: held, role: 'receive', rule: 'caseLabel' };
};

/**
 * How a list of codes is used: `[1001, 1006].includes(event.code)`, `new Set([…]).has(code)`. Returns the
 * strength of the evidence that the list is checked against a received code.
 */
export function listCheckedAgainstCloseCode(list: ts.Expression, context: FileContext): Confidence | undefined {
	let current = climb(list);
	const parent = current.parent;
	if (ts.isNewExpression(parent) && ts.isIdentifier(parent.expression) && parent.expression.text === 'Set') {
		current = climb(parent);
	}
	const access = current.parent;
	if (ts.isPropertyAccessExpression(access) && access.expression === current && /^(?:includes|indexOf|has|lastIndexOf)$/.test(access.name.text)) {
		const call = access.parent;
		if (ts.isCallExpression(call) && call.expression === access && call.arguments.length > 0) {
			return context.holdsCloseCode(call.arguments[0]);
		}
	}
	return undefined;
}

/** An element of a list that is checked against a received code. */
const codeList: FileRule = (top, context) => {
	const array = top.parent;
	if (!ts.isArrayLiteralExpression(array)) {
		return undefined;
	}
	const held = listCheckedAgainstCloseCode(array, context);
	return held && { confidence: held, role: 'receive', rule: 'codeList' };
};

/** `event.code ?? 1005`, `code || 1006` — the value a missing code is reported as. */
const fallback: FileRule = (top, context) => {
	const binary = top.parent;
	if (ts.isBinaryExpression(binary) && binary.right === top && (binary.operatorToken.kind === ts.SyntaxKind.QuestionQuestionToken ||
		binary.operatorToken.kind === ts.SyntaxKind.BarBarToken)) {
		const held = context.holdsCloseCode(binary.left);
		return held && { confidence: held, role: 'receive', rule: 'fallback' };
	}
	return undefined;
};

/**
 * `close(code = 1000, reason)`, `function onClose(closeCode = 1005)`, and the default of any parameter whose value
 * ends up as a close code (`emitClose(e = 1005, t) { const s = { code: e, reason: t } }`).
 */
const defaultParameter: FileRule = (top, context) => {
	const parameter = top.parent;
	if (!ts.isParameter(parameter) || parameter.initializer !== top || !ts.isIdentifier(parameter.name)) {
		return undefined;
	}
	const name = parameter.name.text;
	if (namesCloseCodeValue(name)) {
		return { confidence: strength(context.isWebSocketFile), role: 'send', rule: 'defaultParameter' };
	}
	const owner = functionName(parameter.parent);
	if (isCodeName(name) && owner !== undefined && saysClosing(owner)) {
		return { confidence: strength(context.isWebSocketFile), role: 'send', rule: 'defaultParameter' };
	}
	const held = context.holderStrength(parameter.name);
	return held && { confidence: held, role: 'send', rule: 'defaultParameter' };
};

/**
 * A value stored in a variable or parameter that holds a close code: `let code = 1005` before
 * `fireEvent('close', { code, reason })`, `code = 1006`, and downlevelled defaults — `if (code === void 0) { code = 1000; }`,
 * minified `void 0===e&&(e=1e3)` — in a function that passes `code` to `close()`.
 */
const codeVariable: FileRule = (top, context) => {
	const parent = top.parent;
	// `const CODE = 4000` on its own is a declaration: its uses decide (usedAsCloseCode).
	if (ts.isVariableDeclaration(parent) && parent.initializer === top && ts.isIdentifier(parent.name) &&
		!(ts.isNumericLiteral(skipOuterExpressions(top)) && context.resolve(parent.name) !== undefined)) {
		const held = context.holderStrength(parent.name);
		return held && { confidence: held, role: 'define', rule: 'codeVariable' };
	}
	if (ts.isBinaryExpression(parent) && parent.right === top && parent.operatorToken.kind === ts.SyntaxKind.EqualsToken) {
		const target = skipOuterExpressions(parent.left);
		const held = ts.isIdentifier(target) ? context.holderStrength(target) : undefined;
		return held && { confidence: held, role: 'define', rule: 'codeVariable' };
	}
	return undefined;
};

/**
 * A value returned by a function whose result is a close code: `function toWireCode(code) { if (code === 1005) return
 * 1000; return code; }`, or a function called where a close code goes (`ws.close(pickCode(error))`).
 */
const returnedCode: FileRule = (top, context) => {
	const parent = top.parent;
	const fn = ts.isReturnStatement(parent) ? enclosingFunctionOf(parent) : ts.isArrowFunction(parent) && parent.body === top ? parent : undefined;
	const held = fn && context.returnsCloseCode(fn);
	return held && { confidence: held, role: 'send', rule: 'returnedCode' };
};

function enclosingFunctionOf(node: ts.Node): ts.Node | undefined {
	for (let current = node.parent; current && !ts.isSourceFile(current); current = current.parent) {
		if (ts.isFunctionLike(current)) {
			return current;
		}
	}
	return undefined;
}

/**
 * The argument of one of this file's functions for a parameter that is compared with a received code:
 * `shouldNotReconnect(1008)` where `function shouldNotReconnect(code) { … evt.code.should.equal(code) … }`.
 */
const comparedArgument: FileRule = (top, context) => {
	const call = top.parent;
	if (!(ts.isCallExpression(call) || ts.isNewExpression(call)) || !call.arguments?.includes(top)) {
		return undefined;
	}
	const held = context.comparedParameterAt(call, call.arguments.indexOf(top));
	return held && { confidence: held, role: 'receive', rule: 'comparison' };
};

/** `assert.strictEqual(code, 1001)`, `expect(event.code).toBe(1006)`, `t.is(code, 1000)`, `evt.code.should.equal(1000)` */
const assertion: FileRule = (top, context) => {
	const call = top.parent;
	if (!ts.isCallExpression(call) || !call.arguments.includes(top)) {
		return undefined;
	}
	const name = calleeName(call.expression);
	if (name === undefined || !equalityAssertions.test(name)) {
		return undefined;
	}
	const asserted = assertedValue(call, name, top);
	const held = asserted && context.holdsCloseCode(asserted.value);
	return held ? { confidence: held, role: 'receive', rule: 'assertion' } : undefined;
};

/**
 * Assertions that a close function or handler was called with a code: `expect(closeSpy).toHaveBeenCalledWith(1001, 'bye')`,
 * `expect(socket.onClose).toHaveBeenCalledWith(1006, 'Connection interrupted', false)`, `sinon.assert.calledWith(close, 1000)`.
 * The code is the first argument, or the one followed by a reason.
 */
const calledWith: FileRule = (top, context) => {
	const call = top.parent;
	if (!ts.isCallExpression(call)) {
		return undefined;
	}
	const index = call.arguments.indexOf(top);
	const name = calleeName(call.expression);
	if (index < 0 || name === undefined || !calledWithAssertions.test(name)) {
		return undefined;
	}
	let spy: ts.Expression | undefined;
	let first = /Nth/.test(name) ? 1 : 0;
	const callee = skipOuterExpressions(call.expression);
	let receiver = ts.isPropertyAccessExpression(callee) ? skipOuterExpressions(callee.expression) : undefined;
	if (receiver && ts.isPropertyAccessExpression(receiver) && receiver.name.text === 'not') {
		receiver = skipOuterExpressions(receiver.expression);
	}
	if (receiver && ts.isCallExpression(receiver) && calleeName(receiver.expression) === 'expect') {
		spy = receiver.arguments[0];
	} else if (receiver && (calleeName(receiver) === 'assert' || ts.isIdentifier(callee))) {
		spy = call.arguments[0];
		first += 1;
	} else {
		spy = receiver;
	}
	const spyName = spy && calleeName(spy);
	// A spy registered as a Node-style close listener gets the code first, whatever it is called.
	const spyNode = spy && skipOuterExpressions(spy);
	const listener = spyNode && ts.isIdentifier(spyNode) ? context.registeredCloseListener(spyNode) : undefined;
	if (spyName === undefined || (!saysClosingHelper(spyName) && !listener?.firstParamIsCode)) {
		return undefined;
	}
	const next = call.arguments[index + 1];
	if (index === first || (next !== undefined && isTextExpression(next))) {
		return { confidence: strength(context.isWebSocketFile), role: 'send', rule: 'calledWith' };
	}
	return undefined;
};

/** The places a value can stand, most specific first. The sinks (from `sinks.ts`) come first. */
/** Array methods whose callback gets each element as its first parameter. */
const elementCallbacks = /^(?:forEach|map|flatMap|some|every|filter|find|findIndex)$/;

/**
 * An element of a list that is walked into a close code: `for (const code of [4000, 4001]) ws.close(code)`,
 * `[1000, 1001].forEach((code) => …)`, also through `const codes = [...]` walked in the same way. The loop variable
 * (or the callback's parameter) must itself hold a close code.
 */
const iteratedList: FileRule = (top, context) => {
	const array = top.parent;
	if (!ts.isArrayLiteralExpression(array)) {
		return undefined;
	}
	let list: ts.Node = climb(array);
	const declaration = ts.isVariableDeclaration(list.parent) && list.parent.initializer === list && ts.isIdentifier(list.parent.name) ? list.parent : undefined;
	const uses: ts.Node[] = declaration ? context.referencesTo(declaration.name as ts.Identifier) : [list];
	for (const use of uses) {
		list = climb(use as ts.Expression);
		let variable: ts.Node | undefined;
		const parent = list.parent;
		if (ts.isForOfStatement(parent) && parent.expression === list && ts.isVariableDeclarationList(parent.initializer)) {
			variable = parent.initializer.declarations[0]?.name;
		} else if (ts.isPropertyAccessExpression(parent) && parent.expression === list && elementCallbacks.test(parent.name.text) &&
			ts.isCallExpression(parent.parent) && parent.parent.expression === parent) {
			const callback = parent.parent.arguments[0] && skipOuterExpressions(parent.parent.arguments[0]);
			variable = callback && (ts.isArrowFunction(callback) || ts.isFunctionExpression(callback)) ? callback.parameters[0]?.name : undefined;
		}
		const held = variable && ts.isIdentifier(variable) ? context.holdsCloseCode(variable) : undefined;
		if (held) {
			return { confidence: held, role: 'define', rule: 'iteratedList' };
		}
	}
	return undefined;
};

/** Calls that send a message on a socket. */
const sendCalls = /^(?:send|sendJson|sendJSON|sendMessage|sendError|write)$/;
/** Calls that end a connection with a code as their first argument. */
const closeCalls = /^(?:close|end|terminate)$/;

/**
 * An error message that announces the code the close right after it carries: `ws.send(JSON.stringify({ event: 'error',
 * data: { code: 4009, message } })); ws.close(4009)` — protocols tell the peer why before they close. The `code` of
 * an object sent on a socket is a close code when, a few statements later in the same block, the same socket is closed
 * with the same number. The close call is the evidence, so the code is as certain as that call.
 */
const announcedCode: FileRule = (top, context) => {
	const property = top.parent;
	const literal = skipOuterExpressions(top);
	if (!ts.isPropertyAssignment(property) || property.initializer !== top || propertyNameText(property.name) !== 'code' || !ts.isNumericLiteral(literal)) {
		return undefined;
	}
	let message: ts.Expression = climb(property.parent);
	while (ts.isPropertyAssignment(message.parent) && ts.isObjectLiteralExpression(message.parent.parent)) {
		message = climb(message.parent.parent);
	}
	if (ts.isCallExpression(message.parent) && calleeName(message.parent.expression) === 'stringify' && message.parent.arguments[0] === message) {
		message = climb(message.parent);
	}
	const send = message.parent;
	if (!ts.isCallExpression(send) || send.arguments[0] !== message || !sendCalls.test(calleeName(send.expression) ?? '')) {
		return undefined;
	}
	const socket = skipOuterExpressions(send.expression);
	const receiver = ts.isPropertyAccessExpression(socket) ? socket.expression.getText() : undefined;
	let statement: ts.Node = send;
	while (statement.parent && !ts.isBlock(statement.parent) && !ts.isSourceFile(statement.parent) && !ts.isCaseClause(statement.parent)) {
		statement = statement.parent;
	}
	const block = statement.parent as ts.Block | ts.SourceFile | ts.CaseClause | undefined;
	if (!block || receiver === undefined) {
		return undefined;
	}
	const index = block.statements.indexOf(statement as ts.Statement);
	let found: Confidence | undefined;
	const visit = (node: ts.Node): void => {
		if (found || ts.isFunctionLike(node)) {
			return;
		}
		if (ts.isCallExpression(node) && closeCalls.test(calleeName(node.expression) ?? '') && node.arguments.length > 0) {
			const callee = skipOuterExpressions(node.expression);
			const code = skipOuterExpressions(node.arguments[0]);
			if (ts.isPropertyAccessExpression(callee) && callee.expression.getText() === receiver && ts.isNumericLiteral(code) && Number(code.text) === Number(literal.text)) {
				found = isCertainCloseCall(node, context) ? 'certain' : strength(context.isWebSocketFile);
			}
		}
		ts.forEachChild(node, visit);
	};
	for (const next of block.statements.slice(index + 1, index + 4)) {
		visit(next);
	}
	// Reported as a `codeProperty`: it is one, with the close that follows as its evidence.
	return found && { confidence: found, role: 'send', rule: 'codeProperty' };
};

const slotRules: readonly FileRule[] = [
	closeArgument, closeEventInit, closeEventArgument, closeHelperArgument, comparison, caseLabel, codeList, fallback, codeProperty,
	codeAssignment, defaultParameter, codeVariable, returnedCode, assertion, calledWith, iteratedList, announcedCode, comparedArgument,
];

/**
 * `4000 + status`, `3000 + errorCode`: the base of a class of codes plus an offset is a close code where the sum stands
 * (`ws.close(4000 + status)`, `return 4000 + code` in a function whose result is sent). Only the bases of the
 * registered and private classes, written first, and only plus a non-literal: `1000 + jitter` is a delay.
 */
function codeOffset(value: ts.Expression): ts.BinaryExpression | undefined {
	const sum = value.parent;
	const base = ts.isNumericLiteral(value) ? Number(value.text) : NaN;
	return (base === 3000 || base === 4000) && ts.isBinaryExpression(sum) && sum.left === value && sum.operatorToken.kind === ts.SyntaxKind.PlusToken &&
		!ts.isNumericLiteral(skipOuterExpressions(sum.right)) && !ts.isStringLiteralLike(skipOuterExpressions(sum.right)) ? sum : undefined;
}

function evidenceForSlot(value: ts.Expression, context: FileContext): Evidence | undefined {
	// A fallback is judged before climbing: in `event.code ?? 1005` the literal's own operator tells the most.
	const direct = fallback(value, context);
	if (direct) {
		return direct;
	}
	const top = climb(codeOffset(value) ?? value);
	for (const rule of slotRules) {
		const evidence = rule(top, context);
		if (evidence) {
			return evidence;
		}
	}
	return undefined;
}

// ---- rules about the literal itself ---------------------------------------------------------------------
// Some literals carry their evidence with them wherever they stand: a compiler's comment, the type they are part of,
// the table they are a key of.

/**
 * `1e3 /* Normal *\/`, `4000 /* GatewayCloseCodes.UnknownError *\/`: a `const enum` member inlined by a compiler, with
 * the name left in a comment (see `FileContext.inlinedCloseCode`). Judged on the literal itself, wherever it stands.
 */
function inlinedEnumEvidence(literal: ts.NumericLiteral, context: FileContext): Evidence | undefined {
	const inlined = context.inlinedCloseCode(literal);
	return inlined && { confidence: inlined, role: 'define', rule: 'inlinedEnum' };
}

/**
 * Literal types that denote close codes: `type CloseCode = 1000 | 1001 | 4000`, `closeCode: 4000 | 4001`, and the
 * `code` of a close-event type (`interface ServerCloseEvent { code: 4000 | 4001 }`). Literal types elsewhere are not
 * (`type Code = 1000 | 1001`, `afk_timeout: 60 | 3600`, `size: 1024 | 4096`).
 */
function literalTypeEvidence(literal: ts.NumericLiteral, context: FileContext): Evidence | undefined {
	let type: ts.Node = literal.parent;
	if (!ts.isLiteralTypeNode(type)) {
		return undefined;
	}
	while (ts.isUnionTypeNode(type.parent) || ts.isParenthesizedTypeNode(type.parent)) {
		type = type.parent;
	}
	const owner = type.parent;
	if (!(ts.isTypeAliasDeclaration(owner) || ts.isPropertySignature(owner) || ts.isPropertyDeclaration(owner) || ts.isParameter(owner) ||
		ts.isVariableDeclaration(owner)) || owner.type !== type || !ts.isIdentifier(owner.name)) {
		return undefined;
	}
	const name = owner.name.text;
	const sayCode = (each: string) => words(each).some((word) => word === 'code' || word === 'codes' || word === 'status');
	if (namesCloseCodeValue(name) && sayCode(name)) {
		return { confidence: strength(context.isWebSocketFile), role: 'define', rule: 'literalType' };
	}
	const container = owner.parent;
	const containerName = ts.isInterfaceDeclaration(container) ? container.name.text
		: ts.isTypeLiteralNode(container) && ts.isTypeAliasDeclaration(container.parent) ? container.parent.name.text : undefined;
	if (name === 'code' && containerName !== undefined && words(containerName).length > 1 && saysCloseCode(containerName)) {
		return { confidence: strength(context.isWebSocketFile), role: 'define', rule: 'literalType' };
	}
	return undefined;
}

/**
 * Keys of a table that describes close codes: `CLOSE_DESCRIPTIONS = { 1000: 'Normal connection closure', … }`.
 * Every key is a number and every value a string; the table's name says it is about closing, or its descriptions
 * name their own codes (`1001: 'Remote peer is going away'`).
 */
function descriptionTableEvidence(object: ts.ObjectLiteralExpression, context: FileContext): Evidence | undefined {
	const entries = object.properties;
	if (entries.length < 2 || !entries.every((entry) => ts.isPropertyAssignment(entry) && ts.isNumericLiteral(entry.name) &&
		ts.isStringLiteralLike(skipOuterExpressions(entry.initializer)))) {
		return undefined;
	}
	let matches = 0;
	for (const entry of entries as readonly ts.PropertyAssignment[]) {
		if (nameMatchesCode((skipOuterExpressions(entry.initializer) as ts.StringLiteralLike).text, Number((entry.name as ts.NumericLiteral).text))) {
			matches++;
		}
	}
	const owner = objectOwner(object);
	const ownerSays = owner !== undefined && !hasContraryWord(owner.name) &&
		(saysCloseCode(owner.name) || words(owner.name).some((word) => word === 'close' || word === 'closure' || word === 'closing'));
	if (ownerSays || matches >= 2) {
		const certain = (ownerSays && matches >= 1) || matches >= 3 || (context.isWebSocketFile && (ownerSays || matches >= 2));
		return { confidence: strength(certain), role: 'define', rule: 'descriptionKey' };
	}
	return undefined;
}

/**
 * A close-code table looked up by a literal key: `StatusCodes[1000]`, `CLOSE_REASONS[4001]`. The table is a description
 * table of this file (see `descriptionTableEvidence`) or is named as close codes; the key is then one of its codes.
 * `timeouts[1000]` or `cache[4096]` stay numbers.
 */
function tableLookupEvidence(access: ts.ElementAccessExpression, context: FileContext,
	tableEvidence: (table: ts.ObjectLiteralExpression) => Evidence | undefined): Evidence | undefined {
	const object = skipOuterExpressions(access.expression);
	const name = ts.isIdentifier(object) ? object.text : ts.isPropertyAccessExpression(object) ? object.name.text : undefined;
	if (name === undefined || hasQuantityWord(name)) {
		return undefined;
	}
	const declaration = ts.isIdentifier(object) ? context.bindingOf(object)?.parent : undefined;
	const initializer = declaration && ts.isVariableDeclaration(declaration) && declaration.initializer ? skipOuterExpressions(declaration.initializer) : undefined;
	const table = initializer && ts.isObjectLiteralExpression(initializer) ? tableEvidence(initializer) : undefined;
	if (table) {
		return { confidence: table.confidence, role: 'define', rule: 'descriptionKey' };
	}
	return saysCloseCode(name) || saysCloseReasonCode(name) ? { confidence: strength(context.isWebSocketFile), role: 'define', rule: 'descriptionKey' } : undefined;
}

// ---- constants, enums and objects ------------------------------------------------------------------------

/** Facts about the group (enum, object, class, or the `Class.NAME = …` statics of one name) a declaration belongs to. */
interface GroupFacts {
	/** Members whose names are aliases of their own values (`going_away: 1001`). */
	aliasMatches: number;
	members: number;
	/** Evidence from a member that is used as a close code. */
	proven?: Evidence;
}

function groupKey(declaration: Declaration): unknown {
	return declaration.group ?? (declaration.container === undefined ? undefined : `${declaration.form}:${declaration.container}`);
}

/**
 * Does a member's name say its value is a quantity (`port`, `delayMs`)? A unit after `per` is the member's subject, not
 * its unit: `MAX_NUMBER_OF_MESSAGES_PER_SECONDS = 4002` in a close-code enum is the code sent when a rate is exceeded.
 */
function namesQuantity(name: string): boolean {
	const list = words(name);
	return list.some((word, index) => hasQuantityWord(word) && list[index - 1] !== 'per');
}

/**
 * Evidence from a declaration's names alone (no use of it was found): `enum CloseCode { … }`,
 * `const WS_CLOSE_NORMAL = 1000`, `const RETRY_CLOSE_CODES = [1001, 1006]`, `{ GOING_AWAY: 1001 }`,
 * `Connection.CLOSE_REASON_NORMAL = 1000`.
 */
function declarationEvidence(declaration: Declaration, group: GroupFacts | undefined, context: FileContext): Evidence | undefined {
	const { name, container } = declaration;
	const containerNames = container === undefined ? [] : context.containerNames(container);
	// The container says it holds close codes: every member is one, whatever else its name says
	// (`ConnectionInitialisationTimeout = 4408`, `InvalidAPIVersion = 4012`), unless it names a quantity (`port`).
	if (containerNames.some((each) => saysCloseCode(each) || saysCloseReasonCode(each)) && !namesQuantity(name)) {
		return { confidence: 'certain', role: 'define', rule: 'closeCodeContainer' };
	}
	// Most members are named after their own codes (`normal_closure: 1000, going_away: 1001, protocol_error: 1002`):
	// the container is a close-code table, and so are its other members (`unacceptable: 1003`).
	if (group && group.aliasMatches >= 3 && group.aliasMatches * 3 >= group.members && !hasQuantityWord(name)) {
		return { confidence: 'certain', role: 'define', rule: 'closeCodeContainer' };
	}
	if (containerNames.some(hasContraryWord)) {
		return undefined;
	}
	// `WS_CLOSE_NORMAL`, `TIMEOUT_CLOSE_CODE` (the last word decides, see saysCloseCode), `CLOSE_REASON_NORMAL`
	if (namesCloseCodeValue(name) || saysCloseReasonCode(name)) {
		return { confidence: strength(context.isWebSocketFile), role: 'define', rule: 'closeCodeName' };
	}
	if (hasContraryWord(name)) {
		return undefined;
	}
	if (!declaration.isList && nameMatchesCode(name, literalValue(declaration.literals[0]))) {
		// One alias match could be chance (`ProtocolError = 1002` in an error enum); two in one enum are not.
		const corroborated = context.isWebSocketFile || (group?.aliasMatches ?? 0) >= 2;
		return { confidence: strength(corroborated), role: 'define', rule: 'aliasName' };
	}
	// A sibling of a member that is used as a close code: `CloseCode.Normal` is sent, so `CloseCode.Forbidden` is a
	// code too. Only for enums and all-number objects, and not for members named as something else (`timeout`).
	if (group?.proven && (declaration.form === 'enum' || (declaration.form === 'member' && declaration.groupIsNumeric))) {
		return { confidence: 'likely', role: 'define', rule: 'closeCodeContainer' };
	}
	return undefined;
}

// ---- the walk -----------------------------------------------------------------------------------------

function literalValue(literal: ts.NumericLiteral): number {
	return Number(literal.text);
}

/** Literals written with separators (`1_000`) are quantities, never codes; fractions are never codes either. */
function isCandidateLiteral(literal: ts.NumericLiteral): boolean {
	const value = literalValue(literal);
	return !literal.getText().includes('_') && Number.isInteger(value) && value >= 0 && value <= 65535;
}

/**
 * A value sent with `close()` may be anything (diagnostics flag the wrong ones). Everywhere else a close code must
 * look like one: `{ code: 3 }` or `x.code = 0x8` are application codes or opcodes, not close codes.
 */
function valueFitsRule(value: number, rule: RuleId): boolean {
	return rule === 'closeArgument' || (value >= 1000 && value <= 5000);
}

function isExpressionReference(node: ts.Node): node is ts.Identifier | ts.PropertyAccessExpression {
	if (ts.isIdentifier(node)) {
		const parent = node.parent;
		// Skip names that are declarations or property names rather than references.
		if ((ts.isPropertyAccessExpression(parent) && parent.name === node) || (ts.isVariableDeclaration(parent) && parent.name === node) ||
			(ts.isPropertyAssignment(parent) && parent.name === node) || ts.isEnumMember(parent) || ts.isParameter(parent) ||
			ts.isBindingElement(parent) || ts.isImportSpecifier(parent) || ts.isTypeReferenceNode(parent)) {
			return false;
		}
		return true;
	}
	if (!ts.isPropertyAccessExpression(node)) {
		return false;
	}
	// `Codes.NORMAL`, `this.MAX_CODE`, `this.ERRORS.going_away`, `Connection.codes.NORMAL`
	const object = node.expression;
	return ts.isIdentifier(object) || object.kind === ts.SyntaxKind.ThisKeyword ||
		(ts.isPropertyAccessExpression(object) && (ts.isIdentifier(object.expression) || object.expression.kind === ts.SyntaxKind.ThisKeyword));
}

/** Finds every close-code site, and every certain `close()` call, in a parsed file. */
export function findCloseCodeSites(sourceFile: ts.SourceFile, link?: LinkModule): Recognition {
	const shape = moduleShapeOf(sourceFile);
	const linked = link?.(shape);
	const context = new FileContext(sourceFile, linked);
	const importUses: ImportUse[] = [];
	/** Tables of this file looked up by a close code (`CLOSE_ERRORS[event.code]`), with the lookup's strength. */
	const lookedUp = new Map<KeyTable, Evidence>();
	const lookUp = (table: KeyTable, evidence: Evidence) => {
		const previous = lookedUp.get(table);
		if (!previous || (previous.confidence === 'likely' && evidence.confidence === 'certain')) {
			lookedUp.set(table, evidence);
		}
	};
	/** References to this file's constants where the place itself says nothing (`return code === GOING_AWAY`). */
	const plainReferences: { readonly node: ts.Node; readonly declaration: Declaration }[] = [];
	const sites = new Map<number, CloseCodeSite>();
	const closeCalls: CloseCall[] = [];
	const provenDeclarations = new Map<Declaration, Evidence>();
	const descriptionTables = new Map<ts.ObjectLiteralExpression, Evidence | undefined>();
	/** `code: 4000` values of objects with no evidence of their own (see the test-case pass below). */
	const unprovenCodes: ts.NumericLiteral[] = [];

	const add = (node: ts.Node, value: number, evidence: Evidence, via?: string, definition?: CloseCodeSite['definition']): void => {
		const start = node.getStart(sourceFile);
		const existing = sites.get(start);
		if (!existing || (existing.confidence === 'likely' && evidence.confidence === 'certain')) {
			sites.set(start, {
				start, end: node.getEnd(), value, confidence: evidence.confidence, role: evidence.role, rule: evidence.rule, via,
				...(definition && { definition }),
			});
		}
	};

	/** A name imported from another module: a site here, judged by its place or by what its own module says of it. */
	const addImportedSite = (node: ts.Node, found: ImportedDeclaration, placed: Evidence | undefined): void => {
		const value = found.values[0];
		if (found.isList || found.table || value === undefined || !Number.isInteger(value) || value < 0 || value > 65535) {
			return;
		}
		const evidence = placed && valueFitsRule(value, placed.rule) ? placed
			: found.evidence && value >= 1000 && value <= 4999 ? { ...found.evidence, role: 'define' as const } : undefined;
		if (evidence) {
			add(node, value, evidence, found.key, { uri: found.uri, line: found.line });
		}
	};

	const literalEvidence = (literal: ts.NumericLiteral): Evidence | undefined => {
		const parent = literal.parent;
		if (ts.isPropertyAssignment(parent) && parent.name === literal) {
			const table = parent.parent;
			if (!descriptionTables.has(table)) {
				descriptionTables.set(table, descriptionTableEvidence(table, context));
			}
			return descriptionTables.get(table);
		}
		if (ts.isElementAccessExpression(parent) && parent.argumentExpression === literal) {
			return tableLookupEvidence(parent, context, (table) => {
				if (!descriptionTables.has(table)) {
					descriptionTables.set(table, descriptionTableEvidence(table, context));
				}
				return descriptionTables.get(table);
			});
		}
		return evidenceForSlot(literal, context) ?? inlinedEnumEvidence(literal, context) ?? literalTypeEvidence(literal, context);
	};

	forEachDescendant(sourceFile, (node) => {
		if (ts.isCallExpression(node) && isCertainCloseCall(node, context)) {
			closeCalls.push(describeCloseCall(node, context));
		}
		if (ts.isElementAccessExpression(node) || (ts.isBinaryExpression(node) && node.operatorToken.kind === ts.SyntaxKind.InKeyword)) {
			const lookup = lookupByCloseCode(node, context);
			if (lookup?.imported) {
				importUses.push({ ...lookup.imported, asTable: lookup.evidence });
			} else if (lookup?.table) {
				lookUp(lookup.table, lookup.evidence);
			}
		}
		if (ts.isNumericLiteral(node) && isCandidateLiteral(node)) {
			const evidence = literalEvidence(node);
			if (evidence && valueFitsRule(literalValue(node), evidence.rule)) {
				add(node, literalValue(node), evidence);
			} else if (!evidence && isCodePropertyValue(node)) {
				unprovenCodes.push(node);
			}
		} else if (isExpressionReference(node)) {
			const declaration = context.resolve(node);
			if (declaration) {
				const evidence = declaration.isList ? listEvidence(node, context) : evidenceForSlot(node, context);
				if (evidence) {
					const previous = provenDeclarations.get(declaration);
					if (!previous || previous.confidence === 'likely') {
						provenDeclarations.set(declaration, provenByUse(evidence));
					}
					const value = literalValue(declaration.literals[0]);
					if (!declaration.isList && isCandidateLiteral(declaration.literals[0]) && valueFitsRule(value, evidence.rule)) {
						add(node, value, evidence, declaration.key);
					}
				} else if (!declaration.isList && !isAssignmentTarget(node)) {
					plainReferences.push({ node, declaration });
				}
				if (ts.isPropertyAccessExpression(node)) {
					// `CloseCode.GoingAway` is handled as a whole; do not visit `CloseCode` on its own.
					return false;
				}
			} else {
				const imported = importedReference(node, context);
				if (imported) {
					const use = { ...imported, asValue: evidenceForSlot(node, context), asList: listEvidence(node, context) };
					if (use.asValue || use.asList) {
						importUses.push(use);
					}
					const found = linked?.importedDeclaration(imported.local, imported.members);
					if (found) {
						addImportedSite(node, found, found.isList ? use.asList : use.asValue);
						return false;
					}
					// `RETRY.includes(code)`: the import itself (`RETRY`) is looked at on its own next.
				}
			}
		}
		return true;
	});

	// In a test, the `code` of an error or message object that equals a close code the same test uses is that code
	// carried on: `transport.emit('closed', { code: 4123 })` … `expect(onError).toHaveBeenCalledWith({ data: { code:
	// 4123 } })`, `getErrorMessage(4000, 'SSL ONLY!')` … `toEqual({ error: { data: { code: 4000 } } })`.
	for (const literal of unprovenCodes) {
		const test = enclosingTestCase(literal);
		const value = literalValue(literal);
		if (test && value >= 1000 && value <= 4999 && [...sites.values()].some((site) => site.value === value && site.start >= test.pos && site.end <= test.end)) {
			add(literal, value, { confidence: 'likely', role: 'receive', rule: 'codeProperty' });
		}
	}

	// Declarations: proven by a use found above or in another module, or named like close codes, or members of a
	// proven group.
	const declarations = [...context.declarations()];
	if (linked) {
		for (const declaration of declarations) {
			const use = linked.usedElsewhere(declaration.key);
			const elsewhere = use && provenByUse(use);
			const here = provenDeclarations.get(declaration);
			if (elsewhere && (!here || (here.confidence === 'likely' && elsewhere.confidence === 'certain'))) {
				provenDeclarations.set(declaration, elsewhere);
			}
		}
	}
	const groups = new Map<unknown, GroupFacts>();
	for (const declaration of declarations) {
		const key = groupKey(declaration);
		if (key === undefined) {
			continue;
		}
		const facts = groups.get(key) ?? { aliasMatches: 0, members: 0 };
		groups.set(key, facts);
		facts.members++;
		if (!declaration.isList && nameMatchesCode(declaration.name, literalValue(declaration.literals[0]))) {
			facts.aliasMatches++;
		}
		const proven = provenDeclarations.get(declaration);
		if (proven && (!facts.proven || facts.proven.confidence === 'likely')) {
			facts.proven = proven;
		}
	}
	const decided = new Map<Declaration, Evidence>();
	for (const declaration of declarations) {
		const proven = provenDeclarations.get(declaration);
		const key = groupKey(declaration);
		const named = proven?.confidence === 'certain' ? undefined
			: declarationEvidence(declaration, key === undefined ? undefined : groups.get(key), context);
		// A use proves more than a name, unless the name is the stronger evidence.
		const evidence = named && (!proven || named.confidence === 'certain') ? named : proven;
		if (!evidence) {
			continue;
		}
		decided.set(declaration, evidence);
		for (const literal of declaration.literals) {
			if (isCandidateLiteral(literal) && (evidence.role === 'send' || valueFitsRule(literalValue(literal), evidence.rule))) {
				add(literal, literalValue(literal), evidence);
			}
		}
	}
	// Tables looked up by a close code, here or (exported) in another module: their numeric keys are close codes.
	const tables = exportedTables(shape, sourceFile);
	for (const [name, table] of tables) {
		const elsewhere = linked?.usedElsewhere(name);
		if (elsewhere) {
			lookUp(table, elsewhere);
		}
	}
	for (const [table, evidence] of lookedUp) {
		for (const key of tableKeys(table)) {
			if (isCandidateLiteral(key) && literalValue(key) >= 1000 && literalValue(key) <= 4999) {
				add(key, literalValue(key), evidence);
			}
		}
	}

	// Every other reference to a recognised constant names that code too, wherever it stands.
	for (const { node, declaration } of plainReferences) {
		const evidence = decided.get(declaration);
		const value = literalValue(declaration.literals[0]);
		if (evidence && isCandidateLiteral(declaration.literals[0]) && value >= 1000 && value <= 4999) {
			add(node, value, { ...evidence, role: 'define' }, declaration.key);
		}
	}

	const facts: ModuleFacts = {
		shape,
		declarations: [...exportedDeclarations(shape, declarations, decided, sourceFile), ...tableDeclarations(tables, lookedUp, sourceFile)],
		importUses,
		sendParameters: exportedSendParameters(shape, context),
	};
	return { sites: [...sites.values()].sort((a, b) => a.start - b.start), closeCalls, facts };
}

/** `Connection.CLOSE_REASON_NORMAL = 1000`: the name being written is the declaration, not a reference to it. */
function isAssignmentTarget(node: ts.Node): boolean {
	const parent = node.parent;
	return ts.isBinaryExpression(parent) && parent.left === node && parent.operatorToken.kind === ts.SyntaxKind.EqualsToken;
}

/**
 * What a use of a constant says about its declaration. Only a value sent with close() may be any number; elsewhere it
 * must look like a code (see valueFitsRule).
 */
function provenByUse(evidence: Evidence): Evidence {
	const role = evidence.rule === 'closeArgument' ? 'send' : evidence.role === 'send' ? 'define' : evidence.role;
	return { ...evidence, rule: 'usedAsCloseCode', role };
}

/** A table keyed by codes: an object literal (`{ 4100: 'Kicked' }`) or, in declaration files, its type (`{ 4100: string }`). */
type KeyTable = ts.ObjectLiteralExpression | ts.TypeLiteralNode;

/**
 * `CLOSE_ERRORS[event.code]`, `messages[code]`, `code in REASONS`, `constants.REASONS[code]` where the key holds a close
 * code: the table (declared in this file, or imported) is keyed by close codes.
 */
function lookupByCloseCode(lookup: ts.ElementAccessExpression | ts.BinaryExpression, context: FileContext):
	{ readonly evidence: Evidence; readonly table?: KeyTable; readonly imported?: { readonly local: string; readonly members: string[] } } | undefined {
	const [tableExpression, key] = ts.isElementAccessExpression(lookup) ? [lookup.expression, lookup.argumentExpression] : [lookup.right, lookup.left];
	const name = skipOuterExpressions(tableExpression);
	const root = ts.isPropertyAccessExpression(name) ? skipOuterExpressions(name.expression) : name;
	if (!ts.isIdentifier(root)) {
		return undefined;
	}
	const confidence = context.holdsCloseCode(key);
	if (!confidence) {
		return undefined;
	}
	const evidence: Evidence = { confidence, role: 'define', rule: 'lookupKey' };
	if (context.isImported(root)) {
		return { evidence, imported: { local: root.text, members: ts.isPropertyAccessExpression(name) ? [name.name.text] : [] } };
	}
	const declaration = name === root ? context.bindingOf(root)?.parent : undefined;
	const table = declaration && ts.isVariableDeclaration(declaration) ? keyTableOf(declaration) : undefined;
	return table && { evidence, table };
}

/**
 * The code-keyed table a variable declares: its value (`{ 4100: 'Kicked' }`, also frozen or cast) or, in a declaration
 * file, its type (`declare const REASONS: Readonly<{ 4100: string }>`).
 */
function keyTableOf(declaration: ts.VariableDeclaration): KeyTable | undefined {
	let table: ts.Node | undefined;
	if (declaration.initializer) {
		table = skipOuterExpressions(declaration.initializer);
		if (ts.isCallExpression(table) && table.arguments.length === 1 && /^Object\.freeze$/.test(table.expression.getText())) {
			table = skipOuterExpressions(table.arguments[0]);
		}
	} else if (declaration.type) {
		table = declaration.type;
		if (ts.isTypeReferenceNode(table) && table.typeArguments?.length === 1 && /^Readonly$/.test(table.typeName.getText())) {
			table = table.typeArguments[0];
		}
	}
	return table && (ts.isObjectLiteralExpression(table) || ts.isTypeLiteralNode(table)) && tableKeys(table).length > 0 ? table : undefined;
}

function tableKeys(table: KeyTable): ts.NumericLiteral[] {
	const members: readonly ts.Node[] = ts.isObjectLiteralExpression(table) ? table.properties : table.members;
	return members.flatMap((member) => (ts.isPropertyAssignment(member) || ts.isPropertySignature(member)) && ts.isNumericLiteral(member.name) ? [member.name] : []);
}

/** The code-keyed tables this file exports (`export const CLOSE_ERRORS = { 4100: … }`), by name. */
function exportedTables(shape: ModuleShape, sourceFile: ts.SourceFile): Map<string, KeyTable> {
	const tables = new Map<string, KeyTable>();
	const exported = new Set(shape.exports.map((binding) => binding.local));
	for (const statement of sourceFile.statements) {
		if (!ts.isVariableStatement(statement)) {
			continue;
		}
		for (const declaration of statement.declarationList.declarations) {
			const table = ts.isIdentifier(declaration.name) && exported.has(declaration.name.text) ? keyTableOf(declaration) : undefined;
			if (table) {
				tables.set((declaration.name as ts.Identifier).text, table);
			}
		}
	}
	return tables;
}

function tableDeclarations(tables: ReadonlyMap<string, KeyTable>, lookedUp: ReadonlyMap<KeyTable, Evidence>, sourceFile: ts.SourceFile): ModuleDeclaration[] {
	return [...tables].map(([name, table]) => {
		const keys = tableKeys(table);
		const start = keys[0].getStart(sourceFile);
		return {
			key: name, values: keys.map(literalValue), isList: false, table: true, start, end: keys[0].getEnd(),
			line: sourceFile.getLineAndCharacterOfPosition(start).line, evidence: lookedUp.get(table),
		};
	});
}

/** `Codes.Kicked`, `P.Codes.Kicked`, `GOING_AWAY` where the first name is an import of this file. */
function importedReference(node: ts.Identifier | ts.PropertyAccessExpression, context: FileContext):
	{ readonly local: string; readonly members: string[] } | undefined {
	const members: string[] = [];
	let root: ts.Expression = node;
	while (ts.isPropertyAccessExpression(root)) {
		members.unshift(root.name.text);
		root = root.expression;
	}
	return ts.isIdentifier(root) && members.length <= 2 && context.isImported(root) ? { local: root.text, members } : undefined;
}

/** The file's top-level declarations whose root name it exports, with the evidence they were given here. */
function exportedDeclarations(shape: ModuleShape, declarations: readonly Declaration[], decided: ReadonlyMap<Declaration, Evidence>,
	sourceFile: ts.SourceFile): ModuleDeclaration[] {
	const exported = new Set(shape.exports.map((binding) => binding.local).filter((local) => local !== undefined));
	const found: ModuleDeclaration[] = [];
	for (const declaration of declarations) {
		const root = declaration.container ?? declaration.name;
		const literal = declaration.literals[0];
		if (!exported.has(root) || !literal) {
			continue;
		}
		const start = literal.getStart(sourceFile);
		found.push({
			key: declaration.key, values: declaration.literals.map(literalValue), isList: declaration.isList, start, end: literal.getEnd(),
			line: sourceFile.getLineAndCharacterOfPosition(start).line, evidence: decided.get(declaration),
		});
	}
	return found;
}

/** Parameters of exported functions whose arguments end up in `close()`: their callers elsewhere send close codes. */
function exportedSendParameters(shape: ModuleShape, context: FileContext): SendParameter[] {
	const exported = new Set(shape.exports.map((binding) => binding.local).filter((local) => local !== undefined));
	const found: SendParameter[] = [];
	if (exported.size === 0) {
		return found;
	}
	for (const statement of context.sourceFile.statements) {
		const functions: [string, ts.SignatureDeclaration][] = [];
		if (ts.isFunctionDeclaration(statement) && statement.name) {
			functions.push([statement.name.text, statement]);
		} else if (ts.isVariableStatement(statement)) {
			for (const declaration of statement.declarationList.declarations) {
				const value = declaration.initializer && skipOuterExpressions(declaration.initializer);
				if (ts.isIdentifier(declaration.name) && value && (ts.isArrowFunction(value) || ts.isFunctionExpression(value))) {
					functions.push([declaration.name.text, value]);
				}
			}
		}
		for (const [local, fn] of functions) {
			if (!exported.has(local)) {
				continue;
			}
			fn.parameters.forEach((parameter, index) => {
				const confidence = context.sendParameterStrength(parameter);
				if (confidence) {
					found.push({ local, index, confidence });
				}
			});
		}
	}
	return found;
}

function describeCloseCall(call: ts.CallExpression, context: FileContext): CloseCall {
	const sourceFile = context.sourceFile;
	const callee = skipOuterExpressions(call.expression);
	const receiver = ts.isPropertyAccessExpression(callee) ? callee.expression : undefined;
	const [codeArgument, reasonArgument] = call.arguments;
	const code = codeArgument && {
		start: codeArgument.getStart(sourceFile),
		end: codeArgument.getEnd(),
		text: codeArgument.getText(sourceFile),
		received: context.isReceivedCloseCode(codeArgument) && !handlesUnsendable(call, codeArgument),
	};
	const reason = reasonArgument && (ts.isStringLiteral(reasonArgument) || ts.isNoSubstitutionTemplateLiteral(reasonArgument)) ? {
		start: reasonArgument.getStart(sourceFile),
		end: reasonArgument.getEnd(),
		value: reasonArgument.text,
		quote: reasonArgument.getText(sourceFile).charAt(0),
	} : undefined;
	const unboundedReason = reasonArgument && isUnboundedText(reasonArgument, context) ? {
		start: reasonArgument.getStart(sourceFile), end: reasonArgument.getEnd(), text: reasonArgument.getText(sourceFile),
	} : undefined;
	return { start: call.getStart(sourceFile), end: call.getEnd(), api: context.closeApiOf(receiver), code, reason, unboundedReason, expectsThrow: expectsThrow(call) };
}

/**
 * Text whose length nothing bounds: `error.message`, `err.stack`, `String(error)`, `error.toString()`,
 * `JSON.stringify(…)`, a template or concatenation with one of them, or a constant initialised with one. A literal, a
 * received reason or anything cut (`.slice(0, 100)`) is not: only shapes that are unbounded whatever the code around.
 */
function isUnboundedText(expression: ts.Expression, context: FileContext, depth = 0): boolean {
	const node = skipOuterExpressions(expression);
	// An error: named so, or whatever its name, the variable of a `catch` (`catch (e) { … e?.toString() … }`).
	const isError = (object: ts.Expression, names: RegExp): boolean => {
		const inner = skipOuterExpressions(object);
		const declaration = ts.isIdentifier(inner) ? context.bindingOf(inner)?.parent : undefined;
		return names.test(inner.getText()) || (declaration !== undefined && ts.isVariableDeclaration(declaration) && ts.isCatchClause(declaration.parent));
	};
	if (ts.isPropertyAccessExpression(node)) {
		return node.name.text === 'stack' || (node.name.text === 'message' && isError(node.expression, /err|exception|cause|reason|^e$/i));
	}
	if (ts.isCallExpression(node)) {
		const callee = skipOuterExpressions(node.expression);
		const text = callee.getText();
		return text === 'String' || text === 'JSON.stringify' || (ts.isPropertyAccessExpression(callee) && callee.name.text === 'toString' &&
			isError(callee.expression, /err|exception/i));
	}
	if (ts.isTemplateExpression(node)) {
		return node.templateSpans.some((span) => isUnboundedText(span.expression, context, depth));
	}
	// `error?.toString() ?? 'Unknown error'`, `err.message || 'failed'`, `ok ? 'done' : err.stack`: unbounded when a branch is.
	if (ts.isBinaryExpression(node) && (node.operatorToken.kind === ts.SyntaxKind.PlusToken || node.operatorToken.kind === ts.SyntaxKind.QuestionQuestionToken ||
		node.operatorToken.kind === ts.SyntaxKind.BarBarToken)) {
		return isUnboundedText(node.left, context, depth) || isUnboundedText(node.right, context, depth);
	}
	if (ts.isConditionalExpression(node)) {
		return isUnboundedText(node.whenTrue, context, depth) || isUnboundedText(node.whenFalse, context, depth);
	}
	if (ts.isIdentifier(node) && depth < 3) {
		const declaration = context.bindingOf(node)?.parent;
		return declaration !== undefined && ts.isVariableDeclaration(declaration) && declaration.initializer !== undefined &&
			(declaration.parent.flags & ts.NodeFlags.Const) !== 0 && isUnboundedText(declaration.initializer, context, depth + 1);
	}
	return false;
}

/**
 * A received code forwarded past guards that rule out the two that cannot be sent, 1005 and 1006 (handled on their
 * own branch, returned early, mapped): nothing to warn about. (1015 never reaches a server that forwards codes.)
 */
function handlesUnsendable(call: ts.CallExpression, code: ts.Expression): boolean {
	const ruledOut = valuesRuledOut(call, code);
	return ruledOut.has(1005) && ruledOut.has(1006);
}

const throwAssertions = /^(?:throws|rejects|expect|toThrow|toThrowError|assertThrows|throwsAsync)$/;

/** Is the call inside a function handed to a "this should throw" assertion? */
function expectsThrow(call: ts.CallExpression): boolean {
	for (let node: ts.Node = call; node.parent && !ts.isSourceFile(node); node = node.parent) {
		if ((ts.isArrowFunction(node) || ts.isFunctionExpression(node)) && ts.isCallExpression(node.parent) && node.parent.arguments.includes(node)) {
			const name = calleeName(node.parent.expression);
			return name !== undefined && throwAssertions.test(name);
		}
	}
	return false;
}

/** `{ code: 4000 }`: the literal is the `code` of an object literal. */
function isCodePropertyValue(literal: ts.NumericLiteral): boolean {
	const property = literal.parent;
	return ts.isPropertyAssignment(property) && property.initializer === literal && propertyNameText(property.name) === 'code';
}

/** Test-case functions: the callback of `it(…)`, `test(…)`, `it.only(…)`, `specify(…)`. */
const testCaseCalls = /^(?:it|test|specify|only)$/;

/** The function of the test case (`it('…', function () { … })`) a node is in, if any. */
function enclosingTestCase(node: ts.Node): ts.Node | undefined {
	for (let current = node.parent; current && !ts.isSourceFile(current); current = current.parent) {
		if ((ts.isArrowFunction(current) || ts.isFunctionExpression(current)) && ts.isCallExpression(current.parent) &&
			current.parent.arguments.includes(current) && testCaseCalls.test(calleeName(current.parent.expression) ?? '')) {
			return current;
		}
	}
	return undefined;
}

/** A reference to a list of codes: `RETRY_CODES.includes(event.code)`. */
function listEvidence(reference: ts.Expression, context: FileContext): Evidence | undefined {
	const held = listCheckedAgainstCloseCode(reference, context);
	return held && { confidence: held, role: 'receive', rule: 'codeList' };
}
