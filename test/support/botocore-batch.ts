// Runs a batch of calls through botocore (the AWS CLI v1.45's client library, model 1.43.11 with
// all 30 Roles Anywhere operations) in one Python process: a real client, without a process per
// call. Client-side parameter validation is off so requests that break the model reach the server.
import { execFile } from 'node:child_process';

export interface BotocoreCall {
  service: string;
  operation: string;
  params: Record<string, unknown>;
  /** Params whose string value is base64 of a blob (e.g. crlData). */
  blobParams?: string[];
}

export interface BotocoreOutcome {
  ok: boolean;
  status: number;
  code: string | undefined;
  message: string | undefined;
  /** The parsed response without ResponseMetadata (dates as strings), on success. */
  data?: Record<string, unknown>;
}

const SCRIPT = `
import base64, json, sys
import botocore.session
from botocore.config import Config
from botocore.exceptions import ClientError
request = json.load(sys.stdin)
session = botocore.session.get_session()
clients = {}
out = []
for call in request['calls']:
    service = call['service']
    if service not in clients:
        clients[service] = session.create_client(service, region_name='us-east-1', endpoint_url=request['endpoint'],
            aws_access_key_id='AKIDEXAMPLE', aws_secret_access_key='not-a-secret',
            config=Config(parameter_validation=False, retries={'max_attempts': 1}))
    params = dict(call['params'])
    for name in call.get('blobParams', []):
        params[name] = base64.b64decode(params[name])
    try:
        response = getattr(clients[service], call['operation'])(**params)
        status = response.pop('ResponseMetadata')['HTTPStatusCode']
        out.append({'ok': True, 'status': status, 'code': None, 'message': None, 'data': response})
    except ClientError as error:
        out.append({'ok': False, 'status': error.response['ResponseMetadata']['HTTPStatusCode'],
            'code': error.response['Error'].get('Code'), 'message': error.response['Error'].get('Message')})
print(json.dumps(out, default=str))
`;

export function runBotocoreBatch(endpoint: string, calls: readonly BotocoreCall[]): Promise<BotocoreOutcome[]> {
  return new Promise((resolve, reject) => {
    const child = execFile('python3', ['-c', SCRIPT], { timeout: 120_000, maxBuffer: 16 * 1024 * 1024 }, (error, stdout, stderr) => {
      if (error) return reject(new Error(`botocore batch failed: ${error.message}\n${stderr}`));
      resolve(JSON.parse(stdout) as BotocoreOutcome[]);
    });
    child.stdin!.end(JSON.stringify({ endpoint, calls }));
  });
}
