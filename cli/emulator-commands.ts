// The emulator command (issue #3).
import type { Command } from 'commander';

export function registerEmulatorCommands(_program: Command): void {}
