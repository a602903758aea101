import ts from 'typescript';
import { calleeName, climb, isIdentifierNamed, outermost, propertyNameText, skipOuterExpressions } from '../ast';
import type { FileContext } from '../fileContext';
import type { Declaration } from '../file/declarations';
import type { CheckedParameter, ImportUse, ModuleDeclaration, SendParameter } from '../crossModule';
import { isWorkspaceSpecifier, type ModuleShape } from '../file/moduleShape';
import type { Evidence } from '../types';
import { literalValue } from './literals';

/**
 * What a file tells the other modules of the workspace and what it asks of them (see `../crossModule.ts`): its
 * exported declarations and code tables, the parameters of its exported functions that end up in `close()`, the
 * imported names it reads, and the tables it looks up by a received code.
 */

/**
 * A table keyed by codes: an object literal (`{ 4100: 'Kicked' }`), in declaration files its type (`{ 4100: string }`),
 * or a `Map` built from entries (`new Map([[4100, 'Kicked'], …])`).
 */
export type KeyTable = ts.ObjectLiteralExpression | ts.TypeLiteralNode | ts.NewExpression;

/** `T.get(key)`, `T.has(key)` on a `Map`: the lookups a `Map` table is read with. */
export function isMapLookup(node: ts.Node): node is ts.CallExpression & { readonly expression: ts.PropertyAccessExpression } {
	return ts.isCallExpression(node) && node.arguments.length === 1 && ts.isPropertyAccessExpression(node.expression) &&
		(node.expression.name.text === 'get' || node.expression.name.text === 'has');
}

/** `Object.values(CloseCode).includes(code)`: the group whose values are tested, or undefined. */
export function valuesIncludesGroup(node: ts.Node): ts.Expression | undefined {
	if (!ts.isCallExpression(node) || node.arguments.length !== 1 || !ts.isPropertyAccessExpression(node.expression) || node.expression.name.text !== 'includes') {
		return undefined;
	}
	const values = skipOuterExpressions(node.expression.expression);
	return ts.isCallExpression(values) && values.arguments.length === 1 && ts.isPropertyAccessExpression(values.expression) &&
		values.expression.name.text === 'values' && isIdentifierNamed(values.expression.expression, 'Object') ? values.arguments[0] : undefined;
}

/**
 * `CLOSE_ERRORS[event.code]`, `messages[code]`, `code in REASONS`, `constants.REASONS[code]` where the key holds a close
 * code: the table (declared in this file, or imported) is keyed by close codes.
 */
export function lookupByCloseCode(lookup: ts.ElementAccessExpression | ts.BinaryExpression | ts.CallExpression, context: FileContext):
	{ readonly evidence: Evidence; readonly table?: KeyTable; readonly group?: ts.Node; readonly imported?: { readonly local: string; readonly members: string[] } } | undefined {
	const valuesOf = valuesIncludesGroup(lookup);
	const [tableExpression, key] = ts.isElementAccessExpression(lookup) ? [lookup.expression, lookup.argumentExpression]
		: ts.isCallExpression(lookup) ? isMapLookup(lookup) ? [lookup.expression.expression, lookup.arguments[0]] : valuesOf ? [valuesOf, lookup.arguments[0]] : [undefined, undefined]
		: [lookup.right, lookup.left];
	if (!tableExpression || !key) {
		return undefined;
	}
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
		// The values of another module's group are not followed across modules (yet); its keys are (a table).
		return valuesOf ? undefined : { evidence, imported: { local: root.text, members: ts.isPropertyAccessExpression(name) ? [name.name.text] : [] } };
	}
	const declaration = name === root ? context.bindingOf(root)?.parent : undefined;
	// A numeric enum maps its values to names too: `code in CloseCode`, `CloseCode[code]` and
	// `Object.values(CloseCode).includes(code)` all ask whether the code is one of its members. For an object,
	// only the last one reads its values (`[key]` and `in` read its keys: a table).
	if (declaration && (ts.isEnumDeclaration(declaration) || (valuesOf && ts.isVariableDeclaration(declaration)))) {
		const group = ts.isEnumDeclaration(declaration) ? (isMapLookup(lookup) ? undefined : declaration) : objectOf(declaration.initializer);
		return group ? { evidence, group } : undefined;
	}
	if (valuesOf) {
		return undefined;
	}
	const table = declaration && ts.isVariableDeclaration(declaration) ? keyTableOf(declaration) : undefined;
	// A `Map` is read with `get`/`has`, an object with `[key]`/`in`: the other way round it is not this table's lookup.
	return table && ts.isCallExpression(lookup) === ts.isNewExpression(table) ? { evidence, table } : undefined;
}

