// The page text the evaluation reads, and how labels point into it: a quote found in the text
// with white space collapsed, and the labelled span inside that quote.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { JSDOM, VirtualConsole } from 'jsdom';
import { textRuns } from '../../src/content/text-scan.ts';
import { ARTICLES, SHARED } from './corpus.ts';

/** The page's text as the content script reads it: runs joined by newlines. */
export function pageText(html: string): { text: string; runs: Array<{ text: string; offset: number }> } {
  // Style sheets and style attributes are dropped first: jsdom's CSS parser throws on some real
  // pages (Sass left in production), and jsdom computes no visibility from them anyway.
  const unstyled = html.replace(/<style[\s\S]*?<\/style>/gi, '').replace(/\sstyle\s*=\s*("[^"]*"|'[^']*')/gi, '');
  const dom = new JSDOM(unstyled, { virtualConsole: new VirtualConsole() });
  // text-scan uses the DOM's globals, as the content script does in its page.
  Object.assign(globalThis, { Node: dom.window.Node, NodeFilter: dom.window.NodeFilter, Element: dom.window.Element, HTMLElement: dom.window.HTMLElement });
  const runs: Array<{ text: string; offset: number }> = [];
  let text = '';
  for (const run of textRuns(dom.window.document.body ?? dom.window.document.documentElement, null)) {
    runs.push({ text: run.text, offset: text.length });
    text += `${run.text}\n`;
  }
  dom.window.close();
  return { text, runs };
}

/** A label's page: a real page read in place, or an article written for the evaluation; null when absent. */
export function htmlOf(page: string): string | null {
  const path = page.startsWith('articles/') ? join(ARTICLES, page.slice('articles/'.length)) : join(SHARED, page);
  return existsSync(path) ? readFileSync(path, 'utf8') : null;
}

/** Collapses white space, keeping a map back to the original offsets. */
export function squash(s: string): { text: string; map: number[] } {
  let text = '';
  const map: number[] = [];
  for (let i = 0; i < s.length; i++) {
    if (/\s/.test(s[i]!)) {
      if (text.endsWith(' ')) continue;
      text += ' ';
    } else text += s[i];
    map.push(i);
  }
  return { text, map };
}

/**
 * Where the labelled span sits in its quote. A quote that starts with the span means that one;
 * otherwise drafts place the span 30 characters in (DRAFT_LEAD), so the occurrence nearest that wins.
 */
export const DRAFT_LEAD = 30;
export function spanInQuote(quote: string, text: string): number {
  if (quote.startsWith(text)) return 0;
  let best = -1;
  for (let i = quote.indexOf(text); i >= 0; i = quote.indexOf(text, i + 1)) {
    if (best < 0 || Math.abs(i - DRAFT_LEAD) < Math.abs(best - DRAFT_LEAD)) best = i;
  }
  return best;
}
