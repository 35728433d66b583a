package io.lega.hub.passport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import org.jose4j.jwk.EcJwkGenerator;
import org.jose4j.jwk.EllipticCurveJsonWebKey;
import org.jose4j.jwk.JsonWebKey;
import org.jose4j.jwk.JsonWebKeySet;
import org.jose4j.jwk.PublicJsonWebKey;
import org.jose4j.jwk.Use;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.keys.EllipticCurves;
import org.jose4j.lang.HashUtil;
import org.jose4j.lang.JoseException;

/**
 * The hub's ES256 (P-256) signing key for Passports and visas. Generated once, at the first start,
 * and kept as a private JWK in a file only its owner reads (written to a temporary file and moved
 * into place, so a crash never leaves half a key); every later start reads the same key, so visas
 * already issued stay verifiable. A file that exists but is no P-256 private key stops the start:
 * it is never replaced. The key id is the key's RFC 7638 thumbprint. The private half is never
 * logged or served.
 */
public final class SigningKey {

  private final PublicJsonWebKey key;

  private SigningKey(PublicJsonWebKey key) {
    this.key = key;
  }

  /** The key in {@code file}, made and written there first if the file does not exist. */
  public static SigningKey loadOrCreate(Path file) {
    try {
      if (Files.notExists(file)) {
        create(file);
      }
      return read(file);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read or write the signing key " + file, e);
    }
  }

  /** The key id ({@code kid}). */
  public String keyId() {
    return key.getKeyId();
  }

  /** The private key, for signing. */
  java.security.PrivateKey privateKey() {
    return key.getPrivateKey();
  }

  /** The public key set ({@code {"keys": [...]}}) to serve as the hub's JWKS. */
  public String jwks() {
    try {
      JsonWebKey publicOnly = PublicJsonWebKey.Factory.newPublicJwk(key.getPublicKey());
      publicOnly.setKeyId(key.getKeyId());
      publicOnly.setAlgorithm(AlgorithmIdentifiers.ECDSA_USING_P256_CURVE_AND_SHA256);
      publicOnly.setUse(Use.SIGNATURE);
      return new JsonWebKeySet(publicOnly).toJson(JsonWebKey.OutputControlLevel.PUBLIC_ONLY);
    } catch (JoseException e) {
      throw new IllegalStateException("cannot encode the public key", e);
    }
  }

  private static void create(Path file) throws IOException {
    String json;
    try {
      EllipticCurveJsonWebKey generated = EcJwkGenerator.generateJwk(EllipticCurves.P256);
      generated.setKeyId(generated.calculateBase64urlEncodedThumbprint(HashUtil.SHA_256));
      generated.setAlgorithm(AlgorithmIdentifiers.ECDSA_USING_P256_CURVE_AND_SHA256);
      generated.setUse(Use.SIGNATURE);
      json = generated.toJson(JsonWebKey.OutputControlLevel.INCLUDE_PRIVATE);
    } catch (JoseException e) {
      throw new IllegalStateException("cannot generate a P-256 key", e);
    }
    Path directory = file.toAbsolutePath().getParent();
    Files.createDirectories(directory);
    Path temporary =
        Files.createTempFile(
            directory,
            ".signing-key",
            ".tmp",
            PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
    try {
      Files.writeString(temporary, json, StandardCharsets.UTF_8);
      // not REPLACE_EXISTING: a key another process wrote meanwhile wins, and is read
      Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE);
    } catch (FileAlreadyExistsException e) {
      // another start made it first
    } finally {
      Files.deleteIfExists(temporary);
    }
  }

  private static SigningKey read(Path file) throws IOException {
    String json = Files.readString(file, StandardCharsets.UTF_8);
    try {
      PublicJsonWebKey key = PublicJsonWebKey.Factory.newPublicJwk(json);
      if (!(key instanceof EllipticCurveJsonWebKey ec)
          || !EllipticCurves.P_256.equals(ec.getCurveName())
          || key.getPrivateKey() == null) {
        throw new IllegalStateException(
            "the signing key " + file + " is not a P-256 private key (ES256)");
      }
      key.setKeyId(key.calculateBase64urlEncodedThumbprint(HashUtil.SHA_256));
      return new SigningKey(key);
    } catch (JoseException e) {
      throw new IllegalStateException("the signing key " + file + " is not a JWK", e);
    }
  }
}
