package io.lega.crypt4gh.header;

import io.lega.crypt4gh.keys.Crypt4ghPublicKey;

/** A header packet this reader could decrypt: its content and the key it was written with. */
public record OpenedPacket(PacketContent content, Crypt4ghPublicKey writer) {}
