/**
 * Digests computed beside the bytes they hash: {@link io.lega.platform.digest.PipelinedDigests},
 * the one engine, and {@link io.lega.platform.digest.PipelinedDigestStream}, its pass-through
 * stream.
 */
package io.lega.platform.digest;
