import type { ProtocolPack } from './types';

/**
 * The Discord gateway: `GatewayCloseCodes` in discord-api-types (`gateway/v10`, read in 0.38.57 on npm) and the
 * "Reconnect" column of Discord's "Opcodes and Status Codes" page. 4006 is unused.
 */
export const discordGateway: ProtocolPack = {
	id: 'discord-gateway',
	name: 'Discord gateway',
	modules: ['discord-api-types', 'discord.js', '@discordjs/ws'],
	source: 'https://docs.discord.com/developers/topics/opcodes-and-status-codes#gateway-gateway-close-event-codes',
	// `export declare enum GatewayCloseCodes` of discord-api-types (`/v10`, `/gateway/v10`, …), which discord.js 14
	// re-exports whole (`__exportStar(require('discord-api-types/v10'))` in its index, 14.28.1).
	exports: [{ modules: ['discord-api-types', 'discord.js'], container: 'GatewayCloseCodes' }],
	codes: [
		{ code: 4000, name: 'UnknownError', reconnect: true, en: 'Discord is not sure what went wrong. Reconnect (resume).', ja: '原因不明のエラーです。再接続（resume）してください。' },
		{ code: 4001, name: 'UnknownOpcode', reconnect: true, en: 'You sent an invalid gateway opcode or payload for an opcode.', ja: '無効なゲートウェイのオペコード、またはオペコードに合わないペイロードを送りました。' },
		{ code: 4002, name: 'DecodeError', reconnect: true, en: 'You sent a payload Discord could not decode.', ja: 'Discord がデコードできないペイロードを送りました。' },
		{ code: 4003, name: 'NotAuthenticated', reconnect: true, en: 'You sent a payload before identifying.', ja: 'identify の前にペイロードを送りました。' },
		{ code: 4004, name: 'AuthenticationFailed', reconnect: false, en: 'The token in identify is invalid. Do not reconnect: fix the token.', ja: 'identify のトークンが無効です。再接続せず、トークンを直してください。' },
		{ code: 4005, name: 'AlreadyAuthenticated', reconnect: true, en: 'You sent more than one identify payload.', ja: 'identify を二回以上送りました。' },
		{ code: 4007, name: 'InvalidSeq', reconnect: true, en: 'The sequence sent when resuming was invalid. Reconnect with a new session.', ja: 'resume で送ったシーケンス番号が無効です。新しいセッションで再接続してください。' },
		{ code: 4008, name: 'RateLimited', reconnect: true, en: 'You sent payloads too quickly. Slow down before reconnecting.', ja: 'ペイロードの送信が速すぎます。送信を抑えてから再接続してください。' },
		{ code: 4009, name: 'SessionTimedOut', reconnect: true, en: 'The session timed out. Reconnect with a new session.', ja: 'セッションがタイムアウトしました。新しいセッションで再接続してください。' },
		{ code: 4010, name: 'InvalidShard', reconnect: false, en: 'An invalid shard was sent in identify. Do not reconnect.', ja: 'identify で無効なシャードを送りました。再接続しないでください。' },
		{ code: 4011, name: 'ShardingRequired', reconnect: false, en: 'The bot has too many guilds for one connection: shard it. Do not reconnect as is.', ja: 'ギルド数が多すぎて一つの接続では扱えません。シャーディングしてください。このままでは再接続しないでください。' },
		{ code: 4012, name: 'InvalidAPIVersion', reconnect: false, en: 'An invalid gateway API version was requested.', ja: '無効なゲートウェイ API バージョンを要求しました。' },
		{ code: 4013, name: 'InvalidIntents', reconnect: false, en: 'The intents bitmask in identify is invalid.', ja: 'identify のインテントのビットマスクが無効です。' },
		{ code: 4014, name: 'DisallowedIntents', reconnect: false, en: 'You asked for a privileged intent that is not enabled or approved for the bot.', ja: 'ボットで有効化または承認されていない特権インテントを要求しました。' },
	],
};
