package io.lega.crypt4gh.hostile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lega.crypt4gh.error.MalformedHeaderException;
import io.lega.crypt4gh.header.Header;
import io.lega.crypt4gh.header.HeaderLimits;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.junit.jupiter.api.Test;

/** Many packets of the largest allowed size still cannot make a header larger than the cap. */
class HeaderSizeCapTest {
  /** A header declaring MAX_PACKETS packets of MAX_PACKET_LENGTH bytes each, made on demand. */
  private static final class LargePackets extends InputStream {
    private final ByteBuffer preamble =
        ByteBuffer.allocate(16)
            .order(ByteOrder.LITTLE_ENDIAN)
            .put(Header.MAGIC)
            .putInt(1)
            .putInt(HeaderLimits.MAX_PACKETS)
            .flip();
    private long position;
    long served;

    @Override
    public int read() {
      served++;
      if (preamble.hasRemaining()) {
        return preamble.get() & 0xff;
      }
      long inPacket = position++ % HeaderLimits.MAX_PACKET_LENGTH;
      // length field = MAX_PACKET_LENGTH (little-endian), method 0, then zeros
      return inPacket == 2 ? (HeaderLimits.MAX_PACKET_LENGTH >>> 16) & 0xff : 0;
    }
  }

  @Test
  void aHeaderLargerThanTheCapIsRefusedBeforeItIsRead() {
    LargePackets in = new LargePackets();
    assertThatThrownBy(() -> Header.read(in))
        .isInstanceOf(MalformedHeaderException.class)
        .hasMessageContaining("larger than " + HeaderLimits.MAX_HEADER_LENGTH);
    assertThat(in.served).isLessThanOrEqualTo(HeaderLimits.MAX_HEADER_LENGTH + 4L);
  }
}
