// One hostile, heavy or structural test page, as the fixture suite runs it: once without the
// extension and once with it, in Chromium and Firefox. Fixtures are data; the runner
// (tests/e2e/fixtures.*.test.ts) is the same for every one of them.

export type BrowserName = 'chromium' | 'firefox';

export interface Served {
  body: string;
  headers?: Record<string, string>;
}

export interface Fixture {
  /** Path on the test origin, e.g. `/policy/default-src-none`. */
  path: string;
  /** The threat row of docs/security.md it covers (e.g. `A6`, `F4`). */
  threat: string;
  /** One line: what the page does. */
  what: string;
  page: Served;
  /**
   * Other documents the page loads (frames), by absolute URL path on the test origin
   * (`/x/frame`) or on the cross-origin test host (`http://cross.test/x/frame`).
   */
  extra?: Record<string, Served>;
  /** A mention a trusted hover must open the card for (null: none is visible on this page). */
  hover: {
    text: string;
    nth?: number;
    entity: string;
    /** Text only the open card shows (a citation): Firefox checks the card by it, as no test can open its root there. */
    cardText?: string;
  } | null;
  /** A page-world expression that must be true after the hover (what the page could learn of the card). */
  afterHover?: string;
  /** Trusted typing into an element before the outcome is taken, in both runs (an editor that re-renders). */
  type?: { selector: string; text: string };
  /** Texts that must be among our marks once the page settles (besides `hover.text`). */
  marked?: string[];
  /** Texts that must never be marked (in controls, editors, code, hidden text). */
  unmarked?: string[];
  /**
   * A page-world expression that is true once the page's own activity is over (its timers done,
   * its app rendered). Compared outcomes are taken after it; default: the load event.
   */
  settled?: string;
  /**
   * A page-world expression giving what the page itself can observe of its own state (an app's
   * mismatch count, an editor's value): must be equal with and without the extension. The
   * serialized DOM is always compared as well.
   */
  outcome?: string;
  /** Browsers to run it in; default both. */
  browsers?: BrowserName[];
  /** Milliseconds the page needs before `settled` can hold (a minute-long feed); default 15 s. */
  timeout?: number;
}

/** The cross-origin host served by the same test proxy (never resolved: the proxy answers it). */
export const CROSS_ORIGIN = 'http://cross.test';
