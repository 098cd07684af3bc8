export * from './audit';
export * from './beneficiaries';
export * from './clinics';
export * from './imports';
export * from './sessions';
export * from './settings';
export * from './sync';
export * from './users';
