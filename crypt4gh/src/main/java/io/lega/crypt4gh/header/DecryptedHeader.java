package io.lega.crypt4gh.header;

import io.lega.crypt4gh.error.MalformedHeaderException;
import io.lega.crypt4gh.error.NoDecryptablePacketException;
import io.lega.crypt4gh.error.SenderKeyMismatchException;
import io.lega.crypt4gh.keys.Crypt4ghPrivateKey;
import io.lega.crypt4gh.keys.Crypt4ghPublicKey;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What a header tells one reader: the data keys of the body (several when the file was written in
 * parts with different keys) and at most one edit list.
 */
public final class DecryptedHeader {
  private final List<DataEncryptionParameters> dataKeys;
  private final Optional<DataEditList> editList;
  private final List<OpenedPacket> packets;

  private DecryptedHeader(
      List<DataEncryptionParameters> dataKeys,
      Optional<DataEditList> editList,
      List<OpenedPacket> packets) {
    this.dataKeys = List.copyOf(dataKeys);
    this.editList = editList;
    this.packets = List.copyOf(packets);
  }

  /** For writers: the header content of a new file. */
  public static DecryptedHeader of(
      List<DataEncryptionParameters> dataKeys, Optional<DataEditList> editList) {
    if (dataKeys.isEmpty()) {
      throw new IllegalArgumentException("a header needs at least one data key");
    }
    List<OpenedPacket> packets = new ArrayList<>();
    return new DecryptedHeader(dataKeys, editList, packets);
  }

  /**
   * Opens every packet of {@code header} that {@code reader} can decrypt.
   *
   * @param expectedSender if present, packets written with another key are ignored
   * @throws NoDecryptablePacketException if no data key can be recovered
   * @throws SenderKeyMismatchException if packets decrypt, but none was written by the sender
   * @throws MalformedHeaderException if a packet is inconsistent, or there are two edit lists
   */
  public static DecryptedHeader open(
      Header header, Crypt4ghPrivateKey reader, Optional<Crypt4ghPublicKey> expectedSender)
      throws MalformedHeaderException, NoDecryptablePacketException, SenderKeyMismatchException {
    List<OpenedPacket> opened = new ArrayList<>();
    boolean otherSender = false;
    for (RawPacket packet : header.packets()) {
      Optional<OpenedPacket> maybe = PacketCrypto.open(packet, reader);
      if (maybe.isEmpty()) {
        continue;
      }
      if (expectedSender.isPresent() && !expectedSender.get().equals(maybe.get().writer())) {
        otherSender = true;
        continue;
      }
      opened.add(maybe.get());
    }
    List<DataEncryptionParameters> keys = new ArrayList<>();
    List<DataEditList> editLists = new ArrayList<>();
    for (OpenedPacket packet : opened) {
      if (packet.content() instanceof DataEncryptionParameters parameters) {
        keys.add(parameters);
      } else if (packet.content() instanceof DataEditList list) {
        editLists.add(list);
      }
    }
    if (keys.isEmpty()) {
      if (otherSender) {
        throw new SenderKeyMismatchException();
      }
      throw new NoDecryptablePacketException(
          "no header packet can be decrypted with this private key: the file was encrypted for "
              + "another recipient, or its header is damaged");
    }
    if (editLists.size() > 1) {
      throw new MalformedHeaderException(
          "the header holds "
              + editLists.size()
              + " edit lists for this reader; at most one is allowed");
    }
    return new DecryptedHeader(keys, editLists.stream().findFirst(), opened);
  }

  /** The data keys, in header order. */
  public List<DataEncryptionParameters> dataKeys() {
    return dataKeys;
  }

  public Optional<DataEditList> editList() {
    return editList;
  }

  /** The packets this reader opened (empty for a header built by a writer). */
  public List<OpenedPacket> openedPackets() {
    return packets;
  }

  /** The same keys, with another edit list (or none). */
  public DecryptedHeader withEditList(Optional<DataEditList> newEditList) {
    return new DecryptedHeader(dataKeys, newEditList, packets);
  }

  /**
   * Encrypts this header's content for each recipient: one packet per data key and per recipient,
   * plus one edit-list packet per recipient if there is an edit list.
   */
  public Header sealFor(List<Crypt4ghPublicKey> recipients, Crypt4ghPrivateKey writer) {
    if (recipients.isEmpty()) {
      throw new IllegalArgumentException("a header needs at least one recipient");
    }
    List<RawPacket> out = new ArrayList<>();
    for (Crypt4ghPublicKey recipient : recipients) {
      for (DataEncryptionParameters key : dataKeys) {
        out.add(PacketCrypto.seal(key, writer, recipient));
      }
      editList.ifPresent(list -> out.add(PacketCrypto.seal(list, writer, recipient)));
    }
    return new Header(out);
  }

  @Override
  public String toString() {
    return "DecryptedHeader[dataKeys=" + dataKeys.size() + ", editList=" + editList + "]";
  }
}
