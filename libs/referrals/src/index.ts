export * from './referrals.module.js';
export { CommissionApprovalJob } from './commission/commission-approval.job.js';
export { CommissionReason, CommissionStatus } from './commission/commission-state-machine.js';
export { signatureHeader, SIGNATURE_HEADER } from './crypto/webhook-signature.js';
export { emailHashOf } from './crypto/keyed-hash.js';
export { CLICK_ID_PARAM } from './click/click.service.js';
export { ReferralAuditRepository } from './audit/referral-audit.repository.js';
export { CommissionStatusChanged } from './events/commission-status-changed.event.js';
