import { centrifugo } from './centrifugo';
import { discordGateway } from './discordGateway';
import { graphqlWs } from './graphqlWs';
import { hocuspocus } from './hocuspocus';
import { obsWebsocket } from './obsWebsocket';
import { pusher } from './pusher';
import type { ProtocolPack } from './types';

/** Every protocol pack. Adding one: a data file in this folder, its line here, and its test. */
export const protocolPacks: readonly ProtocolPack[] = [graphqlWs, discordGateway, obsWebsocket, hocuspocus, pusher, centrifugo];