/** What a use says of a group: its evidence, and the group (this file's) or the imported name that names it. */
export interface GroupUse {
	readonly evidence: Evidence;
	readonly group?: ts.Node;
	readonly imported?: { readonly local: string; readonly members: string[] };
}

/**
 * A received code cast to the type of a group: `event.code as GatewayCloseCode` (an enum), `code as ErrorCode` where
 * `type ErrorCode = (typeof Errors)[keyof typeof Errors]` — the code says the group's values are close codes.
 */
export function castToGroup(cast: ts.AsExpression | ts.TypeAssertion, context: FileContext): GroupUse | undefined {
	const target = groupOfType(cast.type, context);
	const confidence = target && context.holdsCloseCode(cast.expression);
	return confidence && { ...target, evidence: { confidence, role: 'define', rule: 'lookupKey' } };
}

/**
 * A parameter typed as a group that holds a close code: `kick(ws, code: AppCode) { ws.close(code) }`, `(code:
 * GatewayCode) => …` registered as a close listener. The group's values are close codes.
 */
export function parameterOfGroupType(parameter: ts.ParameterDeclaration, context: FileContext): GroupUse | undefined {
	const target = parameter.type && ts.isIdentifier(parameter.name) ? groupOfType(parameter.type, context) : undefined;
	const confidence = target && (context.sendParameterStrength(parameter) ?? context.holdsCloseCode(parameter.name as ts.Identifier));
	return confidence && { ...target, evidence: { confidence, role: 'define', rule: 'lookupKey' } };
}

/** The group a type names: this file's enum or alias of an object's values, or an imported name (its module decides). */
function groupOfType(type: ts.TypeNode, context: FileContext): { readonly group?: ts.Node; readonly imported?: GroupUse['imported'] } | undefined {
	if (!ts.isTypeReferenceNode(type) || !ts.isIdentifier(type.typeName) || type.typeArguments) {
		return undefined;
	}
	const name = type.typeName;
	const group = typeGroups(context.sourceFile).get(name.text);
	return group ? { group } : workspaceImports(context.sourceFile).has(name.text) && context.isImported(name)
		? { imported: { local: name.text, members: [] } } : undefined;
}

const workspaceImportsOf = new WeakMap<ts.SourceFile, Set<string>>();

/**
 * The names a file imports from modules of the workspace (`./codes`, `@/protocol/codes`). A package's types (`Request`
 * of `express`) are no group of the project's: the data flow is not asked about every parameter they type.
 */
function workspaceImports(sourceFile: ts.SourceFile): Set<string> {
	let names = workspaceImportsOf.get(sourceFile);
	if (!names) {
		names = new Set();
		workspaceImportsOf.set(sourceFile, names);
		for (const statement of sourceFile.statements) {
			const clause = ts.isImportDeclaration(statement) && ts.isStringLiteral(statement.moduleSpecifier) &&
				isWorkspaceSpecifier(statement.moduleSpecifier.text) ? statement.importClause : undefined;
			const bindings = clause?.namedBindings;
			for (const local of [clause?.name, ...(bindings && ts.isNamedImports(bindings) ? bindings.elements.map((element) => element.name) : [])]) {
				if (local) {
					names.add(local.text);
				}
			}
		}
	}
	return names;
}

const typeGroupsOf = new WeakMap<ts.SourceFile, Map<string, ts.EnumDeclaration | ts.ObjectLiteralExpression>>();

/**
 * The file's top-level types that stand for the values of a group: an enum (`enum CloseCode { … }`) and an alias of
 * an object's values (`type ErrorCode = (typeof Errors)[keyof typeof Errors]`), by name, with the group they read.
 */
