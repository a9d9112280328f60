import { projectRoot } from './paths';

/**
 * Running the TypeScript sources in a fresh thread or process, without a build.
 *
 * Under jest (ts-jest) the service runs from its `.ts` sources and `dist/` may be stale or
 * missing, yet three places start new JavaScript realms that cannot use ts-jest: the compute
 * workers (`server/compute/runner.ts`), the CLI in a child process (`test/helpers/child-cli.ts`)
 * and the server in a child process (`test/e2e/support/real-server.ts`). Each boots with this
 * one require hook, which transpiles every `.ts` file as it is required with the project's own
 * compiler options (tsconfig.json). Never used when the service runs compiled from `dist/`.
 *
 * The boot is JavaScript source text, not a function: it runs before anything can load
 * TypeScript, as `node -e` code or as an `eval` worker.
 */

/** The hook: reads tsconfig.json's compiler options once (no file listing), then transpiles on require. */
const HOOK = `
const ts = require('typescript');
const fs = require('node:fs');
const root = ${JSON.stringify(projectRoot)};
const config = ts.readConfigFile(root + '/tsconfig.json', ts.sys.readFile).config;
const compilerOptions = {
  ...ts.convertCompilerOptionsFromJson(config.compilerOptions, root).options,
  module: ts.ModuleKind.CommonJS, sourceMap: false, inlineSourceMap: false, incremental: false, declaration: false,
};
require.extensions['.ts'] = (module, filename) => {
  const out = ts.transpileModule(fs.readFileSync(filename, 'utf8'), { compilerOptions, fileName: filename });
  module._compile(out.outputText, filename);
};
`;

/** Boot code that installs the TypeScript require hook and then runs `then` (JavaScript). */
export function tsBootScript(then: string): string {
  return `${HOOK}${then}\n`;
}

/** Boot code that installs the TypeScript require hook and then requires the module `file` (absolute path). */
export function tsBootEntry(file: string): string {
  return tsBootScript(`require(${JSON.stringify(file)});`);
}
