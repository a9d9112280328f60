import { shippedGeometry } from '../../../lib/geo/shipped';
import { classify, type MapClass, type MapReport } from '../../../reports/map/report';
import { mapSvg } from '../../../server/web/views/map-svg';
import { mapSection } from '../../../server/web/views/map.view';

const CLASSES: MapClass[] = [
  { label: 'unter 1', below: 1 },
  { label: '1 bis unter 3', below: 3 },
  { label: '3 bis unter 5', below: 5 },
  { label: '5 bis unter 7', below: 7 },
  { label: '7 und mehr', below: Infinity },
];

/** Three Gemeinden of the Landkreis Goslar: Goslar with 4 in use, Langelsheim with none recorded, Braunlage with 8. */
function goslarReport(): MapReport {
  const unit = (key: string, name: string, value: number | null, group: string) => ({
    key,
    name,
    href: `/kommunen/${key}`,
    group,
    members: [key],
    value,
    valueText: value === null ? 'keine Angaben' : `${value} von 9 im Einsatz`,
    classIndex: classify(CLASSES, value),
    demo: false,
  });
  return {
    areaKey: '03153',
    areaLabel: 'Landkreis Goslar',
    level: 'gemeinde',
    measure: 'anzahl',
    measureLabel: 'Komponenten im Einsatz (von 9)',
    outlineLabel: 'Gemeindeverbände',
    classes: CLASSES,
    palette: 'sequential',
    units: [
      unit('03153017', 'Goslar, Stadt', 4, '03153017'),
      unit('03153019', 'Langelsheim, Stadt', null, '03153019'),
      unit('03153016', 'Braunlage, Stadt', 8, '03153016'),
    ],
    components: [{ id: 1, code: 'epayment', label: 'E-Payment' }],
    demoData: false,
  };
}

describe('map SVG', () => {
  const svg = mapSvg(goslarReport(), shippedGeometry());

  it('makes each area a link with a text label, coloured by class, no data hatched', () => {
    expect(svg).toMatch(/^<svg xmlns="http:\/\/www.w3.org\/2000\/svg"/);
    expect(svg).toContain(
      '<a href="/kommunen/03153017" aria-label="Goslar, Stadt: 4 von 9 im Einsatz"><title>Goslar, Stadt: 4 von 9 im Einsatz</title><path d="M',
    );
    expect(svg.match(/<a href="\/kommunen\//g)).toHaveLength(3);
    // Class 3 ("3 bis unter 5") is the middle blue, 5 ("7 und mehr") the darkest, no data the pattern.
    expect(svg).toMatch(/<g fill="#6baed6"><a href="\/kommunen\/03153017"/);
    expect(svg).toMatch(/<g fill="#08519c"><a href="\/kommunen\/03153016"/);
    expect(svg).toMatch(/<g fill="url\(#karte-keine-angaben\)"><a href="\/kommunen\/03153019"/);
    expect(svg).toContain('<pattern id="karte-keine-angaben"');
  });

  it('carries its legend with the class limits and the attribution', () => {
    for (const label of ['unter 1', '1 bis unter 3', '7 und mehr', 'keine Angaben', 'Komponenten im Einsatz (von 9)'])
      expect(svg).toContain(`>${label}</text>`);
    expect(svg).toContain('<a href="https://www.bkg.bund.de"><text');
    expect(svg).toContain('© GeoBasis-DE / BKG 2021 (Daten verändert), dl-de/by-2-0</text>');
    // The rest of the Kreis (Seesen, the gemeindefreie Harz …) is drawn neutral, not left as a hole.
    expect(svg).toContain('<path fill="#d9d9d9"');
  });

  it('puts the same numbers in a table beside the map, with the download and the attribution', () => {
    const section = mapSection(goslarReport(), shippedGeometry(), ['gemeinde']).value;
    expect(section).toContain(
      '<th scope="row"><a href="/kommunen/03153017">Goslar, Stadt</a></th><td>4 von 9 im Einsatz</td><td>3 bis unter 5</td>',
    );
    expect(section).toContain('<td>keine Angaben</td><td>keine Angaben</td>');
    expect(section).toContain('href="/gebiete/03153/karte.svg?karte=anzahl&amp;ebene=gemeinde" download');
    expect(section).toContain('<a href="https://www.bkg.bund.de">© GeoBasis-DE / BKG 2021 (Daten verändert)</a>');
  });
});