export function typeGroups(sourceFile: ts.SourceFile): Map<string, ts.EnumDeclaration | ts.ObjectLiteralExpression> {
	const known = typeGroupsOf.get(sourceFile);
	if (known) {
		return known;
	}
	const groups = new Map<string, ts.EnumDeclaration | ts.ObjectLiteralExpression>();
	typeGroupsOf.set(sourceFile, groups);
	const objects = new Map<string, ts.ObjectLiteralExpression>();
	for (const statement of sourceFile.statements) {
		if (ts.isEnumDeclaration(statement)) {
			groups.set(statement.name.text, statement);
		} else if (ts.isVariableStatement(statement)) {
			for (const declaration of statement.declarationList.declarations) {
				const object = ts.isIdentifier(declaration.name) ? objectOf(declaration.initializer) : undefined;
				if (object) {
					objects.set((declaration.name as ts.Identifier).text, object);
				}
			}
		}
	}
	for (const statement of sourceFile.statements) {
		const values = ts.isTypeAliasDeclaration(statement) && !statement.typeParameters ? valuesOfTypeof(statement.type) : undefined;
		const object = values && objects.get(values);
		if (object) {
			groups.set((statement as ts.TypeAliasDeclaration).name.text, object);
		}
	}
	return groups;
}

/** `(typeof Errors)[keyof typeof Errors]`: the name whose values the type is, or undefined. */
function valuesOfTypeof(type: ts.TypeNode): string | undefined {
	const unwrap = (node: ts.TypeNode): ts.TypeNode => ts.isParenthesizedTypeNode(node) ? unwrap(node.type) : node;
	const access = unwrap(type);
	if (!ts.isIndexedAccessTypeNode(access)) {
		return undefined;
	}
	const object = unwrap(access.objectType);
	const index = unwrap(access.indexType);
	if (!ts.isTypeQueryNode(object) || !ts.isIdentifier(object.exprName) || !ts.isTypeOperatorNode(index) || index.operator !== ts.SyntaxKind.KeyOfKeyword) {
		return undefined;
	}
	const keys = unwrap(index.type);
	return ts.isTypeQueryNode(keys) && ts.isIdentifier(keys.exprName) && keys.exprName.text === object.exprName.text ? object.exprName.text : undefined;
}

/** The object literal a variable holds, also frozen or cast: `Object.freeze({ Normal: 1000 }) as const`. */
function objectOf(initializer: ts.Expression | undefined): ts.ObjectLiteralExpression | undefined {
	let value = initializer && skipOuterExpressions(initializer);
	if (value && ts.isCallExpression(value) && value.arguments.length === 1 && calleeName(value.expression) === 'freeze') {
		value = skipOuterExpressions(value.arguments[0]);
	}
	return value && ts.isObjectLiteralExpression(value) ? value : undefined;
}

/**
 * The table of this file a lookup with a literal key reads: `reasons[4002]`, `MESSAGES.get(4001)` — to be judged once
 * the file's lookups by received codes are known (the key is one of its codes when the table is one of close codes).
 */
export function literalKeyTable(literal: ts.NumericLiteral, context: FileContext): KeyTable | undefined {
	const lookup = climb(literal).parent;
	const tableExpression = ts.isElementAccessExpression(lookup) && lookup.argumentExpression === climb(literal) ? lookup.expression
		: isMapLookup(lookup) && lookup.arguments[0] === climb(literal) ? lookup.expression.expression : undefined;
	const name = tableExpression && skipOuterExpressions(tableExpression);
	const declaration = name && ts.isIdentifier(name) && !context.isImported(name) ? context.bindingOf(name)?.parent : undefined;
	const table = declaration && ts.isVariableDeclaration(declaration) ? keyTableOf(declaration) : undefined;
	return table && ts.isCallExpression(lookup) === ts.isNewExpression(table) ? table : undefined;
}

/**
 * The code-keyed table a variable declares: its value (`{ 4100: 'Kicked' }`, also frozen or cast) or, in a declaration
 * file, its type (`declare const REASONS: Readonly<{ 4100: string }>`).
 */
export function keyTableOf(declaration: ts.VariableDeclaration): KeyTable | undefined {
	return declaration.initializer ? keyTableOfValue(declaration.initializer) : declaration.type ? keyTableOfType(declaration.type) : undefined;
}

/** The code-keyed table a value is: `{ 4100: 'Kicked' }` (also frozen or cast), `new Map([[4100, 'Kicked']])`. */
function keyTableOfValue(value: ts.Expression): KeyTable | undefined {
	let table = skipOuterExpressions(value);
	if (ts.isCallExpression(table) && table.arguments.length === 1 && /^Object\.freeze$/.test(table.expression.getText())) {
		table = skipOuterExpressions(table.arguments[0]);
	}
	if (ts.isNewExpression(table)) {
		return isMapOfEntries(table) && (tableKeys(table).length > 0 || tableKeyReferences(table).length > 0) ? table : undefined;
	}
	return isTable(table) ? table : undefined;
}

