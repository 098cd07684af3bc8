import type { AppErrorShape } from './errors';

// One message protocol carries the typed router over any channel
// (Electron MessagePort, WebSocket): plain JSON-safe objects only.
export type RpcCall = 'query' | 'mutation' | 'subscription';

export type ClientMessage = { id: number; type: RpcCall; path: string; input?: unknown } | { id: number; type: 'stop' };

export type ServerMessage =
  { id: number; type: 'data'; data: unknown } | { id: number; type: 'error'; error: AppErrorShape } | { id: number; type: 'done' };

/** What the preload exposes on `window.outpost`, and what the web host's socket is wrapped into. */
export interface CoreChannel {
  send(message: ClientMessage): void;
  onMessage(listener: (message: ServerMessage) => void): () => void;
}
