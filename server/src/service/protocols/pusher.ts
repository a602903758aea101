import type { ProtocolPack } from './types';

/**
 * The Pusher Channels protocol: its close codes are ranges, each with one client action. Read in pusher-js 8.6.0 on
 * npm (`getCloseAction` in `src/core/connection/protocol/protocol.ts`): 4000 → use TLS, 4001–4099 → refused,
 * 4100–4199 → back off, 4200–4299 → retry at once, 4300 and up → refused.
 */
export const pusher: ProtocolPack = {
	id: 'pusher',
	name: 'Pusher protocol',
	modules: ['pusher-js'],
	source: 'https://pusher.com/docs/channels/library_auth_reference/pusher-websockets-protocol/#error-codes',
	codes: [
		{ code: 4000, name: 'SSL only', reconnect: true, en: 'The app accepts only TLS connections: pusher-js switches to `wss://` and connects again.', ja: 'このアプリは TLS 接続のみ受け付けます。pusher-js は `wss://` に切り替えて再接続します。' },
	],
	ranges: [
		{ from: 4001, to: 4099, name: 'Refused', reconnect: false, en: 'The connection was refused (unknown or disabled app, over the connection quota, bad path or protocol version). The client does not reconnect: fix the app key or plan.', ja: '接続が拒否されました（アプリが存在しないか無効、接続数の上限超過、パスやプロトコルバージョンの誤り）。クライアントは再接続しません。アプリキーやプランを見直してください。' },
		{ from: 4100, to: 4199, name: 'Back off', reconnect: true, en: 'A temporary condition such as over capacity: the client reconnects after backing off.', ja: '容量超過などの一時的な状態です。クライアントはバックオフしてから再接続します。' },
		{ from: 4200, to: 4299, name: 'Reconnect now', reconnect: true, en: 'A generic "reconnect": the client reconnects at once.', ja: '一般的な「再接続」の指示です。クライアントはすぐに再接続します。' },
		{ from: 4300, to: 4999, name: 'Other error', reconnect: false, en: 'Any other error: pusher-js treats it as refused and does not reconnect.', ja: 'その他のエラーです。pusher-js は拒否として扱い、再接続しません。' },
	],
};