/** The same table written as a declaration file's type: `declare const REASONS: Readonly<{ 4100: string }>`. */
function keyTableOfType(type: ts.TypeNode): KeyTable | undefined {
	const table = ts.isTypeReferenceNode(type) && type.typeArguments?.length === 1 && /^Readonly$/.test(type.typeName.getText()) ? type.typeArguments[0] : type;
	return isTable(table) ? table : undefined;
}

function isTable(table: ts.Node): table is ts.ObjectLiteralExpression | ts.TypeLiteralNode {
	return (ts.isObjectLiteralExpression(table) || ts.isTypeLiteralNode(table)) && (tableKeys(table).length > 0 || tableKeyReferences(table).length > 0);
}

export function tableKeys(table: KeyTable): ts.NumericLiteral[] {
	if (ts.isNewExpression(table)) {
		const entries = table.arguments?.[0] && skipOuterExpressions(table.arguments[0]);
		return entries && ts.isArrayLiteralExpression(entries) ? entries.elements.flatMap((entry) => {
			const key = ts.isArrayLiteralExpression(entry) && entry.elements.length === 2 ? skipOuterExpressions(entry.elements[0]) : undefined;
			return key && ts.isNumericLiteral(key) ? [key] : [];
		}) : [];
	}
	const members: readonly ts.Node[] = ts.isObjectLiteralExpression(table) ? table.properties : table.members;
	return members.flatMap((member) => (ts.isPropertyAssignment(member) || ts.isPropertySignature(member)) && ts.isNumericLiteral(member.name) ? [member.name] : []);
}

/**
 * Keys written as names of constants: `{ [StreamingErrorType.AuthFailed]: 'Not Authorized' }`,
 * `new Map([[Codes.Kicked, 'Kicked']])`. When the table is looked up by a close code, those constants are close codes.
 */
export function tableKeyReferences(table: KeyTable): (ts.Identifier | ts.PropertyAccessExpression)[] {
	const keys: ts.Expression[] = [];
	if (ts.isNewExpression(table)) {
		const entries = table.arguments?.[0] && skipOuterExpressions(table.arguments[0]);
		for (const entry of entries && ts.isArrayLiteralExpression(entries) ? entries.elements : []) {
			if (ts.isArrayLiteralExpression(entry) && entry.elements.length === 2) {
				keys.push(skipOuterExpressions(entry.elements[0]));
			}
		}
	} else if (ts.isObjectLiteralExpression(table)) {
		for (const member of table.properties) {
			if (ts.isPropertyAssignment(member) && ts.isComputedPropertyName(member.name)) {
				keys.push(skipOuterExpressions(member.name.expression));
			}
		}
	}
	return keys.filter((key) => ts.isIdentifier(key) || ts.isPropertyAccessExpression(key));
}

/** `new Map([[4100, 'Kicked'], …])`: a `Map` built from a literal list of entries. */
function isMapOfEntries(node: ts.NewExpression): boolean {
	const entries = node.arguments?.length === 1 ? skipOuterExpressions(node.arguments[0]) : undefined;
	return ts.isIdentifier(node.expression) && node.expression.text === 'Map' && entries !== undefined && ts.isArrayLiteralExpression(entries) &&
		entries.elements.every((entry) => ts.isArrayLiteralExpression(entry) && entry.elements.length === 2);
}

/**
 * The code-keyed tables this file exports, by the name other modules reach them under: `export const CLOSE_ERRORS = {
 * 4100: … }`, `export default { … }` (`default`), and CommonJS's `exports.MESSAGES = { … }` and `module.exports = {
 * MESSAGES: { … } }` (`exports.MESSAGES`: a member of the whole module, as the workspace index names it).
 */
