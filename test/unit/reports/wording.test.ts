import {
  componentAccusative,
  componentNone,
  formatCount,
  formatPercent,
  inKreis,
  inLand,
  kreisLabel,
  shortName,
} from '../../../reports/common/wording';

describe('German wording of the reports', () => {
  it.each([
    ['Esslingen', 'Landkreis', 'Landkreis Esslingen', 'im Landkreis Esslingen'],
    ['Lippe', 'Kreis', 'Kreis Lippe', 'im Kreis Lippe'],
    ['Saarpfalz-Kreis', 'Landkreis', 'Saarpfalz-Kreis', 'im Saarpfalz-Kreis'],
    ['Regionalverband Saarbrücken', 'Regionalverband', 'Regionalverband Saarbrücken', 'im Regionalverband Saarbrücken'],
    ['Region Hannover', 'Landkreis', 'Region Hannover', 'in der Region Hannover'],
    ['Städteregion Aachen', 'Kreis', 'Städteregion Aachen', 'in der Städteregion Aachen'],
    ['München, Landeshauptstadt', 'Kreisfreie Stadt', 'Kreisfreie Stadt München', 'in München'],
    ['Testkreis', null, 'Testkreis', 'im Testkreis'],
  ])('names the Kreis %s (%s)', (name, type, label, phrase) => {
    expect(kreisLabel(name, type)).toBe(label);
    expect(inKreis(name, type)).toBe(phrase);
  });

  it('phrases Länder, names, numbers and components', () => {
    expect(inLand('Bayern')).toBe('in Bayern');
    expect(inLand('Saarland')).toBe('im Saarland');
    expect(shortName('Esslingen am Neckar, Stadt')).toBe('Esslingen am Neckar');
    expect(formatCount(312_000)).toBe('312.000');
    expect(formatCount(1_234_567)).toBe('1.234.567');
    expect(formatPercent(0.75)).toBe('75 %');
    expect(formatPercent(1 / 6)).toBe('16,7 %');
    expect(componentAccusative('form-server', 'Formularserver')).toBe('den Formularserver');
    expect(componentNone('eid', 'eID-Funktion')).toBe('keine eID-Funktion');
    expect(componentAccusative('dms', 'Dokumentenmanagement')).toBe('„Dokumentenmanagement“');
    expect(componentNone('dms', 'Dokumentenmanagement')).toBe('„Dokumentenmanagement“ nicht');
  });
});
