/**
 * Adzuna search responses (GET /v1/api/jobs/fr/search/{page}, developer.adzuna.com):
 * `{ count, mean, results: [{ id, title, description, created, redirect_url,
 * company.display_name, location.{display_name, area[]}, latitude, longitude,
 * salary_min, salary_max, salary_is_predicted, contract_type, contract_time, category }] }`.
 * Descriptions are plain-text snippets (sometimes with entities or <strong>); salaries are
 * annual; `salary_is_predicted` is "1"/"0" (a string in practice, a number in some docs).
 */
import type { ContractType, WorkingTime } from '../../../../providers/core/index.ts';
import { buildPosting, isRecord, lookup, pick, rejectPayload, stringOrNull } from '../clean/build-posting.ts';
import type { ParseContext, ParseResult } from './parse-result.ts';
import { salaryFromAdzuna } from '../clean/salary.ts';

/**
 * Adzuna's `contract_type` is "permanent" or "contract". "contract" covers any non-permanent
 * work (CDD, interim, internships, freelance), so it only means fixed-term when the title
 * and description name nothing more precise.
 */
const CONTRACT: Record<string, ContractType> = { permanent: 'permanent' };
const TIME: Record<string, WorkingTime> = { full_time: 'full-time', part_time: 'part-time' };

export function parseAdzuna(body: string, context: ParseContext): ParseResult {
  let json: unknown;
  try {
    json = JSON.parse(body);
  } catch (error) {
    return rejectPayload(`not valid JSON (${(error as Error).message})`, body);
  }
  const results = pick(json, 'results');
  if (!Array.isArray(results)) return rejectPayload('not an Adzuna search response: no "results" array', body);
  const out: ParseResult = { postings: [], rejects: [] };
  results.forEach((record: unknown, index) => {
    if (!isRecord(record)) {
      out.rejects.push({ reason: 'record is not an object', index, record });
      return;
    }
    const built = buildPosting(
      {
        format: 'adzuna',
        sourceId: record.id,
        url: record.redirect_url,
        title: record.title,
        company: pick(record, 'company', 'display_name'),
        description: record.description,
        location: {
          raw: stringOrNull(pick(record, 'location', 'display_name')),
          area: arrayOrNull(pick(record, 'location', 'area')),
          lat: record.latitude,
          lon: record.longitude,
        },
        structured: {
          contractType: lookup(CONTRACT, record.contract_type),
          workingTime: lookup(TIME, record.contract_time),
          remote: null,
          seniority: null,
        },
        contractFallback: record.contract_type === 'contract' ? 'fixed-term' : null,
        salary: salaryFromAdzuna(record.salary_min, record.salary_max, record.salary_is_predicted),
        postedAt: record.created,
      },
      context,
    );
    if (built.ok) out.postings.push(built.posting);
    else out.rejects.push({ reason: built.reason, index, record });
  });
  return out;
}

function arrayOrNull(value: unknown): unknown[] | null {
  return Array.isArray(value) ? value : null;
}
