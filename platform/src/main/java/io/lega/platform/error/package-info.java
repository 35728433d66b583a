/**
 * The failure types every service shares.
 *
 * <ul>
 *   <li>{@link io.lega.platform.error.UserErrorException}: the submission is at fault; the reason
 *       is shown to the submitter and the message is acknowledged, never retried.
 *   <li>{@link io.lega.platform.error.SystemErrorException}: anything else (database, storage or
 *       broker unavailable, a bug); retried with back-off, then quarantined. Any other exception is
 *       treated the same way.
 *   <li>{@link io.lega.contracts.MalformedMessageException} (in the contracts module, the one such
 *       type): a message that is not valid or can never be used (not JSON, schema violation,
 *       unknown type, unknown file); quarantined at once.
 * </ul>
 */
package io.lega.platform.error;
