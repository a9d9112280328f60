import { OFFERING_STATUS_LABELS, type MaturityTarget } from '../../lib/maturity';
import type { Attainable } from '../../lib/attainable';
import { CONNECTION_STATUS_LABELS, SERVICE_KIND_LABELS } from '../../lib/connections';
import { shortLabel } from '../common/wording';
import type { ConnectHint, UnitLeistung } from './types';

// The German sentences of the per-unit report: why a Leistung misses the target, and what
// connecting to a service would bring.

/** What the offering says, in one sentence, when the target is not met. */
function offeringSentence(offering: UnitLeistung['offering']): string {
  if (offering === null) return 'Kein Online-Angebot erfasst.';
  if (offering.status !== 'online') return `Angebot ${OFFERING_STATUS_LABELS[offering.status]}.`;
  if (offering.level === null) return 'Online, aber ohne Angabe des Reifegrads.';
  return `Das Angebot erreicht Reifegrad ${offering.level}.`;
}

const REQUIREMENT_LABELS = { fee: 'ob Gebühren anfallen', vertrauensniveau: 'welches Vertrauensniveau sie verlangt' };

/**
 * Why a responsible Leistung misses the target: first what its offering says, then every criterion
 * that caps it below the target, each as the data say it — a component recorded as missing, a
 * component without data, a requirement nobody stated — or that the components would allow it.
 */
export function reasonsFor(
  meets: boolean,
  attainable: Attainable,
  target: MaturityTarget,
  labels: Map<string, string>,
  offering: UnitLeistung['offering'],
): string[] {
  if (meets) return [];
  const reasons = [offeringSentence(offering)];
  const caps = attainable.caps.filter((c) => c.cap < target.level);
  for (const cap of caps) {
    const names = cap.components.map((c) => shortLabel(labels.get(c) ?? c)).join(' oder ');
    const depends = cap.unknownRequirement ? `unbekannt, ${REQUIREMENT_LABELS[cap.unknownRequirement]}` : '';
    if (cap.status === 'missing') {
      reasons.push(`${cap.label}: ohne ${names} höchstens Reifegrad ${cap.cap}.`);
    } else if (cap.status === 'no-data') {
      reasons.push(
        `${cap.label}: keine Angaben zu ${names}; ohne sie höchstens Reifegrad ${cap.cap}` +
          (depends ? ` (außerdem ${depends})` : '') +
          '.',
      );
    } else {
      reasons.push(
        `${cap.label}: hängt davon ab, ${REQUIREMENT_LABELS[cap.unknownRequirement ?? 'fee']} (unbekannt); ${names} ist nicht im Einsatz.`,
      );
    }
  }
  if (caps.length === 0) reasons.push(`Die vorhandenen Basiskomponenten erlauben Reifegrad ${target.level}.`);
  return reasons;
}

/** "Anschließen statt selbst betreiben: BundID (Bundesdienst) bringt Servicekonto." */
export function connectSentence(hint: ConnectHint, labels: Map<string, string>): string {
  const status = hint.status
    ? ` Erfasster Anschluss: ${CONNECTION_STATUS_LABELS[hint.status]}, noch nicht in Betrieb.`
    : '';
  if (hint.ozgId !== null) {
    return (
      `Nachnutzen statt selbst bauen: ${SERVICE_KIND_LABELS[hint.kind]} „${hint.name}“` +
      (hint.level !== null ? ` (Reifegrad ${hint.level})` : '') +
      ` deckt OZG-Leistung ${hint.ozgId} ab.${status}`
    );
  }
  const names = hint.components.map((c) => shortLabel(labels.get(c) ?? c)).join(' und ');
  return `Anschließen statt selbst betreiben: ${hint.name} (${SERVICE_KIND_LABELS[hint.kind]}) bringt ${names}.${status}`;
}
