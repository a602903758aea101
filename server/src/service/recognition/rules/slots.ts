import ts from 'typescript';
import { calleeName, climb, forEachDescendant, functionName, isTextExpression, propertyNameText, skipOuterExpressions } from '../ast';
import type { FileContext } from '../fileContext';
import { hasContraryWord, hasQuantityWord, hasTimingWord, isCodeName, saysClosing, saysClosingHelper } from '../names';
import {
	assertedValue, assertionMessage, calledWithAssertions, closeArgument, closeEventArgument, closeEventInit, closeHelperArgument, codeAssignment, codeProperty, equalityAssertions,
	isCertainCloseCall, namesCloseCodeValue,
} from '../sinks';
import { strength, type Confidence, type Evidence, type SlotRule } from '../types';
import { numericValues } from '../file/declarations';

/**
 * The slot rules: where a value stands says whether it is a close code — compared with a received code, a `case`
 * label of a switch on one, a fallback for one, asserted in a test, walked into `close()`… Each rule looks at the
 * value climbed through parentheses, `?:` and `??`/`||` (see `climb`) and returns evidence or nothing; the first rule
 * with evidence wins. The places where a value *becomes* a close code are the sinks (`../sinks.ts`), first in the list,
 * because the data flow follows variables into them too.
 *
 * To add a rule: write a `FileRule`, add it to `slotRules` (or, for a sink, to `sinks.ts` and `sinkRules`), and give it
 * a fixture of its own in `test/unit/recognition.test.ts` with the hard negatives it must not trip.
 */

/** The rules here may ask everything the file's facts know; the sink rules ask only `SinkContext`. */
export type FileRule = SlotRule<FileContext>;

export const comparisonOperators = new Set([
	ts.SyntaxKind.EqualsEqualsEqualsToken, ts.SyntaxKind.ExclamationEqualsEqualsToken, ts.SyntaxKind.EqualsEqualsToken,
	ts.SyntaxKind.ExclamationEqualsToken, ts.SyntaxKind.LessThanToken, ts.SyntaxKind.LessThanEqualsToken,
	ts.SyntaxKind.GreaterThanToken, ts.SyntaxKind.GreaterThanEqualsToken,
]);

/**
 * `event.code === 1001`, `code !== 1000`, and range bounds of validity checks: `code >= 3000 && code <= 4999` on a
 * received code, or in `isValidStatusCode(code)` (its parameter is the code being checked), or on a variable the code
 * flows into (`let t = e.code; t >= 3500 && t < 4e3`).
 */
