import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import fc from 'fast-check';
import { type Posting, postingContentHash, stableStringify } from './posting.ts';

/** The serialisation the stored content hashes were made with: sorted keys, undefined members left out. */
function referenceStringify(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null';
  if (Array.isArray(value)) return `[${value.map(referenceStringify).join(',')}]`;
  const record = value as Record<string, unknown>;
  const members = Object.keys(record)
    .sort()
    .filter((key) => record[key] !== undefined)
    .map((key) => `${JSON.stringify(key)}:${referenceStringify(record[key])}`);
  return `{${members.join(',')}}`;
}

/** The content hash as first defined: a copy without the collection fields, hashed through a Hash object. */
function referenceContentHash(posting: Record<string, unknown>): string {
  const { collectedAt: _collectedAt, rawKey: _rawKey, ...content } = posting;
  return createHash('sha256').update(referenceStringify(content)).digest('hex');
}

const member = fc.oneof(
  fc.string(),
  fc.string({ unit: 'binary' }),
  fc.integer(),
  fc.double({ noNaN: true }),
  fc.boolean(),
  fc.constant(null),
  fc.constant(undefined),
  fc.array(fc.oneof(fc.string({ unit: 'grapheme' }), fc.integer(), fc.constant(null)), { maxLength: 4 }),
);
const record = fc.dictionary(
  fc.oneof(fc.string(), fc.constantFrom('collectedAt', 'rawKey', 'id', 'title', 'location', '__proto__x')),
  fc.oneof(member, fc.dictionary(fc.string(), member, { maxKeys: 5 })),
  { maxKeys: 12 },
);

describe('postingContentHash', () => {
  it('gives the digest of the sorted-key text without collectedAt and rawKey, for any record', () => {
    fc.assert(
      fc.property(record, (posting) => {
        assert.equal(postingContentHash(posting as unknown as Posting), referenceContentHash(posting));
        assert.equal(stableStringify(posting), referenceStringify(posting));
      }),
      { numRuns: 2000 },
    );
  });

  it('keeps the digest stored warehouses hold for a fixed posting', () => {
    const posting = {
      id: 'f69d85a7ac79d71f4aa54968',
      title: 'Data Engineer',
      collectedAt: '2026-11-28T10:00:00.000Z',
      rawKey: 'raw/source=sample/1.json',
      location: { city: 'Lyon', region: 'Auvergne-Rhône-Alpes', lat: undefined, country: 'FR' },
      skills: ['python', 'sql'],
      salary: null,
      remote: false,
    };
    const text =
      '{"id":"f69d85a7ac79d71f4aa54968","location":{"city":"Lyon","country":"FR","region":"Auvergne-Rhône-Alpes"},"remote":false,"salary":null,"skills":["python","sql"],"title":"Data Engineer"}';
    assert.equal(postingContentHash(posting as unknown as Posting), createHash('sha256').update(text).digest('hex'));
    // Changing what a posting says changes the digest; changing when or where it was collected does not.
    assert.notEqual(
      postingContentHash({ ...posting, title: 'Data Engineer ' } as unknown as Posting),
      postingContentHash(posting as unknown as Posting),
    );
    assert.equal(
      postingContentHash({ ...posting, rawKey: 'other', collectedAt: 'x' } as unknown as Posting),
      postingContentHash(posting as unknown as Posting),
    );
  });
});
