/**
 * Referential integrity of the star schema, checked once per statement over the rows it
 * wrote instead of once per row.
 *
 * A foreign key runs one lookup of its parent per inserted row (an AFTER ROW trigger that
 * queries the parent table); with ~6.6 skills per posting the bridge's two keys made
 * that most of a load's time. The same rules are kept here by statement-level triggers
 * over transition tables, in SQL RDS, Azure flexible server and PGlite all run: PostgreSQL
 * 13 or later (transition tables since 10, https://www.postgresql.org/docs/10/sql-createtrigger.html;
 * pg_current_xact_id() since 13, https://www.postgresql.org/docs/13/functions-info.html; both
 * read 2026-12-05); the stacks run 16, PGlite 0.5 is 18:
 * - every fact row's source_key, company_key, location_key and posted_date_key, and every
 *   bridge row's posting_id and skill_key, names an existing row of its parent, checked
 *   after each INSERT or UPDATE (COPY included) as one anti-join over the rows written;
 *   the parent rows are locked FOR KEY SHARE first, as a foreign key locks them, so a
 *   parent deleted by another transaction at the same moment waits for this one and
 *   then fails its own check;
 * - deleting a fact row deletes its bridge rows (the old ON DELETE CASCADE);
 * - deleting or re-keying a parent row that is still referenced fails (NO ACTION).
 * A violation raises SQLSTATE 23503 (foreign_key_violation), as a foreign key would, and
 * rolls the statement's transaction back. Not covered: TRUNCATE of a parent table alone
 * (a foreign key refuses it); the warehouse never truncates.
 */
import { quoteIdent } from './sql-client.ts';

interface Reference {
  child: string;
  column: string;
  /** The column's SQL type. */
  type: 'integer' | 'text';
  parent: string;
  key: string;
}

/** The schema's references, as its foreign keys declared them until schema version 2. */
const REFERENCES: readonly Reference[] = [
  { child: 'fact_posting', column: 'source_key', type: 'integer', parent: 'dim_source', key: 'source_key' },
  { child: 'fact_posting', column: 'company_key', type: 'integer', parent: 'dim_company', key: 'company_key' },
  { child: 'fact_posting', column: 'location_key', type: 'text', parent: 'dim_location', key: 'location_key' },
  { child: 'fact_posting', column: 'posted_date_key', type: 'integer', parent: 'dim_date', key: 'date_key' },
  { child: 'bridge_posting_skill', column: 'posting_id', type: 'text', parent: 'fact_posting', key: 'posting_id' },
  { child: 'bridge_posting_skill', column: 'skill_key', type: 'integer', parent: 'dim_skill', key: 'skill_key' },
];

const literal = (text: string) => `'${text.replaceAll("'", "''")}'`;

/**
 * Check, and lock FOR KEY SHARE, the parents of the rows in `added` (a transition table).
 * The rows are read once, into each reference's distinct keys (a fact row is wide: four
 * passes over a batch's fact rows cost more than the checks), then each key is looked up
 * once. Fact rows this transaction wrote itself (xmin is its own id) are invisible to
 * every other transaction, so nobody can delete them meanwhile and they need no lock: a
 * load's new postings are not locked again by their own skills (a lock is a write of its
 * own). The other parents are few (dimension values) and always locked.
 */
function checkParents(s: string, child: string): { declare: string; body: string } {
  const refs = REFERENCES.filter((r) => r.child === child);
  const declare = refs.map((r) => ` k_${r.column} ${r.type}[];`).join('');
  const collect = `
  SELECT ${refs.map((r) => `array_agg(DISTINCT a.${r.column}) FILTER (WHERE a.${r.column} IS NOT NULL)`).join(', ')}
    INTO ${refs.map((r) => `k_${r.column}`).join(', ')}
    FROM added a;`;
  const checks = refs.map((r) => {
    const parent = `${s}.${r.parent}`;
    const keys = `k_${r.column}`;
    const fail = `
  IF missing > 0 THEN
    RAISE EXCEPTION 'insert or update on table "${r.child}" violates the reference of "${r.column}" to "${r.parent}"'
      USING ERRCODE = 'foreign_key_violation';
  END IF;`;
    if (r.parent === 'fact_posting') {
      return `
  SELECT count(*) FILTER (WHERE p.${r.key} IS NULL), count(*) FILTER (WHERE p.xmin <> pg_current_xact_id()::xid)
    INTO missing, foreign_rows
    FROM unnest(${keys}) a(k) LEFT JOIN ${parent} p ON p.${r.key} = a.k;
  IF foreign_rows > 0 THEN
    PERFORM 1 FROM ${parent} p WHERE p.${r.key} = ANY (${keys}) AND p.xmin <> pg_current_xact_id()::xid FOR KEY SHARE;
  END IF;${fail}`;
    }
    return `
  SELECT count(*) FILTER (WHERE p.${r.key} IS NULL) INTO missing
    FROM unnest(${keys}) a(k) LEFT JOIN LATERAL (SELECT p.${r.key} FROM ${parent} p WHERE p.${r.key} = a.k FOR KEY SHARE) p ON true;${fail}`;
  });
  return { declare, body: collect + checks.join('') };
}

