import ts from 'typescript';
import { isIdentifierNamed, propertyNameText, skipOuterExpressions } from '../ast';
import { scopeOf } from './scopes';

/**
 * Names bound to numbers, as the file writes them: constants, members of enums and constant objects (also in
 * declaration files and compiled enums), class fields and statics — and the helpers that read their values.
 */

/** How a declaration is written, which decides how far its container's evidence reaches. */
export type DeclarationForm = 'variable' | 'enum' | 'member' | 'field' | 'static';

/** A name bound to a numeric value (or a list of them) somewhere in the file. */
export interface Declaration {
	/** `GOING_AWAY`, or `CloseCode.GoingAway` for a member of an enum or constant object. */
	readonly key: string;
	/** The member or variable name alone (`GoingAway`). */
	readonly name: string;
	/** The enum or object name for members, undefined for plain variables. */
	readonly container: string | undefined;
	/** Numeric literals that give the declaration its value(s). */
	readonly literals: readonly ts.NumericLiteral[];
	/** True for arrays and sets (`const RETRY = [1001, 1006]`). */
	readonly isList: boolean;
	/** The block or file the declaration is visible in, for resolving shadowed names. */
	readonly scope: ts.Node;
	/**
	 * `enum` (TS, `declare` and compiled enums), `member` (of an object literal), `field` (of a class), `static`
	 * (`Class.NAME = 1000`), `variable`.
	 */
	readonly form?: DeclarationForm;
	/** The node that groups the members of one enum, object or class (undefined for variables). */
	readonly group?: ts.Node;
	/** True when every member of the group is a number (or a list of numbers): an enum written as an object. */
	readonly groupIsNumeric?: boolean;
	/** For variables: the declaring identifier (a variable that is assigned again later is not a constant). */
	readonly declaredBy?: ts.Identifier;
}

/**
 * The name and scope of the object an object literal defines: `const CloseCode = {…}`, `Object.freeze({…})`,
 * `ERRORS: {…}` inside another object, `Connection.CLOSE_DESCRIPTIONS = {…}`.
 */
export function objectOwner(object: ts.ObjectLiteralExpression): { readonly name: string; readonly scope: ts.Node } | undefined {
	let current: ts.Node = object;
	while (ts.isParenthesizedExpression(current.parent) || ts.isAsExpression(current.parent) || ts.isSatisfiesExpression(current.parent) ||
		(ts.isCallExpression(current.parent) && unwrapFreeze(current.parent) !== current.parent)) {
		current = current.parent;
	}
	const parent = current.parent;
	if (ts.isVariableDeclaration(parent) && ts.isIdentifier(parent.name)) {
		return { name: parent.name.text, scope: scopeOf(parent) };
	}
	if ((ts.isPropertyAssignment(parent) || ts.isPropertyDeclaration(parent)) && parent.initializer === current) {
		const name = propertyNameText(parent.name);
		return name === undefined ? undefined : { name, scope: scopeOf(parent) };
	}
	// `export default { KICKED: 4000 }`: the module's default export, read elsewhere as `import Codes from './codes'`.
	if (ts.isExportAssignment(parent)) {
		return { name: 'default', scope: parent.parent };
	}
	if (ts.isBinaryExpression(parent) && parent.right === current && parent.operatorToken.kind === ts.SyntaxKind.EqualsToken) {
		const target = skipOuterExpressions(parent.left);
		const name = ts.isPropertyAccessExpression(target) ? target.name.text : ts.isIdentifier(target) ? target.text : undefined;
		return name === undefined ? undefined : { name, scope: scopeOf(parent) };
	}
	return undefined;
}

/**
 * The real name of a compiled enum. Compilers fill the enum object through a parameter of an immediately invoked
 * function: `(function (CloseCode) {…})(CloseCode || (CloseCode = {}))`, esbuild's `((CloseCode2) => {…})(CloseCode || {})`,
 * a minifier's `(e => (…, e))(i || {})`. The argument names the enum; otherwise the parameter's own name does.
 */
