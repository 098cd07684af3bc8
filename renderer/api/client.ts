import { createTRPCClient } from '@trpc/client';
import type { AppRouter } from '../../electron/core/router';
import { openChannel } from './channel';
import { coreLink } from './link';

/** The one connection of this window to the core. */
export const channel = openChannel();

/** The typed client: every call goes over `channel` as plain JSON (no transformer). */
export const api = createTRPCClient<AppRouter>({ links: [coreLink(channel)] });
