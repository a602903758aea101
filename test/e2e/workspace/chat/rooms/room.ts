import { ChatCodes } from '../protocol';

export function kick(member: WebSocket): void {
	member.close(ChatCodes.Kicked, 'kicked by a moderator');
}
