import ts from 'typescript';
import { skipOuterExpressions } from '../ast';
import { unwrapFreeze } from './declarations';

/**
 * What a file imports and exports, read from its top-level statements only (imports and exports live there, so this
 * costs a few statements, not a walk). The workspace index links these across files; recognition never looks past
 * its own file, it only receives what the index found.
 */

/** A local name bound to something another module exports. */
export interface ImportBinding {
	/** The name in this file. */
	readonly local: string;
	/** The specifier as written (`./codes`, `../protocol`). */
	readonly specifier: string;
	/** The exported name, `default`, or `*` for the whole module (`import * as`, `require()`). */
	readonly imported: string;
}

/** A name this module exports: bound to a local name, or passed on from another module. */
export interface ExportBinding {
	/** The exported name, `default`, or `*` for CommonJS's whole `module.exports` (what `require()` returns). */
	readonly name: string;
	/** The local name (a variable, enum, class, function, or `exports` for `exports.X = …` members). */
	readonly local?: string;
	/** Re-exports: the specifier and the name imported from it (`*` for `export * as N from`). */
	readonly from?: string;
	readonly imported?: string;
}

export interface ModuleShape {
	readonly imports: readonly ImportBinding[];
	readonly exports: readonly ExportBinding[];
	/** `export * from '…'`: every name of those modules is exported too. */
	readonly starExports: readonly string[];
}

export const noShape: ModuleShape = Object.freeze({ imports: [], exports: [], starExports: [] });

/** Reads the shape of a module from its top-level statements (ES modules and CommonJS). */
export function moduleShapeOf(sourceFile: ts.SourceFile): ModuleShape {
	const imports: ImportBinding[] = [];
	const exports: ExportBinding[] = [];
	const starExports: string[] = [];
	for (const statement of sourceFile.statements) {
		if (ts.isImportDeclaration(statement) && ts.isStringLiteral(statement.moduleSpecifier)) {
			importsOf(statement, imports);
		} else if (ts.isExportDeclaration(statement)) {
			reExportsOf(statement, exports, starExports);
		} else if (ts.isExportAssignment(statement)) {
			// export default X / export = X
			const value = skipOuterExpressions(statement.expression);
			if (ts.isIdentifier(value)) {
				exports.push({ name: 'default', local: value.text });
				if (statement.isExportEquals) {
					exports.push({ name: '*', local: value.text });
				}
			} else if (ts.isObjectLiteralExpression(unwrapFreeze(value))) {
				// `export default { KICKED: 4000 }`: its members are declarations of the container `default`.
				exports.push({ name: 'default', local: 'default' });
				if (statement.isExportEquals) {
					exports.push({ name: '*', local: 'default' });
				}
			}
		} else if (ts.isVariableStatement(statement)) {
			const exported = hasExportModifier(statement);
			for (const declaration of statement.declarationList.declarations) {
				if (exported && ts.isIdentifier(declaration.name)) {
					exports.push({ name: declaration.name.text, local: declaration.name.text });
				}
				if (declaration.initializer) {
					requireBindings(declaration.name, declaration.initializer, imports);
				}
			}
		} else if ((ts.isFunctionDeclaration(statement) || ts.isClassDeclaration(statement) || ts.isEnumDeclaration(statement) ||
			ts.isTypeAliasDeclaration(statement)) && statement.name && hasExportModifier(statement)) {
			// (A type alias can name a group's values: `export type ErrorCode = (typeof Errors)[keyof typeof Errors]`.)
			const isDefault = statement.modifiers?.some((modifier) => modifier.kind === ts.SyntaxKind.DefaultKeyword);
			exports.push({ name: isDefault ? 'default' : statement.name.text, local: statement.name.text });
		} else if (ts.isExpressionStatement(statement)) {
			commonJsExports(statement.expression, exports, starExports);
		}
	}
	return { imports, exports, starExports };
}

/**
 * A specifier that names a module of the workspace: a relative one (`./codes`) or a project's path alias
 * (`@/protocol/codes`, `~/codes`, `#/codes`), as the workspace index resolves them (`../../workspace/moduleResolution`).
 */
