package io.lega.inbox.sftp;

/** Algorithm of a newly generated SFTP host key. */
public enum HostKeyAlgorithm {
  /** Ed25519 (through BouncyCastle): small, fast, what OpenSSH prefers. */
  ED25519,
  /** RSA 3072 bits, for clients too old for Ed25519. */
  RSA
}
