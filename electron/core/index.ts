export { defaultSignInDelayMs, openCore, type Core, type CoreOptions } from './core';
export type { SecretStore } from './platform';
export { FileSecretStore } from './secrets/file-secret-store';
export { connect } from './transport';
export type { AppRouter } from './router';
export { scheduleDailyBackups } from './backups/schedule';
export { startIntegrityCheck } from './integrity/service';
export { startSync } from './sync/engine';
