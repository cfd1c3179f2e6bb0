// The observer every fixture page gets before its own scripts run (a browser-injected preload,
// which page CSP does not stop). It keeps pristine copies of the built-ins it needs, because the
// hostile fixtures patch, freeze or clobber theirs, and exposes one read-only probe to the test:
// what the page itself can see (its DOM, its mutations, its errors) and where a text is drawn.
// Every answer is a JSON string, encoded by hand (see `enc`).

export const PROBE = '__ccProbe';

export interface PageSnapshot {
  /** The serialized document; our host is left out, so a snapshot is comparable after a hover. */
  dom: string;
  title: string;
  /** Mutation records since DOMContentLoaded: how many, and a digest of what they were. */
  mutations: number;
  digest: string;
  /** Errors the page saw (window error and unhandledrejection events). */
  errors: number;
  /** CSP and Trusted Types violations the page was told of: ours would show up here. */
  violations: string[];
  /** The fixture's own outcome expression, as JSON, or null. */
  outcome: unknown;
}

export interface Probe {
  /** `outcome` is the fixture's outcome, evaluated by the caller (page CSP may forbid eval here). */
  snapshot(outcome: unknown): string;
  /** Elements under <html> other than <head> and <body>, with whether each is an open popover. */
  extraRoots(): string;
  /** Viewport centre of the nth occurrence of `text` in the top document's text, or null. */
  point(text: string, nth: number): string;
  /** The texts of our marks, read from the page-visible highlight registry. */
  marks(): string;
  /** Mutation records since `from`, each as type:target:added:attr. */
  since(from: number): string;
  /** Synthetic pointer, mouse, click and key events at a point, as a hostile page would send. */
  synthetic(x: number, y: number): void;
  /** Whether a selector matches anything (pristine querySelector). */
  has(selector: string): string;
}

