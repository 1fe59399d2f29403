/** The error allocators throw: an INVALID ApiError whose detail defaulting turns into a field error with its path. */
import { ApiError } from '../../../core/index.ts';

export class AllocationError extends ApiError {
  /**
   * @param detail kube's text after the value, e.g. `failed to allocate IP 10.0.0.5: the provided IP (...)...`
   *   or `provided port is already allocated`.
   */
  constructor(readonly detail: string) {
    super('INVALID', detail);
    this.name = 'AllocationError';
  }
}
