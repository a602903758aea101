/**
 * A protocol pack: the application close codes (mostly 4xxx) that one protocol library documents, so that a file
 * using that library reads `4401 Unauthorized · graphql-ws` instead of "private-use range". One pack is one data
 * file in this folder plus its entry in `index.ts`; every text is written in both languages here, next to the fact
 * it describes, and `source` names where the fact was read.
 */
export interface ProtocolText {
	readonly en: string;
	readonly ja: string;
}

export interface ProtocolCode extends ProtocolText {
	readonly code: number;
	/** The protocol's own name for the code (an identifier, the same in every language). */
	readonly name: string;
	/** Does the protocol's reference client reconnect after it? `undefined` where the source does not say. */
	readonly reconnect?: boolean;
}

/** A run of codes the protocol gives one meaning (Pusher's 4100–4199, Centrifugo's 4500–4999). */
export interface ProtocolRange extends ProtocolText {
	readonly from: number;
	readonly to: number;
	readonly name: string;
	readonly reconnect?: boolean;
}

export interface ProtocolPack {
	readonly id: string;
	/** How the hover names it: `graphql-ws`, `Discord gateway`. */
	readonly name: string;
	/**
	 * The module specifiers that prove a file speaks this protocol (an import, `export … from`, `require` or dynamic
	 * `import()` of one of them or of a subpath). Nothing else turns a pack on: 4001 means something different in
	 * every protocol, so a guess would be worse than the plain private-use text.
	 */
	readonly modules: readonly string[];
	/** Where the codes are published (the library's source or the protocol's documentation). */
	readonly source: string;
	readonly codes: readonly ProtocolCode[];
	readonly ranges?: readonly ProtocolRange[];
	/** How the library exports its codes by name, when it does (see `PackExports`). */
	readonly exports?: readonly PackExports[];
}

/**
 * Names under which a library exports its codes, so that `CloseCode.Forbidden` reads as 4403 without looking into
 * the package: either a `container` (an enum or object) whose members are named like the pack's codes, or one export
 * per code, named like it, holding an object whose `property` is the code (`Forbidden.code`).
 */
export interface PackExports {
	/** The modules (and their subpaths) that export them. */
	readonly modules: readonly string[];
	readonly container?: string;
	readonly property?: string;
	/** The pack's codes that the library does not export this way. */
	readonly except?: readonly string[];
}
