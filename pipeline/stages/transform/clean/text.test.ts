import assert from 'node:assert/strict';
import { cleanLine, cleanText, fold } from './text.ts';
import { postingId } from './posting-id.ts';

describe('text', () => {
  const cases: [input: string, expected: string][] = [
    ['<p>Nous recherchons un <strong>Data Engineer</strong>.</p><p>CDI</p>', 'Nous recherchons un Data Engineer.\nCDI'],
    ['<table><tr><td>Python</td><td>SQL</td></tr><tr><td>Spark</td></tr></table>', 'Python SQL\nSpark'],
    ['Python &amp; SQL&nbsp;: T&eacute;l&eacute;travail', 'Python & SQL : Télétravail'],
    ['&lt;p&gt;Double &amp;amp; échappé&lt;/p&gt;', 'Double & échappé'],
    ['<ul><li>Spark</li><li>Airflow</li></ul>', 'Spark\nAirflow'],
    ['Ligne 1<br>Ligne 2<br/>Ligne 3', 'Ligne 1\nLigne 2\nLigne 3'],
    ['<script>alert(1)</script><style>p{}</style>Texte<!-- commentaire -->', 'Texte'],
    ['  trop    d’espaces \t ici \r\n\r\n\r\n et là  ', 'trop d’espaces ici\net là'],
    ['l&#39;équipe &#x27;data&#x27; &quot;IA&quot;', "l'équipe 'data' \"IA\""],
    ['a < b et c > d', 'a < b et c > d'],
    ['Zero\u200bwidth\u00adsoft', 'Zerowidthsoft'],
    ['', ''],
  ];
  for (const [input, expected] of cases)
    it(`cleanText ${JSON.stringify(input)}`, () => assert.equal(cleanText(input), expected));

  it('cleanLine keeps one line and handles non-strings', () => {
    assert.equal(cleanLine('<h1>Data\nScientist</h1>  H/F'), 'Data Scientist H/F');
    assert.equal(cleanLine(undefined), '');
    assert.equal(cleanText(42), '');
  });

  it('fold removes accents, case and ligatures', () => {
    assert.equal(fold('Télétravail ÉLIGIBLE, cœur, Ægis, l’équipe'), "teletravail eligible, coeur, aegis, l'equipe");
    assert.equal(fold('ASCII Only'), 'ascii only');
  });

  it('postingId is a stable 24-hex hash of source and id', () => {
    assert.equal(postingId('adzuna', '123'), postingId('adzuna', '123'));
    assert.match(postingId('adzuna', '123'), /^[0-9a-f]{24}$/);
    assert.notEqual(postingId('adzuna', '123'), postingId('francetravail', '123'));
    assert.notEqual(postingId('ab', 'c'), postingId('a', 'bc'));
  });
});
