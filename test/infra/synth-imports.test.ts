// The CDK app's import graph: at synth time it loads the jobs' descriptors and other pure modules, never runtime packages.
import { readFileSync } from 'node:fs';
import { dirname, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { projectRoot } from './synth.ts';

/** Every module bin/app.ts loads (type-only imports are erased, so they do not count), and the packages they import. */
function importGraph(entry: string) {
  const modules = new Set<string>();
  const packages = new Map<string, string>();
  const visit = (file: string) => {
    if (modules.has(file)) return;
    modules.add(file);
    const source = readFileSync(file, 'utf8');
    for (const [, specifier] of source.matchAll(/^\s*(?:import|export)\s+(?!type\b)(?:[^'";]*?\sfrom\s+)?['"]([^'"]+)['"]/gm)) {
      if (specifier!.startsWith('.')) visit(resolve(dirname(file), specifier!));
      else if (!specifier!.startsWith('node:')) {
        const name = specifier!.split('/').slice(0, specifier!.startsWith('@') ? 2 : 1).join('/');
        if (!packages.has(name)) packages.set(name, relative(projectRoot, file));
      }
    }
  };
  visit(resolve(projectRoot, entry));
  return { modules: [...modules].map((file) => relative(projectRoot, file)), packages };
}

describe('the CDK app at synth time', () => {
  const { modules, packages } = importGraph('bin/app.ts');

  it('imports no runtime package (AWS SDK, Powertools, middy): only CDK, cdk-nag and zod', () => {
    expect(Object.fromEntries(packages)).toEqual({
      'aws-cdk-lib': 'bin/app.ts',
      'cdk-nag': 'bin/app.ts',
      constructs: expect.any(String),
      zod: expect.any(String),
    });
  });

  it("reads each job's descriptor, not its code", () => {
    expect(modules).toEqual(expect.arrayContaining(['lambdas/job-descriptors.ts', 'lambdas/call-list/descriptor.ts']));
    expect(modules.filter((module) => /lambdas\/[^/]+\/(job|handler)\.ts$/.test(module) || module === 'lambdas/jobs.ts')).toEqual([]);
  });
});
