// Chromium's own account of main-thread work, read from a CDP trace: which tasks were the content
// script's and which were the page's. `npm run stress` reports these figures per heavy page.

import type { CDPSession } from 'playwright-core';

const LONG_TASK_MS = 50;

/** What `during` gives, and the trace of what it did in the page `cdp` is attached to. */
export async function traced<T>(cdp: CDPSession, during: () => Promise<T>): Promise<{ value: T; events: TraceEvent[] }> {
  const events: TraceEvent[] = [];
  const collect = (e: { value: object[] }) => events.push(...(e.value as unknown as TraceEvent[]));
  cdp.on('Tracing.dataCollected', collect);
  const complete = new Promise<void>((ok) => cdp.once('Tracing.tracingComplete', () => ok()));
  await cdp.send('Tracing.start', {
    transferMode: 'ReportEvents',
    traceConfig: { includedCategories: ['devtools.timeline', 'disabled-by-default-devtools.timeline', '__metadata'] },
  });
  try {
    return { value: await during(), events };
  } finally {
    await cdp.send('Tracing.end');
    await complete;
    cdp.off('Tracing.dataCollected', collect);
  }
}

export interface TraceFigures {
  /** The longest task whose time was mostly our script's (see `analyse`). */
  longestOurTaskMs: number;
  /** The longest task in which any script of ours ran, and how much of it was ours. */
  longestWithUsMs: number;
  longestWithUsOursMs: number;
  longestOurScriptMs: number;
  ourLongTasks: number;
  pageLongTasks: number;
  ourScriptMs: number;
  /** Main-thread tasks over 50 ms in total and their summed time, ours or not. */
  longTasks: number;
  longTaskMs: number;
  /** Of `ourScriptMs`: evaluating our scripts (content.js with its index, early.js). */
  ourEvaluateMs: number;
  /** The renderer's style, layout and paint work outside our script (RENDERING), ours or the page's. */
  renderMs: number;
}

/** Main-thread rendering steps of a frame: compare with and without us for what our highlights cost. */
const RENDERING = new Set(['UpdateLayoutTree', 'Layout', 'PrePaint', 'Paint', 'Layerize', 'Commit']);

/** Total time covered by intervals [start, end) (µs), each counted once. */
function covered(xs: Array<[number, number]>): number {
  xs.sort((a, b) => a[0] - b[0]);
  let total = 0;
  let end = -Infinity;
  for (const [a, b] of xs) {
    if (b <= end) continue;
    total += b - Math.max(a, end);
    end = b;
  }
  return total;
}

export interface TraceEvent {
  name: string;
  cat: string;
  ph: string;
  ts: number;
  dur?: number;
  pid: number;
  tid: number;
  args?: { name?: string; data?: { url?: string }; beginData?: { url?: string } };
}

/**
 * Attribution. Chromium's devtools.timeline trace has one `RunTask` per main-thread task, and
 * inside it a `FunctionCall` for every callback the browser calls into script (timers, observers,
 * event listeners, idle callbacks) and an `EvaluateScript` for every script run, each carrying the
 * URL of the script the function belongs to. A task is ours when one of those inside it has our
 * `chrome-extension://<id>/` URL; its whole duration counts (it is the task the page had to wait
 * for). A task counts as ours when our script (with what runs nested inside it: layout it forces,
 * garbage collection) is at least half of it: a 1 ms listener of ours in the page's 170 ms
 * first-layout task does not make that task ours, and is shown apart ("longest task with our script").
 * Not attributed to us: the rendering work our highlights cause later in the page's own
 * frame tasks (compare the page's long tasks with and without us for that), and promise
 * continuations, which run inside whichever task drains the microtask queue.
 */
