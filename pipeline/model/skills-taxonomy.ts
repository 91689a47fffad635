/**
 * The skills taxonomy: canonical lowercase names (what `posting.skills` holds), the
 * aliases that mean them in French and English job ads, and a category for dashboards.
 * Aliases are matched as whole words on folded text (no accents, lowercase), so they are
 * written folded here. Names that are also ordinary words or abbreviations ("R", "C",
 * "SAS", "Tableau", "AI") carry a `guard`: a case-sensitive pattern on the original
 * text, optionally requiring a neighbouring tool or language word as context.
 * ESCO / ROME identifiers are deliberately omitted: only ids verified against the
 * official registries belong here, and none has been verified yet.
 */

export type SkillCategory =
  | 'language'
  | 'database'
  | 'cloud'
  | 'ml'
  | 'bi'
  | 'data-eng'
  | 'devops'
  | 'stats'
  | 'tool'
  | 'soft'
  | 'spoken';

export interface SkillGuard {
  /** Case-sensitive regular expression (Unicode flag) run on the original text. */
  pattern: string;
  /** Also require a programming/statistics word within 60 characters (not in skill lists). */
  context?: boolean;
}

export interface SkillDefinition {
  /** Canonical lowercase name. */
  name: string;
  category: SkillCategory;
  /** Folded phrases (lowercase, no accents) that name this skill; the name itself is implied. */
  aliases: readonly string[];
  guard?: SkillGuard;
  /** Other skills this one entails (PySpark is Spark and Python). */
  implies?: readonly string[];
  /** Do not match the bare name itself (only aliases and guard): "r", "c", "sas"… */
  nameIsAmbiguous?: boolean;
}

const LETTER_GUARD = (letter: string, extra = '') =>
  `(?<![\\p{L}\\d&'’.\\-_@])${letter}(?![\\p{L}\\d&'’\\-_+#@]|\\.\\p{L}|\\s*&${extra})`;

