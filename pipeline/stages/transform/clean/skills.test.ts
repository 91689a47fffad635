import assert from 'node:assert/strict';
import { SKILLS } from '../../../model/skills-taxonomy.ts';
import fc from 'fast-check';
import { extractSkills, unglue } from './skills.ts';

describe('skills', () => {
  const cases: [text: string, expected: string[]][] = [
    ['Python, SQL et Spark (PySpark) sur Databricks', ['databricks', 'pyspark', 'python', 'spark', 'sql']],
    ['Maîtrise de Power BI et d’Excel ; PowerBI apprécié', ['excel', 'power bi']],
    ['Stack: scikit-learn, sklearn, Pandas, NumPy', ['numpy', 'pandas', 'scikit-learn']],
    ['Machine Learning, deep-learning et NLP', ['deep learning', 'machine learning', 'nlp']],
    ['Apprentissage automatique et vision par ordinateur', ['computer vision', 'machine learning']],
    ['LLM, RAG et IA générative', ['generative ai', 'llm']],
    ['Cloud : AWS (S3, Glue), GCP ou Azure ; Docker et K8s', ['aws', 'azure', 'docker', 'gcp', 'kubernetes']],
    ['Orchestration Airflow, transformations dbt, ingestion Kafka', ['airflow', 'dbt', 'kafka']],
    ['Bases PostgreSQL, MongoDB et BigQuery', ['bigquery', 'mongodb', 'postgresql']],
    ['Langages : Python, R et SQL', ['python', 'r', 'sql']],
    ['Python/R', ['python', 'r']],
    ['Vous codez en Golang', ['go']],
    ['Développement C/C++ embarqué', ['c', 'c++']],
    ['Outils statistiques : SAS, SPSS', ['sas', 'spss', 'statistics']],
    ['Dashboards sous Tableau et Looker', ['looker', 'tableau']],
    ['Git, GitLab CI, Terraform', ['ci/cd', 'git', 'terraform']],
    ['Travail en équipe, rigueur, anglais courant', ['english', 'rigor', 'teamwork']],
    // False-positive guards
    ['Pôle R&D de 40 personnes, lettre R', []],
    ['Une R & D très active', []],
    ['Excellent relationnel et excellence opérationnelle', []],
    ['Go to market, go-live, let’s go', []],
    ['Datalyse SAS, société par actions simplifiée', []],
    ['Construire des tableaux de bord et un tableau de suivi. Tableau de bord hebdomadaire.', []],
    ['Java developer, not JavaScript', ['java', 'javascript']],
    ['Scalable systems', []],
    ['Vitamine C et classe C', []],
    ['Nous avons de l’ambition : j’ai, tu as', []],
    ['', []],
  ];
  for (const [text, expected] of cases)
    it(`"${text}" → [${expected.join(', ')}]`, () => assert.deepEqual(extractSkills([text]), expected));

  describe('glued words', () => {
    const glued: [text: string, expected: string[]][] = [
      // Partner descriptions lose the space at line and sentence breaks.
      ['Vous maîtrisez un socle technologiqueSpark, Scala', ['scala', 'spark']],
      ['Bonne maîtrise du SQLAnalyse de données', ['data analysis', 'sql']],
      ['Outils : Git, JenkinsLes équipes', ['ci/cd', 'git']],
      ['Expérience en cloudAWS et GCP', ['aws', 'gcp']],
      ['Mise en production de pipeline.Python et Airflow', ['airflow', 'python']],
      ['Tableaux de bord sous PowerBI.Analyse statistique', ['power bi', 'statistics']],
      ['Reporting et dashboardsTableau pour le métier', ['tableau']],
      ['Langage : développementPySpark', ['pyspark', 'python', 'spark']],
      // A glued word that is itself a name stays whole: no Java in JavaScript, no SQL in NoSQL.
      ['Frontend en JavaScript et TypeScript', ['javascript']],
      ['Stack : développementJavaScript', ['javascript']],
      ['Bases NoSQL (MongoDB)', ['mongodb', 'nosql']],
      ['PostgreSQL, BigQuery, TensorFlow, MLOps', ['bigquery', 'mlops', 'postgresql', 'tensorflow']],
      // Short capitals and plurals are not glue: no AI in OpenAI, no JS in ReactJS, no ML in AutoML.
      ['Intégration OpenAI et ReactJS, AutoML', []],
      ['Suivi des KPIs et des LLMs', ['llm']],
      ['Un PhD, une app iOS et macOS', []],
      ['Équipe RStudio', ['r']],
      ['McKinsey, LinkedIn, PowerPoint, YouTube', []],
    ];
    for (const [text, expected] of glued)
      it(`"${text}" → [${expected.join(', ')}]`, () => assert.deepEqual(extractSkills([text]), expected));

    it('unglue leaves text without glue untouched (the same string) and splits only glued words', () => {
      const plain = 'Python, SQL et Spark sur Databricks. JavaScript, PostgreSQL.';
      assert.equal(unglue(plain), plain);
      assert.equal(unglue('socle technologiqueSpark et SQLAnalyse'), 'socle technologique Spark et SQL Analyse');
      assert.equal(unglue('expérienceAWS, développementJavaScript'), 'expérience AWS, développement JavaScript');
      assert.equal(unglue(''), '');
    });

    it('never changes anything but spaces, and never finds fewer skills in the text', () => {
      fc.assert(
        fc.property(
          fc.array(
            fc.constantFrom(
              'Spark',
              'SQL',
              'sql',
              'Analyse',
              'technologique',
              'JavaScript',
              'NoSQL',
              'AWS',
              'Python',
              'é',
              'R',
              ' ',
              '.',
              'KPIs',
              'OpenAI',
              'PySpark',
            ),
            { maxLength: 12 },
          ),
          (pieces) => {
            const text = pieces.join('');
            const out = unglue(text);
            assert.equal(out.replace(/ /g, ''), text.replace(/ /g, ''));
            return true;
          },
        ),
      );
    });
  });

  it('maps France Travail competences libellés, where ambiguous names need no context', () => {
    assert.deepEqual(
      extractSkills([], ['Langage R', 'Analyse statistique', 'Utiliser un outil de Business Intelligence (Power BI)']),
      ['power bi', 'r', 'statistics'],
    );
    assert.deepEqual(extractSkills([], ['SAS']), ['sas']);
  });

  it('has a taxonomy of unique lowercase names with categories and at least 80 skills', () => {
    const names = SKILLS.map((s) => s.name);
    assert.ok(names.length >= 80, `${names.length} skills`);
    assert.equal(new Set(names).size, names.length);
    for (const s of SKILLS) {
      assert.equal(s.name, s.name.toLowerCase(), s.name);
      for (const implied of s.implies ?? []) assert.ok(names.includes(implied), `${s.name} implies unknown ${implied}`);
    }
    const aliasOwners = new Map<string, string>();
    for (const s of SKILLS)
      for (const a of s.aliases) {
        assert.ok(!aliasOwners.has(a), `alias "${a}" of ${s.name} already belongs to ${aliasOwners.get(a)}`);
        aliasOwners.set(a, s.name);
      }
  });
});
