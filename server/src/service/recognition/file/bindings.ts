import ts from 'typescript';
import { boundNames, forEachDescendant } from '../ast';
import { blockScopeOf, functionScopeOf } from './scopes';

/**
 * The names a file declares, scope by scope, and what each name read refers to: the binding of a reference, every
 * reference to a binding, and whether a name is imported. Scopes are collected by the walk (see `collect.ts`).
 */

const SyntaxKind = ts.SyntaxKind;

export class FileBindings {
	/** The names each scope (function, block, file) declares, for `bindingOf`. */
	readonly #scopes = new Map<ts.Node, Map<string, ts.Identifier>>();
	readonly #bindingCache = new Map<ts.Identifier, ts.Identifier | undefined>();
	#identifiersByText: Map<string, ts.Identifier[]> | undefined;
	readonly #requireInitialisers = new Map<ts.Expression, boolean>();
	#mayImport: boolean | undefined;

	constructor(readonly sourceFile: ts.SourceFile) {}

	#declare(scope: ts.Node, name: ts.Identifier): void {
		let names = this.#scopes.get(scope);
		if (!names) {
			names = new Map();
			this.#scopes.set(scope, names);
		}
		if (!names.has(name.text)) {
			names.set(name.text, name);
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
		let found: ts.Identifier | undefined;
		for (let scope: ts.Node | undefined = reference.parent; scope && !found; scope = scope.parent) {
			found = this.#scopes.get(scope)?.get(reference.text);
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
		const declaration = this.bindingOf(reference)?.parent;
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
