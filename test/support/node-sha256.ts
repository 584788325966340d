// The SHA-256 constructor tests give @smithy/signature-v4: the one `iamra doctor` signs with.
export { NodeSha256 } from '../../access/node-sha256.js';
