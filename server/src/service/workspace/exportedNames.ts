import type { ModuleFacts } from '../recognition/crossModule';

/**
 * The names a use of a module's close codes is written with elsewhere: the member itself (`Kicked` in
 * `ChatCodes.Kicked`, `P.ChatCodes.Kicked`, `require('./codes').Kicked`) or the variable and the names it is exported
 * under (`GOING_AWAY`, `export { GOING_AWAY as AWAY }`), and exported functions that close with a parameter. A
 * container's name alone is not enough: `Compilation` is imported everywhere in webpack, its
 * `PROCESS_ASSETS_STAGE_*` members almost nowhere. A file without a candidate literal that mentions none of these is
 * not analysed.
 */
export function addExportedNames(facts: ModuleFacts, names: Set<string>): void {
	const roots = new Set<string>([...facts.sendParameters, ...facts.checkedParameters ?? []].map((parameter) => parameter.local));
	for (const declaration of facts.declarations) {
		if (declaration.values.some((value) => value >= 1000 && value <= 4999)) {
			if (!declaration.key.includes('.')) {
				roots.add(declaration.key);
			}
			names.add(declaration.key.slice(declaration.key.lastIndexOf('.') + 1));
		}
	}
	for (const binding of facts.shape.exports) {
		if (binding.local !== undefined && roots.has(binding.local) && binding.name !== '*' && binding.name !== 'default') {
			names.add(binding.name);
		}
	}
}

/** A pattern that finds any of `names` as a whole word; `undefined` when there is none to look for. */
export function namesPattern(names: ReadonlySet<string>): RegExp | undefined {
	const words = [...names].filter((name) => !keywords.has(name));
	if (words.length === 0) {
		return undefined;
	}
	return new RegExp(`(?<![\\w$])(?:${words.map((name) => name.replace(/[$]/g, '\\$')).join('|')})(?![\\w$])`);
}

/** Words of the language: never evidence that a file uses an exported constant of that name (`Flag.await = 4096`). */
const keywords = new Set([
	'async', 'await', 'break', 'case', 'catch', 'class', 'const', 'continue', 'debugger', 'default', 'delete', 'do', 'else', 'enum',
	'export', 'extends', 'false', 'finally', 'for', 'function', 'get', 'if', 'import', 'in', 'instanceof', 'let', 'new', 'null', 'of',
	'return', 'set', 'static', 'super', 'switch', 'this', 'throw', 'true', 'try', 'type', 'typeof', 'var', 'void', 'while', 'with', 'yield',
]);
