/** The driver registry (architecture note 4, as kine's drivers.Register): drivers register by name. */
import type { BackendFactory } from './backend.ts';

const drivers = new Map<string, BackendFactory>();

/** Registers (or replaces) a driver; `open` receives the already-validated config object. */
export function registerDriver(name: string, open: BackendFactory): void {
  drivers.set(name, open);
}

export function driverNames(): string[] {
  return [...drivers.keys()];
}

export function getDriver(name: string): BackendFactory | undefined {
  return drivers.get(name);
}
