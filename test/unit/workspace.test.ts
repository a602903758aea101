import { strict as assert } from 'node:assert';
import { describe, test } from 'node:test';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { createLanguageService, type CloseCodeSite } from '../../server/src/service';
import { lines } from './helpers';

// Close codes across modules (issue 14): a constant exported by one file and sent or compared in another. Each
// fixture is a small project held in memory; the service reads it through the same `WorkspaceHost` the Node server
// (disk), the web worker (open documents) and the CLI give it.

type Files = Record<string, string>;

function project(files: Files, options: { index?: boolean } = {}) {
	const disk: Files = Object.fromEntries(Object.entries(files).map(([path, text]) => [`file:///p/${path}`, text]));
	const service = createLanguageService({ workspace: { listFiles: () => Object.keys(disk), readFile: (uri) => disk[uri] } });
	if (options.index !== false) {
		for (const _ of service.indexWorkspace()) {
			// index everything first, as the server does in the background
		}
	}
	const versions = new Map<string, number>();
	const documentOf = (path: string, text = disk[`file:///p/${path}`]) => {
		const uri = `file:///p/${path}`;
		const version = (versions.get(uri) ?? 0) + 1;
		versions.set(uri, version);
		return TextDocument.create(uri, /\.[mc]?js$/.test(path) ? 'javascript' : 'typescript', version, text);
	};
	/** The sites of one file as `text=value confidence rule`, optionally as an edited, open document. */
	const sites = (path: string, text?: string) => {
		const document = documentOf(path, text);
		return service.analyse(document).sites.map((site) => summary(document.getText(), site));
	};
	return { service, sites, documentOf, disk };
}

function summary(text: string, site: CloseCodeSite): string {
	const definition = site.definition ? ` @${site.definition.uri.replace('file:///p/', '')}:${site.definition.line + 1}` : '';
	return `${text.slice(site.start, site.end)}=${site.value} ${site.confidence} ${site.role}${definition}`;
}

