import type { ProtocolPack } from './types';

/**
 * Centrifugo (and the Centrifuge Go library): disconnect codes are ranges that tell the client whether to
 * reconnect. Read in centrifuge-js 5.8.0 on npm (`centrifuge` package, `build/index.js`): 3500–3999 and
 * 4500–4999 do not reconnect, every other code does.
 */
export const centrifugo: ProtocolPack = {
	id: 'centrifugo',
	name: 'Centrifugo',
	modules: ['centrifuge'],
	source: 'https://centrifugal.dev/docs/transports/client_protocol#disconnect-codes',
	codes: [],
	ranges: [
		{ from: 3000, to: 3499, name: 'Reconnect', reconnect: true, en: 'A server disconnect after which the client reconnects (for example a shutdown).', ja: 'クライアントが再接続するサーバー側の切断です（シャットダウンなど）。' },
		{ from: 3500, to: 3999, name: 'Terminal', reconnect: false, en: 'A server disconnect after which the client stays disconnected (bad request, invalid token, force disconnect…).', ja: 'クライアントが再接続しないサーバー側の切断です（不正なリクエスト、無効なトークン、強制切断など）。' },
		{ from: 4000, to: 4499, name: 'Custom, reconnect', reconnect: true, en: 'An application code from your own server: the client reconnects.', ja: '自分のサーバーが定義したアプリケーションコードです。クライアントは再接続します。' },
		{ from: 4500, to: 4999, name: 'Custom, terminal', reconnect: false, en: 'An application code from your own server: the client stays disconnected.', ja: '自分のサーバーが定義したアプリケーションコードです。クライアントは再接続しません。' },
	],
};
