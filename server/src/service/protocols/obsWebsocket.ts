import type { ProtocolPack } from './types';

/**
 * obs-websocket 5 (the OBS Studio remote-control protocol): `WebSocketCloseCode` in obsproject/obs-websocket's
 * protocol reference. The client library obs-websocket-js does not ship the enum, so the protocol document is the
 * source. 4012 is left out: it could not be confirmed.
 */
export const obsWebsocket: ProtocolPack = {
	id: 'obs-websocket',
	name: 'obs-websocket',
	modules: ['obs-websocket-js'],
	source: 'https://github.com/obsproject/obs-websocket/blob/master/docs/generated/protocol.md#websocketclosecode',
	codes: [
		{ code: 4000, name: 'UnknownReason', en: 'OBS closed for a reason it does not name.', ja: 'OBS が理由を示さずに閉じました。' },
		{ code: 4002, name: 'MessageDecodeError', en: 'OBS could not decode a message (wrong JSON/MessagePack encoding for the negotiated subprotocol).', ja: 'OBS がメッセージをデコードできませんでした（ネゴシエートしたサブプロトコルと JSON/MessagePack の形式が合っていません）。' },
		{ code: 4003, name: 'MissingDataField', en: 'A message lacked a required data field.', ja: 'メッセージに必須のデータフィールドがありませんでした。' },
		{ code: 4004, name: 'InvalidDataFieldType', en: 'A data field had the wrong type.', ja: 'データフィールドの型が正しくありません。' },
		{ code: 4005, name: 'InvalidDataFieldValue', en: 'A data field had an invalid value.', ja: 'データフィールドの値が無効です。' },
		{ code: 4006, name: 'UnknownOpCode', en: 'The message used an unknown opcode.', ja: 'メッセージが未知のオペコードを使っていました。' },
		{ code: 4007, name: 'NotIdentified', en: 'A message was sent before `Identify` completed.', ja: '`Identify` が完了する前にメッセージを送りました。' },
		{ code: 4008, name: 'AlreadyIdentified', en: '`Identify` was sent twice (use `Reidentify`).', ja: '`Identify` を二回送りました（`Reidentify` を使ってください）。' },
		{ code: 4009, name: 'AuthenticationFailed', en: 'The authentication string was wrong: check the OBS WebSocket password.', ja: '認証文字列が正しくありません。OBS の WebSocket パスワードを確認してください。' },
		{ code: 4010, name: 'UnsupportedRpcVersion', en: 'OBS does not speak the requested RPC version (also sent to pre-5.0 clients).', ja: '要求した RPC バージョンに OBS が対応していません（5.0 より前のクライアントにも送られます）。' },
		{ code: 4011, name: 'SessionInvalidated', en: 'The session was ended from OBS (for example "Kick" in the UI). Do not reconnect automatically.', ja: 'OBS 側でセッションが終了されました（UI の「キック」など）。自動で再接続しないでください。' },
	],
};
