import type { ProtocolPack } from './types';

/**
 * graphql-ws (the GraphQL over WebSocket protocol): the `CloseCode` enum of `src/common.ts`, and which of them its
 * client retries (`shouldRetryConnectOrThrow` in `src/client.ts`; read in graphql-ws 6.4.2 on npm). 4499 is not in
 * the enum: the client reports it itself after `client.terminate()`.
 */
export const graphqlWs: ProtocolPack = {
	id: 'graphql-ws',
	name: 'graphql-ws',
	modules: ['graphql-ws'],
	source: 'https://github.com/enisdenjo/graphql-ws/blob/master/PROTOCOL.md',
	// `export enum CloseCode` (dist/common-*.d.ts of 6.4.2), re-exported by the package's index, client and server.
	exports: [{ modules: ['graphql-ws'], container: 'CloseCode', except: ['Terminated'] }],
	codes: [
		{ code: 4004, name: 'BadResponse', reconnect: false, en: 'The client could not parse a message from the server.', ja: 'サーバーからのメッセージをクライアントが解釈できませんでした。' },
		{ code: 4005, name: 'InternalClientError', reconnect: false, en: 'The client failed internally (a listener threw); the client does not retry.', ja: 'クライアント内部のエラーです（リスナーが例外を投げた など）。クライアントは再試行しません。' },
		{ code: 4400, name: 'BadRequest', reconnect: false, en: 'The server received a message it could not parse or did not expect. Fix the message; the client does not retry.', ja: 'サーバーが解釈できない、または想定外のメッセージを受け取りました。メッセージを直してください。クライアントは再試行しません。' },
		{ code: 4401, name: 'Unauthorized', reconnect: false, en: 'A subscribe arrived before the server acknowledged `connection_init`. Wait for `connection_ack` first.', ja: '`connection_init` が承認される前に subscribe が届きました。先に `connection_ack` を待ってください。' },
		{ code: 4403, name: 'Forbidden', reconnect: true, en: 'The server refused the connection in `onConnect`. The client retries, since access may be granted later.', ja: 'サーバーが `onConnect` で接続を拒否しました。後で許可される可能性があるため、クライアントは再試行します。' },
		{ code: 4406, name: 'SubprotocolNotAcceptable', reconnect: false, en: 'The client did not offer the `graphql-transport-ws` subprotocol. Use a graphql-ws client on both sides.', ja: 'クライアントが `graphql-transport-ws` サブプロトコルを提示しませんでした。両側で graphql-ws 対応のクライアントとサーバーを使ってください。' },
		{ code: 4408, name: 'ConnectionInitialisationTimeout', reconnect: true, en: 'No `connection_init` within the server\'s `connectionInitWaitTimeout`. The client retries.', ja: 'サーバーの `connectionInitWaitTimeout` 以内に `connection_init` が届きませんでした。クライアントは再試行します。' },
		{ code: 4409, name: 'SubscriberAlreadyExists', reconnect: false, en: 'A subscribe reused an id that is still active. Give every operation a unique id.', ja: 'まだ有効な id で subscribe しました。操作ごとに一意の id を使ってください。' },
		{ code: 4429, name: 'TooManyInitialisationRequests', reconnect: false, en: 'The client sent `connection_init` more than once on one socket.', ja: '一つのソケットで `connection_init` を二回以上送りました。' },
		{ code: 4499, name: 'Terminated', reconnect: true, en: 'Reported by the client itself after `client.terminate()` (not sent by a server); the client retries.', ja: '`client.terminate()` の後にクライアント自身が報告するコードです（サーバーは送りません）。クライアントは再試行します。' },
		{ code: 4500, name: 'InternalServerError', reconnect: false, en: 'The server failed while handling the connection; see its logs. The client does not retry.', ja: '接続の処理中にサーバーでエラーが起きました。サーバーのログを確認してください。クライアントは再試行しません。' },
		{ code: 4504, name: 'ConnectionAcknowledgementTimeout', reconnect: true, en: 'The server did not send `connection_ack` within the client\'s `connectionAckWaitTimeout`. The client retries.', ja: 'クライアントの `connectionAckWaitTimeout` 以内にサーバーが `connection_ack` を送りませんでした。クライアントは再試行します。' },
	],
};
