package io.lega.download.auth;

/**
 * A visa of the Passport that granted nothing.
 *
 * @param index its position in the {@code ga4gh_passport_v1} array, from 0
 * @param problem why it was ignored
 */
public record IgnoredVisa(int index, TokenProblem problem) {}