export function isWorkspaceSpecifier(specifier: string): boolean {
	return /^(?:\.\.?(?:\/|$)|(?:@@?|~~?|#)\/)/.test(specifier);
}

function hasExportModifier(node: ts.Node): boolean {
	return ts.canHaveModifiers(node) && (ts.getModifiers(node)?.some((modifier) => modifier.kind === ts.SyntaxKind.ExportKeyword) ?? false);
}

function importsOf(statement: ts.ImportDeclaration, into: ImportBinding[]): void {
	const specifier = (statement.moduleSpecifier as ts.StringLiteral).text;
	const clause = statement.importClause;
	if (!clause) {
		return;
	}
	if (clause.name) {
		into.push({ local: clause.name.text, specifier, imported: 'default' });
	}
	const bindings = clause.namedBindings;
	if (bindings && ts.isNamespaceImport(bindings)) {
		into.push({ local: bindings.name.text, specifier, imported: '*' });
	} else if (bindings) {
		for (const element of bindings.elements) {
			into.push({ local: element.name.text, specifier, imported: moduleExportName(element.propertyName ?? element.name) });
		}
	}
}

function reExportsOf(statement: ts.ExportDeclaration, exports: ExportBinding[], starExports: string[]): void {
	const from = statement.moduleSpecifier && ts.isStringLiteral(statement.moduleSpecifier) ? statement.moduleSpecifier.text : undefined;
	const clause = statement.exportClause;
	if (!clause) {
		if (from !== undefined) {
			starExports.push(from);
		}
		return;
	}
	if (ts.isNamespaceExport(clause)) {
		if (from !== undefined) {
			exports.push({ name: moduleExportName(clause.name), from, imported: '*' });
		}
		return;
	}
	for (const element of clause.elements) {
		const name = moduleExportName(element.name);
		const source = moduleExportName(element.propertyName ?? element.name);
		exports.push(from === undefined ? { name, local: source } : { name, from, imported: source });
	}
}

function moduleExportName(name: ts.ModuleExportName): string {
	return name.text;
}

/** `const X = require('./x')`, `const { A, B: C } = require('./x')`, `const A = require('./x').A`. */
function requireBindings(name: ts.BindingName, initializer: ts.Expression, into: ImportBinding[]): void {
	let value = skipOuterExpressions(initializer);
	let member: string | undefined;
	if (ts.isPropertyAccessExpression(value)) {
		member = value.name.text;
		value = skipOuterExpressions(value.expression);
	}
	const specifier = requiredSpecifier(value);
	if (specifier === undefined) {
		return;
	}
	if (ts.isIdentifier(name)) {
		into.push({ local: name.text, specifier, imported: member ?? '*' });
	} else if (ts.isObjectBindingPattern(name) && member === undefined) {
		for (const element of name.elements) {
			const imported = element.propertyName ? propertyText(element.propertyName) : ts.isIdentifier(element.name) ? element.name.text : undefined;
			if (ts.isIdentifier(element.name) && imported !== undefined && !element.dotDotDotToken) {
				into.push({ local: element.name.text, specifier, imported });
			}
		}
	}
}

function requiredSpecifier(node: ts.Expression): string | undefined {
	return ts.isCallExpression(node) && ts.isIdentifier(node.expression) && node.expression.text === 'require' && node.arguments.length === 1 &&
		ts.isStringLiteralLike(node.arguments[0]) ? node.arguments[0].text : undefined;
}

function propertyText(name: ts.PropertyName): string | undefined {
	return ts.isIdentifier(name) || ts.isStringLiteralLike(name) || ts.isNumericLiteral(name) ? name.text : undefined;
}

/**
 * `module.exports = X` / `module.exports = { A, B: C }` / `exports.A = B` / `module.exports.A = B`. Members assigned
 * a value in place (`exports.GOING_AWAY = 1001`, `module.exports = { Kicked: 4002 }`) are declarations of the
 * container `exports` in the recognition's naming, so `*` maps to the local name `exports`.
 */
function commonJsExports(expression: ts.Expression, exports: ExportBinding[], starExports: string[]): void {
	if (!ts.isBinaryExpression(expression) || expression.operatorToken.kind !== ts.SyntaxKind.EqualsToken) {
		return;
	}
	const target = skipOuterExpressions(expression.left);
	const value = skipOuterExpressions(expression.right);
	if (isModuleExports(target)) {
		if (ts.isIdentifier(value)) {
			exports.push({ name: '*', local: value.text }, { name: 'default', local: value.text });
		} else if (ts.isObjectLiteralExpression(unwrapFreeze(value))) {
			// What `import X from './cjs'` binds too.
			exports.push({ name: '*', local: 'exports' }, { name: 'default', local: 'exports' });
			for (const property of (unwrapFreeze(value) as ts.ObjectLiteralExpression).properties) {
				if (ts.isShorthandPropertyAssignment(property)) {
					exports.push({ name: property.name.text, local: property.name.text });
				} else if (ts.isPropertyAssignment(property) && ts.isIdentifier(skipOuterExpressions(property.initializer))) {
					const name = propertyText(property.name);
					if (name !== undefined) {
						exports.push({ name, local: (skipOuterExpressions(property.initializer) as ts.Identifier).text });
					}
				} else if (ts.isPropertyAssignment(property) && requiredSpecifier(skipOuterExpressions(property.initializer)) !== undefined) {
					// A CommonJS barrel: `module.exports = { closeCodes: require('./close') }`.
					const name = propertyText(property.name);
					if (name !== undefined) {
						exports.push({ name, from: requiredSpecifier(skipOuterExpressions(property.initializer)), imported: '*' });
					}
				}
			}
		} else if (requiredSpecifier(value) !== undefined) {
			// `module.exports = require('./codes')`: every name of that module.
			exports.push({ name: 'default', from: requiredSpecifier(value), imported: 'default' });
			starExports.push(requiredSpecifier(value)!);
		}
		return;
	}
	// exports.A = B, module.exports.A = B
	if (ts.isPropertyAccessExpression(target) && (isIdentifierText(target.expression, 'exports') || isModuleExports(target.expression))) {
		if (ts.isIdentifier(value)) {
			exports.push({ name: target.name.text, local: value.text });
		} else if (requiredSpecifier(value) !== undefined) {
			exports.push({ name: target.name.text, from: requiredSpecifier(value), imported: '*' });
		} else if (!exports.some((each) => each.name === '*')) {
			exports.push({ name: '*', local: 'exports' });
		}
	}
}

function isModuleExports(node: ts.Expression): boolean {
	return ts.isPropertyAccessExpression(node) && isIdentifierText(node.expression, 'module') && node.name.text === 'exports';
}

function isIdentifierText(node: ts.Node, text: string): boolean {
	return ts.isIdentifier(node) && node.text === text;
}
