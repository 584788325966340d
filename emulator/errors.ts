// Service errors of the emulator (roles-anywhere.md §1.8, §5): an AWS error type, an HTTP status
// and the client-visible message; `detail` is the why, for the verbose log only.
import { IamraError } from '../errors.js';

export type EmulatorErrorType =
  | 'ValidationException'
  | 'AccessDeniedException'
  | 'ResourceNotFoundException'
  | 'TooManyTagsException'
  | 'SerializationException'
  | 'MissingAuthenticationTokenException'
  | 'UnrecognizedClientException'
  | 'InvalidSignatureException'
  | 'UnknownOperationException'
  | 'ThrottlingException'
  | 'InternalFailure'
  // IAM and STS (Query protocol) codes
  | 'MissingAuthenticationToken'
  | 'InvalidClientTokenId'
  | 'SignatureDoesNotMatch'
  | 'ExpiredToken'
  | 'InvalidAction'
  | 'ValidationError'
  | 'EntityAlreadyExists'
  | 'NoSuchEntity'
  | 'MalformedPolicyDocument';

export class EmulatorServiceError extends IamraError {
  readonly type: EmulatorErrorType;
  readonly status: number;
  /** Why, for the decision log; never sent to the client (the service does not say). */
  readonly detail: string | undefined;
  constructor(type: EmulatorErrorType, status: number, message: string, detail?: string) {
    super(`EMULATOR_${type}`, message, 1);
    this.type = type;
    this.status = status;
    this.detail = detail;
  }
}

export function accessDenied(message: string, detail?: string): EmulatorServiceError {
  return new EmulatorServiceError('AccessDeniedException', 403, message, detail);
}

export function validationError(message: string, detail?: string): EmulatorServiceError {
  return new EmulatorServiceError('ValidationException', 400, message, detail);
}

export function notFound(message: string): EmulatorServiceError {
  return new EmulatorServiceError('ResourceNotFoundException', 404, message);
}

/** The CreateSession messages the service is observed to return (roles-anywhere.md §1.8). */
export const SESSION_MESSAGES = {
  invalidSignature: 'Invalid signature',
  untrustedCertificate: 'Untrusted signing certificate',
  revoked: 'Certificate revoked',
  trustAnchorNotFound: "Specified Trust Anchor wasn't found.",
  invalidProfile: 'Invalid or empty profile provided.',
  roleNotInProfile: "Requested Role isn't one of those listed in the Profile.",
  roleSessionNameNotAllowed: 'Not authorized to set roleSessionName',
  unableToAssumeRole: (roleArn: string) => `Unable to assume role for ${roleArn}`,
} as const;
