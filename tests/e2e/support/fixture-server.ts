// Serves fixture pages, and the frames they load, from the test server.
import type { Fixture } from './fixture.ts';
import type { Route } from '../../../scripts/lib/harness/server.ts';

export function fixtureRoute(fixtures: Fixture[]): Route {
  const byPath = new Map<string, { body: string; headers?: Record<string, string> }>();
  for (const f of fixtures) {
    byPath.set(f.path, f.page);
    for (const [path, served] of Object.entries(f.extra ?? {})) byPath.set(path, served);
  }
  return (path) => byPath.get(path) ?? null;
}

/** Every path a fixture run opens, frames included, for the server's list of expected requests. */
export function fixturePaths(fixtures: Fixture[]): string[] {
  return fixtures.flatMap((f) => [f.path, ...Object.keys(f.extra ?? {})]);
}
