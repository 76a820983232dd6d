// The entity registry against docs/table-design.md and the source: every entity documented as the registry spells it, no key spelled elsewhere.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { entities, expiresAt, type Entity, type KeyAttributes } from '../../../lambdas/core/store/entities.ts';

const root = fileURLToPath(new URL('../../..', import.meta.url));

interface DocRow {
  item: string;
  /** The code spans of each column: PK, SK, GSI1, GSI2, GSI3. */
  spans: Record<'PK' | 'SK' | 'GSI1' | 'GSI2' | 'GSI3', string[]>;
}

/** The rows of the "## Items" table of docs/table-design.md. */
function documentedItems(): DocRow[] {
  const doc = readFileSync(join(root, 'docs/table-design.md'), 'utf8');
  const section = doc.split(/^## /m).find((part) => part.startsWith('Items'));
  if (!section) throw new Error('docs/table-design.md has no "## Items" section');
  const rows = section
    .split('\n')
    .filter((line) => line.startsWith('|'))
    .slice(2) // the header and its rule
    .map((line) => line.slice(1, -1).split('|').map((cell) => cell.trim()));
  const codeSpans = (cell: string) => [...cell.matchAll(/`([^`]+)`/g)].map((match) => match[1]!);
  return rows.map(([item, pk, sk, gsi1, gsi2, gsi3]) => ({
    item: item!,
    spans: { PK: codeSpans(pk!), SK: codeSpans(sk!), GSI1: codeSpans(gsi1!), GSI2: codeSpans(gsi2!), GSI3: codeSpans(gsi3!) },
  }));
}

/** The documented values of one key attribute across an entity's examples. */
const valuesOf = (examples: KeyAttributes[], attribute: string) => examples.flatMap((example) => (example[attribute] === undefined ? [] : [example[attribute]]));

const registry: Array<[string, Entity]> = Object.entries(entities);
const rows = documentedItems();

/** The doc row whose PK and SK columns spell every PK and SK the entity documents. */
function rowOf(entity: Entity): DocRow[] {
  const examples = entity.documented();
  return rows.filter((row) => (['PK', 'SK'] as const).every((column) => valuesOf(examples, column).every((value) => row.spans[column].includes(value))));
}

describe('the entity registry and docs/table-design.md', () => {
  it('has one row per entity and no row without an entity', () => {
    for (const [name, entity] of registry) expect(rowOf(entity).map((row) => row.item), name).toHaveLength(1);
    const matched = new Set(registry.flatMap(([, entity]) => rowOf(entity)));
    expect(rows.filter((row) => !matched.has(row)).map((row) => row.item)).toEqual([]);
  });

  it('shows each entity in the indexes the registry puts it in, and in no other', () => {
    for (const [name, entity] of registry) {
      const examples = entity.documented();
      const [row] = rowOf(entity);
      for (const index of ['GSI1', 'GSI2', 'GSI3'] as const) {
        const values = [...valuesOf(examples, `${index}PK`), ...valuesOf(examples, `${index}SK`)];
        expect(row!.spans[index], `${name} ${index}`).toEqual(values.length === 0 ? [] : expect.arrayContaining(values));
      }
    }
  });

  it('marks as TTL exactly the entities that expire', () => {
    for (const [name, entity] of registry) {
      const [row] = rowOf(entity);
      expect(row!.item.includes('TTL'), name).toBe(entity.ttl !== undefined);
    }
  });

  it('gives every entity its own key and its own type', () => {
    const keysSpelled = registry.flatMap(([, entity]) => entity.documented().filter((example) => example.PK).map((example) => `${example.PK}|${example.SK}`));
    expect(new Set(keysSpelled).size).toBe(keysSpelled.length);
    const types = registry.flatMap(([, entity]) => (entity.type ? [entity.type] : []));
    expect(new Set(types).size).toBe(types.length);
  });
});

describe("a client's records range", () => {
  it('holds the client, its contacts, events, follow-ups and loans, and no other item of the client partition', () => {
    const { from, to } = entities.client.recordsRange;
    const inRange = new Set([entities.client.type, entities.contact.type, entities.lifeEvent.type, entities.followUp.type, entities.loan.type]);
    const ofClients = registry.flatMap(([, entity]) =>
      entity.documented().filter((key) => key.PK === entities.client.partition('<clientId>')).map((key) => ({ type: entity.type, sortKey: key.SK! })),
    );
    expect(new Set(ofClients.map((item) => item.type))).toEqual(new Set([...inRange, entities.anniversary.type, entities.touch.type, entities.reminderHandled.type]));
    for (const item of ofClients) {
      // Ids of any spelling sort like the placeholders: the prefix decides.
      for (const sortKey of [item.sortKey, item.sortKey.replace(/<[^>]+>/g, '0'), item.sortKey.replace(/<[^>]+>/g, 'zz~')]) {
        expect(sortKey >= from && sortKey <= to, `${item.type} ${sortKey}`).toBe(inRange.has(item.type!));
      }
    }
  });
});

describe('key decoders', () => {
  it('read back what the builders wrote', () => {
    const claim = { job: 'touch-reminders', rmId: 'rm-01', businessDate: '2026-12-01' };
    expect(entities.sendClaim.decode(entities.sendClaim.key(claim))).toEqual(claim);
    expect(entities.nothingDue.decode(entities.nothingDue.key('rm-01', '2026-12-01'))).toEqual({ rmId: 'rm-01', businessDate: '2026-12-01' });
    expect(entities.seen.decode(entities.seen.key('a1b2#c3'))).toBe('a1b2#c3');
  });

  it('refuse an item of another kind', () => {
    expect(entities.sendClaim.decode(entities.nothingDue.key('rm-01', '2026-12-01'))).toBeUndefined();
    expect(entities.nothingDue.decode(entities.sendClaim.key({ job: 'call-list', rmId: 'rm-01', businessDate: '2026-12-01' }))).toBeUndefined();
    expect(entities.seen.decode(entities.prospect.key('acme'))).toBeUndefined();
  });
});

describe('expiresAt', () => {
  it('is whole days after the instant, in epoch seconds', () => {
    expect(expiresAt(new Date('2026-12-01T10:00:00.900Z'), 90)).toBe(Date.parse('2026-12-01T10:00:00Z') / 1000 + 90 * 86_400);
  });
});

describe('the source', () => {
  /** TypeScript files below a folder. */
  const sources = (folder: string): string[] =>
    readdirSync(join(root, folder), { withFileTypes: true, recursive: true })
      .filter((entry) => entry.isFile() && entry.name.endsWith('.ts'))
      .map((entry) => join(entry.parentPath, entry.name));

  it('spells no key prefix outside the registry', () => {
    const registryFile = join(root, 'lambdas/core/store/entities.ts');
    // A key prefix in code: a capitalised word and `#` inside a string or template (comments are not code).
    const keyLike = /(['"`]|\}#)[A-Z][A-Z_]+#/;
    const offending = ['lambdas', 'bin', 'lib', 'scripts', 'demo'].flatMap(sources)
      .filter((file) => file !== registryFile)
      .flatMap((file) =>
        readFileSync(file, 'utf8')
          .split('\n')
          .map((line, n) => ({ where: `${file.slice(root.length)}:${n + 1}`, line: line.trim() }))
          .filter(({ line }) => !/^(\/\/|\*|\/\*)/.test(line) && keyLike.test(line)),
      )
      .map(({ where, line }) => `${where}: ${line}`);
    expect(offending).toEqual([]);
  });
});
