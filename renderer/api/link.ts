import { TRPCClientError, type TRPCLink } from '@trpc/client';
import { observable } from '@trpc/server/observable';
import type { AppErrorShape } from '../../common/errors';
import type { ServerMessage } from '../../common/rpc';
import type { AppRouter } from '../../electron/core/router';
import type { RendererChannel } from './channel';
import { connectionLost, CoreCallError } from './errors';

interface Pending {
  onMessage(message: ServerMessage): void;
  onLost(): void;
}

function clientError(shape: AppErrorShape): TRPCClientError<AppRouter> {
  return new TRPCClientError<AppRouter>(shape.message, { cause: new CoreCallError(shape), meta: { app: shape } });
}

/**
 * The terminating link: each operation becomes one ClientMessage over the
 * channel; replies come back by id. Queries and mutations end with their
 * first `data`; subscriptions run until `done`, an error, or unsubscribe
 * (which sends `stop`).
 */
export function coreLink(channel: RendererChannel): TRPCLink<AppRouter> {
  let nextId = 0;
  const pending = new Map<number, Pending>();

  channel.onMessage((message) => pending.get(message.id)?.onMessage(message));
  channel.onStatus((status) => {
    if (status !== 'lost') return;
    for (const entry of [...pending.values()]) entry.onLost();
  });

  return () =>
    ({ op }) =>
      observable((observer) => {
        const id = ++nextId;
        let finished = false;
        const finish = () => {
          finished = true;
          pending.delete(id);
        };

        pending.set(id, {
          onMessage(message) {
            if (message.type === 'data') {
              observer.next({ result: { type: 'data', data: message.data as never } });
              if (op.type !== 'subscription') {
                finish();
                observer.complete();
              }
            } else if (message.type === 'error') {
              finish();
              observer.error(clientError(message.error));
            } else {
              finish();
              observer.complete();
            }
          },
          onLost() {
            finish();
            observer.error(clientError(connectionLost));
          },
        });

        if (channel.status() === 'lost') {
          finish();
          observer.error(clientError(connectionLost));
        } else {
          channel.send({ id, type: op.type, path: op.path, input: op.input });
        }

        return () => {
          if (finished) return;
          finish();
          if (op.type === 'subscription') channel.send({ id, type: 'stop' });
        };
      });
}
