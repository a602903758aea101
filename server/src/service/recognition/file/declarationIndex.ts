import ts from 'typescript';
import { contains, propertyNameText, skipOuterExpressions } from '../ast';
import type { FileBindings } from './bindings';
import { compiledEnumName, objectOwner, type Declaration, isStatementLevel, literalTypeValue, typeOwnerName, numericValues } from './declarations';
import { enclosingFunction, scopeOf } from './scopes';

/**
 * The file's declarations with numeric values, collected by the walk (see `collect.ts`), and how an expression
 * resolves to one: `GOING_AWAY`, `CloseCode.GoingAway`, `this.ERRORS.protocol_error`.
 */
export class DeclarationIndex {
	readonly #declarations = new Map<string, Declaration[]>();
	/** Members of objects and classes by member name, for `this.NAME` (`this.ERRORS.protocol_error`, `this.MAX_CODE`). */
	readonly #members = new Map<string, Declaration[]>();
	/** Other names a container is exported or assigned under: `exports.CloseCode = i` gives `i` the name `CloseCode`. */
	readonly #aliases = new Map<string, Set<string>>();
	/** Whether each object literal with numeric members has only numeric members. */
	readonly #numericObjects = new Map<ts.ObjectLiteralExpression, boolean>();
	/** The bindings of targets of `x = …`, `x += …`, `x++` (known once the walk is done): not constants. */
	readonly #reassigned = new Set<ts.Identifier>();

	constructor(readonly sourceFile: ts.SourceFile) {}

