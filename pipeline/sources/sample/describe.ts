/**
 * The text of a sample ad, in French or English, as sections the renderers lay out in
 * their own way (plain lines for France Travail, a snippet for Adzuna, HTML for JSON-LD).
 * It states the contract, remote mode, experience and stack the way real ads do, so the
 * transform's keyword rules and skill matcher have something honest to read.
 */
import type { JobSpec } from './job-spec.ts';
import type { Random } from './prng.ts';

export interface AdText {
  intro: string;
  missions: string[];
  stack: string;
  profile: string;
  /** Contract, remote and practical lines. */
  terms: string[];
}

const CONTRACT_FR: Record<JobSpec['contractType'], string> = {
  permanent: 'Poste en CDI, à pourvoir dès que possible.',
  'fixed-term': 'CDD de 12 mois, renouvelable.',
  temporary: "Mission d'intérim de 3 mois.",
  freelance: 'Mission freelance de 6 mois renouvelable, TJM selon profil.',
  internship: 'Stage de 6 mois à partir de février, gratification selon profil.',
  apprenticeship: 'Contrat en alternance (apprentissage) sur 12 à 24 mois, rythme 3 semaines / 1 semaine.',
  other: '',
};

const CONTRACT_EN: Record<JobSpec['contractType'], string> = {
  permanent: 'Permanent contract, full benefits.',
  'fixed-term': 'Fixed-term contract of 12 months.',
  temporary: 'Temporary contract for 3 months.',
  freelance: 'Freelance assignment for 6 months, daily rate depending on experience.',
  internship: '6-month internship starting in February.',
  apprenticeship: 'Work-study apprenticeship over 12 to 24 months.',
  other: '',
};

function remoteLine(job: JobSpec, rng: Random): string | null {
  const fr = job.lang === 'fr';
  switch (job.remote) {
    case 'hybrid':
      return fr
        ? rng.pick([
            'Télétravail partiel possible (2 jours par semaine).',
            'Organisation hybride : 3 jours de télétravail par semaine.',
          ])
        : 'Hybrid work: 2 days of remote per week.';
    case 'full':
      return fr
        ? rng.pick(['Poste en full remote.', '100 % télétravail possible depuis toute la France.'])
        : 'Fully remote position.';
    case 'none':
      return fr ? 'Poste 100 % sur site, pas de télétravail.' : 'On-site only, no remote.';
    default:
      return null;
  }
}

function experienceLine(job: JobSpec, rng: Random): string {
  const fr = job.lang === 'fr';
  switch (job.seniority) {
    case 'junior':
      return fr
        ? rng.pick([
            'Débutant accepté, jeunes diplômés bienvenus.',
            'Une première expérience (stage, alternance) est un plus.',
          ])
        : 'Entry-level candidates welcome.';
    case 'mid':
      return fr ? "3 ans d'expérience minimum sur un poste similaire." : '3 years of experience in a similar role.';
    case 'senior':
      return fr
        ? "Au moins 6 ans d'expérience, dont une partie en production."
        : '6+ years of experience, some of it in production.';
    default:
      return fr
        ? "10 ans d'expérience dont 3 en encadrement d'équipe."
        : '10 years of experience including 3 leading a team.';
  }
}

export function describe(job: JobSpec, rng: Random): AdText {
  const fr = job.lang === 'fr';
  const missions = rng.sample(
    fr ? job.family.missionsFr : job.family.missionsEn,
    Math.min(3, job.family.missionsFr.length),
  );
  const skills = job.skills.join(', ');
  const terms = [fr ? CONTRACT_FR[job.contractType] : CONTRACT_EN[job.contractType]];
  const remote = remoteLine(job, rng);
  if (remote) terms.push(remote);
  if (job.workingTime === 'part-time')
    terms.push(
      fr ? `Temps partiel (${job.weeklyHours} h par semaine).` : `Part-time (${job.weeklyHours} hours a week).`,
    );
  if (rng.chance(0.3))
    terms.push(
      fr
        ? 'Avantages : tickets restaurant, mutuelle & RTT.'
        : 'Perks: meal vouchers, health insurance & extra days off.',
    );
  return {
    intro: fr
      ? `${job.company} recherche un(e) ${job.title.replace(/\s*\(?[HF]\/[HF]\)?$/, '')} pour renforcer son équipe data à ${job.city.city}.`
      : `${job.company} is hiring a ${job.title} to join its data team in ${job.city.city}.`,
    missions,
    stack: fr ? `Environnement technique : ${skills}.` : `Tech stack: ${skills}.`,
    profile: [
      experienceLine(job, rng),
      job.soft.length ? (fr ? `Qualités attendues : ${job.soft.join(', ')}.` : `We value ${job.soft.join(', ')}.`) : '',
    ]
      .filter(Boolean)
      .join(' '),
    terms,
  };
}

/** Plain text with line breaks (France Travail descriptions). */
export function asPlainText(ad: AdText, lang: 'fr' | 'en'): string {
  return [
    ad.intro,
    lang === 'fr' ? 'Vos missions :' : 'What you will do:',
    ...ad.missions.map((m) => `- ${m}`),
    ad.stack,
    ad.profile,
    ...ad.terms,
  ].join('\n');
}
