// Placeholder until this page lands (issue 7, in progress this session).
import type { User } from '../api';
import type { Route } from '../router';

export function LogFiltersPage({ user, route }: { user: User; route: Route }) {
  return <h1>{'LogFiltersPage'} {user.username} {route.segments.join('/')}</h1>;
}
