import { spawn } from 'node:child_process';
import path from 'node:path';

// npm run package -- [--win|--mac|--linux] [electron-builder options…]
// electron-builder with this project's signing rules, which a YAML config cannot express:
// whether a build is signed is decided by the signing variables in the environment, and an
// unsigned Windows or macOS build says so in its file names and in its About box.

const root = path.resolve(import.meta.dirname, '..');

export interface PackagePlan {
  args: string[];
  env: NodeJS.ProcessEnv;
  /** 'none': Linux packages have no OS code signature (their integrity is the signed manifest). */
  signing: 'signed' | 'unsigned' | 'none';
}

const platformFlags: Record<string, NodeJS.Platform> = {
  '--win': 'win32',
  '--windows': 'win32',
  '-w': 'win32',
  '--mac': 'darwin',
  '--macos': 'darwin',
  '-m': 'darwin',
  '--linux': 'linux',
  '-l': 'linux',
};

const azureVariables = ['OUTPOST_AZURE_ENDPOINT', 'OUTPOST_AZURE_ACCOUNT', 'OUTPOST_AZURE_PROFILE', 'OUTPOST_AZURE_PUBLISHER'];
const notaryCredentials = [
  ['APPLE_API_KEY', 'APPLE_API_KEY_ID', 'APPLE_API_ISSUER'],
  ['APPLE_ID', 'APPLE_APP_SPECIFIC_PASSWORD', 'APPLE_TEAM_ID'],
  ['APPLE_KEYCHAIN_PROFILE'],
];

function windowsSigning(env: NodeJS.ProcessEnv): string[] | null {
  if (env.CSC_LINK || env.WIN_CSC_LINK) return [];
  const azureSet = azureVariables.filter((name) => env[name]);
  if (azureSet.length === 0) return null;
  // Half a configuration is a mistake to report, not a reason to ship unsigned.
  const missing = [...azureVariables, 'AZURE_TENANT_ID', 'AZURE_CLIENT_ID'].filter((name) => !env[name]);
  if (!env.AZURE_CLIENT_SECRET && !env.AZURE_CLIENT_CERTIFICATE_PATH) missing.push('AZURE_CLIENT_SECRET or AZURE_CLIENT_CERTIFICATE_PATH');
  if (missing.length > 0) throw new Error(`Azure Trusted Signing is half configured; missing: ${missing.join(', ')}.`);
  return [
    `-c.win.azureSignOptions.endpoint=${env.OUTPOST_AZURE_ENDPOINT}`,
    `-c.win.azureSignOptions.codeSigningAccountName=${env.OUTPOST_AZURE_ACCOUNT}`,
    `-c.win.azureSignOptions.certificateProfileName=${env.OUTPOST_AZURE_PROFILE}`,
    `-c.win.azureSignOptions.publisherName=${env.OUTPOST_AZURE_PUBLISHER}`,
  ];
}

function macSigning(env: NodeJS.ProcessEnv): string[] | null {
  if (!env.CSC_LINK && !env.CSC_NAME) return null;
  // macOS refuses to open a signed app that is not notarised: signing without notarising ships a broken build.
  if (!notaryCredentials.some((set) => set.every((name) => env[name]))) {
    throw new Error(
      `Signing for macOS needs notarisation credentials too: ${notaryCredentials.map((set) => set.join(' + ')).join(', or ')}.`,
    );
  }
  return [];
}

/** What to run for one platform's build; throws on a signing setup that would mislabel or break it. */
export function packagePlan(hostPlatform: NodeJS.Platform, env: NodeJS.ProcessEnv, extra: string[]): PackagePlan {
  const targets = [...new Set(extra.filter((arg) => arg in platformFlags).map((arg) => platformFlags[arg]!))];
  if (targets.length > 1) throw new Error('Package one platform at a time: its signing is decided per platform.');
  const platform = targets[0] ?? hostPlatform;
  const args = [...extra, '--publish', 'never'];
  const childEnv = { ...env };
  if (env.OUTPOST_UPDATE_URL) args.push(`-c.publish.url=${env.OUTPOST_UPDATE_URL}`);
  if (platform === 'linux') return { args, env: childEnv, signing: 'none' };

  const signing = platform === 'darwin' ? macSigning(env) : windowsSigning(env);
  if (signing) return { args: [...args, ...signing, '-c.forceCodeSigning=true'], env: childEnv, signing: 'signed' };
  if (env.OUTPOST_REQUIRE_SIGNING)
    throw new Error('OUTPOST_REQUIRE_SIGNING is set but no signing credentials are: refusing an unsigned build.');
  args.push('-c.artifactName=${productName}-${version}-${os}-${arch}-unsigned.${ext}', '-c.extraMetadata.outpostUnsigned=true');
  if (platform === 'darwin') {
    // Never signed by whatever identity this Mac's keychain happens to hold: the label must be true.
    args.push('-c.mac.identity=null', '-c.mac.notarize=false');
    childEnv.CSC_IDENTITY_AUTO_DISCOVERY = 'false';
  }
  return { args, env: childEnv, signing: 'unsigned' };
}

if (process.argv[1] && path.resolve(process.argv[1]) === path.resolve(import.meta.filename)) {
  let plan: PackagePlan;
  try {
    plan = packagePlan(process.platform, process.env, process.argv.slice(2));
  } catch (error) {
    console.error((error as Error).message);
    process.exit(1);
  }
  if (!process.env.OUTPOST_UPDATE_URL)
    console.warn('OUTPOST_UPDATE_URL is not set: the build checks the placeholder update URL in electron-builder.yml.');
  console.log(`Packaging (${plan.signing === 'none' ? 'no OS code signing on Linux' : plan.signing})`);
  const child = spawn(process.execPath, [path.join(root, 'node_modules/electron-builder/cli.js'), ...plan.args], {
    cwd: root,
    env: plan.env,
    stdio: 'inherit',
  });
  child.on('exit', (code) => process.exit(code ?? 1));
}
