import type { ModuleShape } from './file/moduleShape';
import type { Confidence, Evidence } from './types';

/**
 * What recognition of one file tells the other files of the workspace, and what they tell it. Plain data (no syntax
 * nodes): the workspace index keeps one `ModuleFacts` per file for as long as the file is unchanged, whether or not
 * its tree is still around.
 */

/** A top-level declaration whose root name the module exports: `Codes.Kicked` of `export const Codes = {…}`. */
export interface ModuleDeclaration {
	/** The recognition's key in the defining file: `Codes.Kicked`, `GOING_AWAY`, `exports.Kicked`. */
	readonly key: string;
	readonly values: readonly number[];
	readonly isList: boolean;
	/** A table keyed by codes (`{ 4100: 'Kicked', … }`): `values` are its numeric keys. */
	readonly table?: boolean;
	/** Offsets and line (0-based) of the first literal, for "Resolved from" links. */
	readonly start: number;
	readonly end: number;
	readonly line: number;
	/** The evidence the defining file gave it (its own uses or its names), when it is a close code there. */
	readonly evidence?: Evidence;
}

/** A use of an imported binding, judged by where it stands: `ws.close(Codes.Kicked)` is a use as a close code. */
export interface ImportUse {
	/** The local name the import binds and the members read from it (`Codes` + [`Kicked`]). */
	readonly local: string;
	readonly members: readonly string[];
	/** What the place says when the binding holds one value, and when it holds a list (`RETRY.includes(code)`). */
	readonly asValue?: Evidence;
	readonly asList?: Evidence;
	/** Looked up by a close code (`CLOSE_ERRORS[event.code]`): the table's numeric keys are close codes. */
	readonly asTable?: Evidence;
	/**
	 * The imported binding is a function called with a close code as its argument at `index` (`isFatal(event.code)`):
	 * its parameter there holds a close code in the module that declares it.
	 */
	readonly asArgument?: { readonly index: number; readonly evidence: Evidence };
	/**
	 * The imported binding is a class whose instance this module listens to (`const receiver = new Receiver(…);
	 * receiver.on('conclude', receiverOnConclude)`) with a listener that closes with its parameter: what the class's
	 * `this.emit(event, …)` passes at `index` (counting the event name) is a close code in the module that declares it.
	 */
	readonly asListener?: { readonly event: string; readonly index: number; readonly evidence: Evidence };
}

/** A parameter of an exported function whose argument ends up in `close()` (`dismiss(member, code, why)`). */
export interface SendParameter {
	/** The function's local name. */
	readonly local: string;
	readonly index: number;
	readonly confidence: Confidence;
}

/** A parameter of an exported function that the function checks against close-code-like numbers (`code === 4004`). */
export interface CheckedParameter {
	readonly local: string;
	readonly index: number;
}

export interface ModuleFacts {
	readonly shape: ModuleShape;
	readonly declarations: readonly ModuleDeclaration[];
	readonly importUses: readonly ImportUse[];
	readonly sendParameters: readonly SendParameter[];
	/** Parameters of exported functions compared with candidate numbers: their callers elsewhere may pass close codes. */
	readonly checkedParameters?: readonly CheckedParameter[];
}

/** A declaration of another module that an imported reference names, with where it lives. */
export interface ImportedDeclaration extends ModuleDeclaration {
	readonly uri: string;
}

/**
 * The code a package exports under a name (a protocol library's `CloseCode.Forbidden`), with `specifier` and
 * `imported` as the file's import binds them (`ImportBinding`) and `members` read from it. The service supplies it
 * from its protocol packs, so it needs neither the workspace nor the package on disk.
 */
export type PackageConstant = (specifier: string, imported: string, members: readonly string[]) => number | undefined;

/**
 * How recognition asks the workspace about its file: with the file's imports and exports as they are now, it gets
 * the lookups below (so an open document's new import counts before the index has stored it).
 */
export type LinkModule = (shape: ModuleShape) => LinkedFacts;

/** What the workspace knows for one file, handed to its recognition (all lookups are by this file's own names). */
export interface LinkedFacts {
	/** Evidence from other modules that this file's declaration `key` is used as a close code there. */
	usedElsewhere(key: string): Evidence | undefined;
	/** The declaration `local` (an import of this file) names, with `members` read from it. */
	importedDeclaration(local: string, members: readonly string[]): ImportedDeclaration | undefined;
	/** How surely the argument at `index` of the imported function `local` ends up in `close()`. */
	importedSendParameter(local: string, index: number): Confidence | undefined;
	/** Evidence from other modules that they call this file's exported function `local` with a close code at `index`. */
	receivedArgument?(local: string, index: number): Evidence | undefined;
	/** Evidence from other modules that listen to instances of this file's exported class `local` (see `asListener`). */
	listenedArgument?(local: string, event: string, index: number): Evidence | undefined;
}
