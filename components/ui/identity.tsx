'use client';

import { createContext, useContext, type ReactNode } from 'react';

/** Who is signed in (through the trusted authenticating proxy); null when sign-in is off. */
const IdentityContext = createContext<string | null>(null);

export function IdentityProvider({ user, children }: { user: string | null; children: ReactNode }) {
  return <IdentityContext.Provider value={user}>{children}</IdentityContext.Provider>;
}

export function useIdentity(): string | null {
  return useContext(IdentityContext);
}

/** "Signed in as …", shown in every page header when sign-in is on. */
export function SignedInAs() {
  const user = useIdentity();
  if (user === null) return null;
  return (
    <span data-testid="signed-in-as" className="max-w-24 truncate text-xs sm:max-w-64 text-slate-600 dark:text-slate-400" title={user}>
      Signed in as <span className="font-medium">{user}</span>
    </span>
  );
}
