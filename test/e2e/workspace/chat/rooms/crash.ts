import WebSocket from 'ws';
import { ChatCodes } from '../protocol';

// 1006 is never sent on the wire: `ws` throws on it.
export const fail = (member: WebSocket) => member.close(ChatCodes.Crashed);