/** The preload script's source. Runs in the page's main world. */
export const PROBE_SCRIPT = `(() => {
  if (window.${PROBE}) return;
  const apply = Reflect.apply;
  const stringify = JSON.stringify;
  const MO = MutationObserver;
  const observe = MO.prototype.observe;
  const addEventListener = EventTarget.prototype.addEventListener;
  const dispatchEvent = EventTarget.prototype.dispatchEvent;
  const serialize = XMLSerializer.prototype.serializeToString;
  const serializer = new XMLSerializer();
  const cloneNode = Node.prototype.cloneNode;
  const removeChild = Node.prototype.removeChild;
  const children = Object.getOwnPropertyDescriptor(Element.prototype, 'children').get;
  const parentNode = Object.getOwnPropertyDescriptor(Node.prototype, 'parentNode').get;
  const nodeName = Object.getOwnPropertyDescriptor(Node.prototype, 'nodeName').get;
  const nodeType = Object.getOwnPropertyDescriptor(Node.prototype, 'nodeType').get;
  const textData = Object.getOwnPropertyDescriptor(CharacterData.prototype, 'data').get;
  const docEl = Object.getOwnPropertyDescriptor(Document.prototype, 'documentElement').get;
  const headGet = Object.getOwnPropertyDescriptor(Document.prototype, 'head').get;
  const bodyGet = Object.getOwnPropertyDescriptor(Document.prototype, 'body').get;
  const titleGet = Object.getOwnPropertyDescriptor(Document.prototype, 'title').get;
  const matches = Element.prototype.matches;
  const shadowRootGet = Object.getOwnPropertyDescriptor(Element.prototype, 'shadowRoot').get;
  const querySelector = Document.prototype.querySelector;
  const createTreeWalker = Document.prototype.createTreeWalker;
  const nextNode = TreeWalker.prototype.nextNode;
  const createRange = Document.prototype.createRange;
  const setStart = Range.prototype.setStart;
  const setEnd = Range.prototype.setEnd;
  const getClientRects = Range.prototype.getClientRects;
  const rangeText = Range.prototype.toString;
  // Our marks may be StaticRanges (no toString): read each through a live range.
  // The boundary getters sit on AbstractRange in Firefox, on Range and StaticRange in Chromium.
  const getters = (name) => {
    const out = [];
    for (const proto of [typeof AbstractRange !== 'undefined' ? AbstractRange.prototype : null, StaticRange.prototype, Range.prototype]) {
      const d = proto && Object.getOwnPropertyDescriptor(proto, name);
      if (d && d.get) out[out.length] = d.get;
    }
    return out;
  };
  const boundary = (gs) => (r) => {
    for (let i = 0; i < gs.length; i++) { try { return apply(gs[i], r, []); } catch { /* not this kind of range */ } }
    return null;
  };
  const startContainer = boundary(getters('startContainer')), startOffset = boundary(getters('startOffset'));
  const endContainer = boundary(getters('endContainer')), endOffset = boundary(getters('endOffset'));
  const textOf = (r) => {
    const live = apply(createRange, doc, []);
    apply(setStart, live, [startContainer(r), startOffset(r)]);
    apply(setEnd, live, [endContainer(r), endOffset(r)]);
    return apply(rangeText, live, []);
  };
  const elementFromPoint = Document.prototype.elementFromPoint;
  const indexOf = String.prototype.indexOf;
  const push = Array.prototype.push;
  const keys = Object.keys;
  const isArray = Array.isArray;
  // JSON.stringify looks up toJSON on every object, through prototypes a page can pollute: encode
  // by hand, calling stringify on primitives only.
  const enc = (v) => {
    if (v === undefined || typeof v === 'function') return 'null';
    if (v === null || typeof v !== 'object') return apply(stringify, JSON, [v]);
    let out = '';
    if (apply(isArray, Array, [v])) {
      for (let i = 0; i < v.length; i++) out += (i ? ',' : '') + enc(v[i]);
      return '[' + out + ']';
    }
    const ks = apply(keys, Object, [v]);
    for (let i = 0; i < ks.length; i++) out += (i ? ',' : '') + apply(stringify, JSON, [ks[i]]) + ':' + enc(v[ks[i]]);
    return '{' + out + '}';
  };
  const registry = typeof CSS !== 'undefined' && CSS.highlights ? CSS.highlights : null;
  const registryGet = registry ? Object.getPrototypeOf(registry).get : null;
  const highlightValues = typeof Highlight !== 'undefined' ? Highlight.prototype.values : null;
  const PE = PointerEvent, ME = MouseEvent, KE = KeyboardEvent;
  const doc = document;

  let mutations = 0;
  let digest = 0;
  const recent = [];
  let errors = 0;
  const violations = [];
  const hash = (s) => { for (let i = 0; i < s.length; i++) digest = (Math.imul(digest, 31) + s.charCodeAt(i)) | 0; };
  const record = (r) => {
    let added = '';
    for (let i = 0; i < r.addedNodes.length; i++) added += (i ? ',' : '') + apply(nodeName, r.addedNodes[i], []);
    const line = r.type + ':' + apply(nodeName, r.target, []) + ':' + added + ':' + (r.attributeName || '');
    mutations++;
    hash(line);
    if (recent.length < 5000) apply(push, recent, [line]);
  };
  apply(addEventListener, window, ['error', () => { errors++; }, true]);
  apply(addEventListener, window, ['unhandledrejection', () => { errors++; }, true]);
  apply(addEventListener, window, ['securitypolicyviolation', (e) => { apply(push, violations, [e.effectiveDirective + ' ' + e.blockedURI]); }, true]);
  // From the end of parsing: what comes after it is scripts, the page's or (if anyone) ours.
  apply(addEventListener, doc, ['DOMContentLoaded', () => {
    const mo = new MO((records) => { for (let i = 0; i < records.length; i++) record(records[i]); });
    apply(observe, mo, [doc, { subtree: true, childList: true, attributes: true, characterData: true }]);
  }, { once: true, capture: true }]);

  const extras = () => {
    const root = apply(docEl, doc, []);
    const out = [];
    const kids = apply(children, root, []);
    for (let i = 0; i < kids.length; i++) {
      const e = kids[i];
      if (e === apply(headGet, doc, []) || e === apply(bodyGet, doc, [])) continue;
      let open = false;
      try { open = apply(matches, e, [':popover-open']); } catch { open = false; }
      apply(push, out, [{ el: e, tag: apply(nodeName, e, []), open }]);
    }
    return out;
  };

  const probe = {
    snapshot(outcome) {
      // Our host (any element under <html> besides head and body) is left out of the copy.
      const copy = apply(cloneNode, apply(docEl, doc, []), [true]);
      const kids = apply(children, copy, []);
      for (let i = kids.length - 1; i >= 0; i--) {
        const n = apply(nodeName, kids[i], []);
        if (n !== 'HEAD' && n !== 'BODY') apply(removeChild, copy, [kids[i]]);
      }
      return enc({ dom: apply(serialize, serializer, [copy]), title: apply(titleGet, doc, []), mutations, digest: String(digest), errors, violations, outcome: outcome === undefined ? null : outcome });
    },
    extraRoots() {
      const out = [];
      const xs = extras();
      for (let i = 0; i < xs.length; i++) apply(push, out, [{ tag: xs[i].tag, open: xs[i].open }]);
      return enc(out);
    },
    point(text, nth) {
      // Document order, open shadow roots included (where their host stands).
      const found = [];
      const visit = (root) => {
        const walker = apply(createTreeWalker, doc, [root, 5]);
        for (let n = apply(nextNode, walker, []); n; n = apply(nextNode, walker, [])) {
          if (apply(nodeType, n, []) === 1) {
            const sr = apply(shadowRootGet, n, []);
            if (sr) visit(sr);
            continue;
          }
          const data = apply(textData, n, []);
          for (let i = apply(indexOf, data, [text]); i >= 0; i = apply(indexOf, data, [text, i + 1])) apply(push, found, [[n, i]]);
        }
      };
      visit(apply(bodyGet, doc, []) || apply(docEl, doc, []));
      const hit = found[nth];
      if (!hit) return 'null';
      const r = apply(createRange, doc, []);
      apply(setStart, r, [hit[0], hit[1]]);
      apply(setEnd, r, [hit[0], hit[1] + text.length]);
      const box = apply(getClientRects, r, [])[0];
      if (!box) return 'null';
      return enc({ x: box.left + box.width / 2, y: box.top + box.height / 2 });
    },
    marks() {
      const h = registry ? apply(registryGet, registry, ['company-context']) : undefined;
      if (!h) return 'null';
      const out = [];
      for (const r of apply(highlightValues, h, [])) apply(push, out, [textOf(r)]);
      return enc(out);
    },
    since(from) {
      const lines = [];
      for (let i = from; i < recent.length; i++) apply(push, lines, [recent[i]]);
      return enc({ total: mutations, lines });
    },
    synthetic(x, y) {
      const target = apply(elementFromPoint, doc, [x, y]) || apply(bodyGet, doc, []);
      const init = { clientX: x, clientY: y, bubbles: true, composed: true, cancelable: true, pointerType: 'mouse' };
      const fire = (e) => apply(dispatchEvent, target, [e]);
      // Index loops: a page may have replaced the array iterator.
      const pointer = ['pointerover', 'pointerenter', 'pointermove', 'pointerdown', 'pointerup'];
      const mouse = ['mouseover', 'mouseenter', 'mousemove', 'mousedown', 'mouseup', 'click'];
      const keysDown = ['Enter', 'Escape', ' ', 'c'];
      for (let i = 0; i < pointer.length; i++) fire(new PE(pointer[i], init));
      for (let i = 0; i < mouse.length; i++) fire(new ME(mouse[i], init));
      for (let i = 0; i < 5; i++) fire(new PE('pointermove', { ...init, clientX: x + i }));
      for (let i = 0; i < keysDown.length; i++) fire(new KE('keydown', { key: keysDown[i], bubbles: true, composed: true }));
    },
    has(selector) {
      return apply(querySelector, doc, [selector]) ? 'true' : 'false';
    },
  };
  Object.defineProperty(window, '${PROBE}', { value: Object.freeze(probe), enumerable: false });
})();`;
