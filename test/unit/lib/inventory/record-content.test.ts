import {
  leavesRecordUnchanged,
  recordContent,
  recordSnapshot,
  sameRecordContent,
  storedRecordContent,
  type RecordContent,
  type StoredRecordFields,
} from '../../../../lib/inventory/record-content';

const content: RecordContent = {
  status: 'in-use',
  operator: { name: 'KIV Thüringen', type: 'municipal-provider' },
  product: 'cit intelliForm',
  validFrom: '2024-01-01',
  validTo: null,
  note: null,
  servesMembers: false,
};

const stored: StoredRecordFields = {
  status: 'in-use',
  operatorId: 7,
  operatorName: 'KIV Thüringen',
  operatorType: 'municipal-provider',
  product: 'cit intelliForm',
  validFrom: '2024-01-01',
  validTo: null,
  note: null,
  servesMembers: false,
  source: 'api',
};

describe('recordContent and storedRecordContent', () => {
  it('keep the content only: operator by name and type, no id, labels or source', () => {
    const view = {
      ...content,
      component: 'form-server',
      componentLabel: 'Formularserver',
      operator: { id: 7, name: 'KIV Thüringen', type: 'municipal-provider' },
      source: 'api',
      updatedAt: '2025-01-01T00:00:00.000Z',
    };
    expect(recordContent(view)).toEqual(content);
    expect(storedRecordContent(stored)).toEqual(content);
  });

  it('reads a stored record without operator as operator null', () => {
    expect(storedRecordContent({ ...stored, operatorId: null, operatorName: null, operatorType: null }).operator).toBe(
      null,
    );
  });
});

describe('recordSnapshot', () => {
  it('puts the component first, in the order the audit log has always stored', () => {
    expect(JSON.stringify(recordSnapshot('form-server', content))).toBe(
      '{"component":"form-server","status":"in-use","operator":{"name":"KIV Thüringen","type":"municipal-provider"},' +
        '"product":"cit intelliForm","validFrom":"2024-01-01","validTo":null,"note":null,"servesMembers":false}',
    );
  });
});

describe('sameRecordContent', () => {
  it('is true for equal content and false when any field differs', () => {
    expect(sameRecordContent(content, { ...content, operator: { ...content.operator! } })).toBe(true);
    expect(sameRecordContent(content, { ...content, note: 'neu' })).toBe(false);
    expect(sameRecordContent(content, { ...content, validTo: '2030-12-31' })).toBe(false);
    expect(sameRecordContent(content, { ...content, servesMembers: true })).toBe(false);
    expect(sameRecordContent(content, { ...content, status: 'planned' })).toBe(false);
  });

  it('compares operators by name and type, and none only with none', () => {
    expect(sameRecordContent(content, { ...content, operator: null })).toBe(false);
    expect(sameRecordContent({ ...content, operator: null }, content)).toBe(false);
    expect(sameRecordContent({ ...content, operator: null }, { ...content, operator: null })).toBe(true);
    expect(
      sameRecordContent(content, { ...content, operator: { name: 'KIV Thüringen', type: 'private-provider' } }),
    ).toBe(false);
    expect(sameRecordContent(content, { ...content, operator: { name: 'KIV', type: 'municipal-provider' } })).toBe(
      false,
    );
  });
});

describe('leavesRecordUnchanged', () => {
  it('is true only for a stored, non-demo record with the same content', () => {
    expect(leavesRecordUnchanged(stored, content)).toBe(true);
    expect(leavesRecordUnchanged({ ...stored, source: 'import' }, content)).toBe(true);
    expect(leavesRecordUnchanged(undefined, content)).toBe(false);
    expect(leavesRecordUnchanged(stored, { ...content, product: null })).toBe(false);
  });

  it('never calls a demo record unchanged: saving it makes it the writer’s own', () => {
    expect(leavesRecordUnchanged({ ...stored, source: 'demo' }, content)).toBe(false);
  });
});
