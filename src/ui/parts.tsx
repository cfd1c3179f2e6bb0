// Small pieces shared by the card's sections (src/ui/Card.tsx) and the entity page.
import type { ComponentChildren } from 'preact';
import { useState } from 'preact/hooks';
import type { Citation } from '../core/dataset.ts';
import { citationText } from './format.ts';
import { fill } from './i18n.ts';

/** Our controls act only on a person's input, never on events a page script dispatches. */
export const trusted = (fn: () => void) => (e: Event) => {
  if (e.isTrusted) fn();
};

export type Heading = 'h1' | 'h2' | 'h3' | 'h4';
export const heading = (n: number): Heading => `h${Math.min(Math.max(n, 1), 4)}` as Heading;

/**
 * A section with its heading. `hidden` headings are read by screen readers (their heading lists)
 * but not shown: on the card, the summary line already says what follows.
 */
export function Section({ title, level, id, quiet, children }: { title: string; level: number; id?: string; quiet?: boolean; children: ComponentChildren }) {
  const H = heading(level);
  return (
    <section id={id}>
      <H class={quiet ? 'h-section sr-only' : 'h-section'}>{title}</H>
      {children}
    </section>
  );
}

export function Source({ c }: { c: Citation }) {
  const text = citationText(c);
  const cited = c.url ? (
    <a href={c.url} target="_blank" rel="noopener noreferrer">
      {text}
    </a>
  ) : (
    text
  );
  return <span class="src">{fill('card_source', cited)}</span>;
}

/** Open or closed, remembered for as long as the component stays mounted (the card stays open). */
export function useToggle(initial = false): [boolean, () => void] {
  const [open, setOpen] = useState(initial);
  return [open, () => setOpen((o) => !o)];
}
