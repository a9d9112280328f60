/**
 * One-time links carry their secret in the URL (setup, invitations, survey rounds): the access
 * log must not keep it, or anyone reading the logs could use the link.
 */
import { redactUrl } from '../../server/http/request-log';

describe('redactUrl', () => {
  it.each([
    ['/einrichtung?token=Zx9-abc_DEF', '/einrichtung?token=…'],
    ['/einladung?x=1&token=Zx9&y=2', '/einladung?x=1&token=…&y=2'],
    ['/runde/rnd_AbC-123_xyz', '/runde/rnd_…'],
    ['/api/round-links/rnd_AbC123/answers', '/api/round-links/rnd_…/answers'],
  ])('%s → %s', (url, logged) => {
    expect(redactUrl(url)).toBe(logged);
  });

  it('leaves ordinary URLs as they are', () => {
    expect(redactUrl('/api/reports/gaps?area=09&target=RGM-1.1:3')).toBe('/api/reports/gaps?area=09&target=RGM-1.1:3');
  });
});
