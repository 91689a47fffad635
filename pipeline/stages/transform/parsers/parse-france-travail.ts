/**
 * France Travail "Offres d'emploi v2" search responses (GET /partenaire/offresdemploi/v2/
 * offres/search, francetravail.io): `{ resultats: [...], filtresPossibles: [...] }`.
 * Each offer: id, intitule, description (plain text), dateCreation, lieuTravail.{libelle
 * "75 - Paris 15e Arrondissement", codePostal, commune (INSEE), latitude, longitude},
 * entreprise.nom, typeContrat (CDI, CDD, MIS, SAI, LIB, FRA…), natureContrat, alternance,
 * dureeTravailLibelle ("35H Horaires normaux"), dureeTravailLibelleConverti, experienceExige
 * (D débutant accepté, S souhaitée, E exigée), experienceLibelle ("3 An(s)", "6 Mois"),
 * salaire.{libelle, commentaire, complement1, complement2}, competences[].libelle, origineOffre.urlOrigine.
 */
import type { ContractType, Seniority, WorkingTime } from '../../../../providers/core/index.ts';
import { buildPosting, isRecord, lookup, pick, rejectPayload, stringOrNull } from '../clean/build-posting.ts';
import { seniorityFromYears } from '../clean/classify.ts';
import type { ParseContext, ParseResult } from './parse-result.ts';
import { salaryFromFranceTravail } from './salary-france-travail.ts';

/** `typeContrat` codes of the France Travail referential ("Types de contrats"). */
const CONTRACT: Record<string, ContractType> = {
  CDI: 'permanent',
  DIN: 'permanent', // CDI intérimaire
  CDD: 'fixed-term',
  MIS: 'temporary', // mission d'intérim
  SAI: 'temporary', // saisonnier
  TTI: 'temporary', // contrat de travail temporaire d'insertion
  DDI: 'fixed-term', // CDD d'insertion
  LIB: 'freelance', // profession libérale
  FRA: 'other', // franchise
  REP: 'other', // reprise d'entreprise
  CCE: 'other', // profession commerciale
};

const TIME: Record<string, WorkingTime> = { 'temps plein': 'full-time', 'temps partiel': 'part-time' };

/** Public offer page, for offers without `origineOffre.urlOrigine`. */
const OFFER_URL = 'https://candidat.francetravail.fr/offres/recherche/detail/';

export function parseFranceTravail(body: string, context: ParseContext): ParseResult {
  let json: unknown;
  try {
    json = JSON.parse(body);
  } catch (error) {
    return rejectPayload(`not valid JSON (${(error as Error).message})`, body);
  }
  if (!isRecord(json)) return rejectPayload('not a France Travail search response: not an object', body);
  // An empty search answers 204 with no body upstream; the lake may hold `{}` for it.
  const results = json.resultats ?? (Object.keys(json).length === 0 ? [] : undefined);
  if (!Array.isArray(results)) return rejectPayload('not a France Travail search response: no "resultats" array', body);
  const out: ParseResult = { postings: [], rejects: [] };
  results.forEach((record: unknown, index) => {
    if (!isRecord(record)) {
      out.rejects.push({ reason: 'record is not an object', index, record });
      return;
    }
    const id = record.id;
    const built = buildPosting(
      {
        format: 'francetravail',
        sourceId: id,
        url:
          stringOrNull(pick(record, 'origineOffre', 'urlOrigine')) ??
          (typeof id === 'string' && id ? OFFER_URL + encodeURIComponent(id) : null),
        title: record.intitule,
        company: pick(record, 'entreprise', 'nom'),
        description: record.description,
        location: {
          raw: stringOrNull(pick(record, 'lieuTravail', 'libelle')),
          inseeCode: stringOrNull(pick(record, 'lieuTravail', 'commune')),
          postalCode: stringOrNull(pick(record, 'lieuTravail', 'codePostal')),
          lat: pick(record, 'lieuTravail', 'latitude'),
          lon: pick(record, 'lieuTravail', 'longitude'),
        },
        structured: {
          contractType: contractType(record),
          workingTime: lookup(TIME, record.dureeTravailLibelleConverti, (s) => s.trim().toLowerCase()),
          remote: null,
          seniority: seniority(record.experienceExige, record.experienceLibelle),
        },
        salary: salaryFromFranceTravail(
          pick(record, 'salaire', 'libelle'),
          record.dureeTravailLibelle,
          pick(record, 'salaire', 'commentaire'),
          pick(record, 'salaire', 'complement1'),
          pick(record, 'salaire', 'complement2'),
        ),
        skillLists: competences(record.competences),
        postedAt: record.dateCreation ?? record.dateActualisation,
      },
      context,
    );
    if (built.ok) out.postings.push(built.posting);
    else out.rejects.push({ reason: built.reason, index, record });
  });
  return out;
}

/** Work-study offers are CDD/CDI on paper: `alternance` and `natureContrat` say what they are. */
function contractType(record: Record<string, unknown>): ContractType | null {
  const nature = typeof record.natureContrat === 'string' ? record.natureContrat.toLowerCase() : '';
  if (record.alternance === true || /apprentissage|professionnalisation/.test(nature)) return 'apprenticeship';
  return lookup(CONTRACT, record.typeContrat, (s) => s.trim().toUpperCase());
}

/** "D" (débutant accepté) is junior; otherwise the years in `experienceLibelle` decide. */
function seniority(code: unknown, libelle: unknown): Seniority | null {
  if (code === 'D') return 'junior';
  if (typeof libelle !== 'string') return null;
  const years = /(\d+(?:[.,]\d+)?)\s*an/i.exec(libelle);
  if (years) return seniorityFromYears(Number(years[1]!.replace(',', '.')));
  const months = /(\d+)\s*mois/i.exec(libelle);
  return months ? seniorityFromYears(Number(months[1]) / 12) : null;
}

function competences(value: unknown): string[] {
  if (!Array.isArray(value)) return [];
  return value.map((c) => pick(c, 'libelle')).filter((l): l is string => typeof l === 'string');
}