/** Fail when a parent key that vanished (row deleted or re-keyed; `removed` holds the old rows) is still referenced. */
function checkStillReferenced(s: string, parent: string): string {
  return REFERENCES.filter(
    (r) => r.parent === parent && !(parent === 'fact_posting' && r.child === 'bridge_posting_skill'),
  )
    .map(
      (r) => `
  IF EXISTS (SELECT 1 FROM removed o
             WHERE NOT EXISTS (SELECT 1 FROM ${s}.${r.parent} p WHERE p.${r.key} = o.${r.key})
               AND EXISTS (SELECT 1 FROM ${s}.${r.child} c WHERE c.${r.column} = o.${r.key})) THEN
    RAISE EXCEPTION 'update or delete on table "${r.parent}" leaves rows of "${r.child}" referencing it'
      USING ERRCODE = 'foreign_key_violation';
  END IF;`,
    )
    .join('');
}

function fn(s: string, name: string, body: string, declare = ''): string {
  return `CREATE OR REPLACE FUNCTION ${s}.${name}() RETURNS trigger LANGUAGE plpgsql AS $fn$
DECLARE missing bigint; foreign_rows bigint;${declare}
BEGIN${body}
  RETURN NULL;
END $fn$`;
}

/** Trigger functions and triggers, and the foreign keys they replace dropped (databases of schema version 1). */
export function integrityDdl(schema: string): string {
  const s = quoteIdent(schema);
  const parents = ['dim_source', 'dim_company', 'dim_location', 'dim_date', 'dim_skill'];
  const functions = [
    ...['fact_posting', 'bridge_posting_skill'].map((child) => {
      const check = checkParents(s, child);
      return fn(
        s,
        child === 'fact_posting' ? 'jobbench_ri_fact_written' : 'jobbench_ri_bridge_written',
        check.body,
        check.declare,
      );
    }),
    fn(
      s,
      'jobbench_ri_fact_deleted',
      `
  DELETE FROM ${s}.bridge_posting_skill b USING removed o WHERE b.posting_id = o.posting_id;`,
    ),
    // A fact row's posting_id changed: its bridge rows must not be left behind (NO ACTION).
    fn(
      s,
      'jobbench_ri_fact_rekeyed',
      `
  IF EXISTS (SELECT 1 FROM removed o
             WHERE NOT EXISTS (SELECT 1 FROM ${s}.fact_posting p WHERE p.posting_id = o.posting_id)
               AND EXISTS (SELECT 1 FROM ${s}.bridge_posting_skill c WHERE c.posting_id = o.posting_id)) THEN
    RAISE EXCEPTION 'update on table "fact_posting" leaves rows of "bridge_posting_skill" referencing it'
      USING ERRCODE = 'foreign_key_violation';
  END IF;`,
    ),
    ...parents.map((parent) => fn(s, `jobbench_ri_${parent}_removed`, checkStillReferenced(s, parent))),
  ];
  const triggers: Array<[table: string, name: string, event: string, transition: string, fn: string]> = [
    ['fact_posting', 'jobbench_ri_fact_insert', 'INSERT', 'NEW TABLE AS added', 'jobbench_ri_fact_written'],
    ['fact_posting', 'jobbench_ri_fact_update', 'UPDATE', 'NEW TABLE AS added', 'jobbench_ri_fact_written'],
    ['fact_posting', 'jobbench_ri_fact_delete', 'DELETE', 'OLD TABLE AS removed', 'jobbench_ri_fact_deleted'],
    ['fact_posting', 'jobbench_ri_fact_rekey', 'UPDATE', 'OLD TABLE AS removed', 'jobbench_ri_fact_rekeyed'],
    ['bridge_posting_skill', 'jobbench_ri_bridge_insert', 'INSERT', 'NEW TABLE AS added', 'jobbench_ri_bridge_written'],
    ['bridge_posting_skill', 'jobbench_ri_bridge_update', 'UPDATE', 'NEW TABLE AS added', 'jobbench_ri_bridge_written'],
    ...parents.flatMap(
      (parent): Array<[string, string, string, string, string]> => [
        [parent, `jobbench_ri_${parent}_delete`, 'DELETE', 'OLD TABLE AS removed', `jobbench_ri_${parent}_removed`],
        [parent, `jobbench_ri_${parent}_update`, 'UPDATE', 'OLD TABLE AS removed', `jobbench_ri_${parent}_removed`],
      ],
    ),
  ];
  // Catalog checks first, so a migration on an up-to-date schema takes no table lock
  // (ALTER TABLE and CREATE TRIGGER would, even with nothing to change).
  const create = triggers
    .map(
      ([table, name, event, transition, target]) => `
  IF NOT EXISTS (SELECT 1 FROM pg_trigger WHERE tgrelid = ${literal(`${s}.${table}`)}::regclass AND tgname = ${literal(name)}) THEN
    CREATE TRIGGER ${name} AFTER ${event} ON ${s}.${table} REFERENCING ${transition}
      FOR EACH STATEMENT EXECUTE FUNCTION ${s}.${target}();
  END IF;`,
    )
    .join('');
  const migrate = `DO $do$
DECLARE fk record;
BEGIN
  FOR fk IN SELECT conrelid::regclass AS tbl, conname FROM pg_constraint
            WHERE contype = 'f' AND conrelid IN (${literal(`${s}.fact_posting`)}::regclass, ${literal(`${s}.bridge_posting_skill`)}::regclass)
  LOOP
    EXECUTE format('ALTER TABLE %s DROP CONSTRAINT %I', fk.tbl, fk.conname);
  END LOOP;${create}
END $do$`;
  return `${functions.join(';\n')};\n${migrate};\n`;
}