export const comparison: FileRule = (top, context) => {
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
export const rangeEnds = new Set([4999]);
export const rangeStarts = new Set([1000, 3000, 4000]);

/**
 * A range check whose bounds are those of the close-code space, whatever the checked value is called:
 * `value >= 1000 && value <= 1014 || value >= 3000 && value <= 4999` on a code a user typed, `n < 1000 || n > 4999`.
 * The condition (its `&&`/`||` chain) must bound one operand both by the end of the space (4999, or 5000 for a value
 * named as a code) and by the start of a class (1000, 3000, 4000): no delay or size is checked against that pair. Names of quantities
 * (`delayMs`, `port`) are never codes.
 */
export function closeCodeRangeCheck(comparison: ts.BinaryExpression, checked: ts.Expression, context: FileContext): Confidence | undefined {
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
	// `code >= 4000 && code < 5000`: past the end of the space is a round number delays share, enough only for a code
	// (and 5000 itself, the first number past the space, is no close code).
	const last = ts.isIdentifier(operand) ? operand.text : operand.name.text;
	const bound = skipOuterExpressions(comparison.left === checked ? comparison.right : comparison.left);
	if (ts.isNumericLiteral(bound) && Number(bound.text) === 5000) {
		return undefined;
	}
	const ends = [...bounds].some((value) => rangeEnds.has(value) || (value === 5000 && isCodeName(last)));
	const starts = [...bounds].some((value) => rangeStarts.has(value));
	return ends && starts ? strength(context.isWebSocketFile) : undefined;
}

/** Messages that say a value is a close code: 'Invalid close code', 'closing code must be…', 'WebSocket status code'. */
export const closeCodeMessage = /\bclos(?:e|ing|ure)\b[^\n]{0,30}\bcode\b|\bwebsocket\b[^\n]{0,30}\bcode\b/i;

/**
 * A check whose failure says so: `if (code < 1000 || code > 4999) throw new RangeError('Invalid close code')`. The
 * checked value is named like a code, and the statement the condition guards carries a message about close codes.
 */
export function validatedAsCloseCode(comparison: ts.BinaryExpression, checked: ts.Expression): Confidence | undefined {
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
export const caseLabel: FileRule = (top, context) => {
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
	const current = setOf(climb(list));
	const access = current.parent;
	if (ts.isPropertyAccessExpression(access) && access.expression === current && /^(?:includes|indexOf|has|lastIndexOf)$/.test(access.name.text)) {
		const call = access.parent;
		if (ts.isCallExpression(call) && call.expression === access && call.arguments.length > 0) {
			return context.holdsCloseCode(call.arguments[0]);
		}
	}
	return undefined;
}

/** `new Set(list)` where `list` stands in one: the set (what is checked); else `list` itself. */
function setOf(list: ts.Expression): ts.Expression {
	const parent = list.parent;
	return ts.isNewExpression(parent) && ts.isIdentifier(parent.expression) && parent.expression.text === 'Set' ? climb(parent) : list;
}

/**
 * An element of a list that is checked against a received code, where it stands or through the constant that holds it:
 * `const FATAL = new Set([Codes.AuthFailed, Codes.BadSchema]); … FATAL.has(code)` — the elements may be names of
 * constants (which the check makes close codes), not only numbers.
 */
export const codeList: FileRule = (top, context) => {
	const list = listOfElement(top);
	if (!list) {
		return undefined;
	}
	let held = listCheckedAgainstCloseCode(list, context);
	const stored = held ? undefined : setOf(climb(list));
	const holder = stored?.parent;
	// (A constant list of numbers alone is a declaration of its own, proven through its uses like any other constant.)
	if (stored && holder && ts.isVariableDeclaration(holder) && holder.initializer === stored && ts.isIdentifier(holder.name) &&
		(holder.parent.flags & ts.NodeFlags.Const) !== 0 && !numericValues(stored)?.isList) {
		for (const reference of context.referencesTo(holder.name)) {
			const found = listCheckedAgainstCloseCode(reference, context);
			held = found === 'certain' ? found : held ?? found;
			if (held === 'certain') {
				break;
			}
		}
	}
	return held && { confidence: held, role: 'receive', rule: 'codeList' };
};

/** `event.code ?? 1005`, `code || 1006` — the value a missing code is reported as. */
export const fallback: FileRule = (top, context) => {
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
export const defaultParameter: FileRule = (top, context) => {
	const parameter = top.parent;
	if (ts.isBindingElement(parameter) && parameter.initializer === top) {
		return destructuredDefault(parameter, context);
	}
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
 * The default of a destructured option: `close({ code = 1000, reason } = {})`, minified `let { code: t = 1e3 } = e`
 * before `this._closeInternal(t, n)`, `const { closeCode = 4000 } = options`. The property is named as a close code,
 * or is a `code` destructured from the parameters of a closing function, or the variable it binds reaches a close
 * code by the data flow (a `code` option of anything else — `fetch({ code = 200 })` — stays a number).
 */
function destructuredDefault(element: ts.BindingElement, context: FileContext): Evidence | undefined {
	if (!ts.isIdentifier(element.name)) {
		return undefined;
	}
	const property = element.propertyName ? propertyNameText(element.propertyName) : element.name.text;
	const confidence = strength(context.isWebSocketFile);
	if (property !== undefined && namesCloseCodeValue(property)) {
		return { confidence, role: 'send', rule: 'defaultParameter' };
	}
	const held = context.holderStrength(element.name);
	if (held) {
		return { confidence: held, role: 'send', rule: 'defaultParameter' };
	}
	// `close({ code = 1000 } = {})` and `close(options) { const { code = 1000 } = options; … }`
	const pattern = element.parent;
	let source: ts.Node = pattern.parent;
	if (ts.isVariableDeclaration(source) && source.initializer && ts.isIdentifier(skipOuterExpressions(source.initializer))) {
		const binding = context.bindingOf(skipOuterExpressions(source.initializer) as ts.Identifier);
		source = binding?.parent ?? source;
	}
	const owner = ts.isParameter(source) ? functionName(source.parent) : undefined;
	return property !== undefined && isCodeName(property) && owner !== undefined && saysClosing(owner) && !hasContraryWord(owner)
		? { confidence, role: 'send', rule: 'defaultParameter' } : undefined;
}

/**
 * A value stored in a variable or parameter that holds a close code: `let code = 1005` before
 * `fireEvent('close', { code, reason })`, `code = 1006`, and downlevelled defaults — `if (code === void 0) { code = 1000; }`,
 * minified `void 0===e&&(e=1e3)` — in a function that passes `code` to `close()`.
 */
export const codeVariable: FileRule = (top, context) => {
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
export const returnedCode: FileRule = (top, context) => {
	const parent = top.parent;
	const fn = ts.isReturnStatement(parent) ? enclosingFunctionOf(parent) : ts.isArrowFunction(parent) && parent.body === top ? parent : undefined;
	const held = fn && context.returnsCloseCode(fn);
	return held && { confidence: held, role: 'send', rule: 'returnedCode' };
};

export function enclosingFunctionOf(node: ts.Node): ts.Node | undefined {
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
export const comparedArgument: FileRule = (top, context) => {
	const call = top.parent;
	if (!(ts.isCallExpression(call) || ts.isNewExpression(call)) || !call.arguments?.includes(top)) {
		return undefined;
	}
	const held = context.comparedParameterAt(call, call.arguments.indexOf(top));
	return held && { confidence: held, role: 'receive', rule: 'comparison' };
};

/** `assert.strictEqual(code, 1001)`, `expect(event.code).toBe(1006)`, `t.is(code, 1000)`, `evt.code.should.equal(1000)` */
export const assertion: FileRule = (top, context) => {
	const call = top.parent;
	if (!ts.isCallExpression(call) || !call.arguments.includes(top)) {
		return undefined;
	}
	const name = calleeName(call.expression);
	if (name === undefined || !equalityAssertions.test(name)) {
		return undefined;
	}
	const asserted = assertedValue(call, name, top);
	const held = asserted && (context.holdsCloseCode(asserted.value) ?? messageSaysCloseCode(call, asserted.value));
	return held ? { confidence: held, role: 'receive', rule: 'assertion' } : undefined;
};

/**
 * A message-first assertion whose message says what is compared is a close code, of a value named like a code:
 * `jqUnit.assertEquals("Socket close response code is 1000", 1000, response.code)` — the response comes from
 * elsewhere (a listener wired by configuration), but the test says what it checks.
 */
function messageSaysCloseCode(call: ts.CallExpression, actual: ts.Expression): Confidence | undefined {
	const message = assertionMessage(call);
	const value = skipOuterExpressions(actual);
	const name = ts.isIdentifier(value) ? value.text : ts.isPropertyAccessExpression(value) ? value.name.text : undefined;
	return message && name !== undefined && isCodeName(name) && closeCodeMessage.test(message.text) ? 'likely' : undefined;
}

/** Assertions about one property of an object: chai's `property`/`propertyVal`, Jest's `toHaveProperty`. */
const propertyAssertions = /^(?:property|propertyVal|deepPropertyVal|ownProperty|ownPropertyVal|haveOwnProperty|toHaveProperty)$/;

/**
 * The expected `code` of a close event asserted as a property: `expect(event).to.have.property('code', 4001)`,
 * `assert.propertyVal(closeEvent, 'code', 1000)`, `expect(ev).toHaveProperty('code', 1006)`, `ev.should.have.property('code', 1000)`.
 */
export const propertyAssertion: FileRule = (top, context) => {
	const call = top.parent;
	if (!ts.isCallExpression(call)) {
		return undefined;
	}
	const index = call.arguments.indexOf(top);
	const name = calleeName(call.expression);
	const key = call.arguments[index - 1];
	if (index < 1 || name === undefined || !propertyAssertions.test(name) || !key || !ts.isStringLiteralLike(key) || key.text !== 'code') {
		return undefined;
	}
	let subject: ts.Expression | undefined = index === 2 ? call.arguments[0] : undefined;
	for (let chain: ts.Expression = call.expression; !subject && ts.isPropertyAccessExpression(chain); chain = chain.expression) {
		if (chain.name.text === 'should') {
			subject = chain.expression;
		} else if (ts.isCallExpression(chain.expression) && /^(?:expect|should)$/.test(calleeName(chain.expression.expression) ?? '')) {
			subject = chain.expression.arguments[0];
		}
	}
	const held = subject && context.closeEventStrength(subject);
	return held && { confidence: held, role: 'receive', rule: 'assertion' };
};

/**
 * Assertions that a close function or handler was called with a code: `expect(closeSpy).toHaveBeenCalledWith(1001, 'bye')`,
 * `expect(socket.onClose).toHaveBeenCalledWith(1006, 'Connection interrupted', false)`, `sinon.assert.calledWith(close, 1000)`.
 * The code is the first argument, or the one followed by a reason.
 */
export const calledWith: FileRule = (top, context) => {
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
	// Its own name, the method it was made from, or `close` for a mock put in a socket's close (see `spiedName`).
	const spyName = spy && context.spiedName(spy);
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

/**
 * An element of an expected row, at the place of a received code in the actual one: `expect([code, reason.toString()])
 * .toEqual([1000, 'bye'])`, `assert.deepEqual([event.code, event.wasClean], [1006, false])`.
 */
export const assertedRow: FileRule = (top, context) => {
	const row = top.parent;
	const call = row.parent;
	if (!ts.isArrayLiteralExpression(row) || !ts.isCallExpression(call) || !call.arguments.includes(row)) {
		return undefined;
	}
	const name = calleeName(call.expression);
	const asserted = name !== undefined && equalityAssertions.test(name) ? assertedValue(call, name, row) : undefined;
	const actual = asserted && skipOuterExpressions(asserted.value);
	const element = actual && ts.isArrayLiteralExpression(actual) && actual.elements.length === row.elements.length ? actual.elements[row.elements.indexOf(top)] : undefined;
	const held = element && !ts.isSpreadElement(element) ? context.holdsCloseCode(element)
		// `expect(closeSpy.mock.calls[0]).toEqual([4001, 'unauthorized'])`: the arguments of a call of a close spy.
		: actual ? (row.elements[0] === top ? context.spiedCloseCall(actual) : undefined)
			// `expect(codes).toEqual([1000, 4001])` where the received codes were pushed to `codes`.
			?? context.collectsCloseCodes(actual) : undefined;
	return held && { confidence: held, role: 'receive', rule: 'assertion' };
};

/** Assertions and tests that a list holds a value: `expect(codes).toContain(4001)`, `expect(codes).to.include(1000)`, `codes.includes(1006)`. */
const membershipChecks = /^(?:toContain|toContainEqual|include|includes|contain|contains|indexOf)$/;

/**
 * A code looked for in a list the received codes were collected into: `expect(codes).toContain(4001)`,
 * `assert.ok(codes.includes(1000))`, `expect(codes).to.include(4001)` where `ws.on('close', (code) => codes.push(code))`.
 */
export const collectedCode: FileRule = (top, context) => {
	const call = top.parent;
	if (!ts.isCallExpression(call) || call.arguments[0] !== top || !membershipChecks.test(calleeName(call.expression) ?? '')) {
		return undefined;
	}
	let list: ts.Expression | undefined;
	for (let chain: ts.Expression = call.expression; !list && ts.isPropertyAccessExpression(chain); chain = chain.expression) {
		const inner = skipOuterExpressions(chain.expression);
		list = chain.name.text === 'should' ? inner
			: ts.isCallExpression(inner) && /^(?:expect|should)$/.test(calleeName(inner.expression) ?? '') ? inner.arguments[0]
			: chain === call.expression && /^(?:includes|indexOf)$/.test(chain.name.text) ? inner : undefined;
	}
	const held = list && context.collectsCloseCodes(list);
	return held && { confidence: held, role: 'receive', rule: 'codeList' };
};

/** Array methods whose callback gets each element as its first parameter. */
export const elementCallbacks = /^(?:forEach|map|flatMap|some|every|filter|find|findIndex)$/;

/**
 * An element of a list that is walked into a close code: `for (const code of [4000, 4001]) ws.close(code)`,
 * `[1000, 1001].forEach((code) => …)`, also through `const codes = [...]` walked in the same way or by index, rows
 * destructured by the loop (`for (const [code, reason] of [[4000, 'a'], …]) ws.close(code, reason)`), and the tables of
 * parameterised tests (`test.each([1000, 1001])('closes with %i', (code) => …)`, `it.each([[4000, 'a']])(…, (code,
 * reason) => …)`). The loop variable (the callback's or the test's parameter) must itself hold a close code.
 */
export const iteratedList: FileRule = (top, context) => {
	const parent = top.parent;
	if (!ts.isArrayLiteralExpression(parent)) {
		return undefined;
	}
	let array: ts.ArrayLiteralExpression = parent;
	// In a row of a table (`[[4000, 'a'], [4001, 'b']]`), the element's position in the row picks the variable.
	let position: number | undefined;
	if (ts.isArrayLiteralExpression(parent.parent)) {
		position = parent.elements.indexOf(top);
		array = parent.parent;
	}
	let list: ts.Node = climb(array);
	const declaration = ts.isVariableDeclaration(list.parent) && list.parent.initializer === list && ts.isIdentifier(list.parent.name) ? list.parent : undefined;
	const uses: ts.Node[] = declaration ? context.referencesTo(declaration.name as ts.Identifier) : [list];
	// The variable a row's element is bound to: the whole row's variable, or its element at `position`.
	const elementOf = (binding: ts.Node | undefined): ts.Node | undefined => position === undefined ? binding
		: binding && ts.isArrayBindingPattern(binding) ? (binding.elements[position] as ts.BindingElement | undefined)?.name : undefined;
	for (const use of uses) {
		list = climb(use as ts.Expression);
		let variable: ts.Node | undefined;
		const user = list.parent;
		if (ts.isForOfStatement(user) && user.expression === list && ts.isVariableDeclarationList(user.initializer)) {
			variable = elementOf(user.initializer.declarations[0]?.name);
		} else if (ts.isPropertyAccessExpression(user) && user.expression === list && elementCallbacks.test(user.name.text) &&
			ts.isCallExpression(user.parent) && user.parent.expression === user) {
			variable = elementOf(callbackOf(user.parent, 0)?.parameters[0]?.name);
		} else if (ts.isCallExpression(user) && user.arguments[0] === list && isTestTable(user)) {
			// `test.each(table)(name, fn)`: a row is spread over the parameters, a plain value is the first one.
			variable = callbackOf(user.parent as ts.CallExpression, 1)?.parameters[position ?? 0]?.name;
		}
		const held = variable && ts.isIdentifier(variable) ? context.holdsCloseCode(variable) ??
			(position !== undefined ? context.comparedElementStrength(variable) : undefined) : undefined;
		if (held) {
			return { confidence: held, role: 'define', rule: 'iteratedList' };
		}
		// `for (let i = 0; i < codes.length; i++) ws.close(codes[i])`, `const code = codes[i]`: an element read by its
		// index stands where the loop variable would. (Only a declared list: an inline one is never indexed by a loop.)
		const element = declaration && position === undefined && ts.isElementAccessExpression(user) && user.expression === list
			? evidenceForSlot(user, context) : undefined;
		if (element) {
			return { confidence: element.confidence, role: 'define', rule: 'iteratedList' };
		}
	}
	return undefined;
};

/** The function passed as argument `index` of a call, if it is written there. */
function callbackOf(call: ts.CallExpression, index: number): ts.ArrowFunction | ts.FunctionExpression | undefined {
	const callback = call.arguments[index] && skipOuterExpressions(call.arguments[index]);
	return callback && (ts.isArrowFunction(callback) || ts.isFunctionExpression(callback)) ? callback : undefined;
}

/**
 * A field of the rows of a list searched by a received code: `const ERRORS = [{ code: 4001, message: 'Unauthorized' },
 * …]; ERRORS.find((e) => e.code === event.code)`, also with a destructured row (`({ code }) => code === event.code`) or
 * a `for (const row of ERRORS)` loop that compares `row.code`. The rows' values of that field are close codes.
 */
export const searchedRow: FileRule = (top, context) => {
	const property = top.parent;
	const row = property.parent;
	if (!ts.isPropertyAssignment(property) || property.initializer !== top || !ts.isObjectLiteralExpression(row) || !ts.isArrayLiteralExpression(row.parent)) {
		return undefined;
	}
	const field = propertyNameText(property.name);
	let list: ts.Node = climb(row.parent);
	const declaration = ts.isVariableDeclaration(list.parent) && list.parent.initializer === list && ts.isIdentifier(list.parent.name) ? list.parent : undefined;
	const uses: ts.Node[] = declaration ? context.referencesTo(declaration.name as ts.Identifier) : [list];
	for (const use of field === undefined ? [] : uses) {
		list = climb(use as ts.Expression);
		const user = list.parent;
		let variable: ts.BindingName | undefined;
		let scope: ts.Node | undefined;
		if (ts.isForOfStatement(user) && user.expression === list && ts.isVariableDeclarationList(user.initializer)) {
			[variable, scope] = [user.initializer.declarations[0]?.name, user.statement];
		} else if (ts.isPropertyAccessExpression(user) && user.expression === list && elementCallbacks.test(user.name.text) &&
			ts.isCallExpression(user.parent) && user.parent.expression === user) {
			const callback = callbackOf(user.parent, 0);
			[variable, scope] = [callback?.parameters[0]?.name, callback?.body];
		}
		const held = variable && scope ? fieldComparedWithCloseCode(variable, field!, scope, context) : undefined;
		if (held) {
			return { confidence: held, role: 'define', rule: 'iteratedList' };
		}
	}
	return undefined;
};

/** Is `field` of the row bound to `variable` (`row.code`, or `code` of `{ code }`) compared with a received code in `scope`? */
function fieldComparedWithCloseCode(variable: ts.BindingName, field: string, scope: ts.Node, context: FileContext): Confidence | undefined {
	let name: string | undefined;
	let member = false;
	if (ts.isIdentifier(variable)) {
		[name, member] = [variable.text, true];
	} else if (ts.isObjectBindingPattern(variable)) {
		const element = variable.elements.find((each) => (each.propertyName ? propertyNameText(each.propertyName) : (each.name as ts.Identifier).text) === field);
		name = element && ts.isIdentifier(element.name) ? element.name.text : undefined;
	}
	const isField = (node: ts.Expression): boolean => {
		const inner = skipOuterExpressions(node);
		return member ? ts.isPropertyAccessExpression(inner) && inner.name.text === field && ts.isIdentifier(inner.expression) && inner.expression.text === name
			: ts.isIdentifier(inner) && inner.text === name;
	};
	let found: Confidence | undefined;
	if (name !== undefined) {
		forEachDescendant(scope, (node) => {
			if (ts.isBinaryExpression(node) && equalityKinds.has(node.operatorToken.kind)) {
				const other = isField(node.left) ? node.right : isField(node.right) ? node.left : undefined;
				found = (other && context.holdsCloseCode(other)) ?? found;
			}
			return found !== 'certain';
		});
	}
	return found;
}

const equalityKinds = new Set([ts.SyntaxKind.EqualsEqualsEqualsToken, ts.SyntaxKind.EqualsEqualsToken]);

/** `test.each(table)`, `it.each(table)`, `describe.each(table)`, `test.concurrent.each(table)` — called with a name and a test. */
function isTestTable(call: ts.CallExpression): boolean {
	const callee = skipOuterExpressions(call.expression);
	if (!ts.isPropertyAccessExpression(callee) || callee.name.text !== 'each' || !ts.isCallExpression(call.parent) || call.parent.expression !== call) {
		return false;
	}
	const runner = callee.expression.getText().split('.')[0];
	return /^(?:it|test|describe|suite|specify|bench)$/.test(runner);
}

/**
 * The list a value is an element of: an array literal, or the range `Array.from({ length: 100 }, (_, i) => 4400 + i)`
 * whose base it is (alone, or spread into an array: `[1008, ...Array.from(…)]`).
 */
export function listOfElement(top: ts.Expression): ts.Expression | undefined {
	if (ts.isArrayLiteralExpression(top.parent)) {
		return top.parent;
	}
	// `(_, i) => 4400 + i`: the base of a range the callback of `Array.from` maps the indexes to.
	// `top` is the base, or the sum itself where `codeOffset` climbed to it (`4000 + i`).
	const sum = ts.isBinaryExpression(top) ? top : top.parent;
	if (!ts.isBinaryExpression(sum) || !ts.isNumericLiteral(sum.left) || (sum !== top && sum.left !== top) || sum.operatorToken.kind !== ts.SyntaxKind.PlusToken) {
		return undefined;
	}
	const callback = sum.parent;
	if (!ts.isArrowFunction(callback) || callback.body !== sum || callback.parameters.length !== 2) {
		return undefined;
	}
	const index = callback.parameters[1].name;
	const offset = skipOuterExpressions(sum.right);
	const call = callback.parent;
	if (!ts.isIdentifier(index) || !ts.isIdentifier(offset) || offset.text !== index.text || !ts.isCallExpression(call) || call.arguments[1] !== callback ||
		calleeName(call.expression) !== 'from' || !ts.isPropertyAccessExpression(call.expression) || call.expression.expression.getText() !== 'Array') {
		return undefined;
	}
	return ts.isSpreadElement(call.parent) && ts.isArrayLiteralExpression(call.parent.parent) ? call.parent.parent : call;
}

/**
 * An element of a list stored under a name that says close codes, wherever the list stands: an option's default
 * (`fatalCloseCodes: p.fatalCloseCodes ?? [1008, 1011, ...Array.from({ length: 100 }, (_, i) => 4400 + i)]`), a field
 * (`this.retryCloseCodes = options.codes || [1006]`), a parameter's default. Declarations of such lists are judged
 * on their own (see `declarationEvidence`); these are the lists that are no declaration.
 */
export const namedCodeList: FileRule = (top, context) => {
	const list = rangeListOf(listOfElement(top));
	const stored = list && climb(list);
	const holder = stored?.parent;
	let name: string | undefined;
	if (holder && (ts.isPropertyAssignment(holder) || ts.isPropertyDeclaration(holder) || ts.isParameter(holder) || ts.isVariableDeclaration(holder)) &&
		holder.initializer === stored) {
		name = propertyNameText(holder.name);
	} else if (holder && ts.isBinaryExpression(holder) && holder.right === stored && holder.operatorToken.kind === ts.SyntaxKind.EqualsToken) {
		const target = skipOuterExpressions(holder.left);
		name = ts.isIdentifier(target) ? target.text : ts.isPropertyAccessExpression(target) ? target.name.text : undefined;
	}
	return name !== undefined && namesCloseCodeValue(name) && !hasQuantityWord(name)
		? { confidence: strength(context.isWebSocketFile), role: 'define', rule: 'closeCodeName' } : undefined;
};

/**
 * The list a `[from, to]` pair stands in, for a pair of two numbers inside another list: the ranges of a list of codes
 * (`closeCodes: [[1002, 4399], [4500, 9999]]`, `closeCodes: [1002, [1003, 1006]]`); any other list as it is.
 */
function rangeListOf(list: ts.Expression | undefined): ts.Expression | undefined {
	const outer = list?.parent;
	return list && ts.isArrayLiteralExpression(list) && outer && ts.isArrayLiteralExpression(outer) && list.elements.length === 2 &&
		list.elements.every((element) => ts.isNumericLiteral(element)) ? outer : list;
}

/** Calls that send a message on a socket. */
export const sendCalls = /^(?:send|sendJson|sendJSON|sendMessage|sendError|write)$/;
/** Calls that end a connection with a code as their first argument. */
export const closeCalls = /^(?:close|end|terminate)$/;

/**
 * An error message that announces the code the close right after it carries: `ws.send(JSON.stringify({ event: 'error',
 * data: { code: 4009, message } })); ws.close(4009)` — protocols tell the peer why before they close. The `code` of
 * an object sent on a socket is a close code when, a few statements later in the same block, the same socket is closed
 * with the same number. The close call is the evidence, so the code is as certain as that call.
 */
/**
 * The call that sends a message object to the peer: `ws.send(message)`, `ws.send(JSON.stringify(message))`,
 * `socket.emit('error', message)`, also through a constant sent by one of the next statements (`const error = { … };
 * ws.send(JSON.stringify(error))`).
 */
function announcement(message: ts.Expression): ts.CallExpression | undefined {
	let sent = message;
	if (ts.isCallExpression(sent.parent) && calleeName(sent.parent.expression) === 'stringify' && sent.parent.arguments[0] === sent) {
		sent = climb(sent.parent);
	}
	const call = sent.parent;
	const name = ts.isCallExpression(call) ? calleeName(call.expression) ?? '' : '';
	if (ts.isCallExpression(call) && ((call.arguments[0] === sent && sendCalls.test(name)) ||
		(name === 'emit' && call.arguments.indexOf(sent) === 1 && ts.isStringLiteralLike(call.arguments[0]) && call.arguments[0].text === 'error'))) {
		return call;
	}
	const declaration = message.parent;
	if (sent !== message || !ts.isVariableDeclaration(declaration) || !ts.isIdentifier(declaration.name) || !ts.isVariableDeclarationList(declaration.parent) ||
		!ts.isVariableStatement(declaration.parent.parent)) {
		return undefined;
	}
	const statement = declaration.parent.parent;
	const block = statement.parent;
	const variable = declaration.name.text;
	const next = ts.isBlock(block) || ts.isSourceFile(block) || ts.isCaseClause(block) ? block.statements.slice(block.statements.indexOf(statement) + 1, block.statements.indexOf(statement) + 3) : [];
	let found: ts.CallExpression | undefined;
	const visit = (node: ts.Node): void => {
		if (!found && ts.isIdentifier(node) && node.text === variable && ts.isExpression(node.parent)) {
			found = announcement(node);
		}
		if (!found && !ts.isFunctionLike(node)) {
			ts.forEachChild(node, visit);
		}
	};
	next.forEach(visit);
	return found;
}

/** The statement of a block (or of the file, or of a `case`) that `node` is part of. */
function statementOf(node: ts.Node): ts.Node {
	let statement = node;
	while (statement.parent && !ts.isBlock(statement.parent) && !ts.isSourceFile(statement.parent) && !ts.isCaseClause(statement.parent)) {
		statement = statement.parent;
	}
	return statement;
}

/**
 * The close right after the announcement, seen from the close: `ws.sendJson({ event: 'pusher:error', data: { code: 4009
 * } }); try { ws.end(4009); } catch {}` — the number the close carries is the code the message announced (`announcedCode`
 * judges the message; this judges the close, on a receiver whose name alone would not say it is a socket).
 */
export const announcedClose: FileRule = (top, context) => {
	const call = top.parent;
	const literal = skipOuterExpressions(top);
	if (!ts.isCallExpression(call) || call.arguments[0] !== top || !ts.isNumericLiteral(literal) || !closeCalls.test(calleeName(call.expression) ?? '')) {
		return undefined;
	}
	let statement = statementOf(call);
	// `try { ws.end(4009); } catch {}`: the message precedes the `try`.
	const tryBlock = statement.parent;
	if (ts.isBlock(tryBlock) && ts.isTryStatement(tryBlock.parent) && tryBlock.parent.tryBlock === tryBlock && tryBlock.statements[0] === statement) {
		statement = statementOf(tryBlock.parent);
	}
	const block = statement.parent as ts.Block | ts.SourceFile | ts.CaseClause | undefined;
	const index = block?.statements.indexOf(statement as ts.Statement) ?? -1;
	let found: Evidence | undefined;
	for (const previous of index > 0 ? block!.statements.slice(Math.max(0, index - 3), index) : []) {
		forEachDescendant(previous, (node) => {
			if (ts.isPropertyAssignment(node) && propertyNameText(node.name) === 'code' && ts.isNumericLiteral(skipOuterExpressions(node.initializer)) &&
				Number((skipOuterExpressions(node.initializer) as ts.NumericLiteral).text) === Number(literal.text)) {
				found ??= announcedCode(node.initializer, context);
			}
			return !found && !ts.isFunctionLike(node);
		});
	}
	return found && { confidence: found.confidence, role: 'send', rule: 'closeArgument' };
};

/**
 * The code of a Pusher protocol error, `{ event: 'pusher:error', data: { code: 4001, message } }`: the protocol gives
 * these codes the meaning of its close codes (4000–4099 close for good, 4100–4199 reconnect after a pause, 4200–4299
 * reconnect now, 4300–4399 other errors), and its clients classify them alike.
 */
export const pusherErrorCode: FileRule = (top) => {
	const property = top.parent;
	if (!ts.isPropertyAssignment(property) || property.initializer !== top || propertyNameText(property.name) !== 'code') {
		return undefined;
	}
	const entry = property.parent.parent;
	const message = entry.parent;
	if (!ts.isPropertyAssignment(entry) || entry.initializer !== property.parent || propertyNameText(entry.name) !== 'data' || !ts.isObjectLiteralExpression(message)) {
		return undefined;
	}
	const event = message.properties.find((each) => ts.isPropertyAssignment(each) && propertyNameText(each.name) === 'event');
	const name = event && ts.isPropertyAssignment(event) ? skipOuterExpressions(event.initializer) : undefined;
	return name && ts.isStringLiteralLike(name) && name.text === 'pusher:error' ? { confidence: 'certain', role: 'send', rule: 'codeProperty' } : undefined;
};

export const announcedCode: FileRule = (top, context) => {
	const property = top.parent;
	const literal = skipOuterExpressions(top);
	if (!ts.isPropertyAssignment(property) || property.initializer !== top || propertyNameText(property.name) !== 'code' || !ts.isNumericLiteral(literal)) {
		return undefined;
	}
	let message: ts.Expression = climb(property.parent);
	while (ts.isPropertyAssignment(message.parent) && ts.isObjectLiteralExpression(message.parent.parent)) {
		message = climb(message.parent.parent);
	}
	const send = announcement(message);
	if (!send) {
		return undefined;
	}
	const socket = skipOuterExpressions(send.expression);
	const receiver = ts.isPropertyAccessExpression(socket) ? socket.expression.getText() : undefined;
	const statement = statementOf(send);
	const block = statement.parent as ts.Block | ts.SourceFile | ts.CaseClause | undefined;
	if (!block || receiver === undefined) {
		return undefined;
	}
	const index = block.statements.indexOf(statement as ts.Statement);
	let found: Confidence | undefined;
	const visit = (node: ts.Node): void => {
		// A callback handed to a call runs the close a little later (`ws.send(error, () => ws.close(4009))`,
		// `setTimeout(() => ws.close(4009), 100)`); a function declared there is another story.
		if (found || (ts.isFunctionLike(node) && !(ts.isCallExpression(node.parent) && node.parent.arguments.includes(node as ts.Expression)))) {
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
	for (const next of [...send.arguments.slice(1), ...block.statements.slice(index + 1, index + 4)]) {
		visit(next);
	}
	// Reported as a `codeProperty`: it is one, with the close that follows as its evidence.
	return found && { confidence: found, role: 'send', rule: 'codeProperty' };
};

/**
 * A value of a table read by a computed key where a close code goes: `const STATUS = { ok: 1000, auth: 4001 };
 * ws.close(STATUS[kind])`, `if (event.code === CODES[name])`. Which entry is read is decided at run time, so every
 * value of the table can be the close code. Only a table of numbers held in a variable, and only a key that is no
 * literal (`STATUS.ok` and `STATUS['ok']` name one entry: the declarations' rules judge that one).
 */
export const tableValue: FileRule = (top, context) => {
	const property = top.parent;
	if (!ts.isPropertyAssignment(property) || property.initializer !== top || !ts.isNumericLiteral(skipOuterExpressions(top))) {
		return undefined;
	}
	const table = property.parent;
	const stored = climb(table);
	const declaration = stored.parent;
	if (!ts.isVariableDeclaration(declaration) || declaration.initializer !== stored || !ts.isIdentifier(declaration.name) ||
		!table.properties.every((entry) => ts.isPropertyAssignment(entry) && ts.isNumericLiteral(skipOuterExpressions(entry.initializer)))) {
		return undefined;
	}
	for (const reference of context.referencesTo(declaration.name)) {
		const access = climb(reference).parent;
		if (ts.isElementAccessExpression(access) && access.expression === climb(reference) && !ts.isLiteralExpression(skipOuterExpressions(access.argumentExpression))) {
			const evidence = evidenceForSlot(access, context);
			if (evidence) {
				return { confidence: evidence.confidence, role: 'define', rule: 'iteratedList' };
			}
		}
	}
	return undefined;
};

/**
 * The code of an error or object the file later closes with: `throw { code: 4403 }` or `throw new ProtocolError(4400,
 * …)` caught by `catch (err) { ws.close(err.code, err.message) }`, `this.code = 4401` in an error class narrowed by
 * `instanceof` before such a close (see `FileContext.carriedCloseCode`).
 */
export const thrownCode: FileRule = (top, context) => {
	const held = context.carriedCloseCode(top);
	return held && { confidence: held, role: 'send', rule: 'codeProperty' };
};

export const slotRules: readonly FileRule[] = [
	closeArgument, closeEventInit, closeEventArgument, closeHelperArgument, comparison, caseLabel, codeList, fallback, codeProperty,
	codeAssignment, defaultParameter, codeVariable, returnedCode, assertion, calledWith, iteratedList, announcedCode, comparedArgument, namedCodeList,
	assertedRow, tableValue, propertyAssertion, collectedCode, thrownCode, searchedRow, announcedClose, pusherErrorCode,
];

/**
 * `4000 + status`, `3000 + errorCode`: the base of a class of codes plus an offset is a close code where the sum stands
 * (`ws.close(4000 + status)`, `return 4000 + code` in a function whose result is sent). Only the bases of the
 * registered and private classes, written first, and only plus a non-literal: `1000 + jitter` is a delay.
 */
export function codeOffset(value: ts.Expression): ts.BinaryExpression | undefined {
	const sum = value.parent;
	const base = ts.isNumericLiteral(value) ? Number(value.text) : NaN;
	return (base === 3000 || base === 4000) && ts.isBinaryExpression(sum) && sum.left === value && sum.operatorToken.kind === ts.SyntaxKind.PlusToken &&
		!ts.isNumericLiteral(skipOuterExpressions(sum.right)) && !ts.isStringLiteralLike(skipOuterExpressions(sum.right)) ? sum : undefined;
}

export function evidenceForSlot(value: ts.Expression, context: FileContext): Evidence | undefined {
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

/**
 * The only evidence that counts for a literal outside 1000–5000 (see `valueFitsRule`): it is sent with `close()`. The
 * same answer `evidenceForSlot` gives there, without asking the other rules — most numbers of a file are such.
 */
export function sentEvidence(value: ts.Expression, context: FileContext): Evidence | undefined {
	return fallback(value, context) ? undefined : closeArgument(climb(value), context);
}

/** A reference to a list of codes: `RETRY_CODES.includes(event.code)`. */
export function listEvidence(reference: ts.Expression, context: FileContext): Evidence | undefined {
	const held = listCheckedAgainstCloseCode(reference, context);
	return held && { confidence: held, role: 'receive', rule: 'codeList' };
}
