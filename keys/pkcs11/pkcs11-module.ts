// Chooses and loads the PKCS#11 module: --pkcs11-lib, else the URI's module-path, else p11-kit's
// proxy (which reaches every module p11-kit has registered), as the official helper defaults.
// pkcs11js is a native addon: it is imported here, lazily, and only for a pkcs11: URI.
import { existsSync } from 'node:fs';
import type * as Pkcs11Js from 'pkcs11js';
import type { PKCS11 } from 'pkcs11js';
import { InputError } from '../../errors.js';
import { CKR, ckrOf, tokenError } from './pkcs11-error.js';

export type Pkcs11Binding = typeof Pkcs11Js;

export interface Pkcs11Module {
  binding: Pkcs11Binding;
  lib: PKCS11;
  path: string;
  /** C_Finalize and unload; safe to call twice. */
  close(): void;
}

/** Where distributions put p11-kit-proxy.so (Debian multiarch, Fedora, Alpine, Homebrew). */
export function p11KitProxyCandidates(arch: string = process.arch, platform: string = process.platform): string[] {
  if (platform === 'darwin') return ['/opt/homebrew/lib/p11-kit-proxy.dylib', '/usr/local/lib/p11-kit-proxy.dylib'];
  const triplet = arch === 'arm64' ? 'aarch64-linux-gnu' : arch === 'x64' ? 'x86_64-linux-gnu' : `${arch}-linux-gnu`;
  return [`/usr/lib/${triplet}/p11-kit-proxy.so`, '/usr/lib64/p11-kit-proxy.so', '/usr/lib/p11-kit-proxy.so', '/usr/local/lib/p11-kit-proxy.so'];
}

export interface ModuleChoice {
  /** --pkcs11-lib. */
  flag?: string;
  /** The URI's module-path. */
  uriModulePath?: string;
  exists?: (path: string) => boolean;
}

export function resolveModulePath(choice: ModuleChoice): string {
  const exists = choice.exists ?? existsSync;
  const given = choice.flag || choice.uriModulePath;
  if (given) {
    if (!exists(given)) throw new InputError('PKCS11_MODULE_NOT_FOUND', `cannot load PKCS#11 module: no such file (${given}). Check --pkcs11-lib or the URI's module-path.`);
    return given;
  }
  const proxy = p11KitProxyCandidates().find((path) => exists(path));
  if (!proxy) throw new InputError('PKCS11_MODULE_NOT_FOUND', `cannot load PKCS#11 module: none given and p11-kit's proxy module is not installed (${p11KitProxyCandidates()[0]}). Pass --pkcs11-lib PATH (e.g. /usr/lib/softhsm/libsofthsm2.so) or install p11-kit.`);
  return proxy;
}

async function importBinding(): Promise<Pkcs11Binding> {
  const imported = (await import('pkcs11js')) as Pkcs11Binding & { default?: Pkcs11Binding };
  return imported.default ?? imported;
}

interface SharedModule {
  binding: Pkcs11Binding;
  lib: PKCS11;
  users: number;
}

/**
 * Modules loaded by this process, by path. PKCS#11 state is per process (v2.40 §5.4): one
 * C_Finalize ends every session of that module, so the last user finalises it, not the first.
 */
const loaded = new Map<string, Promise<SharedModule>>();

async function loadShared(path: string): Promise<SharedModule> {
  const binding = await importBinding();
  const lib = new binding.PKCS11();
  try {
    lib.load(path);
  } catch (error) {
    // dlopen failed or C_GetFunctionList is missing: the file exists (checked) but is not a module.
    throw new InputError('PKCS11_MODULE_INVALID', `cannot load PKCS#11 module: it is not a PKCS#11 module for this machine (${path}). Pass the module's .so with --pkcs11-lib.`, { cause: error });
  }
  try {
    lib.C_Initialize();
  } catch (error) {
    if (ckrOf(error) !== CKR.CRYPTOKI_ALREADY_INITIALIZED) {
      lib.close();
      throw tokenError(error, { what: 'cannot initialise PKCS#11 module', input: path });
    }
  }
  return { binding, lib, users: 0 };
}

export async function openPkcs11Module(path: string): Promise<Pkcs11Module> {
  // The promise is shared, so two opens racing on one path load the module once.
  let pending = loaded.get(path);
  if (!pending) {
    pending = loadShared(path);
    loaded.set(path, pending);
  }
  let shared: SharedModule;
  try {
    shared = await pending;
  } catch (error) {
    if (loaded.get(path) === pending) loaded.delete(path);
    throw error;
  }
  shared.users++;
  let isClosed = false;
  const close = (): void => {
    if (isClosed) return;
    isClosed = true;
    if (--shared.users > 0) return;
    loaded.delete(path);
    try {
      shared.lib.C_Finalize();
    } catch {
      // Already finalised (the token went away): unloading is all that is left.
    }
    shared.lib.close();
  };
  return { binding: shared.binding, lib: shared.lib, path, close };
}
