// Hash routing (#/connectors, #/threat-hunting?...): works from any path `cwc serve` is mounted on, with no server fallback.
import { useEffect, useState } from 'react';

export interface Route {
  /** Path segments after `#/`, e.g. ['connectors', 'abc', 'edit']. */
  segments: string[];
  params: URLSearchParams;
}

function currentRoute(): Route {
  const hash = window.location.hash.replace(/^#\/?/, '');
  const [path = '', query = ''] = hash.split('?', 2);
  return { segments: path.split('/').filter((segment) => segment !== '').map(decodeURIComponent), params: new URLSearchParams(query) };
}

export function useRoute(): Route {
  const [route, setRoute] = useState(currentRoute);
  useEffect(() => {
    const update = () => setRoute(currentRoute());
    window.addEventListener('hashchange', update);
    return () => window.removeEventListener('hashchange', update);
  }, []);
  return route;
}

/** A link target: `href('connectors', id, 'edit')` → `#/connectors/<id>/edit`. */
export function href(...segments: string[]): string {
  return `#/${segments.map(encodeURIComponent).join('/')}`;
}

export function navigate(...segments: string[]): void {
  window.location.hash = href(...segments).slice(1);
}
