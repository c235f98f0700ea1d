import { v7 as uuidv7 } from 'uuid';

/** A new time-ordered UUIDv7, the id of every record and event. */
export function newId(): string {
  return uuidv7();
}
