import { html, type SafeHtml } from './html';

/** True for an absolute http(s) address: the only kind imported data may turn into a link. */
export function isWebAddress(url: string): boolean {
  return /^https?:\/\/[^\s<>"]+$/i.test(url.trim());
}

/**
 * A link to an address from imported data (offerings, Onlinedienste, FIM references). Escaping
 * alone would still allow `javascript:` targets, so anything but http(s) is shown as text.
 * `context` names what the link is about for screen readers when `text` is generic.
 */
export function externalLink(url: string, text?: string, context?: string): SafeHtml {
  if (!isWebAddress(url))
    return html`<span class="break">${url}</span> <span class="meta">(keine Webadresse, nicht verlinkt)</span>`;
  const label = text ?? url;
  return html`<a href="${url.trim()}" class="break" rel="noopener noreferrer">${label}${context ? html`<span class="visually-hidden">: ${context}</span>` : ''}</a>`;
}
