package io.lega.crypt4gh.header;

/** The decrypted content of a header packet: what a packet tells its reader. */
public sealed interface PacketContent permits DataEncryptionParameters, DataEditList {
  /** Packet type code on the wire: 0 for data encryption parameters, 1 for an edit list. */
  int typeCode();

  /** The plaintext bytes of the packet, as encrypted into the header. */
  byte[] encode();
}
