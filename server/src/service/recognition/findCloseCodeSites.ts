import ts from 'typescript';
import { FileContext, skipOuterExpressions, functionName, propertyNameText, type CloseApi, type Declaration } from './fileContext';
import { hasContraryWord, isCodeName, nameMatchesCode, saysCloseCode, saysClosing } from './names';

/**
 * Recognition: which numbers in a file are WebSocket close codes.
 *
 * A number is never a close code because of its value alone (`setTimeout(fn, 1000)`, `port: 3000`). It is one when
 * the code around it says so. Each rule below looks at one kind of place a close code can stand and returns
 * evidence — a confidence and the role of the site — or nothing. The first rule with evidence wins.
 *
 * To add a rule: write a function of type `SlotRule`, add it to `slotRules` (or to `declarationEvidence` for
 * constants, enums and objects), and add a fixture of its own to `test/unit/recognition.test.ts`.
 */

/** `certain`: the code leaves no doubt. `likely`: good evidence, but hovers say so and diagnostics ignore it. */
export type Confidence = 'certain' | 'likely';

/** What the code does with the number: puts it in a Close frame, compares a received one, or names one. */
export type SiteRole = 'send' | 'receive' | 'define';

export type RuleId =
	| 'closeArgument' | 'closeEventInit' | 'comparison' | 'caseLabel' | 'codeList' | 'fallback' | 'codeProperty'
	| 'codeAssignment' | 'defaultParameter' | 'assertion' | 'usedAsCloseCode' | 'closeCodeContainer' | 'closeCodeName'
	| 'aliasName';

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
	/** Inside `assert.throws(() => …)` / `expect(() => …)`: a test that sends a bad code on purpose. */
	readonly expectsThrow: boolean;
}

export interface Recognition {
	readonly sites: CloseCodeSite[];
	readonly closeCalls: CloseCall[];
}

export type { CloseApi };

interface Evidence {
	readonly confidence: Confidence;
	readonly role: SiteRole;
	readonly rule: RuleId;
}

type SlotRule = (top: ts.Expression, context: FileContext) => Evidence | undefined;

// ---- where a value ends up ------------------------------------------------------------------------------

/**
 * Climbs from a value to the expression whose parent decides what the value is used for: through parentheses,
 * `as`, the branches of `?:`, and `??`/`||` fallbacks (`close(code ?? 1000)` still sends the literal).
 */
function climb(node: ts.Expression): ts.Expression {
	let current = node;
	for (;;) {
		const parent = current.parent;
		if (ts.isParenthesizedExpression(parent) || ts.isAsExpression(parent) || ts.isSatisfiesExpression(parent) ||
			ts.isNonNullExpression(parent) || ts.isTypeAssertionExpression(parent)) {
			current = parent;
		} else if (ts.isConditionalExpression(parent) && parent.condition !== current) {
			current = parent;
		} else if (ts.isBinaryExpression(parent) && (parent.operatorToken.kind === ts.SyntaxKind.QuestionQuestionToken ||
			parent.operatorToken.kind === ts.SyntaxKind.BarBarToken)) {
			current = parent;
		} else {
			return current;
		}
	}
}

const strength = (certain: boolean): Confidence => (certain ? 'certain' : 'likely');

const socketLikeName = /(?:^|[^a-z])(?:ws|wss|socket|sock|conn|connection|client|peer|websocket)s?$/i;

function receiverName(callee: ts.Expression): string | undefined {
	if (ts.isPropertyAccessExpression(callee)) {
		const receiver = skipOuterExpressions(callee.expression);
		if (ts.isIdentifier(receiver)) {
			return receiver.text;
		}
		if (ts.isPropertyAccessExpression(receiver)) {
			return receiver.name.text;
		}
		if (receiver.kind === ts.SyntaxKind.ThisKeyword) {
			return 'this';
		}
	}
	return undefined;
}

function calleeName(callee: ts.Expression): string | undefined {
	const node = skipOuterExpressions(callee);
	if (ts.isIdentifier(node)) {
		return node.text;
	}
	if (ts.isPropertyAccessExpression(node)) {
		return node.name.text;
	}
	return undefined;
}

// ---- the rules ------------------------------------------------------------------------------------------

/**
 * Is this `close(…)` call certainly made on a WebSocket? The file is about WebSockets, the receiver is named like a
 * socket, or a reason string is passed.
 */
function isCertainCloseCall(call: ts.CallExpression, context: FileContext): boolean {
	if (calleeName(call.expression) !== 'close') {
		return false;
	}
	const receiver = receiverName(call.expression);
	const reasonGiven = call.arguments.length >= 2 && (ts.isStringLiteralLike(call.arguments[1]) || ts.isTemplateExpression(call.arguments[1]));
	return context.isWebSocketFile || (receiver !== undefined && socketLikeName.test(receiver)) || reasonGiven;
}

