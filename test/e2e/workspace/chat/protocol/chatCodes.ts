/** The chat protocol's own close codes, shared by the server and the client. */
export const ChatCodes = {
	/** A moderator removed the user from the room. */
	Kicked: 4002,
	Banned: 4003,
	Crashed: 1006,
};
