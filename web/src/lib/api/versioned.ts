import { ApiError } from './client';

/**
 * The version a change or deletion is made against: the `ETag` read with the item (its page), or
 * the `version` a list showed (lists carry no `ETag`).
 */
export type ReadVersion = { etag: string | null } | { version: number };

/** The 412 the API answers to a stale `If-Match`, for a staleness found before sending. */
export function staleVersion(): ApiError {
  return new ApiError(412, {
    type: 'urn:marcottage:problem:precondition_failed',
    title: 'Precondition Failed',
    status: 412,
    code: 'precondition_failed',
  });
}

/**
 * The `If-Match` value for what the member saw. From a list, the item is read again (`current`):
 * when its version is no longer the one listed, someone changed it since, and the change is
 * refused here as the API would refuse it (412) rather than sent with an `ETag` the member never saw.
 */
export async function ifMatchOf(
  read: ReadVersion,
  current: () => Promise<{ etag: string | null; version: number }>,
): Promise<string | null> {
  if ('etag' in read) return read.etag;
  const fresh = await current();
  if (fresh.version !== read.version) throw staleVersion();
  return fresh.etag;
}
