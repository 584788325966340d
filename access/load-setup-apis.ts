// Lazy entry to the SDK adapter: the AWS SDK costs ~260 ms to load, so only `iamra setup` pays.
import type { SetupApis } from './setup-apis.js';
import type { SdkSetupOptions } from './sdk-setup-apis.js';

export async function loadSetupApis(options: SdkSetupOptions): Promise<SetupApis> {
  // Current SDK releases warn on every run under Node 20 (still supported here): keep stderr for
  // our own one-line diagnostics unless the user asked for the warning.
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
  const { createSdkSetupApis } = await import('./sdk-setup-apis.js');
  return createSdkSetupApis(options);
}
