package io.lega.testsupport;

import java.net.URI;
import java.util.Map;

/**
 * How to reach an S3 API. Path-style addressing; AWS signature V4 (V2 also accepted by the embedded
 * one).
 *
 * @param endpoint e.g. {@code http://127.0.0.1:40123}
 * @param accessKey access key id
 * @param secretKey secret access key
 * @param region region to sign for (the embedded server accepts any)
 */
public record S3Connection(URI endpoint, String accessKey, String secretKey, String region) {

  Map<String, String> toMap() {
    return Map.of(
        "endpoint",
        endpoint.toString(),
        "accessKey",
        accessKey,
        "secretKey",
        secretKey,
        "region",
        region);
  }

  static S3Connection fromMap(Map<String, String> m) {
    return new S3Connection(
        URI.create(m.get("endpoint")), m.get("accessKey"), m.get("secretKey"), m.get("region"));
  }
}