export function exportedTables(shape: ModuleShape, sourceFile: ts.SourceFile): Map<string, KeyTable> {
	const tables = new Map<string, KeyTable>();
	const exported = new Set(shape.exports.map((binding) => binding.local));
	const add = (name: string, value: ts.Expression) => {
		const table = keyTableOfValue(value);
		if (table) {
			tables.set(name, table);
		}
	};
	for (const statement of sourceFile.statements) {
		if (ts.isVariableStatement(statement)) {
			for (const declaration of statement.declarationList.declarations) {
				const table = ts.isIdentifier(declaration.name) && exported.has(declaration.name.text) ? keyTableOf(declaration) : undefined;
				if (table) {
					tables.set((declaration.name as ts.Identifier).text, table);
				}
			}
		} else if (ts.isExportAssignment(statement) && !statement.isExportEquals) {
			add('default', statement.expression);
		} else if (ts.isExpressionStatement(statement) && ts.isBinaryExpression(statement.expression) &&
			statement.expression.operatorToken.kind === ts.SyntaxKind.EqualsToken) {
			const target = skipOuterExpressions(statement.expression.left);
			const value = skipOuterExpressions(statement.expression.right);
			if (isWholeModule(target) && ts.isObjectLiteralExpression(value)) {
				for (const property of value.properties) {
					const name = ts.isPropertyAssignment(property) ? propertyNameText(property.name) : undefined;
					if (name !== undefined) {
						add(`exports.${name}`, (property as ts.PropertyAssignment).initializer);
					}
				}
			} else if (ts.isPropertyAccessExpression(target) && (isWholeModule(target.expression) || isIdentifierNamed(target.expression, 'exports'))) {
				add(`exports.${target.name.text}`, value);
			}
		}
	}
	return tables;
}

/** `module.exports`. */
function isWholeModule(node: ts.Expression): boolean {
	return ts.isPropertyAccessExpression(node) && isIdentifierNamed(node.expression, 'module') && node.name.text === 'exports';
}

export function tableDeclarations(tables: ReadonlyMap<string, KeyTable>, lookedUp: ReadonlyMap<KeyTable, Evidence>, sourceFile: ts.SourceFile): ModuleDeclaration[] {
	// A table keyed only by names of constants declares no value of its own: its lookups elsewhere still reach it by name.
	return [...tables].filter(([, table]) => tableKeys(table).length > 0).map(([name, table]) => {
		const keys = tableKeys(table);
		const start = keys[0].getStart(sourceFile);
		return {
			key: name, values: keys.map(literalValue), isList: false, table: true, start, end: keys[0].getEnd(),
			line: sourceFile.getLineAndCharacterOfPosition(start).line, evidence: lookedUp.get(table),
		};
	});
}

