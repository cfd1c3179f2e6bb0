// The evaluation's pages: where they are, which site each comes from, and which split it is in.
// Pages are read in place from ../shared/pages (never copied); labels live in tests/eval/labels.
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

export const SHARED = '../shared/pages';
export const LABELS = 'tests/eval/labels';
export const ARTICLES = 'tests/eval/articles';
export const SPLITS = ['dev', 'test'] as const;
export type Split = (typeof SPLITS)[number];

export interface Label {
  page: string;
  /** The site the page comes from (registrable domain, or a stand-in when the page does not say). */
  site: string;
  mentions: Array<{ entity: string; text: string; quote: string; nth?: number }>;
  notes?: string;
}

function files(dir: string, keep: (name: string) => boolean): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir).sort().flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return files(path, keep).map((p) => `${name}/${p}`);
    return keep(name) ? [name] : [];
  });
}

const html = (n: string) => n.endsWith('.html');

/** The first corpus: readability's test pages and scrapinghub's article-body set. */
export function firstPages(): string[] {
  return [
    ...files(join(SHARED, 'readability/test-pages'), (n) => n === 'source.html').map((p) => `readability/test-pages/${p}`),
    ...files(join(SHARED, 'scrapinghub-aeb/html'), html).map((p) => `scrapinghub-aeb/html/${p}`),
  ];
}

/** The 500 pages of web-extra (trafilatura's eval pages include one without a suffix). */
export function webExtraPages(): string[] {
  const root = join(SHARED, 'web-extra');
  return [
    ...files(join(root, 'html5lib-microbench/data'), html).map((p) => `web-extra/html5lib-microbench/data/${p}`),
    ...files(join(root, 'newspaper/html'), html).map((p) => `web-extra/newspaper/html/${p}`),
    ...files(join(root, 'postlight-parser/fixtures'), html).map((p) => `web-extra/postlight-parser/fixtures/${p}`),
    ...files(join(root, 'trafilatura/cache'), html).map((p) => `web-extra/trafilatura/cache/${p}`),
    ...files(join(root, 'trafilatura/eval'), (n) => html(n) || !n.includes('.')).map((p) => `web-extra/trafilatura/eval/${p}`),
  ];
}

/** Second-level labels under which registrations happen ("bbc.co.uk", "abc.net.au"). */
const SECOND_LEVEL = new Set(['co', 'com', 'org', 'net', 'ac', 'gov', 'edu', 'ne', 'or']);

/** Hosting platforms: each subdomain is somebody else's site. */
const PLATFORMS = new Set(['wordpress.com', 'blogspot.com', 'tumblr.com', 'github.io', 'typepad.com', 'livejournal.com']);

/** "www.news.bbc.co.uk" → "bbc.co.uk": one site however many subdomains it uses. */
export function registrable(host: string): string {
  const parts = host.toLowerCase().replace(/\.$/, '').split('.');
  let n = parts.length >= 3 && parts.at(-1)!.length === 2 && SECOND_LEVEL.has(parts.at(-2)!) ? 3 : 2;
  if (parts.length > n && PLATFORMS.has(parts.slice(-n).join('.'))) n++;
  return parts.slice(-n).join('.');
}

const URL_IN = [
  /<link\b[^>]*\brel=["']?canonical["']?[^>]*\bhref=["']?(https?:\/\/[^"'\s>]+)/i,
  /<link\b[^>]*\bhref=["']?(https?:\/\/[^"'\s>]+)["']?[^>]*\brel=["']?canonical/i,
  /<meta\b[^>]*\bproperty=["']?og:url["']?[^>]*\bcontent=["']?(https?:\/\/[^"'\s>]+)/i,
  /<meta\b[^>]*\bcontent=["']?(https?:\/\/[^"'\s>]+)["']?[^>]*\bproperty=["']?og:url/i,
];

/** A host-looking start of a file name: "bloomberg.com1.html", "chip.de.beef.html". */
const HOST_IN_NAME = /^((?:[a-z0-9-]+\.)+(?:com|net|org|de|at|ch|fr|pl|uk|jp|ca|be|it|es|io|info|eu|nl|ru|us|blog|news|ly|tv|me))(?=[0-9.\-_]|$)/i;

/**
 * The page's site: its canonical or og:url host, else a host in its file name, else a stand-in
 * that names the page itself (so an unknown page never shares a site with another by accident).
 */
export function siteOf(page: string, source: string): string {
  if (page.startsWith('articles/')) return 'articles (written for the evaluation)';
  if (page.includes('html5lib-microbench/data/wiki')) return 'wikipedia.org';
  for (const re of URL_IN) {
    const m = re.exec(source);
    if (m) {
      try {
        return registrable(new URL(m[1]!).hostname);
      } catch {
        // an unparsable URL says nothing: try the file name
      }
    }
  }
  const name = page.split('/').at(-1)!;
  const folder = page.split('/').at(-2)!;
  const fromName = HOST_IN_NAME.exec(name) ?? (page.includes('postlight-parser/fixtures/') ? HOST_IN_NAME.exec(folder) : null);
  if (fromName) return registrable(fromName[1]!);
  // Readability names its folders after the site, with a number for a second page ("ars-1").
  if (page.startsWith('readability/test-pages/')) return `readability:${folder.replace(/-\d+$/, '')}`;
  return `page:${page}`;
}

/** A new site's split, fixed by a hash of its name: half the sites, whatever their pages. */
export function splitOfNewSite(site: string): Split {
  return createHash('sha256').update(site).digest()[0]! % 2 === 0 ? 'test' : 'dev';
}

/** tests/eval/labels/<split>/<slug>.json */
export function labelFile(split: Split, page: string): string {
  const slug = page
    .replace(/\/source\.html$/, '')
    .replace(/\.html$/, '')
    .replace(/^readability\/test-pages\/|^scrapinghub-aeb\/html\//, '')
    .replace(/^web-extra\//, 'wx-')
    .toLowerCase()
    .replace(/[^a-z0-9.-]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 120);
  return join(LABELS, split, `${slug}.json`);
}
