// `npx tsx scripts/check-cycles.ts [dir ...]` (part of `npm test`): no import cycle among the
// project's own modules (default: src and scripts). Modules resolve as tsconfig.json says, with the
// TypeScript compiler; what does not resolve to a project file (packages, virtual: modules, CSS) is
// no edge. Type-only imports count: a cycle of types still ties two modules together, so neither
// can be read, moved or split alone, and both cycles this check was written against were of types.
import { readdirSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import ts from 'typescript';

const SOURCE = /\.(?:ts|tsx|mts|cts)$/;

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).sort().flatMap((name) => {
    const path = join(dir, name);
    if (name === 'node_modules') return [];
    return statSync(path).isDirectory() ? sourceFiles(path) : SOURCE.test(name) ? [path] : [];
  });
}

/** Every module a file names: imports and exports (type-only too), import types and import() calls. */
function specifiers(path: string): string[] {
  const file = ts.createSourceFile(path, ts.sys.readFile(path) ?? '', ts.ScriptTarget.Latest, true);
  const out: string[] = [];
  const visit = (node: ts.Node): void => {
    if ((ts.isImportDeclaration(node) || ts.isExportDeclaration(node)) && node.moduleSpecifier && ts.isStringLiteral(node.moduleSpecifier)) {
      out.push(node.moduleSpecifier.text);
    } else if (ts.isImportTypeNode(node) && ts.isLiteralTypeNode(node.argument) && ts.isStringLiteral(node.argument.literal)) {
      out.push(node.argument.literal.text);
    } else if (ts.isCallExpression(node) && node.expression.kind === ts.SyntaxKind.ImportKeyword && node.arguments[0] && ts.isStringLiteral(node.arguments[0])) {
      out.push(node.arguments[0].text);
    }
    ts.forEachChild(node, visit);
  };
  visit(file);
  return out;
}

/** The compiler options tsconfig.json in `root` gives, or the project's resolution rules without one. */
function compilerOptions(root: string): ts.CompilerOptions {
  const path = join(root, 'tsconfig.json');
  const fallback: ts.CompilerOptions = { module: ts.ModuleKind.ESNext, moduleResolution: ts.ModuleResolutionKind.Bundler, allowImportingTsExtensions: true, noEmit: true };
  if (!ts.sys.fileExists(path)) return fallback;
  const { config } = ts.readConfigFile(path, ts.sys.readFile);
  return ts.convertCompilerOptionsFromJson((config as { compilerOptions?: unknown }).compilerOptions ?? {}, root).options;
}

/** Module graph of the files under `dirs`: file → the project files it imports. */
export function importGraph(root: string, dirs: string[]): Map<string, string[]> {
  const options = compilerOptions(root);
  const files = dirs.flatMap((d) => sourceFiles(resolve(root, d)));
  const known = new Set(files);
  const graph = new Map<string, string[]>();
  for (const file of files) {
    const targets = specifiers(file).flatMap((spec) => {
      const found = ts.resolveModuleName(spec, file, options, ts.sys).resolvedModule;
      return found && !found.isExternalLibraryImport && known.has(resolve(found.resolvedFileName)) ? [resolve(found.resolvedFileName)] : [];
    });
    graph.set(file, [...new Set(targets)]);
  }
  return graph;
}

/** One cycle per strongly connected group of files (Tarjan), each as the files in import order. */
export function findCycles(graph: Map<string, string[]>): string[][] {
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const groups: string[][] = [];
  const connect = (v: string): void => {
    index.set(v, index.size);
    low.set(v, index.get(v)!);
    stack.push(v);
    onStack.add(v);
    for (const w of graph.get(v) ?? []) {
      if (!index.has(w)) {
        connect(w);
        low.set(v, Math.min(low.get(v)!, low.get(w)!));
      } else if (onStack.has(w)) low.set(v, Math.min(low.get(v)!, index.get(w)!));
    }
    if (low.get(v) !== index.get(v)) return;
    const group: string[] = [];
    let w: string;
    do {
      w = stack.pop()!;
      onStack.delete(w);
      group.push(w);
    } while (w !== v);
    if (group.length > 1 || (graph.get(v) ?? []).includes(v)) groups.push(group);
  };
  for (const v of graph.keys()) if (!index.has(v)) connect(v);
  return groups.map((group) => cycleThrough(graph, new Set(group)));
}

/** The shortest path from the group's first file (in sorted order) back to itself, inside the group. */
function cycleThrough(graph: Map<string, string[]>, group: Set<string>): string[] {
  const start = [...group].sort()[0]!;
  const from = new Map<string, string>();
  const queue = [start];
  for (let i = 0; i < queue.length; i++) {
    const v = queue[i]!;
    for (const w of graph.get(v) ?? []) {
      if (w === start) {
        const path = [v];
        while (path[0] !== start) path.unshift(from.get(path[0]!)!);
        return path;
      }
      if (group.has(w) && !from.has(w)) {
        from.set(w, v);
        queue.push(w);
      }
    }
  }
  return [start];
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const root = process.cwd();
  const dirs = process.argv.slice(2).length > 0 ? process.argv.slice(2) : ['src', 'scripts'];
  const graph = importGraph(root, dirs);
  const cycles = findCycles(graph);
  for (const c of cycles) console.error(`import cycle: ${[...c, c[0]!].map((f) => relative(root, f)).join(' → ')}`);
  console.log(`check-cycles: ${graph.size} files in ${dirs.join(', ')}: ${cycles.length} cycle(s)`);
  process.exit(cycles.length > 0 ? 1 : 0);
}
