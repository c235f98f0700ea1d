import { createContext, useContext } from 'react';
import type { ConsoleModel } from '../api/model.js';
import type { Me } from '../auth/session.js';
import type { Place } from '../format/format.js';
import type { Language } from '../i18n/i18n.js';

/** What every page of a signed-in console reads: who, what they may do, and where they are. */
export interface Session {
  me: Me;
  model: ConsoleModel;
  place: Place;
  language: Language;
  /** True when the caller's permissions allow `action` on `resource`. */
  can(resource: string, action: string): boolean;
  setLanguage(language: Language): void;
  signOut(): Promise<void>;
}

/** The signed-in session; provided by the app shell. */
export const SessionContext = createContext<Session | undefined>(undefined);

/** The signed-in session (throws outside the app shell). */
export function useSession(): Session {
  const session = useContext(SessionContext);
  if (!session) throw new Error('useSession needs a SessionContext provider (the app shell)');
  return session;
}
