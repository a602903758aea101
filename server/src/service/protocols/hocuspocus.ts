import type { ProtocolPack } from './types';

/** Hocuspocus (the Y.js collaboration backend): the close events of `@hocuspocus/common` (`src/CloseEvents.ts`, 4.8.0 on npm). */
export const hocuspocus: ProtocolPack = {
	id: 'hocuspocus',
	name: 'Hocuspocus',
	modules: ['@hocuspocus/server', '@hocuspocus/provider', '@hocuspocus/common'],
	source: 'https://github.com/ueberdosis/hocuspocus/blob/main/packages/common/src/CloseEvents.ts',
	// `export const Forbidden: CloseEvent = { code: 4403, reason: 'Forbidden' }`, one per code.
	exports: [{ modules: ['@hocuspocus/common'], property: 'code' }],
	codes: [
		{ code: 4205, name: 'ResetConnection', en: 'The server asks the provider to reset its document view and connect again.', ja: 'サーバーがプロバイダーにドキュメントの表示をリセットして再接続するよう求めています。' },
		{ code: 4401, name: 'Unauthorized', en: 'Authentication is required and failed or was not provided (`onAuthenticate` rejected). Fix the token before reconnecting.', ja: '認証が必要で、失敗したか提供されていません（`onAuthenticate` が拒否）。トークンを直してから再接続してください。' },
		{ code: 4403, name: 'Forbidden', en: 'The server understood the request and refuses it: the user may not open this document.', ja: 'サーバーは要求を理解したうえで拒否しています。このユーザーはこのドキュメントを開けません。' },
		{ code: 4408, name: 'ConnectionTimeout', en: 'The server timed out waiting for the client.', ja: 'サーバーがクライアントを待っている間にタイムアウトしました。' },
	],
};