export const SKILLS: readonly SkillDefinition[] = [
  // Languages
  { name: 'python', category: 'language', aliases: ['python3', 'python 3', 'langage python'] },
  {
    name: 'r',
    category: 'language',
    nameIsAmbiguous: true,
    aliases: [
      'langage r',
      'r language',
      'r programming',
      'rstudio',
      'r studio',
      'logiciel r',
      'tidyverse',
      'ggplot2',
      'r shiny',
    ],
    guard: { pattern: LETTER_GUARD('R'), context: true },
  },
  {
    name: 'sql',
    category: 'language',
    aliases: ['langage sql', 'requetes sql', 't-sql', 'tsql', 'pl/sql', 'plsql', 'ansi sql'],
  },
  { name: 'scala', category: 'language', aliases: [] },
  { name: 'java', category: 'language', aliases: [] },
  { name: 'c++', category: 'language', aliases: ['cpp'] },
  {
    name: 'c',
    category: 'language',
    nameIsAmbiguous: true,
    aliases: ['langage c', 'c language'],
    guard: { pattern: LETTER_GUARD('C'), context: true },
  },
  { name: 'c#', category: 'language', aliases: ['csharp'] },
  { name: 'go', category: 'language', nameIsAmbiguous: true, aliases: ['golang', 'go language', 'langage go'] },
  { name: 'julia', category: 'language', aliases: ['langage julia', 'julia language'], nameIsAmbiguous: true },
  { name: 'javascript', category: 'language', aliases: ['js', 'typescript', 'node.js', 'nodejs'] },
  {
    name: 'bash',
    category: 'language',
    aliases: ['shell script', 'shell scripting', 'scripting shell', 'scripts shell'],
  },
  {
    name: 'sas',
    category: 'stats',
    nameIsAmbiguous: true,
    aliases: ['sas base', 'sas enterprise guide', 'sas eg', 'sas viya', 'logiciel sas', 'langage sas', 'sas/stat'],
    guard: { pattern: '(?<![\\p{L}\\d])SAS(?![\\p{L}\\d])', context: true },
  },
  { name: 'matlab', category: 'stats', aliases: [] },
  { name: 'stata', category: 'stats', aliases: [] },
  { name: 'spss', category: 'stats', aliases: ['ibm spss'] },
  { name: 'vba', category: 'language', aliases: ['visual basic', 'macros excel'] },
  // Python data stack and ML libraries
  { name: 'pandas', category: 'ml', aliases: [] },
  { name: 'numpy', category: 'ml', aliases: [] },
  { name: 'scipy', category: 'ml', aliases: [] },
  { name: 'polars', category: 'data-eng', aliases: [] },
  { name: 'scikit-learn', category: 'ml', aliases: ['sklearn', 'scikit learn', 'scikitlearn'] },
  { name: 'tensorflow', category: 'ml', aliases: ['tensor flow', 'tf2'] },
  { name: 'keras', category: 'ml', aliases: [] },
  { name: 'pytorch', category: 'ml', aliases: ['torch', 'py torch'] },
  { name: 'xgboost', category: 'ml', aliases: ['lightgbm', 'catboost', 'gradient boosting'] },
  { name: 'hugging face', category: 'ml', aliases: ['huggingface', 'transformers library'] },
  { name: 'langchain', category: 'ml', aliases: ['llamaindex', 'llama index'] },
  { name: 'mlflow', category: 'ml', aliases: ['ml flow'] },
  { name: 'kubeflow', category: 'ml', aliases: [] },
  { name: 'jupyter', category: 'tool', aliases: ['jupyter notebook', 'jupyterlab', 'notebooks jupyter'] },
  // ML domains
  {
    name: 'machine learning',
    category: 'ml',
    aliases: ['ml', 'apprentissage automatique', 'apprentissage statistique', 'machine-learning'],
  },
  {
    name: 'deep learning',
    category: 'ml',
    aliases: ['apprentissage profond', 'reseaux de neurones', 'neural networks', 'neural network'],
  },
  {
    name: 'nlp',
    category: 'ml',
    aliases: ['natural language processing', 'traitement automatique du langage', 'traitement du langage naturel'],
  },
  {
    name: 'computer vision',
    category: 'ml',
    aliases: ['vision par ordinateur', "traitement d'images", "traitement d'image", 'image processing', 'opencv'],
  },
  {
    name: 'llm',
    category: 'ml',
    aliases: [
      'llms',
      'large language model',
      'large language models',
      'grands modeles de langage',
      'gpt',
      'rag',
      'retrieval augmented generation',
    ],
  },
  {
    name: 'generative ai',
    category: 'ml',
    aliases: [
      'genai',
      'gen ai',
      'ia generative',
      'intelligence artificielle generative',
      'generative artificial intelligence',
    ],
  },
  {
    name: 'artificial intelligence',
    category: 'ml',
    aliases: ['intelligence artificielle'],
    guard: { pattern: '(?<![\\p{L}\\d])(?<![Gg]enerative |[Gg]en )(?:AI|IA)(?![\\p{L}\\d])(?!\\s+g[ée]n[ée]rative)' },
  },
  { name: 'mlops', category: 'ml', aliases: ['ml ops', 'machine learning operations'] },
  {
    name: 'time series',
    category: 'stats',
    aliases: ['series temporelles', 'serie temporelle', 'time-series', 'forecasting'],
  },
  {
    name: 'statistics',
    category: 'stats',
    aliases: [
      'statistiques',
      'statistique',
      'statistical',
      'stats',
      'statistical modeling',
      'modelisation statistique',
    ],
  },
  { name: 'a/b testing', category: 'stats', aliases: ['ab testing', 'a/b test', 'a/b tests', 'tests a/b', 'test a/b'] },
  {
    name: 'data analysis',
    category: 'stats',
    aliases: ['analyse de donnees', 'analyse des donnees', 'analyser des donnees', 'data analytics'],
  },
  {
    name: 'data visualization',
    category: 'bi',
    aliases: [
      'data visualisation',
      'datavisualisation',
      'datavisualization',
      'dataviz',
      'data viz',
      'visualisation de donnees',
      'visualisation des donnees',
    ],
  },
  {
    name: 'data modeling',
    category: 'data-eng',
    aliases: [
      'modelisation de donnees',
      'modelisation des donnees',
      'data modelling',
      'modelisation dimensionnelle',
      'dimensional modeling',
      'star schema',
      'schema en etoile',
    ],
  },
  // BI
  { name: 'power bi', category: 'bi', aliases: ['powerbi', 'power-bi', 'ms power bi', 'microsoft power bi', 'dax'] },
  {
    name: 'tableau',
    category: 'bi',
    nameIsAmbiguous: true,
    aliases: ['tableau software', 'tableau desktop', 'tableau server', 'tableau prep', 'tableau cloud'],
    guard: {
      pattern:
        "(?<![\\p{L}\\d])Tableau(?![\\p{L}\\d])(?!\\s+(?:de|des|du|d['’]|croisé|croise|récapitulatif|blanc)(?![\\p{L}]))",
    },
  },
  { name: 'looker', category: 'bi', aliases: ['looker studio', 'google data studio', 'data studio', 'lookml'] },
  { name: 'qlik', category: 'bi', aliases: ['qlikview', 'qlik sense', 'qliksense'] },
  { name: 'metabase', category: 'bi', aliases: [] },
  { name: 'superset', category: 'bi', aliases: ['apache superset'] },
  { name: 'excel', category: 'tool', aliases: ['ms excel', 'microsoft excel', 'tableur excel'] },
  { name: 'google analytics', category: 'bi', aliases: ['ga4'] },
  // Data engineering
  { name: 'spark', category: 'data-eng', aliases: ['apache spark', 'spark sql', 'sparksql'] },
  { name: 'pyspark', category: 'data-eng', aliases: ['py spark'], implies: ['spark', 'python'] },
  { name: 'hadoop', category: 'data-eng', aliases: ['hdfs', 'mapreduce', 'cloudera'] },
  { name: 'hive', category: 'data-eng', aliases: ['apache hive', 'hiveql'] },
  { name: 'kafka', category: 'data-eng', aliases: ['apache kafka', 'kafka streams', 'confluent'] },
  { name: 'flink', category: 'data-eng', aliases: ['apache flink'] },
  { name: 'airflow', category: 'data-eng', aliases: ['apache airflow', 'cloud composer'] },
  { name: 'dagster', category: 'data-eng', aliases: [] },
  { name: 'prefect', category: 'data-eng', aliases: [] },
  { name: 'dbt', category: 'data-eng', aliases: ['data build tool', 'dbt core', 'dbt cloud'] },
  { name: 'airbyte', category: 'data-eng', aliases: [] },
  { name: 'fivetran', category: 'data-eng', aliases: [] },
  { name: 'talend', category: 'data-eng', aliases: [] },
  { name: 'informatica', category: 'data-eng', aliases: [] },
  { name: 'ssis', category: 'data-eng', aliases: ['sql server integration services'] },
  { name: 'etl', category: 'data-eng', aliases: ['elt', 'etl/elt', 'pipelines etl', 'pipeline etl'] },
  {
    name: 'data warehouse',
    category: 'data-eng',
    aliases: ['data warehousing', 'entrepot de donnees', 'entrepots de donnees', 'datawarehouse', 'dwh'],
  },
  { name: 'data lake', category: 'data-eng', aliases: ['datalake', 'lac de donnees', 'lakehouse', 'data lakehouse'] },
  { name: 'delta lake', category: 'data-eng', aliases: ['apache iceberg'] },
  { name: 'snowflake', category: 'database', aliases: [] },
  { name: 'databricks', category: 'data-eng', aliases: [] },
  { name: 'bigquery', category: 'database', aliases: ['big query', 'google bigquery'] },
  { name: 'redshift', category: 'database', aliases: ['amazon redshift', 'aws redshift'] },
  { name: 'synapse', category: 'database', aliases: ['azure synapse', 'azure synapse analytics'] },
  { name: 'postgresql', category: 'database', aliases: ['postgres', 'postgre', 'postgre sql', 'postgis'] },
  { name: 'mysql', category: 'database', aliases: ['mariadb'] },
  { name: 'oracle', category: 'database', aliases: ['oracle database', 'oracle db'] },
  { name: 'sql server', category: 'database', aliases: ['mssql', 'ms sql', 'microsoft sql server'] },
  { name: 'mongodb', category: 'database', aliases: ['mongo', 'mongo db'] },
  { name: 'elasticsearch', category: 'database', aliases: ['elastic search', 'elk', 'opensearch'] },
  { name: 'cassandra', category: 'database', aliases: ['apache cassandra'] },
  { name: 'redis', category: 'database', aliases: [] },
  { name: 'neo4j', category: 'database', aliases: ['graph database', 'base de donnees graphe'] },
  { name: 'nosql', category: 'database', aliases: ['no sql'] },
  { name: 'clickhouse', category: 'database', aliases: [] },
  { name: 'duckdb', category: 'database', aliases: [] },
  // Cloud and DevOps
  {
    name: 'aws',
    category: 'cloud',
    aliases: ['amazon web services', 's3', 'aws glue', 'sagemaker', 'amazon sagemaker', 'aws lambda', 'emr', 'athena'],
  },
  {
    name: 'gcp',
    category: 'cloud',
    aliases: ['google cloud', 'google cloud platform', 'vertex ai', 'dataflow', 'dataproc'],
  },
  {
    name: 'azure',
    category: 'cloud',
    aliases: ['microsoft azure', 'azure data factory', 'adf', 'azure ml', 'azure machine learning'],
  },
  { name: 'docker', category: 'devops', aliases: ['conteneurisation', 'containerization', 'containers docker'] },
  { name: 'kubernetes', category: 'devops', aliases: ['k8s', 'openshift', 'aks', 'eks', 'gke'] },
  { name: 'terraform', category: 'devops', aliases: ['infrastructure as code', 'iac'] },
  { name: 'git', category: 'devops', aliases: ['github', 'gitlab', 'bitbucket'] },
  {
    name: 'ci/cd',
    category: 'devops',
    aliases: [
      'cicd',
      'ci cd',
      'integration continue',
      'continuous integration',
      'github actions',
      'gitlab ci',
      'jenkins',
    ],
  },
  { name: 'linux', category: 'devops', aliases: ['unix'] },
  { name: 'api', category: 'devops', aliases: ['rest api', 'api rest', 'apis rest', 'fastapi', 'flask'] },
  // Ways of working and spoken languages
  { name: 'agile', category: 'soft', aliases: ['scrum', 'methodes agiles', 'methodologie agile', 'kanban'] },
  {
    name: 'communication',
    category: 'soft',
    aliases: ['aisance relationnelle', 'communication skills', 'qualites relationnelles'],
  },
  {
    name: 'teamwork',
    category: 'soft',
    aliases: ['travail en equipe', "esprit d'equipe", 'team player', 'team spirit'],
  },
  { name: 'autonomy', category: 'soft', aliases: ['autonomie', 'autonome', 'self-starter'] },
  { name: 'rigor', category: 'soft', aliases: ['rigueur', 'rigoureux', 'rigoureuse'] },
  {
    name: 'problem solving',
    category: 'soft',
    aliases: [
      'resolution de problemes',
      'problem-solving',
      "esprit d'analyse",
      'analytical skills',
      'esprit analytique',
    ],
  },
  {
    name: 'project management',
    category: 'soft',
    aliases: ['gestion de projet', 'gestion de projets', 'conduite de projet', 'pilotage de projet'],
  },
  {
    name: 'english',
    category: 'spoken',
    aliases: ['anglais', 'anglais courant', 'anglais professionnel', 'fluent english', 'english fluent'],
  },
];
