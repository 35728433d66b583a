package io.lega.crypt4gh.keys;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetEncoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/** Turns a passphrase into the UTF-8 bytes the key-derivation functions take, as Python does. */
final class PassphraseBytes {
  private PassphraseBytes() {}

  /**
   * The UTF-8 encoding of {@code passphrase}, in a new array the caller wipes after use.
   *
   * @throws IllegalArgumentException when the passphrase holds an unpaired surrogate (Python's
   *     {@code str.encode()} refuses it too); the message does not show the passphrase
   */
  static byte[] utf8(char[] passphrase) {
    CharsetEncoder encoder =
        StandardCharsets.UTF_8
            .newEncoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT);
    ByteBuffer encoded;
    try {
      encoded = encoder.encode(CharBuffer.wrap(passphrase));
    } catch (CharacterCodingException e) {
      throw new IllegalArgumentException(
          "the passphrase is not valid Unicode text (it holds an unpaired surrogate)");
    }
    byte[] bytes = new byte[encoded.remaining()];
    encoded.get(bytes);
    if (encoded.hasArray()) {
      Arrays.fill(encoded.array(), (byte) 0);
    }
    return bytes;
  }
}
