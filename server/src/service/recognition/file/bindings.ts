import ts from 'typescript';
import { boundNames, forEachDescendant } from '../ast';
import { blockScopeOf, functionScopeOf } from './scopes';

/**
 * The names a file declares, scope by scope, and what each name read refers to: the binding of a reference, every
 * reference to a binding, and whether a name is imported. Scopes are collected by the walk (see `collect.ts`).
 */

const SyntaxKind = ts.SyntaxKind;

export class FileBindings {
	/**
	 * For each name, the scopes (function, block, file) that declare it, for `bindingOf`. Keyed by name first: most
	 * names read in a file are declared nowhere in it (globals, `require`, `module`) or only at top level, and those
	 * are answered from here without walking the reference's ancestors.
	 */
	readonly #scopesByName = new Map<string, Map<ts.Node, ts.Identifier>>();
	/** The names some scope other than the file declares: only their references need the walk outward. */
	readonly #nestedNames = new Set<string>();
	readonly #bindingCache = new Map<ts.Identifier, ts.Identifier | undefined>();
	#identifiersByText: Map<string, ts.Identifier[]> | undefined;
	readonly #requireInitialisers = new Map<ts.Expression, boolean>();
	/** `isImported` of the names no inner scope declares: the answer is the same wherever such a name is read. */
	readonly #importedNames = new Map<string, boolean>();
	#mayImport: boolean | undefined;

	constructor(readonly sourceFile: ts.SourceFile) {}

	#declare(scope: ts.Node, name: ts.Identifier): void {
		const text = name.text;
		let scopes = this.#scopesByName.get(text);
		if (!scopes) {
			scopes = new Map();
			this.#scopesByName.set(text, scopes);
		}
		if (!scopes.has(scope)) {
			scopes.set(scope, name);
		}
		if (scope !== this.sourceFile) {
			this.#nestedNames.add(text);
		}
	}

	collect(node: ts.Node): void {
		if (ts.isVariableDeclaration(node)) {
			const list = node.parent;
			const scope = ts.isCatchClause(list) ? list
				: ts.isVariableDeclarationList(list) && (list.flags & ts.NodeFlags.BlockScoped) !== 0 ? blockScopeOf(node) : functionScopeOf(node);
			for (const name of boundNames(node.name)) {
				this.#declare(scope, name);
			}
		} else if (ts.isParameter(node)) {
			for (const name of boundNames(node.name)) {
				this.#declare(node.parent, name);
			}
		} else if ((ts.isFunctionDeclaration(node) || ts.isClassDeclaration(node) || ts.isEnumDeclaration(node)) && node.name) {
			this.#declare(blockScopeOf(node), node.name);
		} else if ((ts.isFunctionExpression(node) || ts.isClassExpression(node)) && node.name) {
			this.#declare(node, node.name);
		} else if ((ts.isImportClause(node) || ts.isNamespaceImport(node) || ts.isImportSpecifier(node) || ts.isImportEqualsDeclaration(node)) && node.name) {
			this.#declare(this.sourceFile, node.name);
		}
	}

	/**
	 * The identifier that declares the variable, parameter, function or import an identifier refers to, with
	 * JavaScript's scoping (`var` and function declarations belong to the function, `let`/`const` to the block).
	 */
	bindingOf(reference: ts.Identifier): ts.Identifier | undefined {
		if (this.#bindingCache.has(reference)) {
			return this.#bindingCache.get(reference);
		}
		const text = reference.text;
		const scopes = this.#scopesByName.get(text);
		let found: ts.Identifier | undefined;
		if (!this.#nestedNames.has(text)) {
			// Declared nowhere, or only at top level: every reference in the file sees the top-level declaration (a
			// reference's ancestors all end at this file, the one scope that declares the name).
			found = scopes?.get(this.sourceFile);
		} else {
			for (let scope: ts.Node | undefined = reference.parent; scope && !found; scope = scope.parent) {
				found = scopes!.get(scope);
			}
		}
		this.#bindingCache.set(reference, found);
		return found;
	}

	/** Every reference to the variable `name` declares (by binding, so a shadowing variable's are not), built on first use. */
	referencesTo(name: ts.Identifier): ts.Identifier[] {
		// Identifiers by text, gathered in one walk the first time; bindings are resolved only for the names asked about.
		if (!this.#identifiersByText) {
			const byText = new Map<string, ts.Identifier[]>();
			forEachDescendant(this.sourceFile, (node) => {
				if (node.kind === SyntaxKind.Identifier) {
					const identifier = node as ts.Identifier;
					if (!(ts.isPropertyAccessExpression(identifier.parent) && identifier.parent.name === identifier)) {
						const list = byText.get(identifier.text);
						if (list) {
							list.push(identifier);
						} else {
							byText.set(identifier.text, [identifier]);
						}
					}
					return false;
				}
				return node.kind >= SyntaxKind.FirstNode;
			});
			this.#identifiersByText = byText;
		}
		return (this.#identifiersByText.get(name.text) ?? []).filter((identifier) => identifier !== name && this.bindingOf(identifier) === name);
	}

	/** Does this name refer to an import (`import { X }`, `import * as X`, a top-level `require`), not shadowed where it is read? */
	isImported(reference: ts.Identifier): boolean {
		// Asked for most names of a file: a file that neither imports nor requires anything answers at once.
		this.#mayImport ??= /\bimport\b|\brequire\s*\(/.test(this.sourceFile.text);
		if (!this.#mayImport) {
			return false;
		}
		const text = reference.text;
		if (this.#nestedNames.has(text)) {
			return this.#declaresImport(this.bindingOf(reference));
		}
		// A name only the file declares (or none does) is the same binding wherever it is read: answered once. Asked
		// by the flow and the rules, after the walk has declared every name, so the first answer holds for the file.
		let imported = this.#importedNames.get(text);
		if (imported === undefined) {
			imported = this.#declaresImport(this.bindingOf(reference));
			this.#importedNames.set(text, imported);
		}
		return imported;
	}

	#declaresImport(binding: ts.Identifier | undefined): boolean {
		const declaration = binding?.parent;
		if (!declaration) {
			return false;
		}
		if (ts.isImportClause(declaration) || ts.isNamespaceImport(declaration) || ts.isImportSpecifier(declaration)) {
			return true;
		}
		const variable = ts.isBindingElement(declaration) ? declaration.parent.parent : declaration;
		return ts.isVariableDeclaration(variable) && ts.isSourceFile(variable.parent.parent.parent) && variable.initializer !== undefined &&
			this.#initialisedByRequire(variable.initializer);
	}

	/** Whether a top-level initialiser's text requires a module; cached, as an initialiser may be a whole bundled module. */
	#initialisedByRequire(initializer: ts.Expression): boolean {
		let required = this.#requireInitialisers.get(initializer);
		if (required === undefined) {
			required = /\brequire\s*\(/.test(initializer.getText(this.sourceFile));
			this.#requireInitialisers.set(initializer, required);
		}
		return required;
	}
}
