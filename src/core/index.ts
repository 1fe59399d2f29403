/** The shared kernel: API object types, the error table and the clock. Imports nothing from src/. */
export * from './types.ts';
export * from './errors.ts';
export * from './clock.ts';
export * from './transport.ts';
export * from './address-plan.ts';
export * from './builtin-groups.ts';
export * from './time-slice.ts';
