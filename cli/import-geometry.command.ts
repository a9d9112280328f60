import type { Command } from 'commander';
import { resolve } from 'node:path';
import { Region } from '../entities';
import {
  generateGeometry,
  SHIPPED_GEOMETRY,
  shippedDirectory,
  writeGeometryFile,
  type Directory,
} from '../importers/geometry/geometry.generator';
import { withDatabase } from './context';

/** The current Gemeinden and the successors an admin mapped, from the database. */
async function databaseDirectory(): Promise<Directory> {
  return withDatabase(async ({ db }) => {
    const regions = await db.reader.manager.find(Region, { where: { level: 'gemeinde' } });
    const current = regions.filter((r) => r.isCurrent);
    return {
      date: current.reduce((latest, r) => (r.gebietsstand > latest ? r.gebietsstand : latest), ''),
      gemeinden: current.map((r) => ({ key: r.key, name: r.name, areaHa: r.areaHa })),
      history: new Map(
        regions.filter((r) => !r.isCurrent && r.successorKey).map((r) => [r.key, r.successorKey as string]),
      ),
    };
  });
}

/** `import geometry DIR [--out FILE] [--database]`: BKG VG5000/VG250 shapefiles into the shipped map geometry. */
export function registerImportGeometryCommand(importCommand: Command): void {
  importCommand
    .command('geometry <dir>')
    .description('Gemeindegrenzen (BKG VG5000/VG250, Shapefiles) für die Karten aufbereiten')
    .option('--out <file>', 'Zieldatei', SHIPPED_GEOMETRY)
    .option(
      '--database',
      'mit den Gemeinden und Nachfolgern der Datenbank verknüpfen statt mit dem mitgelieferten Verzeichnis',
    )
    .action(async (dir: string, options: { out: string; database?: boolean }) => {
      const directory = options.database ? await databaseDirectory() : shippedDirectory();
      const file = await generateGeometry(resolve(process.cwd(), dir), directory);
      const out = resolve(process.cwd(), options.out);
      writeGeometryFile(out, file);
      const shapes = file.objects.gemeinden.geometries;
      const joined = shapes.filter((s) => s.properties && 'from' in s.properties).length;
      process.stdout.write(
        `${shapes.length} Gemeinden mit Fläche (${joined} aus Vorgängern zusammengesetzt), ${file.notes.length} Hinweise → ${out}\n`,
      );
      for (const note of file.notes) process.stdout.write(`  ${note.key} ${note.name}: ${note.reason}\n`);
    });
}
