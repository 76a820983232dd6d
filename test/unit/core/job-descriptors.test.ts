// The job descriptors: unique names, each with its handler and its code in the runtime registry.
import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { JOB_DESCRIPTORS, JOB_NAMES, isJobName } from '../../../lambdas/job-descriptors.ts';
import { jobNamed, jobs } from '../../../lambdas/jobs.ts';
import { handlerEntryOf } from '../../../lib/jobs.ts';

describe('job descriptors', () => {
  it('have unique, lower-case dashed names', () => {
    expect(new Set(JOB_NAMES).size).toBe(JOB_DESCRIPTORS.length);
    for (const name of JOB_NAMES) expect(name).toMatch(/^[a-z]+(-[a-z]+)*$/);
  });

  it.each(JOB_NAMES)('%s has a handler in its own folder and its code in the registry', (name) => {
    expect(existsSync(new URL(`../../../${handlerEntryOf(name)}`, import.meta.url))).toBe(true);
    expect(jobNamed(name)).toBeTypeOf('function');
  });

  it('list the registry in the same order', () => {
    expect(jobs.map((job) => job.name)).toEqual(JOB_NAMES);
  });

  it('tell a job name from any other text', () => {
    expect(isJobName('call-list')).toBe(true);
    expect(isJobName('call-lists')).toBe(false);
    expect(isJobName('constructor')).toBe(false);
  });
});