	#addDeclaration(declaration: Declaration): void {
		const list = this.#declarations.get(declaration.key);
		if (list) {
			list.push(declaration);
		} else {
			this.#declarations.set(declaration.key, [declaration]);
		}
		if (declaration.form === 'member' || declaration.form === 'field' || declaration.form === 'static') {
			const members = this.#members.get(declaration.name);
			if (members) {
				members.push(declaration);
			} else {
				this.#members.set(declaration.name, [declaration]);
			}
		}
	}

	collect(node: ts.Node): void {
		// const GOING_AWAY = 1001; let codes = [1000, 1001]; declare const GOING_AWAY: 1001
		if (ts.isVariableDeclaration(node) && ts.isIdentifier(node.name) && (node.initializer || node.type)) {
			const value = node.initializer ? numericValues(node.initializer) : literalTypeValue(node.type);
			if (value) {
				const name = node.name.text;
				this.#addDeclaration({
					key: name, name, container: undefined, literals: value.literals, isList: value.isList, scope: scopeOf(node), form: 'variable',
					declaredBy: node.name,
				});
			}
			return;
		}
		// Members of named objects, at any depth: const CloseCode = Object.freeze({ Normal: 1000 }); { ERRORS: { going_away: 1001 } }
		if (ts.isPropertyAssignment(node)) {
			const name = propertyNameText(node.name);
			const value = numericValues(node.initializer);
			const object = node.parent;
			const owner = value && name !== undefined ? objectOwner(object) : undefined;
			if (owner && value && name !== undefined) {
				this.#addDeclaration({
					key: `${owner.name}.${name}`, name, container: owner.name, literals: value.literals, isList: value.isList, scope: owner.scope,
					form: 'member', group: object, groupIsNumeric: this.#isNumericObject(object),
				});
			}
			return;
		}
		// class Codes { static NORMAL = 1000; closeCode = 1000 }, and in declarations `static readonly NORMAL: 1000`
		if (ts.isPropertyDeclaration(node) && (node.initializer || node.type) && ts.isClassLike(node.parent) && node.parent.name) {
			const name = propertyNameText(node.name);
			const value = node.initializer ? numericValues(node.initializer) : literalTypeValue(node.type);
			if (name !== undefined && value) {
				const container = node.parent.name.text;
				this.#addDeclaration({ key: `${container}.${name}`, name, container, literals: value.literals, isList: value.isList, scope: scopeOf(node.parent), form: 'field', group: node.parent });
			}
			return;
		}
		// Constant objects as declaration files describe them: `declare const CLOSE_CODES: { readonly NORMAL: 1000 }`,
		// `interface CloseCodes { NORMAL: 1000 }`.
		if (ts.isPropertySignature(node) && node.type) {
			const name = propertyNameText(node.name);
			const value = literalTypeValue(node.type);
			const owner = value && name !== undefined ? typeOwnerName(node.parent) : undefined;
			if (owner && value && name !== undefined) {
				this.#addDeclaration({
					key: `${owner}.${name}`, name, container: owner, literals: value.literals, isList: false, scope: this.sourceFile,
					form: 'member', group: node.parent, groupIsNumeric: true,
				});
			}
			return;
		}
		// enum CloseCode { GoingAway = 1001 } (also `declare enum` and `const enum`)
		if (ts.isEnumMember(node) && node.initializer) {
			const name = propertyNameText(node.name);
			const value = numericValues(node.initializer);
			if (name !== undefined && value && !value.isList) {
				const container = node.parent.name.text;
				this.#addDeclaration({ key: `${container}.${name}`, name, container, literals: value.literals, isList: false, scope: scopeOf(node.parent), form: 'enum', group: node.parent });
			}
			return;
		}
		if (!ts.isBinaryExpression(node) || node.operatorToken.kind !== ts.SyntaxKind.EqualsToken) {
			return;
		}
		const target = skipOuterExpressions(node.left);
		const right = skipOuterExpressions(node.right);
		// exports.CloseCode = i: the container `i` is known as CloseCode elsewhere.
		if (ts.isPropertyAccessExpression(target) && ts.isIdentifier(right)) {
			const aliases = this.#aliases.get(right.text) ?? new Set<string>();
			aliases.add(target.name.text);
			this.#aliases.set(right.text, aliases);
			return;
		}
		if (!ts.isNumericLiteral(right)) {
			return;
		}
		// Compiled enums: E[E["GoingAway"] = 1001] = "GoingAway" (tsc), E2[E2["GoingAway"] = 1001] (esbuild),
		// e[e.GoingAway=1001]="GoingAway" (minified).
		const compiledMember = ts.isElementAccessExpression(target) && ts.isIdentifier(target.expression) && ts.isStringLiteral(target.argumentExpression)
			? { container: target.expression, name: target.argumentExpression.text }
			: ts.isPropertyAccessExpression(target) && ts.isIdentifier(target.expression) && ts.isElementAccessExpression(node.parent) &&
				node.parent.argumentExpression === node ? { container: target.expression, name: target.name.text } : undefined;
		if (compiledMember) {
			const enumFunction = enclosingFunction(node);
			const container = compiledEnumName(compiledMember.container, enumFunction);
			this.#addDeclaration({
				key: `${container}.${compiledMember.name}`, name: compiledMember.name, container, literals: [right], isList: false,
				scope: scopeOf(enumFunction ?? node), form: 'enum', group: enumFunction ?? node.getSourceFile(),
			});
			return;
		}
		// Static members written as assignments: WebSocketConnection.CLOSE_REASON_NORMAL = 1000;
		if (ts.isPropertyAccessExpression(target) && ts.isIdentifier(target.expression) && isStatementLevel(node)) {
			const container = target.expression.text;
			this.#addDeclaration({ key: `${container}.${target.name.text}`, name: target.name.text, container, literals: [right], isList: false, scope: scopeOf(node), form: 'static' });
		}
	}

	#isNumericObject(object: ts.ObjectLiteralExpression): boolean {
		let numeric = this.#numericObjects.get(object);
		if (numeric === undefined) {
			numeric = object.properties.every((property) => ts.isPropertyAssignment(property) && numericValues(property.initializer) !== undefined);
			this.#numericObjects.set(object, numeric);
		}
		return numeric;
	}

	/** Once the walk is done: the variables assigned again (`x = …`, `x += …`, `x++`) are not constants. */
	markReassigned(targets: readonly ts.Identifier[], bindings: FileBindings): void {
		for (const target of targets) {
			const binding = bindings.bindingOf(target);
			if (binding) {
				this.#reassigned.add(binding);
			}
		}
	}

	/** All declarations, for the rules that decide from names alone. */
	*declarations(): Iterable<Declaration> {
		for (const list of this.#declarations.values()) {
			for (const declaration of list) {
				if (this.#isConstant(declaration)) {
					yield declaration;
				}
			}
		}
	}

	/** A variable assigned again (`let code = 1005; … code = 1006`) holds more than its initial value. */
	#isConstant(declaration: Declaration): boolean {
		return declaration.declaredBy === undefined || !this.#reassigned.has(declaration.declaredBy);
	}

	/** The names a container goes by: its own and those it is exported under (`exports.CloseCode = i`). */
	containerNames(container: string): readonly string[] {
		const aliases = this.#aliases.get(container);
		return aliases ? [container, ...aliases] : [container];
	}

	/**
	 * The declaration an expression refers to: `GOING_AWAY`, `CloseCode.GoingAway`, `codes.GOING_AWAY`,
	 * `this.ERRORS.protocol_error`, `this.MAX_RESERVED_ERROR`.
	 * Shadowing is handled the simple way: the innermost declaring scope that contains the reference wins.
	 */
	resolve(expression: ts.Expression): Declaration | undefined {
		const node = skipOuterExpressions(expression);
		let key: string | undefined;
		let member: string | undefined;
		if (ts.isIdentifier(node)) {
			key = node.text;
		} else if (ts.isPropertyAccessExpression(node) || (ts.isElementAccessExpression(node) && ts.isStringLiteral(node.argumentExpression))) {
			const name = ts.isPropertyAccessExpression(node) ? node.name.text : (node.argumentExpression as ts.StringLiteral).text;
			const object = skipOuterExpressions(node.expression);
			if (ts.isIdentifier(object)) {
				key = `${object.text}.${name}`;
			} else if (ts.isPropertyAccessExpression(object)) {
				key = `${object.name.text}.${name}`;
			} else if (object.kind === ts.SyntaxKind.ThisKeyword) {
				member = name;
			}
		}
		if (member !== undefined) {
			// this.NAME: a member of the object or class the method belongs to; only when the file has one such member.
			const members = this.#members.get(member);
			return members?.length === 1 ? members[0] : undefined;
		}
		const candidates = key === undefined ? undefined : this.#declarations.get(key);
		if (!candidates) {
			return undefined;
		}
		let best: Declaration | undefined;
		for (const candidate of candidates) {
			if (!this.#isConstant(candidate)) {
				continue;
			}
			if (contains(candidate.scope, node) && (!best || contains(best.scope, candidate.scope))) {
				best = candidate;
			}
		}
		// Members reached through a chain (`this.ERRORS.going_away`) are visible wherever their object is.
		if (!best && candidates.length === 1 && candidates[0].form !== 'variable' && !ts.isIdentifier(node)) {
			best = candidates[0];
		}
		return best;
	}
}
