// A Copy button that says whether the text reached the clipboard (the Clipboard API needs a secure context; else a fallback).
import { useState } from 'react';

async function copyText(text: string): Promise<void> {
  if (navigator.clipboard !== undefined && window.isSecureContext) {
    await navigator.clipboard.writeText(text);
    return;
  }
  // Plain HTTP on a LAN address: the old way, through a hidden text area.
  const area = document.createElement('textarea');
  area.value = text;
  area.setAttribute('readonly', '');
  area.style.position = 'fixed';
  area.style.opacity = '0';
  document.body.append(area);
  area.select();
  const copied = document.execCommand('copy');
  area.remove();
  if (!copied) throw new Error('the browser refused to copy');
}

export function CopyButton({ text, label = 'Copy' }: { text: string; label?: string }) {
  const [state, setState] = useState<'idle' | 'copied' | 'failed'>('idle');
  const copy = () => {
    copyText(text).then(() => setState('copied'), () => setState('failed'));
  };
  return (
    <span className="copy">
      <button type="button" onClick={copy} aria-label={label}>Copy</button>
      <span role="status" className="small muted">{state === 'copied' ? 'Copied' : state === 'failed' ? 'Copy failed: select the text and copy it' : ''}</span>
    </span>
  );
}
