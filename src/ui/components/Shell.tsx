// The frame around every page: product name, the product document's menus (System, Investigate), the user, sign out.
import type { ReactNode } from 'react';
import { ROLE_LABELS, canAdminister, type User } from '../api';
import { href, type Route } from '../router';

interface NavItem {
  label: string;
  target: string;
  active: boolean;
}

export function Shell({ user, route, onSignOut, children }: { user: User; route: Route; onSignOut: () => void; children: ReactNode }) {
  const page = route.segments[0] ?? 'connectors';
  const system: NavItem[] = [
    { label: 'Connectors', target: href('connectors'), active: page === 'connectors' || page === '' },
    { label: 'Log Filters', target: href('log-filters'), active: page === 'log-filters' },
    { label: 'Profiles', target: href('profiles'), active: page === 'profiles' },
    ...(canAdminister(user) ? [{ label: 'Tenants & Users', target: href('tenants'), active: page === 'tenants' }] : []),
  ];
  const investigate: NavItem[] = [{ label: 'Threat Hunting', target: href('threat-hunting'), active: page === 'threat-hunting' }];
  return (
    <div className="shell">
      <header className="topbar">
        <a className="brand" href={href('connectors')}>cloudwatch-connector</a>
        <nav aria-label="Main">
          <NavGroup title="System" items={system} />
          <NavGroup title="Investigate" items={investigate} />
        </nav>
        <div className="who">
          <span title={ROLE_LABELS[user.role]}>{user.username}{user.tenant === undefined ? '' : ` · ${user.tenant}`}</span>
          <button type="button" className="link" onClick={onSignOut}>Sign out</button>
        </div>
      </header>
      <main className="page">{children}</main>
    </div>
  );
}

function NavGroup({ title, items }: { title: string; items: NavItem[] }) {
  return (
    <div className="nav-group">
      <span className="nav-title">{title}</span>
      {items.map((item) => (
        <a key={item.label} href={item.target} className={item.active ? 'active' : undefined} aria-current={item.active ? 'page' : undefined}>{item.label}</a>
      ))}
    </div>
  );
}
