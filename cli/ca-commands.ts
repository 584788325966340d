// CA commands (issue #2): registered on the root program.
import type { Command } from 'commander';

export function registerCaCommands(_program: Command): void {}
