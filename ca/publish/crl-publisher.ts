// The port to the Roles Anywhere CRL API (roles-anywhere.md §3.1): only the calls a publisher
// makes. Failures are IamraErrors: ServiceError (exit 4) when a retry may help.
export interface ServiceCrl {
  crlId: string;
  crlArn: string;
  name: string;
  enabled: boolean;
  trustAnchorArn: string;
  /** The bytes the service holds, exactly as sent. */
  crlData: Buffer;
  updatedAt?: Date;
}

export interface CrlPublisher {
  /** ImportCrl with enabled true. */
  importCrl(input: { name: string; trustAnchorArn: string; crlData: Buffer }): Promise<ServiceCrl>;
  updateCrl(input: { crlId: string; crlData: Buffer }): Promise<ServiceCrl>;
  enableCrl(crlId: string): Promise<ServiceCrl>;
  /** Undefined when the service answers ResourceNotFound (the CRL was deleted). */
  getCrl(crlId: string): Promise<ServiceCrl | undefined>;
  /** Every CRL of the account and region, all pages. */
  listCrls(): Promise<ServiceCrl[]>;
}
