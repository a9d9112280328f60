import { NotAllowedError } from '../../../lib/errors';
import { notMunicipalDetail, scopeRefusalError } from '../../../services/write-refusal';

const jena = { name: 'Jena, Stadt', key: '16053000' };

describe('the API’s words for a refused write', () => {
  it('answers a reader and an editor outside its scope with 403, naming the token’s scopes', () => {
    const reader = scopeRefusalError(jena, { refused: 'read-only' });
    expect(reader).toBeInstanceOf(NotAllowedError);
    expect(reader.message).toBe('Ein Token mit Leserechten darf nichts ändern.');
    const editor = scopeRefusalError(jena, { refused: 'outside-scope', scopes: ['09184', '09162'] });
    expect(editor).toBeInstanceOf(NotAllowedError);
    expect(editor.message).toBe('Das Token darf Jena, Stadt (16053000) nicht ändern; sein Bereich: 09184, 09162.');
  });

  it('says why a region holds no inventory', () => {
    expect(notMunicipalDetail({ name: 'Thüringen', key: '16' })).toBe(
      'Thüringen (16) ist keine Kommune: Bestandsdaten gibt es für Gemeinden, Gemeindeverbände und Kreise.',
    );
  });
});
