import type { Command } from 'commander';
import { InputError } from '../lib/errors';
import { cliPrincipal } from '../lib/principal';
import {
  mapSuccessor,
  unresolvedConflicts,
  unresolvedDetail,
  type ConflictResolutions,
  type SuccessorConflict,
  type SuccessorResult,
} from '../services/region-successor.service';
import {
  suggestSuccessors,
  SUGGESTION_LIMIT,
  type SuccessorSuggestions,
} from '../services/region-successor-suggestions';
import { withDatabase } from './context';

const SIDES: Record<string, 'predecessor' | 'successor'> = {
  predecessor: 'predecessor',
  vorgaenger: 'predecessor',
  successor: 'successor',
  nachfolger: 'successor',
};

/** `--keep KEY=SIDE` values, collected into the resolutions of the API. */
function collectKeep(value: string, previous: ConflictResolutions): ConflictResolutions {
  const match = /^([^=\s]+)=(\w+)$/.exec(value.trim());
  const side = match ? SIDES[match[2].toLowerCase()] : undefined;
  if (!match || !side) {
    throw new InputError(
      `--keep „${value}“: erwartet SCHLÜSSEL=vorgaenger oder SCHLÜSSEL=nachfolger (Komponenten-Code oder Leistungsschlüssel).`,
    );
  }
  return { ...previous, [match[1]]: side };
}

/** One side of a conflict in a line: status, product and operator, or status, URL and Reifegrad. */
function sideText(conflict: SuccessorConflict, which: 'predecessor' | 'successor'): string {
  if (conflict.kind === 'component') {
    const s = conflict[which];
    return [s.status, s.product ?? '–', s.operator?.name ?? 'ohne Betreiber'].join(', ');
  }
  const s = conflict[which];
  const maturity = s.maturity ? `${s.maturity.model} Stufe ${s.maturity.level ?? '–'}` : 'ohne Reifegrad';
  return [s.status, s.url ?? 'ohne URL', maturity].join(', ');
}

function conflictLines(result: SuccessorResult): string[] {
  return result.conflicts.map((c) => {
    const what = c.kind === 'component' ? `Komponente ${c.key}` : `Leistung ${c.key} (${c.source})`;
    const from = c.successorFrom ? ` (kam von ${c.successorFrom})` : '';
    const choice =
      c.resolution === null ? 'offen' : c.resolution === 'predecessor' ? 'Vorgänger bleibt' : 'Nachfolger bleibt';
    return `  Konflikt ${what}: Vorgänger ${sideText(c, 'predecessor')} | Nachfolger${from} ${sideText(c, 'successor')} → ${choice}`;
  });
}

function printResult(r: SuccessorResult): void {
  const verb = r.mode === 'move' ? 'verschoben' : 'kopiert';
  const head = r.dryRun
    ? `Probelauf: ${r.from.name} (${r.from.key}) → Nachfolger ${r.to.name} (${r.to.key}), nichts geschrieben.`
    : `${r.from.name} (${r.from.key}) → Nachfolger ${r.to.name} (${r.to.key}).`;
  const components = r.transferred.components;
  const offerings = r.transferred.offerings;
  const lines = [
    head,
    components.length > 0 ? `  Komponenten ${verb}: ${components.join(', ')}` : `  keine Komponenten ${verb}`,
    `  Angebote ${verb}: ${offerings.length}${offerings.length > 0 ? ` (${offerings.map((o) => `${o.leistung}/${o.source}`).join(', ')})` : ''}`,
  ];
  const same = [...r.identical.components, ...r.identical.offerings.map((o) => `${o.leistung}/${o.source}`)];
  if (same.length > 0) lines.push(`  beim Nachfolger schon gleich erfasst: ${same.join(', ')}`);
  lines.push(...conflictLines(r));
  process.stdout.write(`${lines.join('\n')}\n`);
}

function printSuggestions(s: SuccessorSuggestions): void {
  const lines = [`Vorschläge für den Nachfolger von ${s.region.name} (${s.region.key}):`];
  if (s.suggestions.length === 0)
    lines.push('  keine: kein aktuelles Gebiet im selben Verband, Kreis oder mit ähnlichem Namen');
  s.suggestions.forEach((g, i) =>
    lines.push(`  ${i + 1}. ${g.key} ${g.name} (${g.population ?? '–'} Einwohner): ${g.reasons.join('; ')}`),
  );
  if (s.region.successorKey) lines.push(`  zugeordnet ist schon: ${s.region.successorKey}`);
  lines.push(`Zuordnen: regions successor ${s.region.key} NEU [--dry-run]`);
  process.stdout.write(`${lines.join('\n')}\n`);
}

/**
 * `regions successor OLD NEW [--copy] [--dry-run] [--keep KEY=SIDE…]` maps a retired region to
 * its successor; `regions suggest OLD` lists candidates from the directory.
 */
export function registerRegionCommands(program: Command): void {
  const regions = program.command('regions').description('Gebiete des Gemeindeverzeichnisses');
  regions
    .command('successor <old> <new>')
    .description(
      'Einem nicht mehr geführten Gebiet (Gemeinde, Gemeindeverband, Kreis) den Nachfolger zuordnen und seine Bestandseinträge und Angebote dorthin verschieben',
    )
    .option('--copy', 'Einträge kopieren statt verschieben')
    .option('--dry-run', 'nur zeigen, was übernommen würde und wo es Konflikte gibt; nichts schreiben')
    .option(
      '--keep <key=side>',
      'bei einem Konflikt (Komponenten-Code oder Leistungsschlüssel) behalten: vorgaenger oder nachfolger; mehrfach angeben',
      collectKeep,
      {},
    )
    .action(
      async (
        oldKey: string,
        newKey: string,
        options: { copy?: boolean; dryRun?: boolean; keep: ConflictResolutions },
      ) => {
        await withDatabase(async ({ db }) => {
          const result = await mapSuccessor(db.reader, {
            oldKey,
            newKey,
            mode: options.copy ? 'copy' : 'move',
            dryRun: options.dryRun ?? false,
            resolutions: options.keep,
            actor: { principal: cliPrincipal(), requestId: null },
          });
          printResult(result);
          if (!result.dryRun && !result.applied) {
            const keys = [...new Set(unresolvedConflicts(result.conflicts).map((c) => c.key))];
            process.stderr.write(
              `Fehler: ${unresolvedDetail(result)}\n  Beispiel: ${keys.map((k) => `--keep ${k}=nachfolger`).join(' ')}\n`,
            );
            process.exitCode = 1;
          }
        });
      },
    );
  regions
    .command('suggest <old>')
    .description('Nachfolger für ein nicht mehr geführtes Gebiet aus dem Gemeindeverzeichnis vorschlagen, mit Gründen')
    .option('--limit <n>', `wie viele (höchstens ${SUGGESTION_LIMIT.max})`, String(SUGGESTION_LIMIT.default))
    .action(async (oldKey: string, options: { limit: string }) => {
      const limit = Number(options.limit);
      if (!Number.isInteger(limit) || limit < 1)
        throw new InputError(`--limit „${options.limit}“ ist keine positive Zahl.`);
      await withDatabase(async ({ db }) => {
        printSuggestions(await suggestSuccessors(db.reader.manager, oldKey, limit));
      });
    });
}
