package io.lega.contracts;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The examples of docs/protocol.md, verbatim except that the "…" placeholders of the accession
 * example are filled in with real digests.
 */
class ProtocolExamplesTest {

  private final MessageCodec codec = MessageCodec.shared();

  @Test
  void ingest() {
    String body =
        """
        {"type":"ingest","user":"alice","filepath":"run1/sample.bam.c4gh",
         "encrypted_checksums":[{"type":"sha256","value":"82e4e60e7beb3db2e06a00a079788f7d71f75b61a4b75f28c4c942703dabb6d6"}]}
        """;

    HubToNodeMessage message = codec.decodeHubToNode(Samples.bytes(body));

    assertThat(message)
        .isEqualTo(
            new IngestionTrigger(
                "alice",
                "run1/sample.bam.c4gh",
                List.of(
                    Checksum.sha256(
                        "82e4e60e7beb3db2e06a00a079788f7d71f75b61a4b75f28c4c942703dabb6d6"))));
  }

  @Test
  void accession() {
    String body =
        """
        {"type":"accession","user":"alice","filepath":"run1/sample.bam.c4gh","accession_id":"EGAF00000000001",
         "decrypted_checksums":[{"type":"sha256","value":"%s"},{"type":"md5","value":"%s"}]}
        """
            .formatted(Samples.PLAIN_SHA256, Samples.PLAIN_MD5);

    HubToNodeMessage message = codec.decodeHubToNode(Samples.bytes(body));

    assertThat(message)
        .isEqualTo(
            new IngestionAccession(
                "alice", "run1/sample.bam.c4gh", "EGAF00000000001", Samples.DECRYPTED));
  }

  @Test
  void mapping() {
    String body =
        """
        {"type":"mapping","dataset_id":"EGAD00000000001","accession_ids":["EGAF00000000001"]}
        """;

    assertThat(codec.decodeHubToNode(Samples.bytes(body)))
        .isEqualTo(new DatasetMapping("EGAD00000000001", List.of("EGAF00000000001")));
  }

  @Test
  void userError() {
    String body =
        """
        {"user":"alice","filepath":"run1/sample.bam.c4gh","reason":"the file is not encrypted for this archive's key"}
        """;

    assertThat(codec.decodeNodeToHub("files.error", Samples.bytes(body)))
        .isEqualTo(
            new IngestionUserError(
                "alice",
                "run1/sample.bam.c4gh",
                "the file is not encrypted for this archive's key"));
  }
}
