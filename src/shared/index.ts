export * from './access-log.js';
export * from './categories.js';
export * from './limits.js';
export * from './texts-hash.js';
export * from './wire.js';
