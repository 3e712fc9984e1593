// The console: who is signed in, the navigation shell, and which page the URL names.
import { useCallback, useEffect, useState } from 'react';
import { api, canAdminister, setUnauthorizedHandler, type User } from './api';
import { Shell } from './components/Shell';
import { ConnectorsPage } from './pages/ConnectorsPage';
import { LogFiltersPage } from './pages/LogFiltersPage';
import { LoginPage } from './pages/LoginPage';
import { ProfilesPage } from './pages/ProfilesPage';
import { TenantsUsersPage } from './pages/TenantsUsersPage';
import { ThreatHuntingPage } from './pages/ThreatHuntingPage';
import { useRoute, type Route } from './router';

type Session = { state: 'loading' } | { state: 'signed-out' } | { state: 'signed-in'; user: User };

export function App() {
  const [session, setSession] = useState<Session>({ state: 'loading' });
  const route = useRoute();

  const refreshUser = useCallback(async () => {
    try {
      setSession({ state: 'signed-in', user: await api<User>('GET', '/auth/me') });
    } catch {
      setSession({ state: 'signed-out' });
    }
  }, []);

  useEffect(() => {
    setUnauthorizedHandler(() => setSession({ state: 'signed-out' }));
    void refreshUser();
  }, [refreshUser]);

  if (session.state === 'loading') return <p className="loading" role="status">Loading…</p>;
  if (session.state === 'signed-out') return <LoginPage onSignedIn={refreshUser} />;

  const signOut = async () => {
    await api('POST', '/auth/logout').catch(() => undefined);
    setSession({ state: 'signed-out' });
  };
  return (
    <Shell user={session.user} route={route} onSignOut={signOut}>
      <Page user={session.user} route={route} />
    </Shell>
  );
}

function Page({ user, route }: { user: User; route: Route }) {
  switch (route.segments[0]) {
    case 'threat-hunting':
      return <ThreatHuntingPage user={user} route={route} />;
    case 'log-filters':
      return <LogFiltersPage user={user} route={route} />;
    case 'profiles':
      return <ProfilesPage user={user} route={route} />;
    case 'tenants':
      return canAdminister(user) ? <TenantsUsersPage user={user} route={route} /> : <ConnectorsPage user={user} route={route} />;
    default:
      return <ConnectorsPage user={user} route={route} />;
  }
}
