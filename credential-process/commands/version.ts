// `iamra version` (official-helper.md §1.1): prints the version.
import { VERSION } from '../../version.js';
import type { HelperContext } from '../context.js';

export async function runVersion(_argv: readonly string[], ctx: HelperContext): Promise<void> {
  ctx.stdout(`${VERSION}\n`);
}
