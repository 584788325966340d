// An IAM role the emulator can assume: its ARN, maximum session duration and trust policy.

export interface RoleDefinition {
  arn: string;
  /** Seconds. @default 3600 */
  maxSessionDuration?: number;
  /** The IAM trust policy document (object or JSON text). */
  trustPolicy: unknown;
}
