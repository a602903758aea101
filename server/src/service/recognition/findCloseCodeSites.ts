import ts from 'typescript';
import { calleeName, propertyNameText } from './ast';
import { FileContext, type CloseApi } from './fileContext';
import type { Declaration } from './file/declarations';
import { nameMatchesCode } from './names';
import { isCertainCloseCall } from './sinks';
import type { ImportedDeclaration, ImportUse, LinkModule, ModuleFacts, PackageConstant } from './crossModule';
import { moduleShapeOf } from './file/moduleShape';
import type { Confidence, Evidence, RuleId, SiteRole } from './types';
import { evidenceForSlot, listEvidence, sentEvidence } from './rules/slots';
import { inlinedEnumEvidence, literalTypeEvidence, descriptionTableEvidence, tableLookupEvidence, literalValue, isCandidateLiteral, valueFitsRule } from './rules/literals';
import { groupKey, type GroupFacts, declarationEvidence, provenByUse } from './rules/declarations';
import { describeCloseCall, type CloseCall } from './rules/closeCalls';
import { lookupByCloseCode, isMapLookup, valuesIncludesGroup, literalKeyTable, type KeyTable, tableKeys, tableKeyReferences, castToGroup, parameterOfGroupType, typeGroups, exportedTables, tableDeclarations, importedReference, exportedDeclarations, exportedSendParameters, exportedCheckedParameters, importedCallArguments } from './rules/links';

export type { Confidence, RuleId, SiteRole } from './types';

/**
 * Recognition: which numbers in a file are WebSocket close codes.
 *
 * A number is never a close code because of its value alone (`setTimeout(fn, 1000)`, `port: 3000`). It is one when
 * the code around it says so. The stages, each in a file of its own, imports running one way (down this list):
 * - `findCloseCodeSites.ts` (this file): the walk over one file that asks the rules and collects the sites;
 * - `rules/`: slots.ts (where a value stands), literals.ts (what a literal says by itself), declarations.ts (names,
 *   groups and uses of constants), closeCalls.ts (the `close()` calls diagnostics check), links.ts (what crosses module
 *   boundaries);
 * - `fileContext.ts`: facts about the file — declarations, scopes and bindings, which API a socket follows, close
 *   handlers — and the flow of values into sinks; `file/`: the syntax those facts are read from (declarations.ts,
 *   scopes.ts, listeners.ts) and the file's imports and exports (moduleShape.ts);
 * - `sinks.ts` and `guards.ts`: where a value becomes a close code (they see the file's facts only through
 *   `SinkContext`), and the values a guard rules out on the way;
 * - `crossModule.ts`: the plain data a file exchanges with the workspace index (`../workspace/`);
 * - `names.ts`, `ast.ts`, `types.ts`: what names say, syntax helpers, and the shared vocabulary.
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

export interface Recognition {
	readonly sites: CloseCodeSite[];
	readonly closeCalls: CloseCall[];
	/** What this file tells the other modules of the workspace (see `crossModule.ts`). */
	readonly facts: ModuleFacts;
}

export type { CloseApi, CloseCall };

/**
 * Finds every close-code site, and every certain `close()` call, in a parsed file. `link` brings what other modules
 * of the workspace say; `packageConstant` the codes that packages export by name.
 */
