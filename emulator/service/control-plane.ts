// The control plane as an in-process API: every operation of the service model with the same
// validation, errors and response shapes as the HTTP routes (which call this class).
import type { ServiceContext } from './service-context.js';
import * as crls from './crls.js';
import * as profiles from './profiles.js';
import type {
  CreateProfileRequest,
  CreateTrustAnchorRequest,
  DeleteAttributeMappingRequest,
  ImportCrlRequest,
  ListRequest,
  PutAttributeMappingRequest,
  PutNotificationSettingsRequest,
  ResetNotificationSettingsRequest,
  TagResourceRequest,
  UntagResourceRequest,
  UpdateCrlRequest,
  UpdateProfileRequest,
  UpdateTrustAnchorRequest,
} from './shapes.js';
import * as subjects from './subjects.js';
import * as tagging from './tagging.js';
import * as anchors from './trust-anchors.js';

type TrustAnchorId = { trustAnchorId: string };
type ProfileId = { profileId: string };
type CrlId = { crlId: string };

/** Methods are async so callers are not tied to the in-memory implementation. */
export class ControlPlane {
  constructor(private readonly ctx: ServiceContext) {}

  async createTrustAnchor(request: CreateTrustAnchorRequest) { return anchors.createTrustAnchor(this.ctx, request); }
  async getTrustAnchor(request: TrustAnchorId) { return anchors.getTrustAnchor(this.ctx, request); }
  async listTrustAnchors(request: ListRequest = {}) { return anchors.listTrustAnchors(this.ctx, request); }
  async updateTrustAnchor(request: UpdateTrustAnchorRequest) { return anchors.updateTrustAnchor(this.ctx, request); }
  async deleteTrustAnchor(request: TrustAnchorId) { return anchors.deleteTrustAnchor(this.ctx, request); }
  async enableTrustAnchor(request: TrustAnchorId) { return anchors.setTrustAnchorEnabled(this.ctx, request, true); }
  async disableTrustAnchor(request: TrustAnchorId) { return anchors.setTrustAnchorEnabled(this.ctx, request, false); }
  async putNotificationSettings(request: PutNotificationSettingsRequest) { return anchors.putNotificationSettings(this.ctx, request); }
  async resetNotificationSettings(request: ResetNotificationSettingsRequest) {
    return anchors.resetTrustAnchorNotificationSettings(this.ctx, request);
  }

  async createProfile(request: CreateProfileRequest) { return profiles.createProfile(this.ctx, request); }
  async getProfile(request: ProfileId) { return profiles.getProfile(this.ctx, request); }
  async listProfiles(request: ListRequest = {}) { return profiles.listProfiles(this.ctx, request); }
  async updateProfile(request: UpdateProfileRequest) { return profiles.updateProfile(this.ctx, request); }
  async deleteProfile(request: ProfileId) { return profiles.deleteProfile(this.ctx, request); }
  async enableProfile(request: ProfileId) { return profiles.setProfileEnabled(this.ctx, request, true); }
  async disableProfile(request: ProfileId) { return profiles.setProfileEnabled(this.ctx, request, false); }
  async putAttributeMapping(request: PutAttributeMappingRequest) { return profiles.putAttributeMapping(this.ctx, request); }
  async deleteAttributeMapping(request: DeleteAttributeMappingRequest) { return profiles.deleteAttributeMapping(this.ctx, request); }

  async importCrl(request: ImportCrlRequest) { return crls.importCrl(this.ctx, request); }
  async getCrl(request: CrlId) { return crls.getCrl(this.ctx, request); }
  async listCrls(request: ListRequest = {}) { return crls.listCrls(this.ctx, request); }
  async updateCrl(request: UpdateCrlRequest) { return crls.updateCrl(this.ctx, request); }
  async enableCrl(request: CrlId) { return crls.setCrlEnabled(this.ctx, request, true); }
  async disableCrl(request: CrlId) { return crls.setCrlEnabled(this.ctx, request, false); }
  async deleteCrl(request: CrlId) { return crls.deleteCrl(this.ctx, request); }

  async listSubjects(request: ListRequest = {}) { return subjects.listSubjects(this.ctx, request); }
  async getSubject(request: { subjectId: string }) { return subjects.getSubject(this.ctx, request); }

  async tagResource(request: TagResourceRequest) { return tagging.tagResource(this.ctx, request); }
  async untagResource(request: UntagResourceRequest) { return tagging.untagResource(this.ctx, request); }
  async listTagsForResource(request: { resourceArn: string }) { return tagging.listTagsForResource(this.ctx, request); }
}
