import { ajv } from '../../../lib/validation';
import { isWebUrl, webUrlSchema } from '../../../lib/url';

describe('isWebUrl and the web-address schema agree: absolute http(s) only', () => {
  const web = [
    'https://www.jena.de',
    'http://example.org/a?b=c&d=e#f',
    'HTTPS://Example.org/Pfad',
    'https://xn--mnchen-3ya.de/',
  ];
  const notWeb = [
    'javascript:alert(1)',
    'JavaScript:alert(1)',
    ' javascript:alert(1)',
    'data:text/html,<script>x</script>',
    'vbscript:msgbox',
    'ftp://example.org',
    '//example.org/pfad',
    '/relativ',
    'https://',
    'https:///pfad',
    'https://exa mple.org',
    'https://example.org/"><script>',
    '',
  ];
  const validate = ajv.compile(webUrlSchema(300));

  it.each(web)('accepts %s', (url) => {
    expect(isWebUrl(url)).toBe(true);
    expect(validate(url)).toBe(true);
  });

  it.each(notWeb)('refuses %j', (url) => {
    expect(isWebUrl(url)).toBe(false);
    expect(validate(url)).toBe(false);
  });
});