describe('close codes across modules', () => {
	test('an exported Map looked up by a received code in another module is keyed by close codes (issue 13e)', () => {
		const { sites } = project({
			'codes.js': "export const descriptions = new Map([[4001, 'Unauthorized'], [4008, 'Timeout']]);\nexport const delays = new Map([[3000, 'slow']]);\n",
			'client.js': "import { descriptions, delays } from './codes.js';\nconst ws = new WebSocket(url);\nws.onclose = (e) => { log(descriptions.get(e.code) ?? delays.get(e.reason)); };\n",
		});
		assert.deepEqual(sites('codes.js'), ['4001=4001 certain define', '4008=4008 certain define']);
	});

	test('an enum tested as a whole in another module (`code in E`, `E[code]`) is a group of close codes; an object looked up so is not', () => {
		const { sites } = project({
			'types.ts': 'export enum SessionError { BadInput = 4000, NotAuthorized = 4001 }\nexport const Stages = { Early: 4100, Late: 4200 };\n',
			'session.ts': lines(
				"import { SessionError, Stages } from './types';",
				'export function watch(socket: WebSocket) {',
				'\tsocket.onclose = ({ code }: CloseEvent) => {',
				'\t\tif (code in SessionError) console.log(SessionError[code], Stages[code]);',
				'\t};',
				'}'),
		});
		assert.deepEqual(sites('types.ts'), ['4000=4000 certain define', '4001=4001 certain define'],
			'Stages[code] reads the keys of Stages, not its values');
	});

	test('a constant sent in another module is a close code where it is declared, through a barrel', () => {
		const { sites } = project({
			'protocol/codes.ts': 'export const ChatCodes = { Kicked: 4002, Banned: 4003 };\n',
			'protocol/index.ts': "export * from './codes';\n",
			'rooms/room.ts': "import { ChatCodes } from '../protocol';\nexport function kick(ws: WebSocket) {\n\tws.close(ChatCodes.Kicked, 'kicked');\n}\n",
		});
		// 4002 is sent (certain); its sibling in the same all-number object is likely.
		assert.deepEqual(sites('protocol/codes.ts'), ['4002=4002 certain send', '4003=4003 likely define']);
		assert.deepEqual(sites('rooms/room.ts'), ['ChatCodes.Kicked=4002 certain send @protocol/codes.ts:1']);
	});

	test('without the workspace, neither file says anything (the evidence is in the other one)', () => {
		const files = {
			'codes.ts': 'export const ChatCodes = { Kicked: 4002 };\n',
			'room.ts': "import { ChatCodes } from './codes';\nexport function kick(ws: WebSocket) { ws.close(ChatCodes.Kicked); }\n",
		};
		const alone = createLanguageService();
		const document = TextDocument.create('file:///p/codes.ts', 'typescript', 1, files['codes.ts']);
		assert.deepEqual(alone.analyse(document).sites, []);
		assert.deepEqual(project(files).sites('codes.ts'), ['4002=4002 certain send']);
	});

	test('aliases, namespace imports and `export { X as Y } from` resolve to the declaration', () => {
		const { sites } = project({
			'codes.ts': 'export enum CloseCode { GoingAway = 1001, Kicked = 4002 }\n',
			'index.ts': "export { CloseCode as Codes } from './codes';\n",
			'a.ts': "import { Codes as C } from './index';\nsocket.onclose = (event) => { if (event.code === C.GoingAway) reconnect(); };\n",
			'b.ts': "import * as P from './codes';\nexport const leave = (ws: WebSocket) => ws.close(P.CloseCode.Kicked);\n",
		});
		assert.deepEqual(sites('a.ts'), ['C.GoingAway=1001 certain receive @codes.ts:1']);
		assert.deepEqual(sites('b.ts'), ['P.CloseCode.Kicked=4002 certain send @codes.ts:1']);
		assert.deepEqual(sites('codes.ts'), ['1001=1001 certain receive', '4002=4002 certain send']);
	});

	test('CommonJS: module.exports objects, exports.X and require destructuring', () => {
		const { sites } = project({
			'codes.js': 'module.exports = { Kicked: 4002, Idle: 4008 };\n',
			'more.js': 'exports.SESSION_EXPIRED = 4010;\n',
			'room.js': "const codes = require('./codes');\nconst { SESSION_EXPIRED } = require('./more');\n" +
				"const WebSocket = require('ws');\nfunction kick(ws = new WebSocket(url)) { ws.close(codes.Kicked); ws.close(SESSION_EXPIRED); }\n",
		});
		assert.deepEqual(sites('codes.js'), ['4002=4002 certain send', '4008=4008 likely define']);
		assert.deepEqual(sites('more.js'), ['4010=4010 certain send']);
	});

	test('a default-exported enum', () => {
		const { sites } = project({
			'codes.ts': 'enum AppCode { Kicked = 4002 }\nexport default AppCode;\n',
			'room.ts': "import Codes from './codes';\nexport const kick = (ws: WebSocket) => ws.close(Codes.Kicked);\n",
		});
		assert.deepEqual(sites('codes.ts'), ['4002=4002 certain send']);
	});

	test('a helper in one module that closes with its parameter makes its callers\' arguments close codes', () => {
		const files = {
			'members.ts': 'export function dismiss(ws: WebSocket, code: number, why: string) {\n\tws.close(code, why);\n}\n',
			'moderation.ts': "import { dismiss } from './members';\nexport const ban = (ws: WebSocket) => dismiss(ws, 4003, 'banned');\n",
		};
		assert.deepEqual(project(files).sites('moderation.ts'), ['4003=4003 certain send']);
		const alone = createLanguageService();
		const document = TextDocument.create('file:///p/moderation.ts', 'typescript', 1, files['moderation.ts']);
		assert.deepEqual(alone.analyse(document).sites.filter((site) => site.confidence === 'certain'), []);
	});

	test('a list checked against a received code in another module', () => {
		const { sites } = project({
			'policy.ts': 'export const RETRY_ON = [4200, 4201];\n',
			'client.ts': "import { RETRY_ON } from './policy';\nws.onclose = (event) => { if (RETRY_ON.includes(event.code)) retry(); };\n",
		});
		assert.deepEqual(sites('policy.ts'), ['4200=4200 certain receive', '4201=4201 certain receive']);
	});

	test('a table looked up by a received code in another module is keyed by close codes', () => {
		const { sites } = project({
			'errors.ts': "export const CLOSE_ERRORS = { 4100: 'Session expired', 4101: 'Kicked by a moderator', 3000: 'Unauthorized' };\n",
			'client.ts': "import { CLOSE_ERRORS } from './errors';\nws.onclose = (event) => showError(CLOSE_ERRORS[event.code]);\n",
		});
		assert.deepEqual(sites('errors.ts'), ['4100=4100 certain define', '4101=4101 certain define', '3000=3000 certain define']);
	});

	test('the same lookup within one file, and a table looked up by something else stays quiet', () => {
		const { sites } = project({
			'a.ts': "const REASONS = { 4100: 'expired', 4101: 'kicked' };\nws.addEventListener('close', (event) => log(REASONS[event.code]));\n",
			'b.ts': "export const PRICES = { 4100: 'basic', 4101: 'pro' };\nexport const price = (plan: number) => PRICES[plan];\n",
			'c.ts': "import { PRICES } from './b';\nconst WebSocket = require('ws');\nexport const label = (id: number) => PRICES[id];\n",
		});
		assert.deepEqual(sites('a.ts'), ['4100=4100 certain define', '4101=4101 certain define']);
		assert.deepEqual(sites('b.ts'), []);
	});

	test('a compiled package: the declaration file speaks for the JavaScript (erased const enums, tables kept as types)', () => {
		const { sites } = project({
			'lib/constants.js': 'exports.Reasons = { [Codes.Invalid]: "invalid" };\n',
			'lib/constants.d.ts': 'export declare const enum ConnectionCloseCode {\n\tNormal = 1000,\n\tInvalid = 4800\n}\n' +
				'export declare const Reasons: Readonly<{\n\t4800: string;\n\t4801: string;\n}>;\n',
			'lib/gateway.js': "const WebSocket = require('ws');\nconst constants_1 = require('./constants');\nclass Gateway {\n\tdisconnect(code, reason) {\n" +
				'\t\tif (code in constants_1.Reasons) reason = constants_1.Reasons[code];\n\t\tthis.socket.close(code, reason);\n\t}\n' +
				'\tstop() { this.disconnect(1000); }\n}\nexports.defaults = { errorCode: 4800 /* constants_1.ConnectionCloseCode.Invalid */, retries: 4800 };\n',
		});
		// The enum is named as close codes; the table is looked up by the code `disconnect()` closes with.
		assert.deepEqual(sites('lib/constants.d.ts'), ['1000=1000 certain define', '4800=4800 certain define', '4800=4800 certain define', '4801=4801 certain define']);
		// The inlined member names a close code of the other module (the same number without the comment says nothing).
		assert.deepEqual(sites('lib/gateway.js'), ['1000=1000 certain send', '4800=4800 certain define']);
	});

	test('every reference to a recognised constant gets the hover, wherever it stands', () => {
		const { sites, service, documentOf } = project({
			'codes.ts': 'export const GOING_AWAY = 1001;\nexport function isGoingAway(code: number) {\n\treturn code === GOING_AWAY;\n}\n',
			'use.ts': "import { GOING_AWAY } from './codes';\nexport const away = [GOING_AWAY];\n",
		});
		assert.deepEqual(sites('codes.ts'), ['1001=1001 likely define', 'GOING_AWAY=1001 likely define']);
		const document = documentOf('use.ts');
		const hover = service.doHover(document, document.positionAt(document.getText().indexOf('GOING_AWAY]')), { locale: 'en' });
		const markdown = hover && typeof hover.contents === 'object' && 'value' in hover.contents ? hover.contents.value : '';
		assert.match(markdown, /\*\*GOING_AWAY\*\* = 1001/);
		assert.match(markdown, /defined in \[codes\.ts:1\]\(file:\/\/\/p\/codes\.ts#L1\)/);
	});

	test('numbers that are not close codes stay quiet on both sides', () => {
		const { sites } = project({
			'config.ts': 'export const RETRY_DELAY = 3000;\nexport const PORT = 4000;\n',
			'server.ts': "import { RETRY_DELAY, PORT } from './config';\nimport WebSocket from 'ws';\nsetTimeout(connect, RETRY_DELAY);\nserver.listen(PORT);\n",
		});
		assert.deepEqual(sites('config.ts'), []);
		assert.deepEqual(sites('server.ts'), []);
	});

	test('an edit that removes the last use takes the evidence away from the declaring module', () => {
		const { sites } = project({
			'codes.ts': 'export const ChatCodes = { Kicked: 4002 };\n',
			'room.ts': "import { ChatCodes } from './codes';\nexport const kick = (ws: WebSocket) => ws.close(ChatCodes.Kicked);\n",
		});
		assert.deepEqual(sites('codes.ts'), ['4002=4002 certain send']);
		sites('room.ts', "import { ChatCodes } from './codes';\nexport const kick = (ws: WebSocket) => ws.close();\n");
		assert.deepEqual(sites('codes.ts'), []);
	});

	test('"Replace with named constant" offers the project\'s close-code module, adding the import', () => {
		const { service, documentOf } = project({
			'src/protocol/codes.ts': 'export const ChatCodes = {\n\tKicked: 4002,\n};\n',
			'src/rooms/room.ts': "import { ChatCodes } from '../protocol/codes';\nexport const kick = (ws: WebSocket) => ws.close(ChatCodes.Kicked);\n",
			'src/rooms/ban.ts': "import { log } from './log';\n\nexport const ban = (ws: WebSocket) => ws.close(4003, 'banned');\nexport const kick = (ws: WebSocket) => ws.close(4002, 'kicked');\n",
			'src/legacy.js': "const WebSocket = require('ws');\nfunction kick(ws = new WebSocket(url)) { ws.close(4002); }\n",
		});
		const actionsAt = (path: string, token: string) => {
			const document = documentOf(path);
			const offset = document.getText().indexOf(token);
			const range = { start: document.positionAt(offset), end: document.positionAt(offset) };
			return { document, actions: service.getCodeActions(document, range, { locale: 'en' }, ['refactor.extract.constant']) };
		};
		const ban = actionsAt('src/rooms/ban.ts', '4002');
		assert.deepEqual(ban.actions.map((action) => action.title), ['Replace 4002 with ChatCodes.Kicked']);
		const banEdits = ban.actions[0].edit?.changes ?? {};
		assert.deepEqual(Object.keys(banEdits), ['file:///p/src/rooms/ban.ts'], 'only the file asked about is edited');
		assert.deepEqual(banEdits['file:///p/src/rooms/ban.ts'].map((edit) => edit.newText), ["\nimport { ChatCodes } from '../protocol/codes';", 'ChatCodes.Kicked']);
		// A code the module has no member for: the module is not edited behind the user's back; the file gets its own.
		const other = actionsAt('src/rooms/ban.ts', '4003');
		assert.deepEqual(other.actions.map((action) => action.title), ['Replace 4003 with CloseCode.Code4003']);
		assert.deepEqual(Object.keys(other.actions[0].edit?.changes ?? {}), ['file:///p/src/rooms/ban.ts']);

		const legacy = actionsAt('src/legacy.js', '4002');
		assert.deepEqual(legacy.actions.map((action) => action.title), ['Replace 4002 with ChatCodes.Kicked']);
		assert.deepEqual(legacy.actions[0].edit?.changes?.['file:///p/src/legacy.js'].map((edit) => edit.newText),
			["\nconst { ChatCodes } = require('./protocol/codes');", 'ChatCodes.Kicked']);
	});

	test('a file found only after indexing is read on demand (lazy index)', () => {
		const { sites } = project({
			'codes.ts': 'export const ChatCodes = { Kicked: 4002 };\n',
			'room.ts': "import { ChatCodes } from './codes';\nexport const kick = (ws: WebSocket) => ws.close(ChatCodes.Kicked);\n",
		}, { index: false });
		assert.deepEqual(sites('room.ts'), ['ChatCodes.Kicked=4002 certain send @codes.ts:1']);
	});
});

describe('close codes across modules: default exports and CommonJS barrels (issue 13f)', () => {
	test('an `export default { … }` table read through a default import, and passed on by `export { default as X }`', () => {
		const { sites } = project({
			'codes.ts': 'export default { KICKED: 4000, BANNED: 4001 };\n',
			'more.ts': 'export default Object.freeze({ GONE: 4010 });\n',
			'index.ts': "export { default as MoreCodes } from './more';\n",
			'client.ts': "import Codes from './codes';\nimport { MoreCodes } from './index';\n" +
				"export function kick(ws: WebSocket) { ws.close(Codes.KICKED, 'kicked'); ws.close(MoreCodes.GONE); }\n" +
				"export function onClose(ev: CloseEvent) { return ev.code === Codes.BANNED; }\n",
		});
		assert.deepEqual(sites('codes.ts'), ['4000=4000 certain send', '4001=4001 certain receive']);
		assert.deepEqual(sites('more.ts'), ['4010=4010 certain send']);
		assert.deepEqual(sites('client.ts'), ['Codes.KICKED=4000 certain send @codes.ts:1', 'MoreCodes.GONE=4010 certain send @more.ts:1',
			'Codes.BANNED=4001 certain receive @codes.ts:1']);
	});

	test('a default export read as something else, or another module\'s default, proves nothing', () => {
		const { sites } = project({
			'config.ts': 'export default { PORT: 4000, RETRY_MS: 3000 };\n',
			'server.ts': "import config from './config';\nlisten(config.PORT);\nsetTimeout(retry, config.RETRY_MS);\n",
		});
		assert.deepEqual(sites('config.ts'), []);
	});

	test('a CommonJS barrel (`module.exports = { closeCodes: require(\'./close\') }`) and `module.exports = require(…)` pass the table on', () => {
		const { sites } = project({
			'constants/close.js': 'module.exports = {\n\tUNAUTHORIZED: 4401,\n\tRESTARTING: 4500,\n};\n',
			'constants/index.js': "module.exports = {\n\tcloseCodes: require('./close'),\n\tlimits: require('./limits'),\n};\n",
			'constants/limits.js': 'module.exports = { MAX_ROOMS: 4000 };\n',
			'codes.js': "module.exports = require('./constants/close');\n",
			'lib/server.js': "const { closeCodes, limits } = require('../constants');\nconst WebSocket = require('ws');\n" +
				'function restart(ws) { ws.close(closeCodes.RESTARTING); if (rooms > limits.MAX_ROOMS) return; }\nmodule.exports = { restart };\n',
			'lib/auth.js': "const codes = require('../codes');\nfunction reject(ws) { ws.close(codes.UNAUTHORIZED, 'auth'); }\nmodule.exports = { reject };\n",
		});
		assert.deepEqual(sites('constants/close.js'), ['4401=4401 certain send', '4500=4500 certain send']);
		assert.deepEqual(sites('constants/limits.js'), []);
	});
});

describe('close codes across modules: tables and lists of named constants', () => {
	test('a table keyed by names of constants, looked up by a received code through a barrel, and a set of them checked in another module', () => {
		const { sites } = project({
			'errors/streaming.ts': 'const StreamingError = { BadRate: 4000, AuthFailed: 4001, ServerError: 3005, Deprecated: 1013 } as const;\n' +
				'type StreamingErrorCode = (typeof StreamingError)[keyof typeof StreamingError];\n' +
				"const StreamingMessages: Record<StreamingErrorCode, string> = {\n\t[StreamingError.BadRate]: 'Bad sample rate',\n\t[StreamingError.ServerError]: 'Server error',\n};\n" +
				'export { StreamingError, StreamingMessages };\n',
			'errors/index.ts': "export { StreamingError, StreamingMessages } from './streaming';\n",
			'service.ts': "import { StreamingError, StreamingMessages } from './errors';\n" +
				'const FATAL = new Set<number>([StreamingError.AuthFailed]);\n' +
				'export function connect(url: string) {\n\tconst socket = new WebSocket(url);\n' +
				'\tsocket.onclose = ({ code, reason }: CloseEvent) => {\n\t\tif (code in StreamingMessages) reason = StreamingMessages[code as 4000];\n' +
				'\t\tif (FATAL.has(code)) return;\n\t};\n}\n',
		});
		// The table's lookup proves its keys, the set's check proves its element, and the rest of the group follows.
		assert.deepEqual(sites('errors/streaming.ts'), ['4000=4000 certain define', '4001=4001 certain receive', '3005=3005 certain define',
			'1013=1013 likely define', 'StreamingError.BadRate=4000 certain define', 'StreamingError.ServerError=3005 certain define']);
		assert.deepEqual(sites('service.ts'), ['StreamingError.AuthFailed=4001 certain receive @errors/streaming.ts:1']);
	});

	test("another module's cast of a received code to an exported alias of an object's values, or to an enum", () => {
		const { sites } = project({
			'codes.ts': 'export const Errors = { BadRate: 4000, Busy: 4029 } as const;\nexport type ErrorCode = (typeof Errors)[keyof typeof Errors];\n' +
				'export enum GatewayCode { AuthFailed = 4004 }\nexport const Delays = { Short: 1000 } as const;\nexport type Delay = (typeof Delays)[keyof typeof Delays];\n',
			'client.ts': "import { type ErrorCode, type Delay, GatewayCode } from './codes';\nconst ws = new WebSocket(url);\n" +
				'ws.onclose = (e) => { report(e.code as ErrorCode, e.code as GatewayCode, e.timeStamp as Delay); };\n',
		});
		assert.deepEqual(sites('codes.ts'), ['4000=4000 certain define', '4029=4029 certain define', '4004=4004 certain define']);
	});
});

describe('close codes across modules: tables exported the CommonJS way or by default', () => {
	test('exports.X = { 4001: … }, module.exports = { X: { … } } and export default { … } looked up by a received code elsewhere', () => {
		const { sites } = project({
			'lib/a.js': "exports.MESSAGES = { 4001: 'Unauthorized' };\nexports.SIZES = { 4096: 'page' };\n",
			'lib/b.js': "module.exports = { REASONS: { 4003: 'Room full' }, LIMITS: { 3000: 'ms' } };\n",
			'lib/c.js': "export default { 4008: 'Timed out' };\n",
			'client.js': "const { MESSAGES, SIZES } = require('./lib/a');\nconst { REASONS, LIMITS } = require('./lib/b');\nimport TIMEOUTS from './lib/c';\n" +
				"const ws = new WebSocket(url);\nws.onclose = (e) => alert(MESSAGES[e.code] || REASONS[e.code] || TIMEOUTS[e.code] || SIZES[page.size] || LIMITS[delay]);\n",
		});
		assert.deepEqual(sites('lib/a.js'), ['4001=4001 certain define']);
		assert.deepEqual(sites('lib/b.js'), ['4003=4003 certain define']);
		assert.deepEqual(sites('lib/c.js'), ['4008=4008 certain define']);
	});
});

describe('close codes across modules: path aliases', () => {
	test('imports through a project alias (`@/…`, `~/…`) link to the one module whose path ends so', () => {
		const { sites } = project({
			'src/protocol/codes.ts': 'export const ChatCodes = { Kicked: 4002, Banned: 4003 };\nexport const LIMIT = 4000;\n',
			'src/lib/errors/index.ts': "export const ERRORS: Record<number, string> = { 4100: 'Stale session' };\n",
			'src/rooms/room.ts': "import { ChatCodes } from '@/protocol/codes';\nexport function kick(ws: WebSocket) { ws.close(ChatCodes.Kicked); }\n",
			'src/client.ts': "import { ERRORS } from '~/lib/errors';\nconst ws = new WebSocket(url);\nws.onclose = (e) => log(ERRORS[e.code]);\n",
		});
		assert.deepEqual(sites('src/protocol/codes.ts'), ['4002=4002 certain send', '4003=4003 likely define']);
		assert.deepEqual(sites('src/rooms/room.ts'), ['ChatCodes.Kicked=4002 certain send @src/protocol/codes.ts:1']);
		assert.deepEqual(sites('src/lib/errors/index.ts'), ['4100=4100 certain define']);
	});

	test('not a package import, nor an alias two modules of the workspace end with', () => {
		const { sites } = project({
			'src/ws.ts': 'export const Kicked = 4002;\n',
			'apps/a/codes.ts': 'export const Codes = { Kicked: 4002 };\n',
			'apps/b/codes.ts': 'export const Codes = { Kicked: 4002 };\n',
			'apps/a/room.ts': "import { Kicked } from 'ws';\nimport { Codes } from '@/codes';\nexport function kick(ws: WebSocket) { ws.close(Kicked); ws.close(Codes.Kicked); }\n",
		});
		assert.deepEqual(sites('src/ws.ts'), []);
		assert.deepEqual(sites('apps/a/codes.ts'), []);
	});
});

describe('close codes across modules: functions called with a received code (issue 13f)', () => {
	test('the parameter of an exported function another module calls with a received code is compared with close codes', () => {
		const { sites } = project({
			'utils.ts': 'export function isFatal(code: number) {\n\treturn code === 4004 || code === 4010;\n}\n' +
				'export const shouldResume = (code: number) => ![4014].includes(code);\n' +
				"export function describe(code: number) {\n\tswitch (code) { case 4000: return 'unknown'; default: return 'other'; }\n}\n",
			'client.ts': "import { isFatal, shouldResume } from './utils';\nimport * as utils from './utils';\nconst ws = new WebSocket('wss://gateway');\n" +
				'ws.onclose = (event) => {\n\tif (isFatal(event.code)) return;\n\tif (shouldResume(event.code)) resume();\n\tlog(utils.describe(event.code));\n};\n',
		});
		assert.deepEqual(sites('utils.ts'), ['4004=4004 certain receive', '4010=4010 certain receive', '4014=4014 certain receive', '4000=4000 certain receive']);
	});

	test('a check through parentheses or a cast counts too: `(code as number) === 4001`, `[4100, 4101].includes((code))`', () => {
		const { sites } = project({
			'utils.ts': 'export const isRetryable = (code: number) => [4100, 4101].includes((code));\n' +
				'export function isAuth(code: unknown) { return (code as number) === 4001; }\n',
			'client.ts': "import { isRetryable, isAuth } from './utils';\nconst ws = new WebSocket('wss://gateway');\n" +
				'ws.onclose = (event) => { if (isRetryable(event.code) || isAuth(event.code)) reconnect(); };\n',
		});
		assert.deepEqual(sites('utils.ts'), ['4100=4100 certain receive', '4101=4101 certain receive', '4001=4001 certain receive']);
	});

	test('the same function called with other numbers, or not exported, says nothing', () => {
		const { sites } = project({
			'utils.ts': 'export function isSlow(ms: number) {\n\treturn ms > 3000;\n}\nfunction local(code: number) { return code === 4004; }\n' +
				'export function isFatal(code: number) { return code === 4004; }\n',
			'client.ts': "import { isSlow, isFatal } from './utils';\nconst ws = new WebSocket('wss://gateway');\nws.onclose = (event) => { if (isSlow(event.timeStamp)) log(); };\n" +
				'fetch(url).then((response) => isFatal(response.status));\n',
		});
		assert.deepEqual(sites('utils.ts'), []);
	});
});

describe('close codes across modules: events of an imported class (issue 13i)', () => {
	test("a class's emit reaches another module's listener of its instance that closes with the parameter", () => {
		const { sites } = project({
			'lib/receiver.js': "const { Writable } = require('stream');\nclass Receiver extends Writable {\n\tend() { this.emit('conclude', 1005, EMPTY); }\n}\n" +
				'module.exports = Receiver;\n',
			'lib/websocket.js': "const Receiver = require('./receiver');\nclass WebSocket {\n\tsetSocket() { const receiver = new Receiver({}); receiver.on('conclude', onConclude); }\n}\n" +
				'function onConclude(code, reason) { this.ws.close(code, reason); }\nmodule.exports = WebSocket;\n',
		});
		assert.deepEqual(sites('lib/receiver.js'), ['1005=1005 certain send']);
	});

	test('not another event, nor a listener that does not close with that parameter, nor an instance of a class of this module', () => {
		const { sites } = project({
			'lib/receiver.js': "const { Writable } = require('stream');\nclass Receiver extends Writable {\n" +
				"\tend() { this.emit('drain', 1005, EMPTY); this.emit('size', 4000, EMPTY); }\n}\nmodule.exports = Receiver;\n",
			'lib/websocket.js': "const Receiver = require('./receiver');\nclass Local extends Writable {}\n" +
				"function setSocket() { const receiver = new Receiver({}); receiver.on('size', onSize); const local = new Local(); local.on('drain', onDrain); }\n" +
				'function onSize(length, chunk) { total += length; }\nfunction onDrain(code, reason) { this.ws.close(code, reason); }\nmodule.exports = setSocket;\n',
		});
		assert.deepEqual(sites('lib/receiver.js'), []);
	});
});
