// System | Connectors: the Connector Overview, and the Create / Edit wizard (#/connectors/new, #/connectors/<id>/edit).
import { canAdminister, type User } from '../api';
import type { Route } from '../router';
import { ConnectorOverview } from './connectors/ConnectorOverview';
import { ConnectorWizard } from './connectors/ConnectorWizard';
import './connectors/connectors.css';

export function ConnectorsPage({ user, route }: { user: User; route: Route }) {
  const [, second, third] = route.segments;
  // Analysts read; the wizard is for administrators (the API refuses their changes anyway).
  if (canAdminister(user) && second === 'new') return <ConnectorWizard key="new" {...(user.tenant === undefined ? {} : { defaultTenant: user.tenant })} />;
  if (canAdminister(user) && second !== undefined && third === 'edit') return <ConnectorWizard key={second} connectorId={second} />;
  return <ConnectorOverview user={user} />;
}
