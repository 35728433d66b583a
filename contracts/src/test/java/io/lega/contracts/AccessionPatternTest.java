package io.lega.contracts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

/** A hub with other accession prefixes is served by configuration, not by code changes. */
class AccessionPatternTest {

  private static final String ACCESSION =
      """
      {"type":"accession","user":"alice","filepath":"a.c4gh","accession_id":"%s",
       "decrypted_checksums":[{"type":"md5","value":"d41d8cd98f00b204e9800998ecf8427e"}]}""";

  private final MessageCodec custom =
      MessageCodec.builder()
          .fileAccessionPattern("^XYZF[0-9]{6}$")
          .datasetAccessionPattern("^XYZD[0-9]{6}$")
          .build();

  @Test
  void customPatternsReplaceTheDefaults() {
    IngestionAccession accession =
        custom.decode(Samples.bytes(ACCESSION.formatted("XYZF123456")), IngestionAccession.class);
    DatasetMapping mapping =
        (DatasetMapping)
            custom.decodeHubToNode(
                Samples.bytes(
                    "{\"type\":\"mapping\",\"dataset_id\":\"XYZD000001\","
                        + "\"accession_ids\":[\"XYZF123456\"]}"));

    assertThat(accession.accessionId()).isEqualTo("XYZF123456");
    assertThat(mapping.accessionIds()).containsExactly("XYZF123456");
  }

  @Test
  void customPatternsRejectTheDefaultPrefix() {
    MalformedMessageException e =
        Expect.malformed(
            () -> custom.decodeHubToNode(Samples.bytes(ACCESSION.formatted("EGAF00000000001"))));

    assertThat(e.violations())
        .containsExactly("$.accession_id: does not match the regex pattern ^XYZF[0-9]{6}$");
    assertThat(
            Expect.invalid(
                    () ->
                        custom.encode(new DatasetMapping("EGAD00000000001", List.of("XYZF123456"))))
                .violations())
        .containsExactly("$.dataset_id: does not match the regex pattern ^XYZD[0-9]{6}$");
  }

  @Test
  void theDefaultCodecIsUnaffected() {
    MalformedMessageException e =
        Expect.malformed(
            () ->
                MessageCodec.shared()
                    .decodeHubToNode(Samples.bytes(ACCESSION.formatted("XYZF123456"))));

    assertThat(e.violations())
        .containsExactly("$.accession_id: does not match the regex pattern ^EGAF[0-9]{11}$");
  }

  @Test
  void anInvalidPatternIsRefusedWhenConfigured() {
    assertThatThrownBy(() -> MessageCodec.builder().fileAccessionPattern("^EGAF[0-9{11}$"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("not a valid regular expression");
  }
}