export function analyse(events: TraceEvent[], pageOrigin: string, extId: string, detail = false): TraceFigures {
  // The page's main thread: where its own document was parsed and its scripts ran.
  const main = new Set<string>();
  const names = new Map<string, string>();
  for (const e of events) if (e.ph === 'M' && e.name === 'thread_name') names.set(`${e.pid}:${e.tid}`, e.args?.name ?? '');
  for (const e of events) {
    const url = e.args?.data?.url ?? e.args?.beginData?.url ?? '';
    const key = `${e.pid}:${e.tid}`;
    if (url.startsWith(pageOrigin) && names.get(key) === 'CrRendererMain') main.add(key);
  }
  const ours = extId ? `chrome-extension://${extId}/` : null;
  const tasks: TraceEvent[] = [];
  const script: TraceEvent[] = [];
  const rendering: Array<[number, number]> = [];
  for (const e of events) {
    if (!main.has(`${e.pid}:${e.tid}`) || e.ph !== 'X' || e.dur === undefined) continue;
    if (e.name === 'RunTask') tasks.push(e);
    else if (ours && (e.name === 'FunctionCall' || e.name === 'EvaluateScript') && (e.args?.data?.url ?? '').startsWith(ours)) script.push(e);
    else if (RENDERING.has(e.name)) rendering.push([e.ts, e.ts + e.dur]);
  }
  const ourSpans = script.map((e): [number, number] => [e.ts, e.ts + e.dur!]);
  // Rendering inside our own calls (layout we force) is already our script's time.
  const renderUs = covered([...rendering, ...ourSpans]) - covered(ourSpans);
  const evaluateUs = covered(script.filter((e) => e.name === 'EvaluateScript').map((e) => [e.ts, e.ts + e.dur!]));
  tasks.sort((a, b) => a.ts - b.ts);
  script.sort((a, b) => a.ts - b.ts);
  if (detail) explain(events, main, tasks, script);
  // Our script time: the union of our intervals (a nested call of ours is not counted twice).
  let ourScriptUs = 0;
  let longestScriptUs = 0;
  let end = -Infinity;
  let runStart = 0;
  for (const s of script) {
    const sEnd = s.ts + s.dur!;
    if (s.ts >= end) {
      if (end > -Infinity) longestScriptUs = Math.max(longestScriptUs, end - runStart);
      runStart = s.ts;
      ourScriptUs += s.dur!;
      end = sEnd;
    } else if (sEnd > end) {
      ourScriptUs += sEnd - end;
      end = sEnd;
    }
  }
  if (end > -Infinity) longestScriptUs = Math.max(longestScriptUs, end - runStart);
  const figures: TraceFigures = { longestOurTaskMs: 0, longestWithUsMs: 0, longestWithUsOursMs: 0, longestOurScriptMs: longestScriptUs / 1000, ourLongTasks: 0, pageLongTasks: 0, ourScriptMs: ourScriptUs / 1000, longTasks: 0, longTaskMs: 0, ourEvaluateMs: evaluateUs / 1000, renderMs: renderUs / 1000 };
  let k = 0;
  for (const t of tasks) {
    const tEnd = t.ts + t.dur!;
    while (k < script.length && script[k]!.ts < t.ts) k++;
    // Our time in this task: the union of our intervals inside it.
    let oursUs = 0;
    let until = t.ts;
    for (let j = k; j < script.length && script[j]!.ts < tEnd; j++) {
      const s = script[j]!;
      const from = Math.max(s.ts, until);
      const to = Math.min(s.ts + s.dur!, tEnd);
      if (to > from) oursUs += to - from;
      until = Math.max(until, to);
    }
    const ms = t.dur! / 1000;
    const ran = k < script.length && script[k]!.ts < tEnd;
    const isOurs = ran && oursUs * 2 >= t.dur!;
    if (ran && ms > figures.longestWithUsMs) {
      figures.longestWithUsMs = ms;
      figures.longestWithUsOursMs = oursUs / 1000;
    }
    if (isOurs) figures.longestOurTaskMs = Math.max(figures.longestOurTaskMs, ms);
    if (ms > LONG_TASK_MS) {
      figures.longTasks++;
      figures.longTaskMs += ms;
      if (isOurs) figures.ourLongTasks++;
      else figures.pageLongTasks++;
    }
  }
  return figures;
}

/** `--detail`: what ran inside our five longest tasks and the page's three longest others (event names by total time), for finding causes. */
function explain(events: TraceEvent[], main: Set<string>, tasks: TraceEvent[], script: TraceEvent[]): void {
  const ourTasks = tasks.filter((t) => script.some((s) => s.ts >= t.ts && s.ts < t.ts + t.dur!)).sort((a, b) => b.dur! - a.dur!).slice(0, 5);
  const pageTasks = tasks.filter((t) => !ourTasks.includes(t)).sort((a, b) => b.dur! - a.dur!).slice(0, 3);
  for (const t of [...ourTasks, ...pageTasks]) {
    const inside = new Map<string, number>();
    for (const e of events) {
      if (!main.has(`${e.pid}:${e.tid}`) || e.ph !== 'X' || e === t || e.ts < t.ts || e.ts >= t.ts + t.dur!) continue;
      const data = e.args?.data as { functionName?: string; url?: string } | undefined;
      const k = `${e.name}${data?.functionName ? ` ${data.functionName}` : ''}${data?.url ? ` ${data.url.slice(0, 60)}` : ''}`;
      inside.set(k, (inside.get(k) ?? 0) + (e.dur ?? 0) / 1000);
    }
    console.log(`  ${ourTasks.includes(t) ? 'our' : 'page'} task ${(t.dur! / 1000).toFixed(1)} ms: ${[...inside].sort((a, b) => b[1] - a[1]).slice(0, 6).map(([k, v]) => `${k} ${v.toFixed(1)}`).join(' | ')}`);
  }
}

