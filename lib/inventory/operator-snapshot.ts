/** An operator's fields as the audit log stores them: natural keys only, no id, origin or timestamps. */
export interface OperatorSnapshot {
  name: string;
  shortName: string | null;
  type: string;
  website: string | null;
  landKeys: string[];
  note: string | null;
}

/**
 * The audit snapshot of an operator, for `operator.created` and `operator.updated` events
 * whoever writes them (the API, the inventory import); missing fields count as empty.
 */
export function operatorSnapshot(operator: {
  name: string;
  shortName?: string | null;
  type: string;
  website?: string | null;
  landKeys?: string[] | null;
  note?: string | null;
}): OperatorSnapshot {
  return {
    name: operator.name,
    shortName: operator.shortName ?? null,
    type: operator.type,
    website: operator.website ?? null,
    landKeys: operator.landKeys ?? [],
    note: operator.note ?? null,
  };
}
