import { protocolPacks } from './packs';

/**
 * Codes that protocol libraries export by name (`PackExports`): data only, no parser, so the pre-scan can ask too.
 */

/**
 * The code a protocol library exports under a name: `CloseCode` + [`Forbidden`] imported from `graphql-ws` is 4403,
 * `Forbidden` + [`code`] from `@hocuspocus/common` too. `imported` is the name the import binds (`*` for the whole
 * module, whose first member is then the export), as `ModuleShape` records it.
 */
export function packageConstant(specifier: string, imported: string, members: readonly string[]): number | undefined {
	const path = imported === '*' ? members : [imported, ...members];
	for (const pack of protocolPacks) {
		for (const exported of pack.exports ?? []) {
			if (!exported.modules.some((module) => specifier === module || specifier.startsWith(`${module}/`))) {
				continue;
			}
			const name = exported.container !== undefined
				? path.length === 2 && path[0] === exported.container ? path[1] : undefined
				: path.length === 2 && path[1] === exported.property ? path[0] : undefined;
			const code = name === undefined || exported.except?.includes(name) ? undefined : pack.codes.find((entry) => entry.name === name);
			if (code) {
				return code.code;
			}
		}
	}
	return undefined;
}

/**
 * Can the text name a library's code without a literal (`event.code === CloseCode.Forbidden`)? Only when it names
 * one of those libraries and one of their export names; the pre-scan then lets recognition look.
 */
export function mayNamePackageConstant(text: string): boolean {
	// Asked of every file: one search for the modules (a quarter of the cost of four `includes`) rules out nearly all.
	return exportModules.test(text) && exportNames.test(text);
}

const exportModules = new RegExp(protocolPacks.flatMap((pack) => (pack.exports ?? []).flatMap((exported) => exported.modules))
	.map((module) => module.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')).join('|'));

const exportNames = new RegExp(`\\b(?:${protocolPacks.flatMap((pack) => (pack.exports ?? []).flatMap((exported) =>
	exported.container !== undefined ? [exported.container] : pack.codes.map((code) => code.name))).join('|')})\\b`);
