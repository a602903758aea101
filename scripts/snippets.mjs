// Writes the `ws-reconnect` snippet of both snippet files from the service's generator (reconnectHelper.ts), so the
// snippet and the reconnect quick fix share one helper and one reconnect policy. Run after changing either:
//   npm run snippets        (test/snippets/static.test.ts fails while the files differ from the generator)
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const { reconnectSnippetLines } = require('../out/server/src/service/quickFixes/reconnectHelper.js');
const { retryCodes } = require('../out/server/src/service/reconnectPolicy.js');

export const reconnectSnippetName = 'WebSocket Client Reconnect With Backoff';

export function reconnectSnippet(isTypeScript) {
	return {
		scope: isTypeScript ? 'typescript,typescriptreact' : 'javascript,javascriptreact',
		prefix: 'ws-reconnect',
		description: `Browser (WHATWG) WebSocket client that reconnects with exponential backoff and full jitter through the same createReconnector helper as the "Reconnect with exponential backoff" quick fix: retries only after ${retryCodes.join(', ')} (longer after 1013, 4429, 4503), resets the backoff once a connection stayed open, one socket at a time, stop() on a deliberate close, onGiveUp otherwise.`,
		body: reconnectSnippetLines(isTypeScript),
	};
}

if (process.argv[1] && import.meta.url.endsWith(process.argv[1].replace(/\\/g, '/').split('/').pop())) {
	for (const [file, isTypeScript] of [['snippets/typescript.code-snippets', true], ['snippets/javascript.code-snippets', false]]) {
		const snippets = JSON.parse(readFileSync(file, 'utf8'));
		const rebuilt = {};
		for (const [name, snippet] of Object.entries(snippets)) {
			if (snippet.prefix === 'ws-reconnect') {
				rebuilt[reconnectSnippetName] = reconnectSnippet(isTypeScript);
			} else {
				rebuilt[name] = snippet;
			}
		}
		writeFileSync(file, `${JSON.stringify(rebuilt, null, '\t')}\n`);
	}
	console.log('snippets: ws-reconnect written from the generator');
}