/** `ws.close(1001, 'bye')`, `socket.close(code ?? 1000)`, uWS `ws.end(1000)`. */
const closeArgument: SlotRule = (top, context) => {
	const call = top.parent;
	if (!ts.isCallExpression(call) || call.arguments[0] !== top) {
		return undefined;
	}
	if (isCertainCloseCall(call, context)) {
		return { confidence: 'certain', role: 'send', rule: 'closeArgument' };
	}
	const receiver = receiverName(call.expression);
	if (calleeName(call.expression) === 'end' && context.isWebSocketFile && receiver !== undefined && socketLikeName.test(receiver)) {
		return { confidence: 'likely', role: 'send', rule: 'closeArgument' };
	}
	return undefined;
};

/** `new CloseEvent('close', { code: 1006 })` — tests and shims that fabricate a received close. */
const closeEventInit: SlotRule = (top) => {
	const property = top.parent;
	if (!ts.isPropertyAssignment(property) || property.initializer !== top || propertyNameText(property.name) !== 'code') {
		return undefined;
	}
	const call = property.parent.parent;
	if (ts.isNewExpression(call) && ts.isIdentifier(call.expression) && call.expression.text === 'CloseEvent') {
		return { confidence: 'certain', role: 'receive', rule: 'closeEventInit' };
	}
	return undefined;
};

const comparisonOperators = new Set([
	ts.SyntaxKind.EqualsEqualsEqualsToken, ts.SyntaxKind.ExclamationEqualsEqualsToken, ts.SyntaxKind.EqualsEqualsToken,
	ts.SyntaxKind.ExclamationEqualsToken, ts.SyntaxKind.LessThanToken, ts.SyntaxKind.LessThanEqualsToken,
	ts.SyntaxKind.GreaterThanToken, ts.SyntaxKind.GreaterThanEqualsToken,
]);

/** `event.code === 1001`, `code !== 1000`, `code >= 3000 && code <= 4999`. */
const comparison: SlotRule = (top, context) => {
	const binary = top.parent;
	if (!ts.isBinaryExpression(binary) || !comparisonOperators.has(binary.operatorToken.kind)) {
		return undefined;
	}
	const other = binary.left === top ? binary.right : binary.left;
	const held = context.holdsCloseCode(other);
	return held && { confidence: held, role: 'receive', rule: 'comparison' };
};

