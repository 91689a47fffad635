import assert from 'node:assert/strict';
import { parsePayload } from '../parsers/parse-payload.ts';
import {
  classify,
  contractFromText,
  foldText,
  remoteFromText,
  seniorityFromDescription,
  seniorityFromTitle,
  workingTimeFromText,
  type Classification,
} from './classify.ts';

const t = (title: string, description = '') => foldText(title, description);

describe('classify', () => {
  describe('contract type from text', () => {
    const cases: [title: string, description: string, expected: string | null][] = [
      ['Stage - Data Scientist', '', 'internship'],
      ['Data Analyst (Stage)', '', 'internship'],
      ['Stagiaire Data Engineer', '', 'internship'],
      ['Data Science Intern', '', 'internship'],
      ['Data Analyst', 'Stage de fin d’études de 6 mois.', 'internship'],
      ['Data Analyst en alternance', 'CDI possible à l’issue', 'apprenticeship'],
      ['Alternance - Data Engineer', '', 'apprenticeship'],
      ['Apprenti Data Analyst', '', 'apprenticeship'],
      ['Data Analyst Apprentice', '', 'apprenticeship'],
      ['Data Analyst', 'Contrat de professionnalisation de 12 mois.', 'apprenticeship'],
      ['Freelance - Data Engineer', '', 'freelance'],
      ['Data Engineer (indépendant)', '', 'freelance'],
      ['Data Engineer', 'Mission freelance, TJM selon profil.', 'freelance'],
      ['Data Analyst intérim', '', 'temporary'],
      ['Data Analyst', "Mission d'intérim de 3 mois.", 'temporary'],
      ['Data Engineer CDD 6 mois', '', 'fixed-term'],
      ['Data Engineer', 'Contrat à durée déterminée de 12 mois', 'fixed-term'],
      ['Data Scientist CDI', '', 'permanent'],
      ['Data Scientist', 'Poste en CDI basé à Lyon.', 'permanent'],
      ['Data Scientist', 'Permanent contract, great benefits.', 'permanent'],
      // Guards: "early-stage", "internal", "international" are not internships.
      ['Data Scientist', 'Join an early-stage startup with international clients and internal tools.', null],
      ['Senior Data Engineer', 'Nous sommes une scale-up.', null],
    ];
    for (const [title, description, expected] of cases) {
      it(`${title} | ${description || '—'} → ${expected}`, () =>
        assert.equal(contractFromText(t(title, description)), expected));
    }
  });

  describe('working time', () => {
    const cases: [string, string, string | null][] = [
      ['Data Analyst temps partiel', '', 'part-time'],
      ['Data Analyst', 'Poste à mi-temps', 'part-time'],
      ['Data Analyst', 'Part-time, 24 hours a week', 'part-time'],
      ['Data Analyst', 'Temps plein, 35h', 'full-time'],
      ['Data Analyst', 'Full-time position', 'full-time'],
      ['Data Analyst', 'Rien à signaler', null],
    ];
    for (const [title, description, expected] of cases) {
      it(`${title} | ${description} → ${expected}`, () =>
        assert.equal(workingTimeFromText(t(title, description)), expected));
    }
  });

  describe('remote', () => {
    const cases: [string, string, string | null][] = [
      ['Data Engineer (Full Remote)', '', 'full'],
      ['Data Engineer - Remote', '', 'full'],
      ['Data Engineer', '100% télétravail possible', 'full'],
      ['Data Engineer', '100 % remote depuis la France', 'full'],
      ['Data Engineer', 'Télétravail complet', 'full'],
      ['Data Engineer', 'Télétravail partiel (2 jours par semaine)', 'hybrid'],
      ['Data Engineer', 'Organisation hybride', 'hybrid'],
      ['Data Engineer', '3 jours de télétravail par semaine', 'hybrid'],
      ['Data Engineer', 'Hybrid work: 2 days remote per week', 'hybrid'],
      ['Data Engineer', 'Télétravail selon la politique interne', 'hybrid'],
      ['Data Engineer', 'Poste 100% sur site, pas de télétravail.', 'none'],
      ['Data Engineer', 'Pas de télétravail possible', 'none'],
      ['Data Engineer', 'On-site only, no remote.', 'none'],
      ['Data Engineer', 'Bureaux à Lyon', null],
    ];
    for (const [title, description, expected] of cases) {
      it(`${title} | ${description || '—'} → ${expected}`, () =>
        assert.equal(remoteFromText(t(title, description)), expected));
    }
  });

  describe('seniority', () => {
    const titles: [string, string | null][] = [
      ['Senior Data Scientist', 'senior'],
      ['Data Engineer Sr.', 'senior'],
      ['Data Scientist Expert', 'senior'],
      ['Lead Data Engineer', 'lead'],
      ['Principal ML Engineer', 'lead'],
      ['Head of Data', 'lead'],
      ['Data Manager', 'lead'],
      ['Data Analyst Junior', 'junior'],
      ['Data Analyst - Débutant accepté', 'junior'],
      ['Data Scientist confirmé', 'mid'],
      ['Data Scientist Confirmée', 'mid'],
      ['Lead Data Engineer Senior (H/F)', 'lead'],
      ['Data Analyst Junior / Confirmé', null],
      ['Senior Data Engineer - Expert Spark', 'senior'],
      ['Data Scientist', null],
    ];
    for (const [title, expected] of titles)
      it(`title ${title} → ${expected}`, () => assert.equal(seniorityFromTitle(t(title).title), expected));

    const texts: [string, string | null][] = [
      ['Débutant accepté, jeunes diplômés bienvenus.', 'junior'],
      ["3 ans d'expérience minimum", 'mid'],
      ["Au moins 6 ans d'expérience", 'senior'],
      ['5+ years of experience with Spark', 'senior'],
      ["De 2 à 4 ans d'expérience", 'mid'],
      ['1 year of experience', 'junior'],
      ['Une équipe de 30 personnes', null],
    ];
    for (const [text, expected] of texts)
      it(`text ${text} → ${expected}`, () => assert.equal(seniorityFromDescription(t('', text).description), expected));
  });

  it('structured values fill first and the text fills the gaps', () => {
    const none = { contractType: null, workingTime: null, remote: null, seniority: null };
    assert.deepEqual(classify({ ...none, contractType: 'permanent' }, t('Data Analyst', 'télétravail partiel')), {
      contractType: 'permanent',
      workingTime: null,
      remote: 'hybrid',
      seniority: null,
      flags: [],
    });
    assert.deepEqual(classify(none, t('Data Analyst', "Stage de 6 mois. 3 ans d'expérience")), {
      contractType: 'internship',
      workingTime: null,
      remote: null,
      seniority: 'junior',
      flags: [],
    });
    assert.equal(classify({ ...none, seniority: 'mid' }, t('Data Engineer', "8 ans d'expérience")).seniority, 'mid');
    assert.equal(classify(none, t('Data Engineer', "8 ans d'expérience")).seniority, 'senior');
    assert.equal(classify(none, t('Alternance Data Analyst')).seniority, 'junior');
  });

  describe('title against structured fields: precedence and conflict flags', () => {
    const none = { contractType: null, workingTime: null, remote: null, seniority: null } as const;
    type Case = [
      title: string,
      field: Partial<Classification>,
      contract: string | null,
      seniority: string | null,
      flags: string[],
    ];
    const cases: Case[] = [
      // A training contract in the title decides the kind; the field's value is flagged.
      [
        'Stagiaire Data Engineer (F/H) - MASSY (H/F)',
        { contractType: 'permanent', seniority: 'junior' },
        'internship',
        'junior',
        ['contract-conflict:title=internship,field=permanent'],
      ],
      [
        'Alternant Datascientist H/F',
        { contractType: 'permanent', seniority: 'junior' },
        'apprenticeship',
        'junior',
        ['contract-conflict:title=apprenticeship,field=permanent'],
      ],
      [
        'Data Analyst Intern',
        { contractType: 'fixed-term' },
        'internship',
        'junior',
        ['contract-conflict:title=internship,field=fixed-term'],
      ],
      [
        'Data Analyst Apprentice',
        { contractType: 'permanent' },
        'apprenticeship',
        'junior',
        ['contract-conflict:title=apprenticeship,field=permanent'],
      ],
      [
        'Stage - Data Scientist',
        { contractType: 'apprenticeship' },
        'internship',
        'junior',
        ['contract-conflict:title=internship,field=apprenticeship'],
      ],
      // A trainee is junior whatever experience the field asks; the field is flagged.
      [
        'Stage - Data Scientist',
        { contractType: 'fixed-term', seniority: 'mid' },
        'internship',
        'junior',
        ['contract-conflict:title=internship,field=fixed-term', 'seniority-conflict:contract=internship,field=mid'],
      ],
      [
        'Data Analyst',
        { contractType: 'apprenticeship', seniority: 'mid' },
        'apprenticeship',
        'junior',
        ['seniority-conflict:contract=apprenticeship,field=mid'],
      ],
      // Other title contracts never override a stated field, but disagreement is flagged.
      [
        'Data Engineer CDD 6 mois',
        { contractType: 'permanent' },
        'permanent',
        null,
        ['contract-conflict:title=fixed-term,field=permanent'],
      ],
      [
        'Freelance - Data Engineer',
        { contractType: 'permanent' },
        'permanent',
        null,
        ['contract-conflict:title=freelance,field=permanent'],
      ],
      // …except an unspecific "other" (JSON-LD OTHER, France Travail FRA), which any title cue replaces.
      [
        'Data Scientist CDI',
        { contractType: 'other' },
        'permanent',
        null,
        ['contract-conflict:title=permanent,field=other'],
      ],
      // Agreement and silence are not conflicts.
      ['DATA ANALYST EXPERT - CDI - NANTERRE H/F', { contractType: 'permanent' }, 'permanent', 'senior', []],
      ['Data Scientist', { contractType: 'permanent', seniority: 'mid' }, 'permanent', 'mid', []],
      ['Stage - Data Scientist', { contractType: 'internship', seniority: 'junior' }, 'internship', 'junior', []],
      // A level or role in the title beats the structured experience (a minimum, not a grade).
      [
        'DATA ANALYST EXPERT - CDI - NANTERRE H/F',
        { contractType: 'permanent', seniority: 'junior' },
        'permanent',
        'senior',
        ['seniority-conflict:title=senior,field=junior'],
      ],
      [
        'Senior Développeur fullstack Symfony/Angular',
        { seniority: 'mid' },
        null,
        'senior',
        ['seniority-conflict:title=senior,field=mid'],
      ],
      [
        'Lead data scientist f/h (H/F)',
        { contractType: 'permanent', seniority: 'junior' },
        'permanent',
        'lead',
        ['seniority-conflict:title=lead,field=junior'],
      ],
      [
        'Data Analyst Junior',
        { seniority: 'senior' },
        null,
        'junior',
        ['seniority-conflict:title=junior,field=senior'],
      ],
      ['Data Scientist confirmé', { seniority: 'junior' }, null, 'mid', ['seniority-conflict:title=mid,field=junior']],
      // Years can say senior, never lead: a lead title with a senior-sized requirement agrees.
      ['Lead Data Engineer Senior (H/F)', { contractType: 'other', seniority: 'senior' }, 'other', 'lead', []],
      ['Head of Data', { seniority: 'senior' }, null, 'lead', []],
      // A title naming two levels says nothing: the field decides, no flag.
      ['Data Analyst Junior / Confirmé', { seniority: 'mid' }, null, 'mid', []],
      ['Data Analyst Junior ou Senior', { seniority: 'senior' }, null, 'senior', []],
    ];
    for (const [title, field, contract, seniority, flags] of cases) {
      it(`${title} with ${JSON.stringify(field)} → ${contract}, ${seniority} [${flags.join(' ')}]`, () => {
        const out = classify({ ...none, ...field }, t(title));
        assert.deepEqual([out.contractType, out.seniority, out.flags], [contract, seniority, flags]);
      });
    }

    it('puts the flags on the posting, and no flags key when title and fields agree', () => {
      // Hand-written, in the shape of France Travail search records (Offres d'emploi v2).
      const record = (
        id: string,
        intitule: string,
        typeContrat: string,
        experienceExige: string,
        experienceLibelle: string,
      ) => ({
        id,
        intitule,
        typeContrat,
        experienceExige,
        experienceLibelle,
        natureContrat: 'Contrat travail',
        alternance: false,
        description: 'Rejoignez notre équipe data.',
        dateCreation: '2024-10-01T10:00:00.000Z',
        lieuTravail: { libelle: '91 - MASSY', codePostal: '91300', commune: '91377' },
      });
      const body = JSON.stringify({
        resultats: [
          record('100AAA', 'Stagiaire Data Engineer (F/H) - MASSY (H/F)', 'CDI', 'D', 'Débutant accepté'),
          record('100AAB', 'DATA ANALYST EXPERT - CDI H/F', 'CDI', 'D', 'Débutant accepté'),
          record('100AAC', 'Data Engineer (H/F)', 'CDI', 'E', '3 An(s)'),
        ],
      });
      const { postings, rejects } = parsePayload('francetravail', body, {
        source: 'francetravail',
        rawKey: 'raw/k',
        collectedAt: '2024-10-02T00:00:00.000Z',
      });
      assert.deepEqual(rejects, []);
      assert.deepEqual(
        postings.map((p) => [p.contractType, p.seniority, p.flags]),
        [
          ['internship', 'junior', ['contract-conflict:title=internship,field=permanent']],
          ['permanent', 'senior', ['seniority-conflict:title=senior,field=junior']],
          ['permanent', 'mid', undefined],
        ],
      );
      assert.equal(Object.hasOwn(postings[2]!, 'flags'), false);
    });

    it('reads a JSON-LD title against its experienceRequirements the same way', () => {
      const node = {
        '@context': 'http://schema.org',
        '@type': 'JobPosting',
        url: 'https://jobs.example/offres/42',
        title: 'Senior Développeur fullstack',
        description: '<p>Développer nos produits.</p>',
        employmentType: 'FULL_TIME',
        datePosted: '2025-09-09T07:21:12Z',
        experienceRequirements: { '@type': 'OccupationalExperienceRequirements', monthsOfExperience: 48 },
      };
      const body = `<html><head><script type="application/ld+json">${JSON.stringify(node)}</script></head><body></body></html>`;
      const { postings } = parsePayload('jsonld', body, {
        source: 'jsonld',
        rawKey: 'raw/k',
        collectedAt: '2025-09-10T00:00:00.000Z',
      });
      assert.deepEqual(
        postings.map((p) => [p.seniority, p.flags]),
        [['senior', ['seniority-conflict:title=senior,field=mid']]],
      );
    });

    it('the description never overrides or conflicts with a stated field', () => {
      const out = classify(
        { ...none, contractType: 'permanent', seniority: 'junior' },
        t('Data Analyst', "Stage de 6 mois, 5 ans d'expérience exigés, CDD"),
      );
      assert.deepEqual([out.contractType, out.seniority, out.flags], ['permanent', 'junior', []]);
    });
  });
});
