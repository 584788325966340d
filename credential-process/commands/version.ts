// `iamra version` (official-helper.md §1.1): prints the version and the runtime it runs on
// (the executables embed Bun; the npm package runs on Node).
import { VERSION } from '../../version.js';
import type { HelperContext } from '../context.js';

/** `Bun 1.4.4` / `Node 20.20.2`, from process.versions. */
export function runtimeName(versions: NodeJS.ProcessVersions): string {
  const bun = (versions as NodeJS.ProcessVersions & { bun?: string }).bun;
  const deno = (versions as NodeJS.ProcessVersions & { deno?: string }).deno;
  if (bun) return `Bun ${bun}`;
  if (deno) return `Deno ${deno}`;
  return `Node ${versions.node}`;
}

export async function runVersion(_argv: readonly string[], ctx: HelperContext): Promise<void> {
  ctx.stdout(`${VERSION} (${runtimeName(process.versions)}, ${process.platform}-${process.arch})\n`);
}
