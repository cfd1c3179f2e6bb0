// Whether the page is dark, so that the card and the company list follow it.

/** Dark page background, else the system preference. */
export function isDark(): boolean {
  for (const el of [document.body, document.documentElement]) {
    if (!el) continue;
    const m = /rgba?\((\d+),\s*(\d+),\s*(\d+)(?:,\s*([\d.]+))?\)/.exec(getComputedStyle(el).backgroundColor);
    if (m && (m[4] === undefined || Number(m[4]) > 0.5)) {
      const [r, g, b] = [m[1], m[2], m[3]].map(Number) as [number, number, number];
      return 0.2126 * r + 0.7152 * g + 0.0722 * b < 110;
    }
  }
  // No opaque background: the page's declared color-scheme (CSS, else its meta tag), when it names one scheme only.
  const css = getComputedStyle(document.documentElement).colorScheme;
  const declared = css && css !== 'normal' ? css : (document.querySelector('meta[name="color-scheme"]')?.getAttribute('content') ?? '');
  const scheme = declared.toLowerCase().split(/\s+/);
  if (scheme.includes('dark') !== scheme.includes('light')) return scheme.includes('dark');
  return matchMedia('(prefers-color-scheme: dark)').matches;
}
