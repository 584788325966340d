// A CreateSession as a CloudTrail record (the JSON record shape of a management event): who
// called from where, the parameters, the answer or the error, and in additionalEventData the
// certificate serial, the principal tags, the decision and its reason. Never a secret: the
// response keeps the access key id and expiration only.
import type { EmulatorServiceError } from '../../errors.js';
import { formatExpiration, type ServiceContext } from '../service-context.js';
import type { CreateSessionResponse } from './issue-credentials.js';
import type { SessionParameters } from './session-parameters.js';
import { headerValue, type SessionRequest } from './session-request.js';

/** What a CreateSession learned before it ended (later steps leave fields unset when it fails early). */
export interface SessionTrace {
  serialHex?: string;
  params?: SessionParameters;
  tags?: ReadonlyMap<string, string>;
}

export interface SessionEventInput {
  request: SessionRequest;
  trace: SessionTrace;
  requestId: string;
  eventId: string;
  outcome: { response: CreateSessionResponse } | { error: EmulatorServiceError };
}

export type CloudTrailRecord = Record<string, unknown>;

function requestParameters(params: SessionParameters | undefined): Record<string, unknown> | null {
  if (!params) return null;
  return {
    trustAnchorArn: params.trustAnchorArn,
    profileArn: params.profileArn,
    roleArn: params.roleArn,
    ...(params.durationSeconds === undefined ? {} : { durationSeconds: params.durationSeconds }),
    ...(params.roleSessionName === undefined ? {} : { roleSessionName: params.roleSessionName }),
  };
}

function responseElements(response: CreateSessionResponse): Record<string, unknown> {
  return {
    credentialSet: response.credentialSet.map((entry) => ({
      assumedRoleUser: { ...entry.assumedRoleUser },
      credentials: { accessKeyId: entry.credentials.accessKeyId, expiration: entry.credentials.expiration },
      packedPolicySize: entry.packedPolicySize,
      roleArn: entry.roleArn,
      sourceIdentity: entry.sourceIdentity,
    })),
    subjectArn: response.subjectArn,
  };
}

export function sessionEvent(ctx: ServiceContext, input: SessionEventInput): CloudTrailRecord {
  const { request, trace, outcome } = input;
  const failed = 'error' in outcome ? outcome.error : undefined;
  return {
    eventVersion: '1.09',
    userIdentity: { type: 'Unknown' },
    eventTime: formatExpiration(ctx.now()),
    eventSource: 'rolesanywhere.amazonaws.com',
    eventName: 'CreateSession',
    awsRegion: ctx.region,
    sourceIPAddress: (request.remoteAddress ?? 'unknown').replace(/^::ffff:/, ''),
    userAgent: headerValue(request, 'user-agent') ?? '',
    ...(failed ? { errorCode: failed.type, errorMessage: failed.message } : {}),
    requestParameters: requestParameters(trace.params),
    responseElements: 'response' in outcome ? responseElements(outcome.response) : null,
    additionalEventData: {
      ...(trace.serialHex === undefined ? {} : { x509CertificateSerialNumber: trace.serialHex }),
      ...(trace.tags === undefined ? {} : { principalTags: Object.fromEntries(trace.tags) }),
      decision: failed ? 'deny' : 'allow',
      reason: failed ? (failed.detail ?? failed.message) : 'allowed',
    },
    requestID: input.requestId,
    eventID: input.eventId,
    readOnly: false,
    eventType: 'AwsApiCall',
    managementEvent: true,
    recipientAccountId: ctx.account,
    eventCategory: 'Management',
  };
}
