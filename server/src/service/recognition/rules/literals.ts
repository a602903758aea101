import ts from 'typescript';
import { isCandidateNumber, skipOuterExpressions } from '../ast';
import type { FileContext } from '../fileContext';
import { objectOwner } from '../file/declarations';
import { hasContraryWord, hasQuantityWord, nameMatchesCode, saysCloseCode, saysCloseDescriptions, saysCloseReasonCode, words } from '../names';
import { namesCloseCodeValue } from '../sinks';
import { strength, type Evidence, type RuleId } from '../types';

/**
 * Rules about the literal itself: some literals carry their evidence wherever they stand — a compiler's comment
 * (`1e3 /* Normal *\/`), the literal type they are part of, the table they are a key of — and the checks every
 * candidate literal goes through (its value, separators).
 */

/**
 * `1e3 /* Normal *\/`, `4000 /* GatewayCloseCodes.UnknownError *\/`: a `const enum` member inlined by a compiler, with
 * the name left in a comment (see `FileContext.inlinedCloseCode`). Judged on the literal itself, wherever it stands.
 */
export function inlinedEnumEvidence(literal: ts.NumericLiteral, context: FileContext): Evidence | undefined {
	const inlined = context.inlinedCloseCode(literal);
	return inlined && { confidence: inlined, role: 'define', rule: 'inlinedEnum' };
}

/**
 * Literal types that denote close codes: `type CloseCode = 1000 | 1001 | 4000`, `closeCode: 4000 | 4001`, and the
 * `code` of a close-event type (`interface ServerCloseEvent { code: 4000 | 4001 }`). Literal types elsewhere are not
 * (`type Code = 1000 | 1001`, `afk_timeout: 60 | 3600`, `size: 1024 | 4096`).
 */
export function literalTypeEvidence(literal: ts.NumericLiteral, context: FileContext): Evidence | undefined {
	if (ts.isPropertySignature(literal.parent)) {
		return describedTypeKeyEvidence(literal, context);
	}
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
export function descriptionTableEvidence(object: ts.ObjectLiteralExpression, context: FileContext): Evidence | undefined {
	const entries = object.properties.map((entry) => ts.isPropertyAssignment(entry) && ts.isNumericLiteral(entry.name) &&
		ts.isStringLiteralLike(skipOuterExpressions(entry.initializer)) ? [entry.name, skipOuterExpressions(entry.initializer) as ts.StringLiteralLike] as const : undefined);
	return describedKeysEvidence(entries, objectOwner(object), context);
}

/**
 * The same table written as a type: `type ErrorCodes = { 1000: 'Normal closure'; 1001: 'Going away'; … }`,
 * `interface CloseMessages { 4000: 'Unknown error'; … }` — the declaration files that describe such a table. Asked for
 * a numeric member name.
 */
export function describedTypeKeyEvidence(literal: ts.NumericLiteral, context: FileContext): Evidence | undefined {
	const member = literal.parent;
	const container = member.parent;
	if (!ts.isPropertySignature(member) || member.name !== literal || !(ts.isTypeLiteralNode(container) || ts.isInterfaceDeclaration(container))) {
		return undefined;
	}
	const entries = container.members.map((entry) => ts.isPropertySignature(entry) && ts.isNumericLiteral(entry.name) && entry.type &&
		ts.isLiteralTypeNode(entry.type) && ts.isStringLiteral(entry.type.literal) ? [entry.name, entry.type.literal] as const : undefined);
	const owner = ts.isInterfaceDeclaration(container) ? container.name.text
		: ts.isTypeAliasDeclaration(container.parent) ? container.parent.name.text : undefined;
	return describedKeysEvidence(entries, owner === undefined ? undefined : { name: owner }, context);
}

/** Numeric keys, each with a description (`undefined` for an entry of another kind, which disqualifies the table). */
function describedKeysEvidence(entries: readonly (readonly [ts.NumericLiteral, ts.StringLiteralLike] | undefined)[], owner: { readonly name: string } | undefined,
	context: FileContext): Evidence | undefined {
	if (entries.length < 2 || entries.includes(undefined)) {
		return undefined;
	}
	let matches = 0;
	for (const [key, description] of entries as readonly (readonly [ts.NumericLiteral, ts.StringLiteralLike])[]) {
		if (nameMatchesCode(description.text, Number(key.text))) {
			matches++;
		}
	}
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
export function tableLookupEvidence(access: ts.ElementAccessExpression, context: FileContext,
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
	if (saysCloseCode(name) || saysCloseReasonCode(name) || saysCloseDescriptions(name)) {
		return { confidence: strength(context.isWebSocketFile), role: 'define', rule: 'descriptionKey' };
	}
	// `StatusCodes[1000]` with a key past every HTTP status: in a WebSocket file, the close statuses (an app's own
	// business codes share the name, hence only likely).
	const list = words(name);
	return context.isWebSocketFile && list.length === 2 && list[0] === 'status' && list[1] === 'codes'
		? { confidence: 'likely', role: 'define', rule: 'descriptionKey' } : undefined;
}

export function literalValue(literal: ts.NumericLiteral): number {
	return Number(literal.text);
}

/** Literals written with separators (`1_000`) are quantities, never codes; fractions are never codes either. */
export function isCandidateLiteral(literal: ts.NumericLiteral): boolean {
	return isCandidateNumber(literal, literal.getSourceFile());
}

/**
 * A value sent with `close()` may be anything (diagnostics flag the wrong ones). Everywhere else a close code must
 * look like one: `{ code: 3 }` or `x.code = 0x8` are application codes or opcodes, not close codes.
 */
export function valueFitsRule(value: number, rule: RuleId): boolean {
	return rule === 'closeArgument' || (value >= 1000 && value <= 5000);
}
