/** Types shared by the validation module's parts (re-exported from index.ts). */

export type Operation = 'CREATE' | 'UPDATE';

/** What defaulting may need to allocate; the API server passes allocators backed by its state. */
export interface Allocators {
  /** Returns a free ClusterIP, or reserves `requested`; throws ApiError INVALID when taken or out of range. */
  clusterIP(requested?: string): string;
  /** Returns a free NodePort, or reserves `requested`; throws ApiError INVALID when taken or out of range. */
  nodePort(requested?: number): number;
  /** Frees an IP (Service deleted, or its IP dropped on update). Optional: without it nothing is freed. */
  releaseClusterIP?(ip: string): void;
  /** Frees a NodePort. Optional, as releaseClusterIP. */
  releaseNodePort?(port: number): void;
}
