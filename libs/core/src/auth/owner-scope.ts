// Whose data a piece of code may see. The API's auth middleware runs every authenticated request
// inside `runAsOwner(ownerId, …)` (an AsyncLocalStorage), and the dataset and run repositories add
// `owner_id = <that owner>` to every query they make for a request. So every route, including ones
// added later by code that never heard of owners, sees only its caller's rows: another owner's id
// reads as "not found". Code outside any request (the worker, tools, tests) is owner-agnostic.
//
// The API process calls requireOwnerScope() at boot: from then on a repository call made outside a
// request scope fails loudly (a 500 naming the bug) instead of silently seeing every owner's rows.
import { AsyncLocalStorage } from 'node:async_hooks';

/** Owner of rows written outside any API request: tools, benches and rows older than API keys. */
export const LOCAL_OWNER_ID = 'local';

const scope = new AsyncLocalStorage<{ ownerId: string }>();
let scopeRequired = false;

export class OwnerScopeMissingError extends Error {}

/** Runs `fn` (and everything it awaits or schedules) as `ownerId`. */
export function runAsOwner<T>(ownerId: string, fn: () => T): T {
  return scope.run({ ownerId }, fn);
}

/** Makes repository calls outside runAsOwner() throw in this process (the API). */
export function requireOwnerScope(required = true): void {
  scopeRequired = required;
}

/** The owner of the current request; undefined outside one (worker, tools), unless required. */
export function currentOwnerId(): string | undefined {
  const ownerId = scope.getStore()?.ownerId;
  if (ownerId === undefined && scopeRequired) {
    throw new OwnerScopeMissingError('a dataset/run query ran outside an owner scope (runAsOwner); refusing to read every owner');
  }
  return ownerId;
}

/** `{ ownerId }` inside an owner scope, `{}` outside: spread into a Prisma `where`. */
export function ownerWhere(): { ownerId?: string } {
  const ownerId = currentOwnerId();
  return ownerId === undefined ? {} : { ownerId };
}