/** `Codes.Kicked`, `P.Codes.Kicked`, `GOING_AWAY` where the first name is an import of this file. */
export function importedReference(node: ts.Identifier | ts.PropertyAccessExpression, context: FileContext):
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
export function exportedDeclarations(shape: ModuleShape, declarations: readonly Declaration[], decided: ReadonlyMap<Declaration, Evidence>,
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

/** The file's exported top-level functions (`export function f`, `export const f = () => …`, `module.exports = { f }`), by local name. */
function exportedFunctions(shape: ModuleShape, context: FileContext): [string, ts.SignatureDeclaration][] {
	const exported = new Set(shape.exports.map((binding) => binding.local).filter((local) => local !== undefined));
	const functions: [string, ts.SignatureDeclaration][] = [];
	if (exported.size === 0) {
		return functions;
	}
	for (const statement of context.sourceFile.statements) {
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
	}
	return functions.filter(([local]) => exported.has(local));
}

/** Parameters of exported functions whose arguments end up in `close()`: their callers elsewhere send close codes. */
export function exportedSendParameters(shape: ModuleShape, context: FileContext): SendParameter[] {
	const found: SendParameter[] = [];
	for (const [local, fn] of exportedFunctions(shape, context)) {
		fn.parameters.forEach((parameter, index) => {
			const confidence = context.sendParameterStrength(parameter);
			if (confidence) {
				found.push({ local, index, confidence });
			}
		});
	}
	return found;
}

/**
 * Parameters of exported functions checked against numbers of the close-code ranges: `code === 4004`, `case 4000:` in a
 * `switch (code)`, `[4004, 4014].includes(code)`. Another module that calls the function with a received code
 * (`isFatal(event.code)`) makes them close codes (see `importedCallArguments`); this list lets that module be found.
 */
export function exportedCheckedParameters(shape: ModuleShape, context: FileContext): CheckedParameter[] {
	const functions = exportedFunctions(shape, context);
	if (functions.length === 0) {
		return [];
	}
	// From the numbers to the parameters, not the other way: one look at each candidate literal instead of a walk
	// over every exported function per parameter.
	const checked = new Set<ts.ParameterDeclaration>();
	for (const node of context.siteNodes) {
		if (ts.isNumericLiteral(node) && isCodeNumber(node)) {
			for (const reference of valuesCheckedAgainst(node)) {
				const binding = context.bindingOf(reference);
				if (binding && ts.isParameter(binding.parent) && binding.parent.name === binding && binding.parent.dotDotDotToken === undefined) {
					checked.add(binding.parent);
				}
			}
		}
	}
	const found: CheckedParameter[] = [];
	for (const [local, fn] of functions) {
		fn.parameters.forEach((parameter, index) => {
			if (checked.has(parameter)) {
				found.push({ local, index });
			}
		});
	}
	return found;
}

function isCodeNumber(node: ts.Node): boolean {
	const value = ts.isNumericLiteral(node) ? literalValue(node) : NaN;
	return value >= 1000 && value <= 4999;
}


/**
 * The names a code number is checked against: `code === 4004` (either side), `case 4000:` of a `switch (code)`,
 * `[4004, 4014].includes(code)` (also `indexOf`, and `has` of `new Set([…])`). A name counts where it stands as the
 * checked value itself or one of its alternatives (`(code ?? 0) === 4004`, as `climb` sees it).
 */
function valuesCheckedAgainst(literal: ts.NumericLiteral): ts.Identifier[] {
	const side = outermost(literal);
	const parent = side.parent;
	if (ts.isBinaryExpression(parent) && comparisonKinds.has(parent.operatorToken.kind)) {
		return alternatives(parent.left === side ? parent.right : parent.left);
	}
	if (ts.isCaseClause(parent) && parent.expression === side && ts.isSwitchStatement(parent.parent.parent)) {
		return alternatives(parent.parent.parent.expression);
	}
	if (ts.isArrayLiteralExpression(parent)) {
		let list: ts.Expression = outermost(parent);
		if (ts.isNewExpression(list.parent) && list.parent.arguments?.length === 1 && list.parent.arguments[0] === list) {
			list = outermost(list.parent);
		}
		const access = list.parent;
		const call = access.parent;
		if (ts.isPropertyAccessExpression(access) && access.expression === list && /^(?:includes|indexOf|has)$/.test(access.name.text) &&
			ts.isCallExpression(call) && call.expression === access && call.arguments.length > 0) {
			return alternatives(call.arguments[0]);
		}
	}
	return [];
}

/** The names that `climb` takes up to `value`: `value` itself, or the branches of `a ?? b`, `a || b`, `c ? a : b`. */
function alternatives(value: ts.Expression): ts.Identifier[] {
	const node = skipOuterExpressions(value);
	if (ts.isIdentifier(node)) {
		return [node];
	}
	if (ts.isConditionalExpression(node)) {
		return [...alternatives(node.whenTrue), ...alternatives(node.whenFalse)];
	}
	if (ts.isBinaryExpression(node) && (node.operatorToken.kind === ts.SyntaxKind.QuestionQuestionToken || node.operatorToken.kind === ts.SyntaxKind.BarBarToken)) {
		return [...alternatives(node.left), ...alternatives(node.right)];
	}
	return [];
}

const comparisonKinds = new Set([
	ts.SyntaxKind.EqualsEqualsEqualsToken, ts.SyntaxKind.ExclamationEqualsEqualsToken, ts.SyntaxKind.EqualsEqualsToken, ts.SyntaxKind.ExclamationEqualsToken,
	ts.SyntaxKind.LessThanToken, ts.SyntaxKind.LessThanEqualsToken, ts.SyntaxKind.GreaterThanToken, ts.SyntaxKind.GreaterThanEqualsToken,
]);

/**
 * Calls of imported functions with a close code as an argument: `isFatal(event.code)`, `utils.describe(code)`. The
 * module that declares the function learns that its parameter there holds a close code (see `receivedArgument`).
 */
export function importedCallArguments(context: FileContext): ImportUse[] {
	const uses: ImportUse[] = [];
	for (const call of context.callsWithArguments()) {
		const callee = skipOuterExpressions(call.expression);
		const imported = ts.isIdentifier(callee) || ts.isPropertyAccessExpression(callee) ? importedReference(callee, context) : undefined;
		if (!imported) {
			continue;
		}
		call.arguments?.forEach((argument, index) => {
			const confidence = ts.isSpreadElement(argument) ? undefined : context.holdsCloseCode(argument);
			if (confidence) {
				uses.push({ ...imported, asArgument: { index, evidence: { confidence, role: 'receive', rule: 'comparison' } } });
			}
		});
	}
	return uses;
}