export function findCloseCodeSites(sourceFile: ts.SourceFile, link?: LinkModule, packageConstant?: PackageConstant): Recognition {
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
	/** Enums and objects a close code is tested against (`code in CloseCode`): each member is a close code. */
	const testedGroups = new Map<ts.Node, Evidence>();
	/** `reasons[4002]`: literal keys of this file's tables, judged once the tables' lookups are known. */
	const literalKeys: { readonly literal: ts.NumericLiteral; readonly table: KeyTable }[] = [];

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

	function visitSiteNode(node: ts.Node): boolean {
		if (ts.isCallExpression(node) && isCertainCloseCall(node, context)) {
			closeCalls.push(describeCloseCall(node, context));
		}
		if (ts.isElementAccessExpression(node) || (ts.isBinaryExpression(node) && node.operatorToken.kind === ts.SyntaxKind.InKeyword) || isMapLookup(node) ||
			(ts.isCallExpression(node) && valuesIncludesGroup(node))) {
			const lookup = lookupByCloseCode(node, context);
			if (lookup?.imported) {
				importUses.push({ ...lookup.imported, asTable: lookup.evidence });
			} else if (lookup?.table) {
				lookUp(lookup.table, lookup.evidence);
			} else if (lookup?.group) {
				testedGroups.set(lookup.group, lookup.evidence);
			}
		}
		if (ts.isAsExpression(node) || ts.isTypeAssertionExpression(node) || ts.isParameter(node)) {
			const use = ts.isParameter(node) ? parameterOfGroupType(node, context) : castToGroup(node, context);
			if (use?.imported) {
				importUses.push({ ...use.imported, asTable: use.evidence });
			} else if (use?.group) {
				testedGroups.set(use.group, use.evidence);
			}
			return true;
		}
		if (ts.isNumericLiteral(node)) {
			const value = literalValue(node);
			if (value < 1000 || value > 5000) {
				const sent = sentEvidence(node, context);
				if (sent) {
					add(node, value, sent);
				}
				return true;
			}
			const evidence = literalEvidence(node);
			if (evidence && valueFitsRule(literalValue(node), evidence.rule)) {
				add(node, literalValue(node), evidence);
			} else if (!evidence && isCodePropertyValue(node)) {
				unprovenCodes.push(node);
			} else if (!evidence) {
				const table = literalKeyTable(node, context);
				if (table) {
					literalKeys.push({ literal: node, table });
				}
			}
		} else if (ts.isIdentifier(node) || ts.isPropertyAccessExpression(node)) {
			// Only names that may refer to a constant are collected (`isExpressionReference`, tested in the walk).
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
					// `CloseCode.Forbidden` of graphql-ws: a library's named close code, wherever it stands.
					const binding = packageConstant && shape.imports.find((each) => each.local === imported.local);
					const value = binding && packageConstant!(binding.specifier, binding.imported, imported.members);
					if (value !== undefined) {
						const placed = use.asValue && valueFitsRule(value, use.asValue.rule) ? use.asValue : undefined;
						add(node, value, placed ?? { confidence: 'certain', role: 'define', rule: 'packageConstant' }, [imported.local, ...imported.members].join('.'));
						return false;
					}
					// `RETRY.includes(code)`: the import itself (`RETRY`) is looked at on its own next.
				}
			}
		}
		return true;
	}

	// The nodes a recursive walk would act on, in its order (collected by the context's walk). A name handled as a
	// whole (`CloseCode.GoingAway`) skips what lies inside it, as a walk that does not descend would.
	const nodes = context.siteNodes;
	for (let index = 0; index < nodes.length; index++) {
		const node = nodes[index];
		if (visitSiteNode(node) === false) {
			while (index + 1 < nodes.length && isInside(nodes[index + 1], node)) {
				index++;
			}
		}
	}

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

	/** Keeps the stronger of a declaration's proofs: a certain one replaces a likely one, never the other way. */
	const prove = (declaration: Declaration, evidence: Evidence | undefined) => {
		const here = provenDeclarations.get(declaration);
		if (evidence && (!here || (here.confidence === 'likely' && evidence.confidence === 'certain'))) {
			provenDeclarations.set(declaration, evidence);
		}
	};
	// Tables looked up by a close code, here or (exported) in another module: their keys are close codes — numeric
	// keys below, keys that name constants (`[Codes.AuthFailed]: 'Not Authorized'`) make those constants close codes.
	const tables = exportedTables(shape, sourceFile);
	for (const [name, table] of tables) {
		const elsewhere = linked?.usedElsewhere(name);
		if (elsewhere) {
			lookUp(table, elsewhere);
		}
	}
	// A type of this module that stands for a group's values, cast to in another module (`code as ErrorCode`).
	if (linked && shape.exports.length > 0) {
		for (const [name, group] of typeGroups(sourceFile)) {
			const elsewhere = ts.isObjectLiteralExpression(group) ? linked.usedElsewhere(name) : undefined;
			if (elsewhere && !testedGroups.has(group)) {
				testedGroups.set(group, elsewhere);
			}
		}
	}
	for (const [table, evidence] of lookedUp) {
		for (const key of tableKeyReferences(table)) {
			const declaration = context.resolve(key);
			if (declaration && !declaration.isList) {
				prove(declaration, provenByUse(evidence));
			}
		}
	}

	// Declarations: proven by a use found above or in another module, or named like close codes, or members of a
	// proven group.
	const declarations = [...context.declarations()];
	for (const declaration of declarations) {
		const use = linked?.usedElsewhere(declaration.key);
		prove(declaration, use && provenByUse(use));
		// Its group tested as a whole (`code in CloseCode`), here or, for an enum, in another module. For an object,
		// such a lookup elsewhere reads its keys, which is a table's business (below).
		prove(declaration, declaration.group && testedGroups.get(declaration.group));
		prove(declaration, declaration.form === 'enum' && declaration.container !== undefined ? linked?.usedElsewhere(declaration.container) : undefined);
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
	for (const [table, evidence] of lookedUp) {
		for (const key of tableKeys(table)) {
			if (isCandidateLiteral(key) && literalValue(key) >= 1000 && literalValue(key) <= 4999) {
				add(key, literalValue(key), evidence);
			}
		}
	}
	// `reasons[4002]` where `reasons` is looked up by a received code (`reasons[event.code]`): the key is one of its codes.
	for (const { literal, table } of literalKeys) {
		const evidence = lookedUp.get(table);
		if (evidence && isCandidateLiteral(literal) && literalValue(literal) >= 1000 && literalValue(literal) <= 4999) {
			add(literal, literalValue(literal), evidence);
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
		importUses: [...importUses, ...importedCallArguments(context), ...context.importedListeners()],
		sendParameters: exportedSendParameters(shape, context),
		checkedParameters: exportedCheckedParameters(shape, context),
	};
	return { sites: [...sites.values()].sort((a, b) => a.start - b.start), closeCalls, facts };
}

/** Is `node` (later in pre-order than `container`) inside it? Zero-width nodes at its end are checked by ancestry. */
function isInside(node: ts.Node, container: ts.Node): boolean {
	if (node.pos < container.end) {
		return true;
	}
	if (node.pos > container.end || node.end > container.end) {
		return false;
	}
	for (let current = node.parent; current; current = current.parent) {
		if (current === container) {
			return true;
		}
	}
	return false;
}

/** `Connection.CLOSE_REASON_NORMAL = 1000`: the name being written is the declaration, not a reference to it. */
function isAssignmentTarget(node: ts.Node): boolean {
	const parent = node.parent;
	return ts.isBinaryExpression(parent) && parent.left === node && parent.operatorToken.kind === ts.SyntaxKind.EqualsToken;
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
