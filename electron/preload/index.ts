import { contextBridge, ipcRenderer } from 'electron';
import type { ClientMessage, CoreChannel, ServerMessage } from '../../common/rpc';

// The page's only way out: one message channel to the core, handed over by main as a MessagePort.

const listeners = new Set<(message: ServerMessage) => void>();
const queued: ClientMessage[] = [];
let port: MessagePort | null = null;

ipcRenderer.on('core-port', (event) => {
  const [received] = event.ports;
  if (!received) return;
  port?.close();
  port = received;
  port.onmessage = (message: MessageEvent<ServerMessage>) => {
    for (const listener of listeners) listener(message.data);
  };
  for (const message of queued.splice(0)) port.postMessage(message);
});

const channel: CoreChannel = {
  send(message) {
    if (port) port.postMessage(message);
    else queued.push(message);
  },
  onMessage(listener) {
    listeners.add(listener);
    return () => {
      listeners.delete(listener);
    };
  },
};

contextBridge.exposeInMainWorld('outpost', channel);
ipcRenderer.send('core-port-request');
