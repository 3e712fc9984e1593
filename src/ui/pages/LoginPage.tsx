// Sign in with the username and password (the first administrator is `admin`; `cwc serve` prints its password once).
import { useState, type FormEvent } from 'react';
import { api, ApiError } from '../api';

export function LoginPage({ onSignedIn }: { onSignedIn: () => Promise<void> }) {
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(undefined);
    try {
      await api('POST', '/auth/login', { username, password });
      await onSignedIn();
    } catch (failure) {
      setError(failure instanceof ApiError ? failure.message : 'The service cannot be reached. Is `cwc serve` running?');
    } finally {
      setBusy(false);
    }
  };

  return (
    <main className="login">
      <form className="card" onSubmit={submit} aria-labelledby="login-title">
        <h1 id="login-title">cloudwatch-connector</h1>
        <p className="muted">Sign in to manage CloudWatch connectors and hunt through their records.</p>
        <label htmlFor="login-username">Username</label>
        <input id="login-username" autoComplete="username" value={username} onChange={(event) => setUsername(event.target.value)} required autoFocus />
        <label htmlFor="login-password">Password</label>
        <input id="login-password" type="password" autoComplete="current-password" value={password} onChange={(event) => setPassword(event.target.value)} required />
        {error === undefined ? null : <p className="error" role="alert">{error}</p>}
        <button type="submit" className="primary" disabled={busy}>{busy ? 'Signing in…' : 'Sign in'}</button>
        <p className="muted small">First start: the user is <code>admin</code> and <code>cwc serve</code> prints the password (or set <code>CWC_ADMIN_PASSWORD</code>).</p>
      </form>
    </main>
  );
}