/** `switch (event.code) { case 1001: … }` */
const caseLabel: SlotRule = (top, context) => {
	const clause = top.parent;
	if (!ts.isCaseClause(clause) || clause.expression !== top) {
		return undefined;
	}
	const held = context.holdsCloseCode(clause.parent.parent.expression);
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
const codeList: SlotRule = (top, context) => {
	const array = top.parent;
	if (!ts.isArrayLiteralExpression(array)) {
		return undefined;
	}
	const held = listCheckedAgainstCloseCode(array, context);
	return held && { confidence: held, role: 'receive', rule: 'codeList' };
};

/** `event.code ?? 1005`, `code || 1006` — the value a missing code is reported as. */
const fallback: SlotRule = (top, context) => {
	const binary = top.parent;
	if (ts.isBinaryExpression(binary) && binary.right === top && (binary.operatorToken.kind === ts.SyntaxKind.QuestionQuestionToken ||
		binary.operatorToken.kind === ts.SyntaxKind.BarBarToken)) {
		const held = context.holdsCloseCode(binary.left);
		return held && { confidence: held, role: 'receive', rule: 'fallback' };
	}
	return undefined;
};

/** `{ code: 1000, reason: 'done' }`, `{ closeCode: 4001 }` */
const codeProperty: SlotRule = (top, context) => {
	const property = top.parent;
	if (!ts.isPropertyAssignment(property) || property.initializer !== top) {
		return undefined;
	}
	const name = propertyNameText(property.name);
	if (name === undefined) {
		return undefined;
	}
	if (saysCloseCode(name) && !/reason|event/i.test(name)) {
		return { confidence: strength(context.isWebSocketFile), role: 'send', rule: 'codeProperty' };
	}
	const siblings = property.parent.properties;
	const hasReason = siblings.some((sibling) => sibling.name !== undefined && propertyNameText(sibling.name) === 'reason');
	if (name === 'code' && hasReason) {
		return { confidence: strength(context.isWebSocketFile), role: 'send', rule: 'codeProperty' };
	}
	return undefined;
};

/** `this.closeCode = 4000`, `closeCode = 1000` */
const codeAssignment: SlotRule = (top, context) => {
	const binary = top.parent;
	if (ts.isBinaryExpression(binary) && binary.right === top && binary.operatorToken.kind === ts.SyntaxKind.EqualsToken) {
		const held = context.holdsCloseCode(binary.left);
		return held && { confidence: held, role: 'define', rule: 'codeAssignment' };
	}
	return undefined;
};

/** `close(code = 1000, reason)`, `function onClose(closeCode = 1005)` */
const defaultParameter: SlotRule = (top, context) => {
	const parameter = top.parent;
	if (!ts.isParameter(parameter) || parameter.initializer !== top || !ts.isIdentifier(parameter.name)) {
		return undefined;
	}
	const name = parameter.name.text;
	if (saysCloseCode(name) && !/reason|event/i.test(name)) {
		return { confidence: strength(context.isWebSocketFile), role: 'send', rule: 'defaultParameter' };
	}
	const owner = functionName(parameter.parent);
	if (isCodeName(name) && owner !== undefined && saysClosing(owner)) {
		return { confidence: strength(context.isWebSocketFile), role: 'send', rule: 'defaultParameter' };
	}
	return undefined;
};

const equalityAssertions = /^(?:equal|equals|strictEqual|deepEqual|deepStrictEqual|notEqual|notStrictEqual|is|not|eq|eql|toBe|toEqual|toStrictEqual)$/;

/** `assert.strictEqual(code, 1001)`, `expect(event.code).toBe(1006)`, `t.is(code, 1000)` */
const assertion: SlotRule = (top, context) => {
	const call = top.parent;
	if (!ts.isCallExpression(call) || !call.arguments.includes(top)) {
		return undefined;
	}
	const name = calleeName(call.expression);
	if (name === undefined || !equalityAssertions.test(name)) {
		return undefined;
	}
	// assert.equal(actual, expected): the other argument holds the code.
	for (const argument of call.arguments) {
		if (argument !== top) {
			const held = context.holdsCloseCode(argument);
			if (held) {
				return { confidence: held, role: 'receive', rule: 'assertion' };
			}
		}
	}
	// expect(actual).not.toBe(expected): find the expect(...) call at the start of the chain.
	let chain: ts.Expression = call.expression;
	while (ts.isPropertyAccessExpression(chain)) {
		chain = chain.expression;
	}
	if (ts.isCallExpression(chain) && calleeName(chain.expression) === 'expect' && chain.arguments.length > 0) {
		const held = context.holdsCloseCode(chain.arguments[0]);
		return held && { confidence: held, role: 'receive', rule: 'assertion' };
	}
	return undefined;
};

/** The places a value can stand, most specific first. */
const slotRules: readonly SlotRule[] = [
	closeArgument, closeEventInit, comparison, caseLabel, codeList, fallback, codeProperty, codeAssignment, defaultParameter,
	assertion,
];

function evidenceForSlot(value: ts.Expression, context: FileContext): Evidence | undefined {
	// A fallback is judged before climbing: in `event.code ?? 1005` the literal's own operator tells the most.
	const direct = fallback(value, context);
	if (direct) {
		return direct;
	}
	const top = climb(value);
	for (const rule of slotRules) {
		const evidence = rule(top, context);
		if (evidence) {
			return evidence;
		}
	}
	return undefined;
}

// ---- constants, enums and objects ------------------------------------------------------------------------

/**
 * Evidence from a declaration's names alone (no use of it was found): `enum CloseCode { … }`,
 * `const WS_CLOSE_NORMAL = 1000`, `const RETRY_CLOSE_CODES = [1001, 1006]`, `{ GOING_AWAY: 1001 }`.
 */
function declarationEvidence(declaration: Declaration, aliasMatchesInContainer: number, context: FileContext): Evidence | undefined {
	const { name, container } = declaration;
	if (hasContraryWord(name) || (container !== undefined && hasContraryWord(container))) {
		return undefined;
	}
	if (container !== undefined && saysCloseCode(container)) {
		return { confidence: 'certain', role: 'define', rule: 'closeCodeContainer' };
	}
	if (saysCloseCode(name) && !/reason|event/i.test(name)) {
		return { confidence: strength(context.isWebSocketFile), role: 'define', rule: 'closeCodeName' };
	}
	if (!declaration.isList && nameMatchesCode(name, literalValue(declaration.literals[0]))) {
		// One alias match could be chance (`ProtocolError = 1002` in an error enum); two in one enum are not.
		const corroborated = context.isWebSocketFile || aliasMatchesInContainer >= 2;
		return { confidence: strength(corroborated), role: 'define', rule: 'aliasName' };
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

/** Receive-side and declared codes must look like codes; send-side ones may be anything (diagnostics flag them). */
function valueFitsRole(value: number, role: SiteRole): boolean {
	return role === 'send' || (value >= 1000 && value <= 5000);
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
	return ts.isPropertyAccessExpression(node) && ts.isIdentifier(node.expression);
}

/** Finds every close-code site, and every certain `close()` call, in a parsed file. */
export function findCloseCodeSites(sourceFile: ts.SourceFile): Recognition {
	const context = new FileContext(sourceFile);
	const sites = new Map<number, CloseCodeSite>();
	const closeCalls: CloseCall[] = [];
	const provenDeclarations = new Map<Declaration, Evidence>();

	const add = (node: ts.Node, value: number, evidence: Evidence, via?: string): void => {
		const start = node.getStart(sourceFile);
		const existing = sites.get(start);
		if (!existing || (existing.confidence === 'likely' && evidence.confidence === 'certain')) {
			sites.set(start, { start, end: node.getEnd(), value, confidence: evidence.confidence, role: evidence.role, rule: evidence.rule, via });
		}
	};

	const visit = (node: ts.Node): void => {
		if (ts.isCallExpression(node) && isCertainCloseCall(node, context)) {
			closeCalls.push(describeCloseCall(node, context));
		}
		if (ts.isNumericLiteral(node) && isCandidateLiteral(node)) {
			const evidence = evidenceForSlot(node, context);
			if (evidence && valueFitsRole(literalValue(node), evidence.role)) {
				add(node, literalValue(node), evidence);
			}
		} else if (isExpressionReference(node)) {
			const declaration = context.resolve(node);
			if (declaration) {
				const evidence = declaration.isList ? listEvidence(node, context) : evidenceForSlot(node, context);
				if (evidence) {
					const previous = provenDeclarations.get(declaration);
					if (!previous || previous.confidence === 'likely') {
						provenDeclarations.set(declaration, { ...evidence, rule: 'usedAsCloseCode' });
					}
					if (!declaration.isList && isCandidateLiteral(declaration.literals[0])) {
						add(node, literalValue(declaration.literals[0]), evidence, declaration.key);
					}
				}
				if (ts.isPropertyAccessExpression(node)) {
					// `CloseCode.GoingAway` is handled as a whole; do not visit `CloseCode` on its own.
					return;
				}
			}
		}
		ts.forEachChild(node, visit);
	};
	visit(sourceFile);

	// Declarations: proven by a use found above, or named like close codes.
	const declarations = [...context.declarations()];
	const aliasMatches = new Map<string, number>();
	for (const declaration of declarations) {
		if (declaration.container !== undefined && !declaration.isList && nameMatchesCode(declaration.name, literalValue(declaration.literals[0]))) {
			aliasMatches.set(declaration.container, (aliasMatches.get(declaration.container) ?? 0) + 1);
		}
	}
	for (const declaration of declarations) {
		const proven = provenDeclarations.get(declaration);
		const named = proven?.confidence === 'certain' ? undefined
			: declarationEvidence(declaration, declaration.container === undefined ? 0 : aliasMatches.get(declaration.container) ?? 0, context);
		// A use proves more than a name, unless the name is the stronger evidence.
		const evidence = named && (!proven || named.confidence === 'certain') ? named : proven;
		if (!evidence) {
			continue;
		}
		for (const literal of declaration.literals) {
			if (isCandidateLiteral(literal) && valueFitsRole(literalValue(literal), evidence.role === 'send' ? 'send' : 'define')) {
				add(literal, literalValue(literal), evidence);
			}
		}
	}

	return { sites: [...sites.values()].sort((a, b) => a.start - b.start), closeCalls };
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
		received: context.isReceivedCloseCode(codeArgument),
	};
	const reason = reasonArgument && (ts.isStringLiteral(reasonArgument) || ts.isNoSubstitutionTemplateLiteral(reasonArgument)) ? {
		start: reasonArgument.getStart(sourceFile),
		end: reasonArgument.getEnd(),
		value: reasonArgument.text,
		quote: reasonArgument.getText(sourceFile).charAt(0),
	} : undefined;
	return { start: call.getStart(sourceFile), end: call.getEnd(), api: context.closeApiOf(receiver), code, reason, expectsThrow: expectsThrow(call) };
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

/** A reference to a list of codes: `RETRY_CODES.includes(event.code)`. */
function listEvidence(reference: ts.Expression, context: FileContext): Evidence | undefined {
	const held = listCheckedAgainstCloseCode(reference, context);
	return held && { confidence: held, role: 'receive', rule: 'codeList' };
}
