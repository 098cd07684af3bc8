import type { ClientMessage, CoreChannel, ServerMessage } from '../../common/rpc';

export type ConnectionStatus = 'connecting' | 'open' | 'lost';

/** A CoreChannel that also says whether the core is still reachable. */
export interface RendererChannel extends CoreChannel {
  status(): ConnectionStatus;
  onStatus(listener: (status: ConnectionStatus) => void): () => void;
}

/** In Electron, the preload exposes the channel as `window.outpost`. */
function preloadChannel(): CoreChannel | undefined {
  return (globalThis as { outpost?: CoreChannel }).outpost;
}

function fromPreload(channel: CoreChannel): RendererChannel {
  return {
    send: (message) => channel.send(message),
    onMessage: (listener) => channel.onMessage(listener),
    status: () => 'open',
    onStatus: () => () => {},
  };
}

function isServerMessage(value: unknown): value is ServerMessage {
  if (typeof value !== 'object' || value === null) return false;
  const m = value as Record<string, unknown>;
  return typeof m.id === 'number' && (m.type === 'data' || m.type === 'error' || m.type === 'done');
}

/**
 * The web host (development and tests): one WebSocket to the host that served
 * this page, authorised by the token it injected. Sends wait until the socket
 * opens; once it closes, the channel reports the connection as lost for good
 * (the core's sign-in lives on the socket, so a silent reconnect would lie).
 */
function fromWebSocket(): RendererChannel {
  const token = document.querySelector<HTMLMetaElement>('meta[name="outpost-token"]')?.content ?? '';
  const messageListeners = new Set<(message: ServerMessage) => void>();
  const statusListeners = new Set<(status: ConnectionStatus) => void>();
  const queue: ClientMessage[] = [];
  let status: ConnectionStatus = 'connecting';

  const setStatus = (next: ConnectionStatus) => {
    if (status === next || status === 'lost') return;
    status = next;
    for (const listener of [...statusListeners]) listener(next);
  };

  const socket = new WebSocket(`ws://${location.host}/rpc?token=${encodeURIComponent(token)}`);
  socket.addEventListener('open', () => {
    setStatus('open');
    for (const message of queue.splice(0)) socket.send(JSON.stringify(message));
  });
  socket.addEventListener('message', (event) => {
    if (typeof event.data !== 'string') return;
    let message: unknown;
    try {
      message = JSON.parse(event.data);
    } catch {
      return;
    }
    if (!isServerMessage(message)) return;
    for (const listener of [...messageListeners]) listener(message);
  });
  socket.addEventListener('close', () => setStatus('lost'));
  socket.addEventListener('error', () => setStatus('lost'));

  return {
    send(message) {
      if (status === 'lost') return;
      if (socket.readyState === WebSocket.OPEN) socket.send(JSON.stringify(message));
      else queue.push(message);
    },
    onMessage(listener) {
      messageListeners.add(listener);
      return () => messageListeners.delete(listener);
    },
    status: () => status,
    onStatus(listener) {
      statusListeners.add(listener);
      return () => statusListeners.delete(listener);
    },
  };
}

export function openChannel(): RendererChannel {
  const preload = preloadChannel();
  return preload ? fromPreload(preload) : fromWebSocket();
}