export function compiledEnumName(container: ts.Identifier, fn: ts.Node | undefined): string {
	if (fn && (ts.isFunctionExpression(fn) || ts.isArrowFunction(fn))) {
		const index = fn.parameters.findIndex((parameter) => isIdentifierNamed(parameter.name, container.text));
		let callee: ts.Node = fn;
		while (ts.isParenthesizedExpression(callee.parent)) {
			callee = callee.parent;
		}
		const call = callee.parent;
		if (index >= 0 && ts.isCallExpression(call) && call.expression === callee && call.arguments[index]) {
			const argument = skipOuterExpressions(call.arguments[index]);
			const named = ts.isBinaryExpression(argument) && argument.operatorToken.kind === ts.SyntaxKind.BarBarToken ? skipOuterExpressions(argument.left) : argument;
			if (ts.isIdentifier(named)) {
				return named.text;
			}
			if (ts.isPropertyAccessExpression(named)) {
				return named.name.text;
			}
		}
	}
	return container.text;
}

/** `A.B = 1;` as a statement of its own (or one of a comma list of them), not `x = A.B = 1` or a condition. */
export function isStatementLevel(node: ts.Node): boolean {
	let current = node;
	while (ts.isBinaryExpression(current.parent) && current.parent.operatorToken.kind === ts.SyntaxKind.CommaToken) {
		current = current.parent;
	}
	return ts.isExpressionStatement(current.parent);
}

/** `Object.freeze({ … })` is how JavaScript code writes a constant object (an enum without TypeScript). */
export function unwrapFreeze(node: ts.Expression): ts.Expression {
	if (ts.isCallExpression(node) && node.arguments.length === 1 && ts.isPropertyAccessExpression(node.expression) &&
		isIdentifierNamed(node.expression.expression, 'Object') && node.expression.name.text === 'freeze') {
		return skipOuterExpressions(node.arguments[0]);
	}
	return node;
}

/** `1000` as a type (`declare const NORMAL: 1000`, `readonly NORMAL: 1000`): a declaration file's constant. */
export function literalTypeValue(type: ts.TypeNode | undefined): { literals: ts.NumericLiteral[]; isList: boolean } | undefined {
	return type && ts.isLiteralTypeNode(type) && ts.isNumericLiteral(type.literal) ? { literals: [type.literal], isList: false } : undefined;
}

/** The name a type literal or interface describes: `declare const CloseCodes: {…}`, `interface CloseCodes {…}`, `type X = {…}`. */
export function typeOwnerName(owner: ts.Node): string | undefined {
	if (ts.isInterfaceDeclaration(owner)) {
		return owner.name.text;
	}
	if (!ts.isTypeLiteralNode(owner)) {
		return undefined;
	}
	const parent = owner.parent;
	if ((ts.isVariableDeclaration(parent) || ts.isTypeAliasDeclaration(parent) || ts.isPropertySignature(parent) || ts.isPropertyDeclaration(parent)) &&
		ts.isIdentifier(parent.name)) {
		return parent.name.text;
	}
	return undefined;
}

/** The numeric literal(s) an initializer consists of: `1001`, `[1000, 1001]`, `new Set([1001])`. */
export function numericValues(initializer: ts.Expression): { literals: ts.NumericLiteral[]; isList: boolean } | undefined {
	const node = skipOuterExpressions(initializer);
	if (ts.isNumericLiteral(node)) {
		return { literals: [node], isList: false };
	}
	let list: ts.Expression | undefined = node;
	if (ts.isNewExpression(node) && isIdentifierNamed(node.expression, 'Set') && node.arguments?.length === 1) {
		list = skipOuterExpressions(node.arguments[0]);
	}
	if (list && ts.isArrayLiteralExpression(list) && list.elements.length > 0) {
		const literals = list.elements.map(skipOuterExpressions);
		if (literals.every(ts.isNumericLiteral)) {
			return { literals: literals as ts.NumericLiteral[], isList: true };
		}
	}
	return undefined;
}
