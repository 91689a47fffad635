/**
 * A sample record in France Travail's "Offres d'emploi v2" shape: plain-text description,
 * lieuTravail libellé "75 - Paris 15e Arrondissement" with the INSEE commune, salary as a
 * libellé ("Annuel de … Euros à … Euros sur 12.0 mois"), competences with libellés.
 */
import { asPlainText, describe } from './describe.ts';
import type { JobSpec } from './job-spec.ts';
import type { Random } from './prng.ts';

const TYPE: Record<JobSpec['contractType'], [string, string]> = {
  permanent: ['CDI', 'Contrat à durée indéterminée'],
  'fixed-term': ['CDD', 'Contrat à durée déterminée - 12 Mois'],
  temporary: ['MIS', 'Mission intérimaire - 3 Mois'],
  freelance: ['LIB', 'Profession libérale'],
  apprenticeship: ['CDD', 'Contrat à durée déterminée - 24 Mois'],
  internship: ['CDD', 'Contrat à durée déterminée - 6 Mois'],
  other: ['FRA', 'Franchise'],
};

const EXPERIENCE: Record<JobSpec['seniority'], [string, string]> = {
  junior: ['D', 'Débutant accepté'],
  mid: ['E', '3 An(s)'],
  senior: ['E', '6 An(s)'],
  lead: ['E', '10 An(s)'],
};

/** France Travail competences libellés for the skills a sample ad names. */
const COMPETENCE: Record<string, string> = {
  Python: 'Programmation en langage Python',
  SQL: 'Langage SQL',
  R: 'Langage R',
  SAS: 'Logiciel SAS',
  'machine learning': 'Concevoir des modèles de machine learning',
  statistiques: 'Analyse statistique',
  'Power BI': 'Utiliser un outil de Business Intelligence (Power BI)',
  Excel: 'Utilisation du tableur Excel',
  Spark: 'Traitement de données massives (Spark)',
  Airflow: 'Orchestration de pipelines (Airflow)',
};

const money = (n: number) => n.toFixed(2);

function salaryLibelle(job: JobSpec): string {
  if (job.defect === 'bad-salary') return 'Mensuel de trois mille Euros';
  const s = job.salary;
  const range = s.max > s.min ? `${money(s.min)} Euros à ${money(s.max)} Euros` : `${money(s.min)} Euros`;
  switch (s.period) {
    case 'year':
      return `Annuel de ${range} sur ${job.monthsPaid}.0 mois`;
    case 'month':
      return `Mensuel de ${range} sur 12.0 mois`;
    case 'hour':
      return `Horaire de ${range} sur 12 mois`;
    default:
      return `Journalier de ${range}`;
  }
}

export function franceTravailRecord(job: JobSpec, id: string, rng: Random): Record<string, unknown> {
  const ad = describe(job, rng);
  const [typeContrat, typeContratLibelle] = TYPE[job.contractType];
  const [experienceExige, experienceLibelle] = EXPERIENCE[job.seniority];
  const city = job.city;
  const competences = job.skills
    .filter((s) => COMPETENCE[s] !== undefined)
    .map((s, i) => ({
      code: String(100_000 + ((s.length * 7919 + i) % 900_000)),
      libelle: COMPETENCE[s]!,
      exigence: i === 0 ? 'E' : 'S',
    }));
  const dated = new Date(job.postedAtMs).toISOString();
  return {
    id: job.defect === 'no-id' ? null : id,
    intitule: job.defect === 'no-title' ? undefined : job.defect === 'html-title' ? ' <br/> ' : job.title,
    description: asPlainText(ad, job.lang),
    dateCreation: job.defect === 'bad-date' ? '2026-13-45T00:00:00.000Z' : dated,
    dateActualisation: dated,
    lieuTravail: {
      libelle: `${city.departement} - ${rng.chance(0.3) ? city.name.toUpperCase() : city.name}`,
      latitude: city.lat,
      longitude: city.lon,
      codePostal: city.postalCode,
      commune: city.insee,
    },
    romeCode: job.family.id === 'data-analyst' || job.family.id === 'bi' ? 'M1403' : 'M1805',
    romeLibelle:
      job.family.id === 'data-analyst' || job.family.id === 'bi'
        ? 'Études et prospectives socio-économiques'
        : 'Études et développement informatique',
    appellationlibelle: job.family.titles[0]![0],
    entreprise: { nom: job.company, entrepriseAdaptee: false },
    typeContrat,
    typeContratLibelle,
    natureContrat: job.contractType === 'apprenticeship' ? 'Contrat apprentissage' : 'Contrat travail',
    experienceExige,
    experienceLibelle,
    competences,
    salaire:
      rng.chance(0.7) || job.defect === 'bad-salary'
        ? { libelle: salaryLibelle(job) }
        : { commentaire: 'Selon profil' },
    dureeTravailLibelle: `${job.weeklyHours}H Horaires normaux`,
    dureeTravailLibelleConverti: job.workingTime === 'part-time' ? 'Temps partiel' : 'Temps plein',
    alternance: job.contractType === 'apprenticeship',
    nombrePostes: 1,
    accessibleTH: false,
    qualificationCode: job.seniority === 'junior' ? '8' : '9',
    qualificationLibelle: job.seniority === 'junior' ? 'Agent de maîtrise' : 'Cadre',
    origineOffre: { origine: '1', urlOrigine: `https://candidat.francetravail.fr/offres/recherche/detail/${id}` },
  };
}
