package io.lega.crypt4gh.header;

import io.lega.crypt4gh.error.MalformedHeaderException;
import io.lega.crypt4gh.error.NoDecryptablePacketException;
import io.lega.crypt4gh.keys.Crypt4ghPrivateKey;
import io.lega.crypt4gh.keys.Crypt4ghPublicKey;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Re-wraps a header's packets for new recipients without touching the body: every packet the reader
 * can open is encrypted again for each recipient. The packets the reader cannot open are kept as
 * they are, unless {@code trim} drops them.
 */
public final class HeaderReencryption {
  private HeaderReencryption() {}

  /**
   * @param writer the key the new packets are written with (the reader's own key, as the reference
   *     tool does, or an ephemeral one)
   * @throws NoDecryptablePacketException if the reader can open no packet
   */
  public static Header reencrypt(
      Header header,
      Crypt4ghPrivateKey reader,
      List<Crypt4ghPublicKey> recipients,
      Crypt4ghPrivateKey writer,
      boolean trim)
      throws MalformedHeaderException, NoDecryptablePacketException {
    if (recipients.isEmpty()) {
      throw new IllegalArgumentException("re-encryption needs at least one recipient");
    }
    List<PacketContent> opened = new ArrayList<>();
    List<RawPacket> kept = new ArrayList<>();
    for (RawPacket packet : header.packets()) {
      Optional<OpenedPacket> maybe = PacketCrypto.open(packet, reader);
      if (maybe.isPresent()) {
        opened.add(maybe.get().content());
      } else if (!trim) {
        kept.add(packet);
      }
    }
    if (opened.stream().filter(DataEditList.class::isInstance).count() > 1) {
      throw new MalformedHeaderException(
          "the header holds more than one edit list for this reader; it cannot be re-encrypted");
    }
    if (opened.stream().noneMatch(DataEncryptionParameters.class::isInstance)) {
      throw new NoDecryptablePacketException(
          "no header packet can be decrypted with this private key, so none can be re-encrypted");
    }
    List<RawPacket> packets = new ArrayList<>();
    for (Crypt4ghPublicKey recipient : recipients) {
      for (PacketContent content : opened) {
        packets.add(PacketCrypto.seal(content, writer, recipient));
      }
    }
    packets.addAll(kept);
    return new Header(packets);
  }
}
