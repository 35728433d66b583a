package io.lega.download.auth;

/**
 * Who a Passport speaks for: its issuer and the subject there.
 *
 * @param issuer the Passport's {@code iss}
 * @param subject the Passport's {@code sub}
 */
public record Identity(String issuer, String subject) {}
