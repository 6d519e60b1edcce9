// A person's picture where the site shows them (header, author cards, profile): their uploaded
// avatar, or their initial on a colour of its own. Only avatars this site stores are shown: an
// image from anywhere else (the API accepts any URL) would tell its host who read the page.
import { fileKeyOf } from '@helpboard/files';
import { html, type SafeHtml } from './html.js';

export type AvatarSize = 'small' | 'medium' | 'large';
const PIXELS: Record<AvatarSize, number> = { small: 24, medium: 32, large: 96 };

/** A stable hue per person, so the fallbacks of two people on a page tell apart. */
function hueOf(name: string): number {
  let hash = 0;
  for (const char of name) hash = (hash * 31 + char.codePointAt(0)!) % 360;
  return hash;
}

export function avatar(person: { displayName: string; avatarUrl?: string | null }, size: AvatarSize): SafeHtml {
  const px = PIXELS[size];
  if (fileKeyOf(person.avatarUrl)?.startsWith('avatars/'))
    return html`<img class="avatar ${size}" src="${person.avatarUrl!}" alt="" width="${px}" height="${px}" loading="lazy">`;
  const initial = [...person.displayName.trim()][0]?.toUpperCase() ?? '?';
  return html`<span class="avatar ${size} fallback h${Math.floor(hueOf(person.displayName) / 45)}" aria-hidden="true">${initial}</span>`;
}
