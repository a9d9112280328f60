import { escapeHtml, html, join, raw } from '../../../server/web/views/html';
import { boundaryOf, parseMultipart } from '../../../server/web/multipart';
import { parseDateInput, recordInputOfForm } from '../../../server/web/record-form';
import { safeReturnPath } from '../../../server/web/context';

describe('html template helper', () => {
  it('escapes every interpolated value, also in attributes, and keeps trusted fragments', () => {
    const name = `<img src=x onerror="alert('x')">&`;
    expect(html`<p title="${name}">${name}</p>`.value).toBe(
      '<p title="&lt;img src=x onerror=&quot;alert(&#39;x&#39;)&quot;&gt;&amp;">&lt;img src=x onerror=&quot;alert(&#39;x&#39;)&quot;&gt;&amp;</p>',
    );
    expect(html`<ul>${['a<', 'b'].map((x) => html`<li>${x}</li>`)}</ul>`.value).toBe(
      '<ul><li>a&lt;</li><li>b</li></ul>',
    );
    expect(html`${raw('<br>')}${null}${undefined}${false}${0}`.value).toBe('<br>0');
    expect(join(['a', html`<b>b</b>`], ', ').value).toBe('a, <b>b</b>');
    expect(escapeHtml(`"'`)).toBe('&quot;&#39;');
  });
});

describe('multipart parser', () => {
  it('reads fields and files, including binary content and CRLF inside the file', async () => {
    const boundary = '----atlas123';
    const file = Buffer.from([0x50, 0x4b, 0x03, 0x04, 0x0d, 0x0a, 0x2d, 0x2d, 0xff]);
    const body = Buffer.concat([
      Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="_csrf"\r\n\r\ntoken-ä\r\n`),
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="datei"; filename="C:\\\\tmp\\\\b \\"x\\".xlsx"\r\nContent-Type: application/octet-stream\r\n\r\n`,
      ),
      file,
      Buffer.from(`\r\n--${boundary}--\r\n`),
    ]);
    expect(boundaryOf(`multipart/form-data; boundary=${boundary}`)).toBe(boundary);
    const form = await parseMultipart(body, boundary);
    expect(form.fields).toEqual({ _csrf: 'token-ä' });
    expect(form.files).toHaveLength(1);
    expect(form.files[0].fileName).toBe('b "x".xlsx');
    expect(form.files[0].data.equals(file)).toBe(true);
  });

  it('reads UTF-8 and RFC 5987 file names and refuses a form with more than 20 parts', async () => {
    const part = (disposition: string, content: string) =>
      `--b\r\nContent-Disposition: form-data; ${disposition}\r\nContent-Type: text/csv\r\n\r\n${content}\r\n`;
    const names = await parseMultipart(
      Buffer.from(
        part('name="datei"; filename="Bestand München.csv"', 'a') +
          part(`name="datei"; filename*=UTF-8''Regeln%20S%C3%BCd.csv`, 'b') +
          '--b--\r\n',
        'utf8',
      ),
      'b',
    );
    expect(names.files.map((f) => [f.fileName, f.data.toString()])).toEqual([
      ['Bestand München.csv', 'a'],
      ['Regeln Süd.csv', 'b'],
    ]);
    const many = Array.from({ length: 21 }, (_, i) => part(`name="f${i}"`, 'x')).join('') + '--b--\r\n';
    await expect(parseMultipart(Buffer.from(many), 'b')).rejects.toThrow(/fehlerhaft/);
  });

  it('refuses truncated bodies', async () => {
    await expect(
      parseMultipart(Buffer.from('--b\r\nContent-Disposition: form-data; name="a"\r\n\r\nx'), 'b'),
    ).rejects.toThrow(/fehlerhaft/);
    await expect(parseMultipart(Buffer.from('nothing'), 'b')).rejects.toThrow();
  });
});

describe('record form', () => {
  it('accepts ISO and German dates and refuses impossible ones', () => {
    expect(parseDateInput('2025-04-01')).toBe('2025-04-01');
    expect(parseDateInput('1.4.2025')).toBe('2025-04-01');
    expect(parseDateInput('31.02.2025')).toBeNull();
    expect(parseDateInput(' ')).toBeUndefined();
  });

  it('turns the form into the API input with German field messages', () => {
    const values = {
      status: 'in-use',
      operatorName: '',
      operatorType: 'own-it',
      product: ' ePayBL ',
      validFrom: '',
      validTo: '',
      note: '',
      servesMembers: 'ja',
    };
    expect(recordInputOfForm(values).input).toEqual({
      status: 'in-use',
      operator: { name: null, type: 'own-it' },
      product: 'ePayBL',
      validFrom: null,
      validTo: null,
      note: null,
      servesMembers: true,
    });
    const bad = recordInputOfForm({
      ...values,
      status: 'x',
      validFrom: '2025-05-01',
      validTo: '2025-04-01',
      operatorType: 'mars',
    });
    expect(bad.input).toBeUndefined();
    expect(Object.keys(bad.errors).sort()).toEqual(['operatorType', 'status', 'validTo']);
  });

  it('allows only local return paths after login', () => {
    expect(safeReturnPath('/kommunen/09162000?x=1')).toBe('/kommunen/09162000?x=1');
    for (const bad of ['//evil.example', '/\\evil', 'https://evil.example', '', undefined, ['/a']])
      expect(safeReturnPath(bad)).toBe('/');
  });
});
